// A planted bug shows the siblings invariant can fail: nodes that keep only the newest
// arrival of a key, dropping the siblings they held. The harness must find an acknowledged
// write that no node holds any more.
import { describe, expect, it, vi } from 'vitest';
import { generateMultiLeaderCase, runCase } from '../../../src/sim/index.js';

vi.mock('../../../src/sim/multi-leader/reconcile.js', async (original) => {
  const real = await original<typeof import('../../../src/sim/multi-leader/reconcile.js')>();
  return {
    ...real,
    reconcile: (...args: Parameters<typeof real.reconcile>) => {
      const [held, v, mode] = args;
      const res = real.reconcile(...args);
      return mode === 'siblings' && !held.some((h) => h.op === v.op)
        ? { ...res, versions: [v] }
        : res;
    },
  };
});

describe('planted bug: nodes drop siblings', () => {
  it('siblings-keep-acked-writes-everywhere catches it', () => {
    const found: string[] = [];
    for (let seed = 1; seed <= 300 && found.length === 0; seed++) {
      const v = runCase(generateMultiLeaderCase(seed)).violations;
      found.push(
        ...v
          .filter((x) => x.invariant === 'siblings-keep-acked-writes-everywhere')
          .map((x) => x.message),
      );
    }
    expect(found[0]).toMatch(/was acknowledged at [\d.]+s, but no replica holds it/);
  });
});
