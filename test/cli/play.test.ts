// `play` as a user runs it from a pipe: plain mode, JSON Lines, answers files, saved progress.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/lesson/catalog/answers-file.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import { runBuiltCli } from '../run-cli.js';

let home = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'rt-play-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const env = () => ({ REPLICATION_TUTOR_HOME: home });

/** The seed the typed-answer runs give with --seed: it fixes the order of the choices. */
const SEED = 5;

/**
 * The reference answers of a lesson as the 1-based numbers a person would type, where the
 * choices are shown to them in the order --seed SEED gives.
 */
async function typedAnswers(id: string): Promise<string[]> {
  const r = await loadLessonFile(`lessons/${id}.yaml`);
  if (!r.ok) throw new Error('lesson does not load');
  const { choices: answers, tasks } = await loadAnswers(`lessons/answers/${id}.yaml`, r.lesson);
  const runner = new LessonRunner(r.lesson, { seed: SEED, choiceSeed: SEED });
  // A task's lines are typed as they are, one per line.
  return r.lesson.steps.flatMap((s) =>
    answers.has(s.label)
      ? [String(runner.displayIndex(s.label, answers.get(s.label)!) + 1)]
      : (tasks.get(s.label) ?? []),
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
    const r = runBuiltCli(['play', 'lost-tweet', '--plain', '--seed', String(SEED)], {
      input,
      env: env(),
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('The Lost Tweet');
    expect(r.stdout).toContain('Question: ');
    expect(r.stdout).toMatch(/Cluster at t=\d+\.\d{3}s — primary: leader, LSN \d+/);
    expect(r.stdout).toContain(
      'read "tweet-101" on replica-2 → nothing (replica-2 had applied LSN 0)',
    );
    // Every typed answer was the right one, as shown in the shuffled order.
    expect(r.stdout).toContain('Lesson complete. Score: 19/19.');
    const saved = progress().lessons['lost-tweet']!;
    expect(saved.status).toBe('done');
    expect(saved.score).toBe(19);
  });

  it('after a wrong choice, says so and goes on with the story', async () => {
    const file = join(home, 'wrong.yaml');
    writeFileSync(
      file,
      readFileSync('lessons/answers/disappearing-comment.yaml', 'utf8').replace(
        /^c-next-refresh: .*$/m,
        'c-next-refresh: replica-2',
      ),
    );
    const args = ['play', 'disappearing-comment', '--answers', file];
    const r = runBuiltCli([...args, '--plain'], { env: env() });
    expect(r.status).toBe(0);
    const out = r.stdout;
    const wrong = out.indexOf('Your answer: 3. replica-2');
    // The lesson's own resume text for this choose.
    const back = out.indexOf("Back to Alice's morning: this refresh went to replica-1");
    expect(wrong).toBeGreaterThan(0);
    expect(back).toBeGreaterThan(wrong);
    // The question is shown before what the learner's option did.
    expect(out.indexOf('Route her next refresh')).toBeLessThan(wrong);
    expect(out.slice(back)).toMatch(/read "answer-1" on replica-1 → "Yes/);
    const json = runBuiltCli([...args, '--json'], { env: env() })
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const detour = json.filter((l) => l.detour === true).map((l) => l.kind);
    expect(detour).toEqual(['read', 'choose']);
    expect(json.find((l) => l.resume === true)).toMatchObject({
      kind: 'say',
      step: 'c-next-refresh',
    });
    // Later grading holds: one wrong answer, everything else right.
    expect(json.at(-1)).toMatchObject({ kind: 'summary', complete: true });
    expect((json.at(-1)!.max as number) - (json.at(-1)!.score as number)).toBe(2);
  });

  it('shows a learner the same order again, another learner another order', () => {
    const questions = (out: string) => out.split('\n').filter((l) => /^ {2}\d\. /.test(l));
    const first = runBuiltCli(['play', 'lost-tweet', '--restart'], { input: '', env: env() });
    const again = runBuiltCli(['play', 'lost-tweet', '--restart'], { input: '', env: env() });
    expect(questions(first.stdout).length).toBeGreaterThan(0);
    expect(questions(again.stdout)).toEqual(questions(first.stdout));
    const seed = (
      JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8')) as {
        learnerSeed: number;
      }
    ).learnerSeed;
    expect(Number.isInteger(seed)).toBe(true);
    // The first question’s order for six other learners: not always this one.
    const orders = new Set<string>();
    for (let learner = 0; learner < 6; learner++) {
      const other = mkdtempSync(join(tmpdir(), 'rt-learner-'));
      writeFileSync(
        join(other, 'progress.json'),
        JSON.stringify({
          version: 2,
          updatedAt: new Date().toISOString(),
          lessons: {},
          quiz: { cards: {}, drills: [] },
          learnerSeed: learner,
        }),
      );
      const r = runBuiltCli(['play', 'lost-tweet'], {
        input: '',
        env: { REPLICATION_TUTOR_HOME: other },
      });
      orders.add(questions(r.stdout).join('|'));
      rmSync(other, { recursive: true, force: true });
    }
    expect(orders.size).toBeGreaterThan(1);
    // Eight runs of the CLI: more than the default limit on a busy machine.
  }, 120_000);

  it('gives a progress file from before learner seeds one, keeping its lessons', () => {
    const file = join(home, 'progress.json');
    const now = new Date().toISOString();
    const old = {
      status: 'done',
      score: 4,
      max: 4,
      best: { score: 4, max: 4, at: now },
      lastStep: null,
      answers: [],
      attempts: 1,
      startedAt: now,
      finishedAt: now,
      updatedAt: now,
    };
    writeFileSync(
      file,
      JSON.stringify({
        version: 2,
        updatedAt: now,
        lessons: { other: old },
        quiz: { cards: {}, drills: [] },
      }),
    );
    runBuiltCli(['play', 'lost-tweet'], { input: '', env: env() });
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(Number.isInteger(saved.learnerSeed)).toBe(true);
    expect(saved.lessons.other).toEqual(old);
  });

  it('is chosen automatically when stdin is not a terminal', async () => {
    const r = runBuiltCli(['play', 'lost-tweet'], { input: '', env: env() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Question: ');
    expect(r.stderr).not.toContain('Raw mode');
  });

  it('stops at the end of input with progress saved, and resumes there', async () => {
    const answers = await typedAnswers('lost-tweet');
    const play = ['play', 'lost-tweet', '--seed', String(SEED)];
    const first = runBuiltCli(play, { input: `${answers[0]}\n`, env: env() });
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Your progress is saved');
    expect(progress().lessons['lost-tweet']!.status).toBe('in-progress');
    expect(progress().lessons['lost-tweet']!.answers).toHaveLength(1);
    const second = runBuiltCli(play, {
      input: `${answers.slice(1).join('\n')}\n`,
      env: env(),
    });
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('Resuming: replaying your 1 earlier answer(s).');
    expect(second.stdout).toContain('Lesson complete. Score: 19/19.');
    expect(progress().lessons['lost-tweet']!.status).toBe('done');
  });

  it('prints the question, then the answer, then what the question played', async () => {
    const check = (out: string) => {
      const lines = out.split('\n');
      const question = lines.findIndex((l) => l.startsWith('Question: Three more seconds pass.'));
      const answer = lines.findIndex((l, i) => i > question && l.startsWith('Your answer: '));
      const played = lines.findIndex(
        (l, i) => i > question && /^t=15\.\d{3}s {2}\(time passes\)/.test(l),
      );
      const verdict = lines.findIndex((l, i) => i > question && l.startsWith('✓ Correct'));
      expect(question).toBeGreaterThan(-1);
      expect([question < answer, answer < played, played < verdict]).toEqual([true, true, true]);
    };
    const fromFile = runBuiltCli(
      [
        'play',
        'lessons/failover.yaml',
        '--plain',
        '--seed',
        String(SEED),
        '--answers',
        'lessons/answers/failover.yaml',
      ],
      { env: env() },
    );
    expect(fromFile.status).toBe(0);
    check(fromFile.stdout);
    rmSync(home, { recursive: true, force: true });
    const piped = runBuiltCli(['play', 'failover', '--plain', '--seed', String(SEED)], {
      input: `${(await typedAnswers('failover')).join('\n')}\n`,
      env: env(),
    });
    expect(piped.status).toBe(0);
    check(piped.stdout);
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
    expect(steps.some((s) => s.detour || s.resume)).toBe(false);
    for (const g of graded) {
      expect(typeof g.answer).toBe('number');
      expect(g.correct).toBe(true);
    }
    expect(steps.find((s) => s.step === '#0')).toMatchObject({ t: 0, kind: 'say' });
    expect(lines.some((l) => l.kind === 'question')).toBe(false);
    // Every step line carries every node's status, as the status view shows it.
    for (const s of steps) {
      const nodes = s.nodes as Record<string, unknown>[];
      expect(nodes.map((n) => n.id)).toEqual(['primary', 'replica-1', 'replica-2']);
      for (const n of nodes) {
        expect(Object.keys(n)).toEqual(
          expect.arrayContaining(['role', 'status', 'receivedLsn', 'appliedLsn', 'replayAge']),
        );
        expect(Object.keys(n)).toEqual(
          expect.arrayContaining(['secondsBehind', 'appliedBehindBytes', 'diskUsed']),
        );
      }
    }
    const first = steps.find((s) => s.kind === 'write')!;
    const primary = (first.nodes as { id: string; appliedLsn: number }[])[0]!;
    expect(primary.appliedLsn).toBe(first.lsn);
    const summary = lines[lines.length - 1]!;
    expect(summary).toMatchObject({ kind: 'summary', lesson: 'lost-tweet', complete: true });
    expect(summary.score).toBe(summary.max);
    const again = runBuiltCli(args, { env: env() });
    expect(again.stdout).toBe(r.stdout);
  });

  it('asks a question with its choices as shown and each one’s place in the file', async () => {
    const r = runBuiltCli(['play', 'lost-tweet', '--json', '--seed', '3'], {
      input: '',
      env: env(),
    });
    const question = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; choices?: string[]; order?: number[] })
      .find((l) => l.kind === 'question');
    const loaded = await loadLessonFile('lessons/lost-tweet.yaml');
    if (!loaded.ok) throw new Error('lost-tweet does not load');
    const step = loaded.lesson.steps.find((s) => s.label === 'p-reload');
    if (!step || !('choices' in step)) throw new Error('no p-reload');
    expect(question?.order).toEqual(
      new LessonRunner(loaded.lesson, { choiceSeed: 3 }).order('p-reload'),
    );
    expect(question?.choices).toEqual(question?.order?.map((i) => step.choices[i]!.label));
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
      `${file}:2:1: no question or task "q-dupliate" in lesson lost-tweet (did you mean "q-duplicate"?)`,
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
