// A planted bug shows the siblings invariant can fail: a replica that keeps only the newest
// arrival of a key, dropping the siblings it held. The harness must find an acknowledged
// write that no replica holds any more.
import { describe, expect, it, vi } from 'vitest';
import { generateLeaderlessCase, runCase } from '../../../src/sim/index.js';

vi.mock('../../../src/sim/leaderless/replica-store.js', async (original) => {
  const real = await original<typeof import('../../../src/sim/leaderless/replica-store.js')>();
  return {
    ...real,
    storeVersion: (...args: Parameters<typeof real.storeVersion>) => {
      const [, ll, node, v] = args;
      ll.replicas[node]!.store.set(v.key, [v]);
      return true;
    },
  };
});

describe('planted bug: replicas drop siblings', () => {
  it('siblings-keep-acked-writes catches it', () => {
    const found: string[] = [];
    for (let seed = 1; seed <= 300 && found.length === 0; seed++) {
      const v = runCase(generateLeaderlessCase(seed)).violations;
      found.push(
        ...v.filter((x) => x.invariant === 'siblings-keep-acked-writes').map((x) => x.message),
      );
    }
    expect(found[0]).toMatch(/was acknowledged at [\d.]+s, but no replica holds it/);
  });
});
