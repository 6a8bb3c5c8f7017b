// Starts the built CLI's `serve` on free ports and waits for its first line (the nodes' URLs).
import { type ChildProcess, spawn } from 'node:child_process';
import { cliPath, repoRoot } from '../run-cli.js';

export interface Served {
  proc: ChildProcess;
  urls: Record<string, string>;
  first: { serving: { node: string; role: string; url: string }[]; cluster: string };
  /** Everything printed so far. */
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit status once the process has ended. */
  exited: Promise<number | null>;
}

export async function startServe(args: readonly string[]): Promise<Served> {
  const proc = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--plain', ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => {
    out += d;
  });
  proc.stderr!.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (!out.includes('\n')) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      throw new Error(`serve did not start (exit ${proc.exitCode}): ${err || out}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const first = JSON.parse(out.slice(0, out.indexOf('\n'))) as Served['first'];
  const urls = Object.fromEntries(first.serving.map((s) => [s.node, s.url]));
  return { proc, urls, first, stdout: () => out, stderr: () => err, exited };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
