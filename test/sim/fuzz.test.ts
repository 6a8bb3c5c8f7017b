// The harness's shrinker and the fuzz command, tested with a planted bug: an invariant that
// real runs break often ("no follower ever serves a read of a written key"), so that the
// failing seed, the shrunk schedule and the report can be checked against what we know.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FuzzIo, fuzz, parseFuzzArgs } from '../../scripts/fuzz.js';
import {
  type FuzzCase,
  generateCase,
  INVARIANTS,
  type Invariant,
  isOperation,
  runCase,
  shrinkCase,
} from '../../src/sim/index.js';

const planted: Invariant = {
  name: 'planted-no-follower-reads',
  says: 'no follower serves a read of a key that was written',
  when: 'end',
  applies: () => true,
  check: (sim) =>
    sim.ops
      .slice()
      .filter((o) => o.kind === 'read' && o.outcome === 'ok' && o.role === 'follower')
      .filter((o) => (o.versionLsn ?? 0) > 0)
      .map((o) => `read #${o.id} of ${o.key} served by follower ${o.node}`),
};

const withPlanted = [...INVARIANTS, planted];

function fails(c: FuzzCase, invariants: readonly Invariant[] = [planted]): boolean {
  return runCase(c, { invariants }).violations.some((v) => v.invariant === planted.name);
}

/** The first seed from `from` on whose case breaks the planted invariant. */
function firstFailing(from: number): number {
  for (let seed = from; seed < from + 200; seed++) if (fails(generateCase(seed))) return seed;
  throw new Error('no seed breaks the planted invariant');
}

function capture(clock: () => number = () => 0): { io: FuzzIo; lines: string[] } {
  const lines: string[] = [];
  const io: FuzzIo = {
    live: false,
    now: clock,
    line: (t) => lines.push(t),
    progress: (t) => lines.push(t),
  };
  return { io, lines };
}

