import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { runBuiltCli } from '../run-cli.js';

describe('built CLI basics', () => {
  it('prints the version', () => {
    const r = runBuiltCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('prints help that names the program and its options', () => {
    const r = runBuiltCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: replication-tutor');
    expect(r.stdout).toContain('--no-color');
  });

  it('rejects an unknown flag with one line, a usage hint and exit 2', () => {
    const r = runBuiltCli(['--frobnicate']);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("unknown option '--frobnicate'");
    expect(lines[1]).toContain('--help');
    expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  });

  it('rejects an unknown command with a suggestion and exit 2', () => {
    const r = runBuiltCli(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.stderr).toContain('--help');
  });
});
