// A progress directory that can be read but not written is a one-line warning, and the run
// goes on: play, the menu and the drill in plain mode alike, never a stack trace, and never
// "progress will not be saved" beside "Your progress is saved".
// /proc/self is such a directory even for root (CI runs as root, where chmod stops nothing);
// where the tests run as root and a plain user can read the build, a real read-only home with
// a progress file in it is tried as that user too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openProgress } from '../../src/progress/progress-store.js';
import { cliNode, cliPath, repoRoot, runBuiltCli } from '../run-cli.js';

const linux = process.platform === 'linux';
const UNWRITABLE = '/proc/self';
const env = { REPLICATION_TUTOR_HOME: UNWRITABLE };

function expectOneWarning(stderr: string, home = UNWRITABLE): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    new RegExp(
      `^warning: progress will not be saved: cannot save progress to ${home}/progress\\.json: [a-z ]+$`,
    ),
  );
}

describe.skipIf(!linux)('an unwritable progress directory', () => {
  it('is said once by the store, which goes on in memory', () => {
    const failures: string[] = [];
    const { store } = openProgress({ home: UNWRITABLE, onSaveFailed: (m) => failures.push(m) });
    expect(store.saving).toBe(true);
    store.startLesson('a', { max: 2 });
    store.recordAnswer('a', 'q1', 1, '0', { scoreDelta: 1 });
    store.finishLesson('a', 1, 2);
    store.setQuizCard('x', {
      topic: 't',
      box: 1,
      due: '2025-01-01T00:00:00.000Z',
      seen: 1,
      correct: 0,
      wrong: 1,
      last: '2025-01-01T00:00:00.000Z',
      lastCorrect: false,
    });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^cannot save progress to \/proc\/self\/progress\.json: /);
    expect(store.saving).toBe(false);
    expect(store.lesson('a')).toMatchObject({ status: 'done', score: 1, best: { score: 1 } });
    expect(Object.keys(store.quiz().cards)).toEqual(['x']);
  });

  it('play --plain: one warning line, the lesson plays on, and no claim that it was saved', () => {
    const r = runBuiltCli(['play', 'lost-tweet', '--plain'], { input: '1\n', env });
    expect(r.status).toBe(0);
    expectOneWarning(r.stderr);
    expect(r.stdout).toContain('Your progress was not saved (see the warning above).');
    expect(r.stdout).not.toContain('Your progress is saved');
  });

  it('play to the end: the lesson completes', () => {
    const r = runBuiltCli(['play', 'lost-tweet', '--json'], {
      input: `${'1\n'.repeat(40)}`,
      env,
    });
    expect(r.status).toBe(0);
    expectOneWarning(r.stderr);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/"kind":"summary".*"complete":true/);
  });

  it('the menu in plain mode: one warning line, the lesson plays on', () => {
    const r = runBuiltCli([], { input: '1\n1\n', env });
    expect(r.status).toBe(0);
    expectOneWarning(r.stderr);
    expect(r.stdout).toContain('Your progress was not saved');
    expect(r.stdout).not.toContain('Your progress is saved');
  });

  it('the drill in plain mode: one warning line, the drill and its report go on', () => {
    const r = runBuiltCli(['quiz', '--plain', '--count', '2', '--seed', '1'], {
      input: '1\n1\n',
      env,
    });
    expect(r.status).toBe(0);
    expectOneWarning(r.stderr);
    expect(r.stdout).toMatch(/Score|score/);
  });
});

// A real home the learner may read but not write, as a user without root's override.
const NOBODY = 65534;
const asNobody =
  linux &&
  process.getuid?.() === 0 &&
  spawnSync(cliNode, ['-e', `require('fs').accessSync(${JSON.stringify(cliPath)})`], {
    uid: NOBODY,
    gid: NOBODY,
    cwd: '/',
  }).status === 0;

describe.skipIf(!asNobody)('a read-only home with progress in it, as a plain user', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-readonly-'));
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it('resumes what was saved, warns once and plays on', () => {
    fs.chmodSync(home, 0o755);
    const saved = runBuiltCli(['play', 'lost-tweet', '--plain'], {
      input: '1\n',
      env: { REPLICATION_TUTOR_HOME: home },
    });
    expect(saved.status).toBe(0);
    fs.chmodSync(path.join(home, 'progress.json'), 0o644);
    const r = spawnSync(cliNode, [cliPath, 'play', 'lost-tweet', '--plain'], {
      uid: NOBODY,
      gid: NOBODY,
      cwd: repoRoot,
      input: '1\n',
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', REPLICATION_TUTOR_HOME: home },
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expectOneWarning(r.stderr, home);
    expect(r.stderr).toContain('permission denied');
    expect(r.stdout).toContain('Resuming: replaying your 1 earlier answer(s).');
    expect(r.stdout).not.toContain('Your progress is saved');
  });
});
