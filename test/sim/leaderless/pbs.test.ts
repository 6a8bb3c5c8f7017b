// Probabilistically bounded staleness (Bailis et al., 2012) out of the simulator: when
// exactly w of n replicas hold a write at its acknowledgement and a read right after asks r
// replicas picked at random, the read is stale with probability C(n−w, r) / C(n, r).
// Set-up: the first w replicas receive writes after netDelay, the others only after a minute;
// each trial writes a fresh key, waits for the ack, and reads it at once.
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
    ...(i >= w ? { lag: 60_000 } : {}),
  }));
  const sim = new Simulation(leaderless(nodes, { n, w, r, readFrom: 'random' }), {
    seed,
    recordMessages: false,
  });
  // Trials run a batch at a time: every write of a batch is sent at once and acknowledged
  // 2 ms later (w replicas at 1 ms, acks back at 2 ms), then every read is sent at once.
  let stale = 0;
  const BATCH = 1000;
  for (let done = 0; done < trials; done += BATCH) {
    const writes: number[] = [];
    for (let i = done; i < done + BATCH; i++) {
      writes.push(sim.apply({ type: 'write', client: 'writer', key: `k${i}`, value: i })!);
    }
    sim.runUntil(sim.now + 2);
    const reads: number[] = [];
    for (let i = done; i < done + BATCH; i++) {
      if (sim.ops.outcome(writes[i - done]!) !== 1) throw new Error('write not acknowledged');
      reads.push(sim.apply({ type: 'read', client: 'reader', key: `k${i}`, from: 'route' })!);
    }
    sim.runUntil(sim.now + 2);
    reads.forEach((id, j) => {
      if (sim.ops.at(id)!.value !== done + j) stale++;
    });
  }
  return stale / trials;
}

describe('PBS closed form', () => {
  const TRIALS = 20_000;
  for (let n = 3; n <= 5; n++) {
    it(`n = ${n}: every w and r within 1 % of C(n−w, r) / C(n, r)`, () => {
      for (let w = 1; w <= n; w++) {
        for (let r = 1; r <= n; r++) {
          const expected = choose(n - w, r) / choose(n, r);
          const got = staleShare(n, w, r, TRIALS, 1000 * n + 10 * w + r);
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
