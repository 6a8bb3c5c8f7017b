// The leaderless mode of the simulation harness: 500 generated leaderless cases, each checked
// against the leaderless invariants (quorum reads see acknowledged writes where w + r > n
// promises it, siblings never lose an acknowledged write, a quiet cluster with anti-entropy
// converges, replays hash the same). Not vacuous: each invariant applies in a good share.
import { describe, expect, it } from 'vitest';
import { fuzz, parseFuzzArgs } from '../../../scripts/fuzz.js';
import {
  describeCase,
  generateLeaderlessCase,
  LEADERLESS_INVARIANTS,
  runCase,
} from '../../../src/sim/index.js';

describe('leaderless harness', () => {
  it('500 seeds: only refusals are thrown, and every invariant that applies holds', () => {
    const applied = new Map<string, number>();
    let reads = 0;
    let conflicts = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const c = generateLeaderlessCase(seed);
      const run = runCase(c);
      expect(run.violations, `seed ${seed}\n${describeCase(c).join('\n')}`).toEqual([]);
      const sim = run.sim!;
      for (const inv of LEADERLESS_INVARIANTS) {
        if (inv.applies(sim)) applied.set(inv.name, (applied.get(inv.name) ?? 0) + 1);
      }
      reads += sim.ops.slice().filter((o) => o.kind === 'read' && o.outcome === 'ok').length;
      conflicts += sim.leaderless!.conflicts.length;
    }
    for (const inv of LEADERLESS_INVARIANTS) {
      expect(applied.get(inv.name) ?? 0, inv.name).toBeGreaterThan(60);
    }
    expect(reads).toBeGreaterThan(5000);
    expect(conflicts).toBeGreaterThan(500);
  });

  it('describes a leaderless case in words', () => {
    const lines = describeCase(generateLeaderlessCase(3));
    expect(lines[0]).toMatch(/^leaderless cluster: n=\d w=\d r=\d, conflict (lww|siblings)/);
  });

  it('npm run fuzz -- --leaderless runs leaderless seeds', () => {
    const args = parseFuzzArgs(['--leaderless', '--seed', '7', '--count', '5']);
    expect(args).toEqual({ seed: 7, count: 5, timeLimitMs: undefined, leaderless: true });
    const lines: string[] = [];
    const io = {
      live: false,
      now: () => 0,
      line: (t: string) => lines.push(t),
      progress: () => {},
    };
    expect(fuzz(args as Exclude<typeof args, 'help' | { error: string }>, io)).toBe(0);
    expect(lines.at(-1)).toMatch(/^fuzz: 5 seeds \(7–11\) passed every invariant/);
  });
});
