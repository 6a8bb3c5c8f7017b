import { describe, expect, it } from 'vitest';
import { type LayoutInput, planPlayerLayout } from '../../../src/ui/player/player-layout.js';
import { sevenNodes, threeNodes } from '../fixtures.js';

const base: LayoutInput = {
  columns: 80,
  rows: 24,
  snapshot: threeNodes,
  narration: 6,
  followers: 2,
  diagram: false,
  reading: false,
};

function total(l: ReturnType<typeof planPlayerLayout>): number {
  const side = l.cluster.height + l.lag.height + l.events.height + l.diagram.height;
  return l.split ? Math.max(l.narration.height, side) : l.narration.height + side;
}

describe('player layout', () => {
  it('fills exactly the rows between header and footer at 80×24', () => {
    const l = planPlayerLayout(base);
    expect(l.split).toBe(false);
    expect(l.body).toBe(21);
    expect(total(l)).toBe(21);
    expect(l.narration.height).toBe(6);
    expect(l.cluster.height).toBeGreaterThan(0);
    expect(l.lag.height).toBe(3);
    expect(l.events.height).toBeGreaterThanOrEqual(3);
  });

  it('gives a question room first, keeping the cluster on screen', () => {
    const l = planPlayerLayout({ ...base, narration: 30, reading: true });
    expect(total(l)).toBe(21);
    // The compact cluster table: header, column line, three nodes, two links.
    expect(l.cluster.height).toBe(7);
    expect(l.narration.height).toBe(14);
  });

  it('caps narration while the cluster plays', () => {
    const l = planPlayerLayout({ ...base, narration: 30 });
    expect(l.narration.height).toBeLessThanOrEqual(Math.floor(21 * 0.4));
    expect(l.events.height).toBeGreaterThanOrEqual(3);
  });

  it('uses more room when the window is taller: full cards', () => {
    const l = planPlayerLayout({ ...base, rows: 40 });
    expect(total(l)).toBe(37);
    expect(l.cluster.height).toBeGreaterThan(7);
    expect(l.events.height).toBeGreaterThan(3);
  });

  it('splits narration and cluster side by side when wide', () => {
    const l = planPlayerLayout({ ...base, columns: 160, rows: 40 });
    expect(l.split).toBe(true);
    expect(l.narration.width + 1 + l.cluster.width).toBe(160);
    expect(l.narration.height).toBe(37);
    expect(l.cluster.height + l.lag.height + l.events.height).toBe(37);
  });

  it('gives the diagram what the narration and compact cluster leave', () => {
    const l = planPlayerLayout({ ...base, diagram: true, narration: 4 });
    expect(l.events.height).toBe(0);
    expect(l.lag.height).toBe(0);
    expect(l.diagram.height).toBe(21 - 4 - 7);
  });

  it('gives the status table the whole watch side, and the narration what it leaves', () => {
    const l = planPlayerLayout({ ...base, status: true, narration: 40, reading: true });
    expect(l.cluster.height + l.lag.height + l.events.height + l.diagram.height).toBe(0);
    // Title, heading and a row per node, then caption, heading and a row per follower.
    const want = 1 + 1 + base.snapshot.nodes.length + 2 + (base.snapshot.nodes.length - 1);
    expect(l.status.height).toBe(21 - l.narration.height);
    expect(l.narration.height).toBe(21 - want);
  });

  it('keeps every one of seven nodes on screen at 80×24', () => {
    const l = planPlayerLayout({
      ...base,
      snapshot: sevenNodes,
      followers: 6,
      narration: 12,
      reading: true,
    });
    expect(total(l)).toBe(21);
    expect(l.cluster.height).toBeGreaterThanOrEqual(1 + 1 + 7);
  });
});
