// `play` as a user runs it from a pipe: plain mode, JSON Lines, answers files, saved progress.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/lesson/catalog/answers-file.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import { runBuiltCli } from '../run-cli.js';

let home = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'rt-play-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const env = () => ({ REPLICATION_TUTOR_HOME: home });

/** The reference answers of a lesson as the 1-based numbers a person would type. */
async function typedAnswers(id: string): Promise<string[]> {
  const r = await loadLessonFile(`lessons/${id}.yaml`);
  if (!r.ok) throw new Error('lesson does not load');
  const answers = await loadAnswersFile(`lessons/answers/${id}.yaml`, r.lesson);
  return r.lesson.steps.flatMap((s) =>
    answers.has(s.label) ? [String(answers.get(s.label)! + 1)] : [],
  );
}

function progress(): {
  lessons: Record<string, { status: string; score: number; answers: unknown[] }>;
} {
  return JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
}

describe('play in plain mode', () => {
  it('can be completed from a pipe, and saves the finished lesson', async () => {
    const input = `${(await typedAnswers('lost-tweet')).join('\n')}\n`;
    const r = runBuiltCli(['play', 'lost-tweet', '--plain'], { input, env: env() });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('The Lost Tweet');
    expect(r.stdout).toContain('Question: ');
    expect(r.stdout).toMatch(/Cluster at t=\d+\.\d{3}s — primary: leader, LSN \d+/);
    expect(r.stdout).toContain(
      'read "tweet-101" on replica-2 → nothing (replica-2 had applied LSN 0)',
    );
    expect(r.stdout).toMatch(/Lesson complete\. Score: \d+\/\d+\./);
    const saved = progress().lessons['lost-tweet']!;
    expect(saved.status).toBe('done');
    expect(saved.score).toBeGreaterThan(0);
  });

  it('is chosen automatically when stdin is not a terminal', async () => {
    const r = runBuiltCli(['play', 'lost-tweet'], { input: '', env: env() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Question: ');
    expect(r.stderr).not.toContain('Raw mode');
  });

  it('stops at the end of input with progress saved, and resumes there', async () => {
    const answers = await typedAnswers('lost-tweet');
    const first = runBuiltCli(['play', 'lost-tweet'], { input: `${answers[0]}\n`, env: env() });
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Your progress is saved');
    expect(progress().lessons['lost-tweet']!.status).toBe('in-progress');
    expect(progress().lessons['lost-tweet']!.answers).toHaveLength(1);
    const second = runBuiltCli(['play', 'lost-tweet'], {
      input: `${answers.slice(1).join('\n')}\n`,
      env: env(),
    });
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('Resuming: replaying your 1 earlier answer(s).');
    expect(second.stdout).toContain('Lesson complete.');
    expect(progress().lessons['lost-tweet']!.status).toBe('done');
  });

  it('shows a hint on h and re-asks on nonsense', () => {
    const r = runBuiltCli(['play', 'lost-tweet'], { input: 'h\nbanana\n9\n', env: env() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Hint: Compare replica-2');
    expect(r.stdout).toMatch(
      /Please type a number from 1 to 3, or h for a hint\.\n.*\n?Please type/,
    );
  });
});

describe('play --json', () => {
  it('prints one JSON object per executed step and a summary, the same on every run', () => {
    const args = ['play', 'lost-tweet', '--json', '--answers', 'lessons/answers/lost-tweet.yaml'];
    const r = runBuiltCli(args, { env: env() });
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const l of lines) expect(typeof l.kind).toBe('string');
    const steps = lines.slice(0, -1);
    for (const s of steps) {
      expect(typeof s.t).toBe('number');
      expect(typeof s.step).toBe('string');
    }
    const reads = steps.filter((s) => s.kind === 'read');
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads)
      expect(Object.keys(read)).toEqual(
        expect.arrayContaining(['node', 'key', 'value', 'lsn', 'stale']),
      );
    const graded = steps.filter((s) => ['quiz', 'predict', 'choose'].includes(s.kind as string));
    expect(graded.length).toBe(8);
    for (const g of graded) {
      expect(typeof g.answer).toBe('number');
      expect(g.correct).toBe(true);
    }
    expect(steps.find((s) => s.step === '#0')).toMatchObject({ t: 0, kind: 'say' });
    const summary = lines[lines.length - 1]!;
    expect(summary).toMatchObject({ kind: 'summary', lesson: 'lost-tweet', complete: true });
    expect(summary.score).toBe(summary.max);
    const again = runBuiltCli(args, { env: env() });
    expect(again.stdout).toBe(r.stdout);
  });

  it('depends on the seed only where the lesson means it to', () => {
    const a = runBuiltCli(
      [
        'play',
        'lost-tweet',
        '--json',
        '--answers',
        'lessons/answers/lost-tweet.yaml',
        '--seed',
        '3',
      ],
      { env: env() },
    );
    const b = runBuiltCli(
      [
        'play',
        'lost-tweet',
        '--json',
        '--answers',
        'lessons/answers/lost-tweet.yaml',
        '--seed',
        '3',
      ],
      { env: env() },
    );
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('play: bad input', () => {
  it('rejects a bad seed with one line and exit 2', () => {
    const r = runBuiltCli(['play', 'lost-tweet', '--seed', 'abc'], { env: env() });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'replication-tutor: --seed: expected a whole number from 0 to 999999999, found "abc"',
    ]);
  });

  it('suggests the nearest lesson id', () => {
    const r = runBuiltCli(['play', 'lost-twet'], { env: env() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown lesson "lost-twet"');
    expect(r.stderr).toContain('did you mean "lost-tweet"?');
  });

  it('reports an answers file problem with file:line:col', () => {
    const file = join(home, 'answers.yaml');
    writeFileSync(file, 'p-reload: 1\nq-dupliate: 1\n');
    const r = runBuiltCli(['play', 'lost-tweet', '--answers', file], { env: env() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `${file}:2:1: no question "q-dupliate" in lesson lost-tweet (did you mean "q-duplicate"?)`,
    );
    const out = join(home, 'range.yaml');
    writeFileSync(out, 'p-reload: 7\n');
    const r2 = runBuiltCli(['play', 'lost-tweet', '--answers', out], { env: env() });
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain(
      `${out}:1:11: p-reload: 7 is out of range: expected a 0-based index from 0 to 2`,
    );
  });
});

describe('play into a closed pipe', () => {
  it('stops quietly when the reader goes away (| head)', () => {
    const r = spawnSync(
      'sh',
      [
        '-c',
        'node dist/cli.js play lost-tweet --json --answers lessons/answers/lost-tweet.yaml | head -1; echo "status=$?"',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, REPLICATION_TUTOR_HOME: home },
      },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toMatch(/^\{"t":0,"step":"#0","kind":"say"/);
  });
});
