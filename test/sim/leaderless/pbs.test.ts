// Probabilistically bounded staleness (Bailis et al., 2012) out of the simulator: when
// exactly w of n replicas hold a write at its acknowledgement and a read right after asks r
// replicas picked at random, the read is stale with probability C(n−w, r) / C(n, r).
// Set-up: the first w replicas receive writes after netDelay, the others a few seconds
// later; each trial writes a fresh key, waits for the ack (2 ms: exactly w replicas hold it
// then), and reads it at once, asking r replicas picked from the seeded PRNG.
import { describe, expect, it } from 'vitest';
import { checkAll, Simulation } from '../../../src/sim/index.js';
import { leaderless } from './make-leaderless.js';

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

function staleShare(n: number, w: number, r: number, trials: number, seed: number): number {
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i + 1}`,
    ...(i >= w ? { lag: 5000 } : {}),
  }));
  const sim = new Simulation(leaderless(nodes, { n, w, r, readFrom: 'random' }), {
    seed,
    recordMessages: false,
  });
  // Each write is read many times at the instant of its acknowledgement: every read picks
  // its r replicas afresh and changes nothing (no read repair), so the reads are independent
  // trials of the same situation, and far cheaper than a write each.
  const READS_PER_WRITE = 200;
  let stale = 0;
  for (let done = 0; done < trials; done += READS_PER_WRITE) {
    const key = `k${done}`;
    const wid = sim.apply({ type: 'write', client: 'writer', key, value: done })!;
    sim.runUntil(sim.now + 2);
    if (sim.ops.outcome(wid) !== 1) throw new Error('write not acknowledged');
    const reads: number[] = [];
    for (let i = 0; i < READS_PER_WRITE; i++) {
      reads.push(sim.apply({ type: 'read', client: `reader${i}`, key, from: 'route' })!);
    }
    sim.runUntil(sim.now + 2);
    for (const id of reads) if (sim.ops.at(id)!.value !== done) stale++;
    // Let the slow copies land before the next write (nothing then waits in the queue).
    sim.runUntil(sim.now + 5000);
  }
  return stale / trials;
}

describe('PBS closed form', () => {
  // 20,000 trials put one standard deviation at most 0.35 % (p = 0.5). Where w + r > n the
  // read quorum always meets a replica holding the write: 2,000 trials show it never misses.
  const TRIALS = 20_000;
  const OVERLAP_TRIALS = 2000;
  for (let n = 3; n <= 5; n++) {
    it(`n = ${n}: every w and r within 1 % of C(n−w, r) / C(n, r)`, () => {
      for (let w = 1; w <= n; w++) {
        for (let r = 1; r <= n; r++) {
          const expected = choose(n - w, r) / choose(n, r);
          const trials = w + r > n ? OVERLAP_TRIALS : TRIALS;
          const got = staleShare(n, w, r, trials, 1000 * n + 10 * w + r);
          expect(
            Math.abs(got - expected),
            `n=${n} w=${w} r=${r}: ${got} vs ${expected}`,
          ).toBeLessThan(0.01);
        }
      }
    });
  }

  it('the stale-read checker counts exactly the reads that missed the write', () => {
    const nodes = ['a', 'b', 'c'].map((id, i) => ({ id, ...(i >= 1 ? { lag: 60_000 } : {}) }));
    const sim = new Simulation(leaderless(nodes, { n: 3, w: 1, r: 1, readFrom: 'random' }), {
      seed: 5,
    });
    let missed = 0;
    for (let i = 0; i < 300; i++) {
      const wid = sim.apply({ type: 'write', client: 'writer', key: `k${i}`, value: i })!;
      sim.runUntilCondition(() => !sim.ops.isPending(wid), sim.now + 10);
      const rid = sim.apply({ type: 'read', client: 'reader', key: `k${i}`, from: 'route' })!;
      sim.runUntilCondition(() => !sim.ops.isPending(rid), sim.now + 10);
      if (sim.ops.at(rid)!.value !== i) missed++;
    }
    expect(checkAll(sim)['stale-read'].length).toBe(missed);
    expect(missed / 300).toBeGreaterThan(0.55);
    expect(missed / 300).toBeLessThan(0.78);
  });
});
