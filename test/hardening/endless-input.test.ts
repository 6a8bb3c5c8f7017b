// `yes 2 | replication-tutor play lost-tweet --plain` exits once the lesson is over, with
// bounded memory; the same for `quiz --plain`. The child is fed an endless stream for as long
// as it runs (at most DEADLINE_MS).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliNode, cliPath, repoRoot } from '../run-cli.js';

const DEADLINE_MS = 20_000;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-endless-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

interface Fed {
  exited: boolean;
  code: number | null;
  stdout: string;
  /** Largest resident set seen, in MB (Linux; 0 elsewhere). */
  peakMb: number;
}

function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** Runs the CLI with `line` written to its stdin over and over until it exits. */
function feedForever(args: string[], line: string): Promise<Fed> {
  return new Promise((resolve) => {
    const child = spawn(cliNode, [cliPath, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', REPLICATION_TUTOR_HOME: home },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const chunk = Buffer.from(line.repeat(4096));
    let stdout = '';
    let peakMb = 0;
    let done = false;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    // The child closing its input (EPIPE) is exactly what is hoped for.
    child.stdin.on('error', () => {});
    const write = () => {
      while (!done && child.stdin.writable && child.stdin.write(chunk)) {
        // Keep the pipe full.
      }
    };
    child.stdin.on('drain', write);
    write();
    const sampler = setInterval(() => {
      if (child.pid !== undefined) peakMb = Math.max(peakMb, rssMb(child.pid));
    }, 50);
    const killer = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);
    child.on('exit', (code, signal) => {
      done = true;
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({ exited: signal === null, code, stdout, peakMb });
    });
  });
}

describe('plain mode with input that never ends', () => {
  it('play --plain exits once the lesson is over, memory bounded', async () => {
    const r = await feedForever(['play', 'lost-tweet', '--plain'], '2\n');
    expect(r.exited).toBe(true);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Lesson complete\. Score: \d+\/\d+\.\n$/);
    if (process.platform === 'linux') expect(r.peakMb).toBeLessThan(400);
  }, 30_000);

  it('play --json exits too', async () => {
    const r = await feedForever(['play', 'lost-tweet', '--json', '--restart'], '1\n');
    expect(r.exited).toBe(true);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/"kind":"summary".*"complete":true/);
  }, 30_000);

  it('quiz --plain exits once the drill is over, memory bounded', async () => {
    const r = await feedForever(['quiz', '--plain', '--count', '3', '--seed', '7'], '2\n');
    expect(r.exited).toBe(true);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 questions, seed 7');
    if (process.platform === 'linux') expect(r.peakMb).toBeLessThan(400);
  }, 30_000);
});
