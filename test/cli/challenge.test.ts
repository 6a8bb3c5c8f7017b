// `replication-tutor challenge` as a learner uses it, from the built dist/cli.js (the
// grading worker runs from that same file): init, run the starter (fails, shrunk, drawn,
// with the replay command), replay it, fix it as in an editor, run again (passes, recorded).
// A broken policy is one line and exit 1; bad usage is exit 2.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixStarter } from '../challenge/starter-fixes.js';
import { runBuiltCli } from '../run-cli.js';

function sandbox() {
  const cwd = mkdtempSync(join(tmpdir(), 'rt-challenge-cli-'));
  const home = mkdtempSync(join(tmpdir(), 'rt-challenge-home-'));
  const run = (...args: string[]) =>
    runBuiltCli(['challenge', ...args], { cwd, env: { REPLICATION_TUTOR_HOME: home } });
  return { cwd, home, run };
}

describe('challenge: a learner at work', () => {
  it('init, fail with a shrunk case, replay, fix, pass, recorded', () => {
    const { cwd, run, home } = sandbox();
    const init = run('init', 'monotonic-reads');
    expect(init.status).toBe(0);
    const file = join(cwd, 'monotonic-reads.mjs');
    const starter = readFileSync(file, 'utf8');
    expect(starter).toMatch(/^\/\/ @ts-check/);
    expect(starter).toContain('@param {readonly NodeInfo[]} nodes');
    expect(starter).toContain('export function route(read, nodes, session)');

    const failed = run('run', 'monotonic-reads', '--policy', 'monotonic-reads.mjs');
    expect(failed.status).toBe(1);
    const out = failed.stdout;
    const seed = out.match(/FAILED at seed (\d+)/)?.[1];
    expect(seed).toBeDefined();
    expect(out).toMatch(/then the older/);
    expect(out).toMatch(/Smallest failing case \(seed \d+, [1-7] steps?, shrunk from \d+\)/);
    expect(out).toContain('⚠');
    expect(out).toMatch(/◂ [\w-]+ reads k\d+ from n\d/);
    expect(out).toContain(
      `Replay it: replication-tutor challenge replay monotonic-reads --seed ${seed} --policy monotonic-reads.mjs`,
    );

    const replay = run('replay', 'monotonic-reads', '--seed', seed!);
    expect(replay.status).toBe(1);
    const message = (s: string) => s.split('\n')[1];
    expect(message(replay.stdout)).toBe(message(out));

    // The fix, made as an editor would.
    writeFileSync(file, fixStarter('monotonic-reads', starter));
    const passed = run('run', 'monotonic-reads', '--policy', 'monotonic-reads.mjs');
    expect(passed.stderr).toMatch(/1000\/1000 seeds/);
    expect(passed.status).toBe(0);
    expect(passed.stdout).toMatch(/PASSED all 1000 seeds/);
    expect(passed.stdout).toMatch(/reads sent to the leader\s+\d+\.\d %\s+\d+\.\d %/);
    expect(passed.stdout).toMatch(/p99 read latency\s+\d+ ms\s+\d+ ms/);

    const list = JSON.parse(run('list', '--json').stdout) as { id: string; passed: boolean }[];
    expect(list.find((c) => c.id === 'monotonic-reads')?.passed).toBe(true);
    expect(list.find((c) => c.id === 'failover-candidate')?.passed).toBe(false);
    const progress = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
    expect(progress.challenges['monotonic-reads'].seeds).toBe(1000);
  }, 180_000);

  it('run --json: the failure as data, with the replay command', () => {
    const { run } = sandbox();
    run('init', 'failover-candidate', '--out', 'mine.mjs');
    const r = run('run', 'failover-candidate', '--policy', 'mine.mjs', '--json');
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ challenge: 'failover-candidate', status: 'failed' });
    expect(doc.counterexample.stepCount).toBeLessThanOrEqual(7);
    expect(doc.message).toMatch(/was chosen, but|nobody was promoted/);
    expect(doc.replay).toBe(
      `replication-tutor challenge replay failover-candidate --seed ${doc.seed} --policy mine.mjs`,
    );
  }, 60_000);

  it('list: every challenge with what to write', () => {
    const { run } = sandbox();
    const r = run('list', '--json');
    expect(r.status).toBe(0);
    const ids = (JSON.parse(r.stdout) as { id: string }[]).map((c) => c.id);
    expect(ids).toEqual([
      'monotonic-reads',
      'read-your-writes-across-devices',
      'bounded-staleness-router',
      'failover-candidate',
    ]);
  });
});

