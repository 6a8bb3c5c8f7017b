// `replication-tutor sandbox` through the built CLI: --help, one-line errors with exit 2,
// and plain mode (stdin is not a terminal here): a script of commands in, each result and
// the event log out, and a :save that `validate` accepts as a lesson.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../../src/lab/presets.js';
import { runBuiltCli } from '../run-cli.js';

const LOST_TWEET = [
  'write tweet hello',
  'read tweet from replica-2',
  'crash replca-1',
  'wait 6s',
  'read tweet from replica-2',
  ':save lost.yaml',
].join('\n');

describe('sandbox', () => {
  it('--help lists the presets, the keys and examples', () => {
    const r = runBuiltCli(['sandbox', '--help']);
    expect(r.status).toBe(0);
    for (const name of PRESET_NAMES) expect(r.stdout).toContain(name);
    for (const text of [
      '--step <n>',
      '--seed <n>',
      '--plain',
      ':save my.yaml',
      'Esc first',
      'Tab',
      'Examples:',
    ]) {
      expect(r.stdout).toContain(text);
    }
  });

  it('plays a script in plain mode: results, the stale label, the error, and a valid :save', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rt-sandbox-cli-'));
    const r = runBuiltCli(['sandbox', '--plain'], { input: `${LOST_TWEET}\n`, cwd });
    // A refused line makes the exit status 1; the rest ran.
    expect(r.status).toBe(1);
    const out = r.stdout;
    expect(out).toContain(
      'Sandbox: preset three-node-async (seed 1); nodes: primary (leader), replica-1, replica-2',
    );
    expect(out).toContain('> write tweet hello');
    expect(out).toMatch(
      /done {2}0\.002s write "tweet" = "hello" → acknowledged by primary at LSN 1/,
    );
    expect(out).toMatch(
      /done {2}0\.004s read "tweet" on replica-2 → nothing \(replica-2 had applied LSN 0\) {2}\[stale, read-your-writes\]/,
    );
    expect(out).toMatch(
      /event 0\.004s ✓ ⚠ stale, read-your-writes — you read tweet = null from replica-2/,
    );
    expect(out).toContain('  error: unknown node "replca-1" (did you mean "replica-1"?)');
    expect(out).toContain(`      ${'^'.repeat(8)}`);
    expect(out).toMatch(/done {2}6\.006s read "tweet" on replica-2 → "hello"/);
    const file = join(cwd, 'lost.yaml');
    expect(out).toContain(`saved ${file} (6 steps)`);
    expect(out.trim().split('\n').at(-1)).toMatch(
      /^Cluster at t=6\.006s — primary: leader, LSN 1;/,
    );
    expect(readFileSync(file, 'utf8')).toContain('read: {key: tweet, from: replica-2}');
    const v = runBuiltCli(['validate', file]);
    expect(v.stdout).toContain('ok (lost, 20 seeds)');
    expect(v.status).toBe(0);
    // The saved lesson replays to the same reads.
    const play = runBuiltCli(['play', file, '--plain']);
    expect(play.status).toBe(0);
    expect(play.stdout).toMatch(/read "tweet" on replica-2 → nothing/);
    expect(play.stdout).toMatch(/read "tweet" on replica-2 → "hello"/);
  });

  it('runs the multi-leader preset: writes on both leaders, LWW discards one, set conflict, a valid :save', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rt-sandbox-ml-'));
    const script = [
      'write meeting 10:00',
      'write meeting 11:00 via dc2',
      'wait 3s',
      'read meeting from dc2-replica',
      'set conflict siblings',
      'write room A',
      'write room B as other',
      'wait 3s',
      'read room',
      ':save ml.yaml',
    ].join('\n');
    const r = runBuiltCli(['sandbox', 'multi-leader', '--plain'], { input: `${script}\n`, cwd });
    const out = r.stdout;
    expect(r.status, out + r.stderr).toBe(0);
    expect(out).toContain('Sandbox: preset multi-leader (seed 1); nodes: dc1, dc2, dc2-replica');
    expect(out).toContain('write "meeting" = "11:00" → accepted and acknowledged by dc2 at once');
    expect(out).toMatch(
      /discarded on dc2: "meeting" = "11:00" .* \(it came later, but dc2's clock was behind\)/,
    );
    expect(out).toContain('read "meeting" on dc2-replica → "10:00"');
    expect(out).toContain('read "room" on dc1 → "A" and "B" (siblings)');
    expect(out).toMatch(/you read room = "A" \| "B" \(2 siblings\) from dc1/);
    expect(out.trim().split('\n').at(-1)).toMatch(
      /^Cluster at t=6\.\d+s — dc1: leader, 2 keys \(1 with siblings\); dc2: leader, 2 keys \(1 with siblings\);/,
    );
    const file = join(cwd, 'ml.yaml');
    expect(readFileSync(file, 'utf8')).toContain('topology: multi-leader');
    const v = runBuiltCli(['validate', file]);
    expect(v.stdout + v.stderr).toContain('ok (ml, 20 seeds)');
    expect(v.status).toBe(0);
  });

  it('exits 0 when every line ran; :quit stops reading; running commands finish at the end', () => {
    const r = runBuiltCli(['sandbox', 'sync-pair', '--plain', '--seed', '7'], {
      input: 'crash standby\nwrite k v\nworkload 2 clients 5m\n:quit\nheal\n',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Sandbox: preset sync-pair (seed 7)');
    // A sync write with its standby down is never acknowledged: the client gives up.
    expect(r.stdout).toMatch(/done {2}10\.000s write "k" = "v" → outcome unknown/);
    // The end of the input lets running commands finish, for at most a minute.
    expect(r.stdout).toContain('still running at the end: workload 2 clients 5m');
    expect(r.stdout).not.toContain('> heal');
  });

  it('opens a lesson at a step with --step', () => {
    const r = runBuiltCli(['sandbox', 'lost-tweet', '--step', '3', '--plain'], {
      input: ':quit\n',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Sandbox: lesson lost-tweet at step 3');
  });

  it.each([
    [['cascde'], 'unknown preset "cascde" (did you mean "cascade"?)'],
    [['lost-twet'], 'did you mean "lost-tweet"?'],
    [['cascade', '--step', '2'], '--step applies to a lesson; cascade is a preset'],
    [['lost-tweet', '--step', '0'], '--step: expected a step number from 1, found "0"'],
    [['lost-tweet', '--step', '999'], '--step 999: lesson lost-tweet has'],
    [['--seed', 'x'], '--seed: expected a whole number'],
  ])('sandbox %j: one line, exit 2', (args, message) => {
    const r = runBuiltCli(['sandbox', ...args]);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
    expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  });
});
