// Time to the first frame of the menu: the built CLI (`replication-tutor`, no arguments) in
// a pseudo-terminal (util-linux `script`), against a bare unbundled Ink "hello box" in the
// same pseudo-terminal, alternating, median of 12 runs each. Target: at most 0.6 of it, on a
// first run (no progress file: what `npx replication-tutor` shows the first time, when the
// progress store opens after the first frame). A returning learner's menu, which reads and
// checks progress.json first, is timed too and printed for comparison.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openProgress } from '../src/progress/progress-store.js';
import { type BenchContext, type BenchResult, median } from './measure.js';

const RUNS = 12;

function quote(s: string): string {
  return `'${s.replaceAll("'", "'\\''")}'`;
}

/**
 * Runs `args` under `script` (a pty) and returns the ms until `marker` appears in its
 * output. Then types q (which the menu quits on) and waits for the exit.
 */
function firstFrame(
  args: readonly string[],
  marker: string,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, ...args].map(quote).join(' ');
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let out = '';
    let seen: number | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      if (seen !== undefined) return;
      out += chunk.toString('utf8');
      if (out.includes(marker)) {
        seen = performance.now() - t0;
        child.stdin.write('q');
      }
    });
    child.on('close', () => {
      clearTimeout(timer);
      if (seen === undefined) reject(new Error(`never saw "${marker}" from ${command}:\n${out}`));
      else resolve(seen);
    });
  });
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  if (spawnSync('script', ['--version']).status !== 0) {
    ctx.log('skipped: util-linux `script` (a pseudo-terminal) is not available');
    return { figures: [], ratios: [] };
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-'));
  const returningHome = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-'));
  const { store } = openProgress({ home: returningHome });
  store.startLesson('lost-tweet', { max: 16 });
  store.recordAnswer('lost-tweet', 'pick-node', 5, 'replica-1', { scoreDelta: 2 });
  // CI set at all makes Ink draw only the last frame (Ink's CI detection).
  const env = {
    ...process.env,
    CI: 'false',
    TERM: 'xterm-256color',
    REPLICATION_TUTOR_HOME: home,
    COLUMNS: '100',
    LINES: '30',
  };
  const hello = path.join(ctx.root, 'bench', 'menu-hello-box.mjs');
  const menu: number[] = [];
  const box: number[] = [];
  const returning: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      menu.push(await firstFrame([ctx.cli], 'lessons done', env));
      box.push(await firstFrame([hello], 'hello', env));
      returning.push(
        await firstFrame([ctx.cli], 'lessons done', {
          ...env,
          REPLICATION_TUTOR_HOME: returningHome,
        }),
      );
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(returningHome, { recursive: true, force: true });
  }
  const menuMs = Math.round(median(menu));
  const boxMs = Math.round(median(box));
  const returningMs = Math.round(median(returning));
  return {
    figures: [
      { name: 'menu first frame (built CLI, pty)', value: menuMs, unit: 'ms' },
      { name: 'unbundled Ink hello box first frame (pty)', value: boxMs, unit: 'ms' },
      {
        name: 'menu first frame, returning learner (progress.json read first)',
        value: returningMs,
        unit: 'ms',
      },
      { name: 'returning learner vs Ink hello box', value: returningMs / boxMs, unit: '×' },
    ],
    ratios: [
      { name: 'menu first frame vs Ink hello box', value: menuMs / boxMs, target: 0.6, cmp: '<=' },
    ],
  };
}
