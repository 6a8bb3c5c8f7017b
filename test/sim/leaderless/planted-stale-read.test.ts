// A planted bug shows the quorum-read invariant can fail: quorum reads that ask one replica
// (the last home replica) instead of r. The harness must find a case where a read misses an
// acknowledged write although w + r > n promised it would not.
import { describe, expect, it, vi } from 'vitest';
import { generateLeaderlessCase, runCase } from '../../../src/sim/index.js';

vi.mock('../../../src/sim/leaderless/reads.js', async (original) => {
  const real = await original<typeof import('../../../src/sim/leaderless/reads.js')>();
  return {
    ...real,
    startLeaderlessRead: (...args: Parameters<typeof real.startLeaderlessRead>) => {
      const [sim, session, client, key, node] = args;
      return real.startLeaderlessRead(
        sim,
        session,
        client,
        key,
        node ?? sim.leaderless!.quorum.n - 1,
      );
    },
  };
});

describe('planted bug: quorum reads ask one replica', () => {
  it('quorum-reads-see-acked-writes catches it', () => {
    const found: string[] = [];
    for (let seed = 1; seed <= 300 && found.length === 0; seed++) {
      const v = runCase(generateLeaderlessCase(seed)).violations;
      found.push(
        ...v.filter((x) => x.invariant === 'quorum-reads-see-acked-writes').map((x) => x.message),
      );
    }
    expect(found[0]).toMatch(
      /^read of "k\d" by \w+ at [\d.]+s returned .* but .* was acknowledged/,
    );
  });
});
