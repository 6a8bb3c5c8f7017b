// The multi-leader mode of the simulation harness: 500 generated cases, each checked against
// the multi-leader invariants (siblings never lose an acknowledged write; a quiet cluster
// drains its links and converges under lww, replica-id and siblings; replays hash the same).
// Not vacuous: each invariant applies in a good share, and conflicts happen.
import { describe, expect, it } from 'vitest';
import { fuzz, parseFuzzArgs } from '../../../scripts/fuzz.js';
import {
  describeCase,
  generateMultiLeaderCase,
  MULTI_LEADER_INVARIANTS,
  runCase,
} from '../../../src/sim/index.js';

describe('multi-leader harness', () => {
  it('500 seeds: only refusals are thrown, and every invariant that applies holds', () => {
    const applied = new Map<string, number>();
    let conflicts = 0;
    let discards = 0;
    const topologies = new Set<string>();
    for (let seed = 1; seed <= 500; seed++) {
      const c = generateMultiLeaderCase(seed);
      const run = runCase(c);
      expect(run.violations, `seed ${seed}\n${describeCase(c).join('\n')}`).toEqual([]);
      const sim = run.sim!;
      for (const inv of MULTI_LEADER_INVARIANTS) {
        if (inv.applies(sim)) applied.set(inv.name, (applied.get(inv.name) ?? 0) + 1);
      }
      conflicts += sim.multiLeader!.conflicts.length;
      discards += sim.multiLeader!.conflicts.filter((x) => x.discarded !== undefined).length;
      topologies.add(`${sim.multiLeader!.conflict} ${sim.multiLeader!.replication}`);
    }
    for (const inv of MULTI_LEADER_INVARIANTS) {
      expect(applied.get(inv.name) ?? 0, inv.name).toBeGreaterThan(80);
    }
    expect(conflicts).toBeGreaterThan(500);
    expect(discards).toBeGreaterThan(100);
    expect(topologies.size).toBe(12);
  });

  it('describes a multi-leader case in words', () => {
    const lines = describeCase(generateMultiLeaderCase(3));
    expect(lines[0]).toMatch(
      /^multi-leader cluster: conflict (lww|replica-id|siblings|none), (all-to-all|ring|star)$/,
    );
    expect(lines.join('\n')).toMatch(/clients: a \(leader, home dc\d\)/);
  });

  it('npm run fuzz -- --multi-leader runs multi-leader seeds', () => {
    const args = parseFuzzArgs(['--multi-leader', '--seed', '7', '--count', '5']);
    expect(args).toEqual({ seed: 7, count: 5, timeLimitMs: undefined, multiLeader: true });
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
