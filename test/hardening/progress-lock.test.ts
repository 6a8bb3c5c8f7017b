// Progress that cannot be lost: saves from several processes are serialised by a lock file
// (merge under the lock), a lock left by a killed process is broken, and temp files left by a
// kill mid-save are cleaned up.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { lockPath } from '../../src/progress/progress-lock.js';
import { openProgress } from '../../src/progress/progress-store.js';
import { listDir, tempHome } from '../progress/temp-home.js';
import { cliNode, repoRoot } from '../run-cli.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-lock-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A child that plays lesson `id` to the end `rounds` times, each time as a new process would. */
function buildPlayer(): string {
  const entry = path.join(work, 'player-entry.ts');
  fs.writeFileSync(
    entry,
    `import { openProgress } from ${JSON.stringify(path.join(repoRoot, 'src/progress/progress-store.ts'))};
const [home, id, rounds] = process.argv.slice(2);
for (let i = 0; i < Number(rounds); i++) {
  const { store } = openProgress({ home });
  store.startLesson(id, { max: 2 });
  store.recordAnswer(id, 'q1', 1, '0', { scoreDelta: 1 });
  store.recordStep(id, 2, 'end');
  store.finishLesson(id, 1, 2);
}
`,
  );
  const out = path.join(work, 'player.mjs');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'error',
  });
  return out;
}

function run(script: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cliNode, [script, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('saves from several processes', () => {
  it('two processes finishing different lessons 100 times each lose nothing', async () => {
    const player = buildPlayer();
    const home = tempHome();
    const ROUNDS = 100;
    const [a, b] = await Promise.all([
      run(player, [home, 'lesson-a', String(ROUNDS)]),
      run(player, [home, 'lesson-b', String(ROUNDS)]),
    ]);
    expect(a).toEqual({ code: 0, stderr: '' });
    expect(b).toEqual({ code: 0, stderr: '' });
    const { store } = openProgress({ home });
    for (const id of ['lesson-a', 'lesson-b']) {
      expect(store.lesson(id)).toMatchObject({ status: 'done', attempts: ROUNDS, score: 1 });
    }
    expect(listDir(home)).toEqual(['progress.json']);
  }, 120_000);
});

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('kill -9 in the middle of saving', () => {
  it('leaves a valid file, and the next save goes through at once (no stale lock, no temp files)', async () => {
    const player = buildPlayer();
    const home = tempHome();
    for (let i = 0; i < 15; i++) {
      const child = spawn(cliNode, [player, home, `lesson-${i % 3}`, '1000'], { stdio: 'ignore' });
      // Long enough to be saving (each round saves four times), at a different moment each time.
      await new Promise((resolve) => setTimeout(resolve, 120 + ((i * 37) % 150)));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('exit', resolve));
      const warnings: string[] = [];
      const { store } = openProgress({ home, onWarning: (w) => warnings.push(w) });
      expect(warnings).toEqual([]);
      const start = Date.now();
      store.startLesson('after-kill', { max: 1 });
      expect(Date.now() - start).toBeLessThan(5_000);
      expect(listDir(home)).toEqual(['progress.json']);
    }
  }, 120_000);
});

describe('the lock file', () => {
  it('left by a process that no longer exists is broken at once', () => {
    const home = tempHome();
    const { store } = openProgress({ home, lock: { waitMs: 5_000 } });
    const lock = lockPath(store.path);
    fs.writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: os.hostname(), token: 'x' }));
    const start = Date.now();
    store.startLesson('a', { max: 1 });
    expect(Date.now() - start).toBeLessThan(2_000);
    expect(fs.existsSync(lock)).toBe(false);
    expect(openProgress({ home }).store.lesson('a').status).toBe('in-progress');
  });

  it('older than the stale limit is broken even when its pid is alive (a reused pid)', () => {
    const home = tempHome();
    const { store } = openProgress({ home, lock: { waitMs: 5_000, staleMs: 200 } });
    const lock = lockPath(store.path);
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'x' }));
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    store.startLesson('a', { max: 1 });
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('held by a live process is waited for, then a one-line error names it', () => {
    const home = tempHome();
    const { store } = openProgress({ home, lock: { waitMs: 300 } });
    const lock = lockPath(store.path);
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'x' }));
    expect(() => store.startLesson('a', { max: 1 })).toThrow(
      new RegExp(
        `^cannot save progress to .*progress\\.json: process ${process.pid} on .* holds .*progress\\.json\\.lock; if no replication-tutor is running, delete that file$`,
      ),
    );
    expect(fs.existsSync(lock)).toBe(true);
    expect(store.lesson('a').status).toBe('new');
  });
});

describe('temp files left by a kill mid-save', () => {
  it('are removed by the next save: a dead writer’s at once, any writer’s once old', () => {
    const home = tempHome();
    const { store } = openProgress({ home });
    const file = store.path;
    const dead = `${file}.tmp-${deadPid()}-0badc0de`;
    const oldLive = `${file}.tmp-${process.ppid}-1badc0de`;
    const freshLive = `${file}.tmp-${process.ppid}-2badc0de`;
    const backup = `${file}.bak.tmp-${deadPid()}-3badc0de`;
    for (const f of [dead, oldLive, freshLive, backup]) fs.writeFileSync(f, '{"half": ');
    const old = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(oldLive, old, old);
    fs.writeFileSync(path.join(home, 'notes.tmp-1-abc'), 'not ours');
    store.startLesson('a', { max: 1 });
    expect(listDir(home)).toEqual(
      ['notes.tmp-1-abc', 'progress.json', path.basename(freshLive)].sort(),
    );
  });
});

describe('a symlinked progress.json', () => {
  it.skipIf(process.platform === 'win32')('stays a symlink; the save goes to its target', () => {
    const home = tempHome();
    const elsewhere = tempHome();
    const target = path.join(elsewhere, 'synced-progress.json');
    const first = openProgress({ home: elsewhere }).store;
    first.startLesson('kept', { max: 1 });
    fs.renameSync(first.path, target);
    fs.symlinkSync(target, path.join(home, 'progress.json'));
    const { store } = openProgress({ home });
    expect(store.lesson('kept').status).toBe('in-progress');
    store.startLesson('new-one', { max: 1 });
    expect(fs.lstatSync(path.join(home, 'progress.json')).isSymbolicLink()).toBe(true);
    const saved = JSON.parse(fs.readFileSync(target, 'utf8')) as { lessons: object };
    expect(Object.keys(saved.lessons).sort()).toEqual(['kept', 'new-one']);
    expect(listDir(elsewhere)).toEqual(['synced-progress.json']);
  });

  it.skipIf(process.platform === 'win32')(
    'a dangling one is written through, to its target',
    () => {
      const home = tempHome();
      const elsewhere = tempHome();
      const target = path.join(elsewhere, 'not-yet.json');
      fs.symlinkSync(target, path.join(home, 'progress.json'));
      openProgress({ home }).store.startLesson('a', { max: 1 });
      expect(fs.lstatSync(path.join(home, 'progress.json')).isSymbolicLink()).toBe(true);
      expect(fs.existsSync(target)).toBe(true);
    },
  );
});
