// What the tmux end-to-end tests share: running tmux, reading a session's screen, and
// polling it until something shows (with the last screen in the error), never fixed sleeps.
import { spawnSync } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export function tmux(...args: string[]): string {
  const r = spawnSync('tmux', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function screenOf(session: string): string {
  return tmux('capture-pane', '-p', '-t', session);
}

/** Polls the screen until `test` holds; fails with the last screen after `timeout` ms. */
export async function waitForScreen(
  session: string,
  test: (s: string) => boolean,
  what: string,
  timeout = 15_000,
): Promise<string> {
  const start = Date.now();
  let last = '';
  while (Date.now() - start < timeout) {
    last = screenOf(session);
    if (test(last)) return last;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
}
