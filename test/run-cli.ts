// Runs the built CLI (dist/cli.js) as a user would, capturing output and exit status.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const cliPath = `${repoRoot}dist/cli.js`;
/**
 * The Node.js that runs the built CLI: E2E_NODE when set (CI runs the end-to-end tests again
 * under each supported version, see .ci/run), else the one running the tests.
 */
export const cliNode = process.env.E2E_NODE || process.execPath;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runBuiltCli(
  args: readonly string[],
  opts: {
    input?: string;
    env?: Record<string, string | undefined>;
    cwd?: string;
    /** Kill the run after this many ms (default 60 s). */
    timeout?: number;
  } = {},
): CliResult {
  const res = spawnSync(cliNode, [cliPath, ...args], {
    input: opts.input ?? '',
    encoding: 'utf8',
    cwd: opts.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...opts.env },
    timeout: opts.timeout ?? 60_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
