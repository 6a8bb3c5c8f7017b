// The Node.js the end-to-end tests run the CLI with (E2E_NODE in CI: 20, 22 and 24), named in
// the test's title so the log says which one passed, and checked against `engines`.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { cliNode, runBuiltCli } from '../run-cli.js';

const version = spawnSync(cliNode, ['-p', 'process.versions.node'], {
  encoding: 'utf8',
}).stdout.trim();

/** `20 || 22 || >=24`: majors alone or `>=` a major, the only forms package.json uses. */
function supports(range: string, major: number): boolean {
  return range.split('||').some((part) => {
    const m = /^\s*(>=)?\s*(\d+)\s*$/.exec(part);
    if (!m) throw new Error(`engines.node: cannot read "${part.trim()}"`);
    return m[1] ? major >= Number(m[2]) : major === Number(m[2]);
  });
}

describe(`the built CLI under Node.js ${version}`, () => {
  it('is a version package.json says is supported, and the CLI starts on it', () => {
    expect(supports(pkg.engines.node, Number(version.split('.')[0]))).toBe(true);
    const r = runBuiltCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('E2E_NODE, when set, is the Node.js that runs the CLI', () => {
    const expected = process.env.E2E_NODE_VERSION;
    if (expected !== undefined) expect(version.split('.')[0]).toBe(expected);
    const r = runBuiltCli(['list', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
  });
});
