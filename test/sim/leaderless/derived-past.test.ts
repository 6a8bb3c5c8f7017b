// The checkers derive every write's causal past from the history (generated workload clients
// keep none, to stay fast). For scripted clients the simulator keeps it too: on generated
// cases without a workload (whose writes would be missing from the simulator's pasts) the
// two agree on every pair of writes to a key.
import { describe, expect, it } from 'vitest';
import { leaderlessView } from '../../../src/sim/check/leaderless-view.js';
import { generateLeaderlessCase, runCase } from '../../../src/sim/index.js';
import { versionOf } from '../../../src/sim/leaderless/state.js';
import { follows, type KeyVersion } from '../../../src/sim/versioning/versions.js';

describe('derived causal pasts', () => {
  it('match what the simulator kept, pair for pair', () => {
    let pairs = 0;
    let following = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const c = generateLeaderlessCase(seed);
      if (c.steps.some((s) => s.cmd.type === 'workload')) continue;
      const sim = runCase(c, { invariants: [] }).sim!;
      const ll = sim.leaderless!;
      const view = leaderlessView(sim)!;
      const byKey = new Map<string, KeyVersion[]>();
      for (let op = 0; op < sim.ops.length; op++) {
        const v = versionOf(ll, op);
        if (!v || v.generated) continue;
        byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);
      }
      for (const list of byKey.values()) {
        for (const a of list) {
          for (const b of list) {
            pairs++;
            const kept = follows(a, b);
            if (kept) following++;
            expect(view.follows(a, b), `seed ${seed}: #${a.op} follows #${b.op}`).toBe(kept);
          }
        }
      }
    }
    expect(pairs).toBeGreaterThan(10_000);
    expect(following).toBeGreaterThan(1000);
  });
});
