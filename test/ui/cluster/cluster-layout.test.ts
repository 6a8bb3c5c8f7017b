import { describe, expect, it } from 'vitest';
import { orderNodes, planClusterLayout } from '../../../src/ui/cluster/cluster-layout.js';
import { fivePartitioned, sevenNodes, threeNodes } from '../fixtures.js';

describe('orderNodes', () => {
  it('puts the current leader first, then other leaders, then followers in order', () => {
    expect(orderNodes(fivePartitioned).map((n) => n.id)).toEqual([
      'replica-2',
      'primary',
      'replica-1',
      'replica-3',
      'replica-4',
    ]);
  });
});

describe('planClusterLayout', () => {
  it('uses full cards in one row for three nodes at 80×24', () => {
    const plan = planClusterLayout(threeNodes, 80, 24);
    expect(plan.variant).toBe('cards');
    expect(plan.cardRows.map((r) => r.length)).toEqual([3]);
    expect(plan.keyLines).toBe(3);
    expect(plan.linkLines).toBe(2);
  });

  it('wraps five nodes into rows of three and spends spare rows on links', () => {
    const plan = planClusterLayout(fivePartitioned, 80, 24);
    expect(plan.variant).toBe('cards');
    expect(plan.cardRows.map((r) => r.length)).toEqual([3, 2]);
    expect(plan.linkLines).toBe(4);
  });

  it('drops key lines before giving up on cards', () => {
    const plan = planClusterLayout(threeNodes, 80, 12);
    expect(plan.variant).toBe('cards');
    expect(plan.keyLines).toBeLessThan(3);
  });

  it('falls back to one table row per node when cards do not fit', () => {
    const plan = planClusterLayout(sevenNodes, 80, 14);
    expect(plan.variant).toBe('rows');
    expect(plan.cardRows[0]).toHaveLength(7);
    expect(plan.hiddenNodes).toBe(0);
  });

  it('hides nodes that do not fit even as rows, and says how many', () => {
    const plan = planClusterLayout(sevenNodes, 80, 6);
    expect(plan.variant).toBe('rows');
    expect(plan.hiddenNodes).toBeGreaterThan(0);
  });
});
