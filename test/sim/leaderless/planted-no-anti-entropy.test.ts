// A planted bug shows the convergence invariant can fail: anti-entropy rounds that send
// nothing. The harness must find a quiet cluster whose home replicas still differ.
import { describe, expect, it, vi } from 'vitest';
import { generateLeaderlessCase, runCase } from '../../../src/sim/index.js';

vi.mock('../../../src/sim/leaderless/maintenance.js', async (original) => {
  const real = await original<typeof import('../../../src/sim/leaderless/maintenance.js')>();
  return { ...real, onAntiEntropyTick: () => {} };
});

describe('planted bug: anti-entropy sends nothing', () => {
  it('replicas-converge catches it', () => {
    const found: string[] = [];
    for (let seed = 1; seed <= 300 && found.length === 0; seed++) {
      const v = runCase(generateLeaderlessCase(seed)).violations;
      found.push(...v.filter((x) => x.invariant === 'replicas-converge').map((x) => x.message));
    }
    expect(found[0]).toMatch(/^once every message has arrived, n\d holds "k\d" = .* but n\d holds/);
  });
});