describe('shrinkCase', () => {
  const seed = firstFailing(1);
  const original = generateCase(seed);
  const shrunk = shrinkCase(original, planted.name, { invariants: [planted] });

  it('keeps failing the same way, with far fewer steps', () => {
    expect(fails(shrunk.case)).toBe(true);
    expect(shrunk.message).toMatch(/^read #\d+ of k\d served by follower n\d$/);
    expect(original.steps.length).toBeGreaterThan(10);
    expect(shrunk.case.steps.length).toBeLessThanOrEqual(3);
    // What the planted bug needs: a write, then a read of the same key.
    const ops = shrunk.case.steps.filter((s) => isOperation(s.cmd)).map((s) => s.cmd.type);
    expect(ops).toContain('read');
    expect(ops.includes('write') || ops.includes('workload')).toBe(true);
    expect(shrunk.case.seed).toBe(seed);
  });

  it('is minimal: without any one of its steps the case passes', () => {
    const steps = shrunk.case.steps;
    for (let i = 0; i < steps.length; i++) {
      const fewer = { ...shrunk.case, steps: steps.filter((_, j) => j !== i) };
      expect(fails(fewer), `without step ${i}`).toBe(false);
    }
  });

  it('shortens: no settling, and the schedule ends soon after its last step', () => {
    expect(shrunk.case.settle).toBe(0);
    expect(shrunk.case.until).toBeLessThan(original.until);
    expect(shrunk.attempts).toBeGreaterThan(5);
  });

  it('stops at the attempt budget with the best case so far', () => {
    const few = shrinkCase(original, planted.name, { invariants: [planted], maxAttempts: 3 });
    expect(few.attempts).toBe(3);
    expect(fails(few.case)).toBe(true);
  });
});

describe('the fuzz command', () => {
  it('reports the first failing seed, the invariant, and a schedule of a handful of steps', () => {
    const seed = firstFailing(40);
    const { io, lines } = capture();
    const code = fuzz({ seed: 40, count: 200, timeLimitMs: undefined }, io, withPlanted);
    expect(code).toBe(1);
    const text = lines.join('\n');
    expect(lines).toContain(
      `fuzz: seed ${seed} violates planted-no-follower-reads (no follower serves a read of a key that was written)`,
    );
    const found = /shortest schedule found: (\d+) steps? \(from (\d+);/.exec(text);
    expect(found).not.toBeNull();
    expect(Number(found![1])).toBeLessThanOrEqual(3);
    expect(Number(found![2])).toBe(generateCase(seed).steps.length);
    const stepLines = lines.slice(lines.indexOf('  steps:') + 1).filter((l) => / ms {2}/.test(l));
    expect(stepLines.some((l) => /reads k\d/.test(l))).toBe(true);
    expect(text).toMatch(/violation: read #\d+ of k\d served by follower n\d/);
    expect(lines.at(-1)).toBe(`replay the seed: npm run fuzz -- --seed ${seed} --count 1`);
    // Seeds before the failing one were run and passed: progress says so.
    expect(lines.some((l) => l.startsWith('fuzz: ') && l.includes('seeds ok'))).toBe(
      seed - 40 >= 20,
    );
  });

  it('passes seeds that keep every real invariant', () => {
    const { io, lines } = capture();
    expect(fuzz({ seed: 1, count: 20, timeLimitMs: undefined }, io)).toBe(0);
    expect(lines.at(-1)).toMatch(/^fuzz: 20 seeds \(1–20\) passed every invariant in /);
    expect(lines.filter((l) => l.includes('seeds ok'))).toHaveLength(10);
  });

  it('stops starting seeds at the time limit', () => {
    let t = 0;
    const { io, lines } = capture(() => (t += 100));
    expect(fuzz({ seed: 1, count: 1000, timeLimitMs: 1000 }, io)).toBe(0);
    expect(lines.at(-1)).toMatch(
      /^fuzz: time limit reached after \d+ seeds \(1–\d+\): no violation/,
    );
    const ran = Number(/after (\d+) seed/.exec(lines.at(-1)!)![1]);
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThan(10);
  });

  it('parses its flags, and names what is wrong with bad ones', () => {
    expect(parseFuzzArgs([])).toEqual({ seed: 1, count: 1000, timeLimitMs: undefined });
    expect(parseFuzzArgs(['--seed', '1000', '--count=5000', '--time-limit', '2m'])).toEqual({
      seed: 1000,
      count: 5000,
      timeLimitMs: 120_000,
    });
    expect(parseFuzzArgs(['--time-limit=90'])).toMatchObject({ timeLimitMs: 90_000 });
    expect(parseFuzzArgs(['--help'])).toBe('help');
    expect(parseFuzzArgs(['--count', '0'])).toEqual({
      error: 'fuzz: --count takes a whole number ≥ 1, got "0"',
    });
    expect(parseFuzzArgs(['--seed', '-3'])).toEqual({
      error: 'fuzz: --seed takes a whole number ≥ 0, got "-3"',
    });
    expect(parseFuzzArgs(['--seed'])).toEqual({ error: 'fuzz: --seed needs a value' });
    expect(parseFuzzArgs(['--time-limit', 'soon'])).toEqual({
      error: 'fuzz: --time-limit takes seconds or a duration such as 90s, 10m or 1h, got "soon"',
    });
    expect(parseFuzzArgs(['--seeds', '3'])).toEqual({
      error:
        'fuzz: unknown option "--seeds" (expected --seed, --count, --time-limit, --leaderless, --sharded or --multi-leader)',
    });
  });

  it('as a process: exit 0 on passing seeds, 2 and one line on a bad flag', () => {
    const script = join(import.meta.dirname, '../../scripts/fuzz.mjs');
    const ok = spawnSync(process.execPath, [script, '--seed', '7', '--count', '3'], {
      encoding: 'utf8',
    });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n').at(-1)).toMatch(/^fuzz: 3 seeds \(7–9\) passed/);
    const bad = spawnSync(process.execPath, [script, '--count', 'many'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('fuzz: --count takes a whole number ≥ 1, got "many"\n');
  });
});