describe('challenge: a broken policy is one line naming the seed', () => {
  const cases: [string, string, RegExp][] = [
    [
      'an endless loop',
      'export function route(read) { if (read.now > 1000) for (;;) {} return read.leader; }',
      /^monotonic-reads: FAILED — seed 1: a call into your policy did not return within 1000 ms \(an endless loop\?\)$/,
    ],
    [
      'a throw',
      "export function route(read) {\n  throw new Error('boom');\n}",
      /^monotonic-reads: FAILED — seed 1: route threw Error: boom \(at p\.mjs:2:9\)$/,
    ],
    [
      'a huge allocation',
      'const keep = []; export function route(read) { for (;;) keep.push(new Array(1e6).fill(1.5)); }',
      /^monotonic-reads: FAILED — seed 1: your policy ran out of memory \(limit 256 MB\)$/,
    ],
    [
      'a syntax error',
      'export function route(read) {\n  return read.leader\n}}',
      /^monotonic-reads: FAILED — .*p\.mjs: syntax error on line 3: Unexpected token '}'$/,
    ],
    [
      'a missing export',
      'export function rout(read) { return read.leader; }',
      /^monotonic-reads: FAILED — .*p\.mjs: no exported function "route" .*the file exports rout\)$/,
    ],
    [
      // What V8 cannot contain in a worker (a heap overflow in one huge allocation, a kill)
      // takes the grading host down; the tutor still stands and names the seed.
      'the grading process dying',
      "export function route(read) { if (read.now > 2000) process.kill(process.pid, 'SIGKILL'); return read.leader; }",
      /^monotonic-reads: FAILED — seed 1: grading crashed \(SIGKILL\)$/,
    ],
    [
      'a throw while loading',
      "throw new TypeError('not today');",
      /^monotonic-reads: FAILED — .*p\.mjs: loading it threw TypeError: not today \(at p\.mjs:1:7\)$/,
    ],
  ];
  it.each(cases)(
    '%s',
    (_what, source, line) => {
      const { cwd, run } = sandbox();
      writeFileSync(join(cwd, 'p.mjs'), source);
      const r = run('run', 'monotonic-reads', '--policy', 'p.mjs', '--seeds', '20');
      expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stdout.trimEnd()).toMatch(line);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.status).toBe(1);
    },
    60_000,
  );
});

describe('challenge: bad usage exits 2 with one line', () => {
  const { cwd, run } = sandbox();
  writeFileSync(join(cwd, 'exists.mjs'), 'export function route(r) { return r.leader; }');
  it.each([
    [['run', 'monotonic-read', '--policy', 'exists.mjs'], /did you mean "monotonic-reads"/],
    [['run', 'monotonic-reads'], /needs --policy FILE/],
    [['run', 'monotonic-reads', '--policy', 'missing.mjs'], /cannot read policy file missing\.mjs/],
    [['run', 'monotonic-reads', '--policy', 'exists.mjs', '--seeds', 'lots'], /--seeds expects/],
    [['replay', 'monotonic-reads', '--policy', 'exists.mjs'], /needs --seed N/],
    [['init', 'monotonic-reads', '--out', 'exists.mjs'], /already exists/],
    [['init'], /missing required argument/],
    [['frobnicate'], /unknown command/],
  ])('%j', (args, message) => {
    const r = run(...(args as string[]));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
