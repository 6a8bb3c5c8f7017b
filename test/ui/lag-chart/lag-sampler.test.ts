import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../../src/sim/types.js';
import {
  addSample,
  lagSeries,
  NO_SAMPLES,
  sampleSpan,
  samplesUntil,
} from '../../../src/ui/lag-chart/lag-sampler.js';
import { threeNodes } from '../fixtures.js';

function at(t: number, lag1: number, lag2: number, down2 = false): ClusterSnapshot {
  const [leader, r1, r2] = threeNodes.nodes;
  return {
    ...threeNodes,
    t,
    nodes: [
      leader!,
      { ...r1!, lagMs: lag1 },
      { ...r2!, lagMs: lag2, status: down2 ? 'down' : 'streaming' },
    ],
  };
}

describe('lag sampler', () => {
  it('keeps a series per follower, oldest first, and nothing for the leader', () => {
    let s = addSample(NO_SAMPLES, at(0, 0, 0));
    s = addSample(s, at(1_000, 500, 1_000));
    s = addSample(s, at(2_000, 0, 2_000, true));
    expect(lagSeries(s)).toEqual([
      { node: 'replica-1', samples: [0, 500, 0] },
      { node: 'replica-2', samples: [0, 1_000, null] },
    ]);
    expect(sampleSpan(s)).toBe(2_000);
  });

  it('replaces a sample taken at the same time and drops later ones after a rewind', () => {
    let s = addSample(NO_SAMPLES, at(0, 0, 0));
    s = addSample(s, at(1_000, 1, 1));
    s = addSample(s, at(2_000, 2, 2));
    s = addSample(s, at(1_000, 9, 9));
    expect(s.map((x) => x.t)).toEqual([0, 1_000]);
    expect(lagSeries(s)[0]?.samples).toEqual([0, 9]);
    expect(samplesUntil(s, 500).map((x) => x.t)).toEqual([0]);
  });

  it('keeps at most the given number of samples, the newest', () => {
    let s = NO_SAMPLES;
    for (let t = 0; t < 10; t++) s = addSample(s, at(t, t, t), 4);
    expect(s.map((x) => x.t)).toEqual([6, 7, 8, 9]);
  });

  it('has no series before the first sample', () => {
    expect(lagSeries(NO_SAMPLES)).toEqual([]);
    expect(sampleSpan(NO_SAMPLES)).toBe(0);
  });
});
