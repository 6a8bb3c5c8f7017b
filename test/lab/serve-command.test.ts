import { describe, expect, it } from 'vitest';
import { SANDBOX_PRESETS } from '../../src/cli/sandbox-help.js';
import { SERVE_PRESETS } from '../../src/cli/serve-help.js';
import { PRESET_NAMES } from '../../src/lab/presets.js';
import { runBuiltCli } from '../run-cli.js';

describe('serve --help', () => {
  it('names every leader-based preset (serve speaks to one leader; dynamo-style is leaderless, multi-leader has several)', () => {
    expect(SERVE_PRESETS).toEqual(
      PRESET_NAMES.filter((p) => p !== 'dynamo-style' && p !== 'multi-leader'),
    );
  });

  it('refuses a multi-leader cluster with one line', () => {
    const r = runBuiltCli(['serve', 'multi-leader']);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim()).toBe(
      'replication-tutor: serve runs leader-based clusters; a multi-leader one (such as multi-leader) runs in the sandbox',
    );
  });

  it('sandbox --help names every preset', () => {
    expect(SANDBOX_PRESETS).toEqual(PRESET_NAMES);
  });

  it('explains the API and the flags', () => {
    const r = runBuiltCli(['serve', '--help']);
    expect(r.status).toBe(0);
    for (const text of [
      '--port <n>',
      '--replicas <n>',
      '--delay <d>',
      '--mode <mode>',
      'POST /write',
      'GET  /data/<key>',
      'GET  /status',
      'five-node-quorum-failover',
    ]) {
      expect(r.stdout).toContain(text);
    }
    expect(runBuiltCli(['--help']).stdout).toMatch(
      /serve \[options\] \[cluster\]\s+a live cluster for curl/,
    );
  });
});
