// `replication-tutor progress` through the built CLI (run `node scripts/build.mjs` first).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProgress } from '../../src/progress/progress-store.js';
import { cliPath, runBuiltCli } from '../run-cli.js';
import { listDir, tempHome } from './temp-home.js';

const stackTrace = /\bat .*:\d+:\d+/;

function progress(home: string, ...args: string[]) {
  return runBuiltCli(['progress', ...args], { env: { REPLICATION_TUTOR_HOME: home } });
}

/** A home with two lessons: one done (best 2/3), one in progress at step 3. */
function seededHome(): string {
  const home = tempHome();
  const { store } = openProgress({ home });
  store.startLesson('lost-tweet', { max: 3 });
  store.recordAnswer('lost-tweet', 'route', 1, 'leader', { scoreDelta: 2 });
  store.finishLesson('lost-tweet', 2, 3);
  store.startLesson('split-brain', { max: 5 });
  store.recordAnswer('split-brain', 'pick-node', 2, 'replica-1', { scoreDelta: 1 });
  return home;
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}

describe('replication-tutor progress', () => {
  it('with no progress says so, names the file and creates nothing', () => {
    const home = tempHome();
    const r = progress(home);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`No progress yet (stored in ${path.join(home, 'progress.json')})\n`);
    expect(r.stderr).toBe('');
    expect(listDir(home)).toEqual([]);
  });

  it('shows a table of lessons and ends with the file path', () => {
    const home = seededHome();
    const r = progress(home);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^LESSON\s+STATUS\s+SCORE\s+BEST\s+LAST STEP\s+UPDATED$/);
    expect(lines[1]).toMatch(
      /^lost-tweet\s+done\s+2\/3\s+2\/3\s+step 2 \(route\)\s+\d{4}-\d\d-\d\d \d\d:\d\d$/,
    );
    expect(lines[2]).toMatch(
      /^split-brain\s+in-progress\s+1\/5\s+-\s+step 3 \(pick-node\)\s+\d{4}-/,
    );
    expect(lastLine(r.stdout)).toBe(`Progress file: ${path.join(home, 'progress.json')}`);
  });

  it('words a last step without an id as its number alone (step 39, not "39. #38")', () => {
    const home = tempHome();
    const { store } = openProgress({ home });
    store.startLesson('gitlab-2017', { max: 16 });
    store.recordStep('gitlab-2017', 38, '#38');
    const line = progress(home).stdout.split('\n')[1] ?? '';
    expect(line).toMatch(/^gitlab-2017\s+in-progress\s+0\/16\s+-\s+step 39\s+\d{4}-/);
    expect(line).not.toContain('#38');
  });

  it('summarises the interview drill: questions answered, well known, due now, last drill', () => {
    const home = seededHome();
    const { store } = openProgress({ home });
    const card = (box: number, due: string) => ({
      topic: 'sync-async',
      box,
      due,
      seen: 2,
      correct: 1,
      wrong: 1,
      last: '2026-01-01T00:00:00.000Z',
      lastCorrect: true,
    });
    store.setQuizCard('q-due', card(1, '2000-01-01T00:00:00.000Z'));
    store.setQuizCard('q-known', card(4, '2999-01-01T00:00:00.000Z'));
    store.addQuizDrill({
      at: '2026-01-01T00:00:00.000Z',
      seed: 7,
      score: 6,
      asked: 10,
      review: false,
    });
    const r = progress(home);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'Interview drill: 2 questions answered, 1 well known (box 3 or higher), 1 due for review now (replication-tutor quiz --review)',
    );
    expect(r.stdout).toMatch(/Last drill: \d{4}-\d\d-\d\d \d\d:\d\d, 6\/10\n/);
    expect(r.stdout.split('\n')[0]).toMatch(/^LESSON/);
    // Resetting lessons keeps the drill.
    expect(progress(home, '--reset').status).toBe(0);
    const after = progress(home);
    expect(after.stdout).not.toContain('LESSON');
    expect(after.stdout).toContain('Interview drill: 2 questions answered');
  });

  it('--json prints the whole file', () => {
    const home = seededHome();
    const r = progress(home, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(
      JSON.parse(fs.readFileSync(path.join(home, 'progress.json'), 'utf8')),
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ version: 2, quiz: { cards: {}, drills: [] } });
  });

  it('--reset <lesson> forgets that lesson only', () => {
    const home = seededHome();
    const r = progress(home, '--reset', 'split-brain');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Reset progress for lesson "split-brain"');
    expect(lastLine(r.stdout)).toContain(path.join(home, 'progress.json'));
    expect(
      openProgress({ home })
        .store.lessons()
        .map(([id]) => id),
    ).toEqual(['lost-tweet']);
  });

  it('--reset <lesson> with no saved progress is exit 2, one line, with a suggestion', () => {
    const home = seededHome();
    const before = fs.readFileSync(path.join(home, 'progress.json'), 'utf8');
    const r = progress(home, '--reset', 'lost-twet');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no progress for lesson "lost-twet" (did you mean "lost-tweet"?)');
    expect(fs.readFileSync(path.join(home, 'progress.json'), 'utf8')).toBe(before);
  });

  it('--reset forgets everything after a backup it tells you about', () => {
    const home = seededHome();
    const file = path.join(home, 'progress.json');
    const before = fs.readFileSync(file, 'utf8');
    const r = progress(home, '--reset');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Reset progress for 2 lessons.');
    expect(r.stdout).toContain(`${file}.bak`);
    expect(lastLine(r.stdout)).toBe(`Progress file: ${file}`);
    expect(fs.readFileSync(`${file}.bak`, 'utf8')).toBe(before);
    expect(progress(home).stdout).toContain('No progress yet');
  });

  it('--reset with nothing saved writes nothing', () => {
    const home = tempHome();
    const r = progress(home, '--reset');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No progress to reset');
    expect(listDir(home)).toEqual([]);
  });

  it('--json and --reset together are a usage error', () => {
    const r = progress(seededHome(), '--json', '--reset');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot be used with');
  });

  it('moves a corrupt file aside with a warning naming both paths', () => {
    const home = tempHome();
    const file = path.join(home, 'progress.json');
    fs.writeFileSync(file, '{"version": 1, oops');
    const r = progress(home);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^replication-tutor: warning: /);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain(`${file}.corrupt-1`);
    expect(r.stdout).toContain('No progress yet');
    expect(fs.readFileSync(`${file}.corrupt-1`, 'utf8')).toBe('{"version": 1, oops');
  });

  it('an unusable directory is one line and exit 2, never a stack trace', () => {
    const blocker = path.join(tempHome(), 'file');
    fs.writeFileSync(blocker, '');
    const r = progress(path.join(blocker, 'rt'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^replication-tutor: cannot read progress file .*progress\.json: /);
    expect(r.stderr).not.toMatch(stackTrace);
  });

  it('help says where the file lives and how --reset treats unknown lessons', () => {
    const r = runBuiltCli(['progress', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('REPLICATION_TUTOR_HOME');
    expect(r.stdout).toContain('~/.local/share/replication-tutor');
    expect(r.stdout).toContain('~/Library/Application Support/replication-tutor');
    expect(r.stdout).toContain('%APPDATA%\\replication-tutor');
    expect(r.stdout).toContain('progress.json.bak');
    expect(r.stdout).toMatch(/no saved progress is an error \(exit 2\)/);
  });

  it('keeps the store out of the entry bundle, so --help does not load it', () => {
    expect(fs.readFileSync(cliPath, 'utf8')).not.toContain('ZodError');
  });
});
