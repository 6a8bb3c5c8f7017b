// Planted bugs show the convergence invariant can fail: (1) last write wins judged by arrival
// instead of the stamp, so leaders that saw concurrent writes in another order keep different
// winners; (2) replica id keeping only the winner of each comparison (instead of every version
// nothing superseded), which with three leaders depends on the order entries arrive in. The
// harness must find nodes that differ.
import { describe, expect, it, vi } from 'vitest';
import { generateMultiLeaderCase, runCase } from '../../../src/sim/index.js';

const plant = vi.hoisted(() => ({ kind: 'arrival' as 'arrival' | 'keep-one' }));

vi.mock('../../../src/sim/multi-leader/reconcile.js', async (original) => {
  const real = await original<typeof import('../../../src/sim/multi-leader/reconcile.js')>();
  return {
    ...real,
    reconcile: (...args: Parameters<typeof real.reconcile>) => {
      const [held, v, mode, rank, ids] = args;
      if (plant.kind === 'arrival' && mode === 'lww' && !held.some((h) => h.op === v.op)) {
        return real.reconcile(held, v, 'none', rank, ids);
      }
      const res = real.reconcile(...args);
      if (plant.kind === 'keep-one' && mode === 'replica-id') {
        return { ...res, versions: real.shown(res.versions, mode, rank).slice() };
      }
      return res;
    },
  };
});

function firstViolation(accept: (conflict: string) => boolean): string {
  for (let seed = 1; seed <= 400; seed++) {
    const c = generateMultiLeaderCase(seed);
    if (!accept(c.config.conflict!)) continue;
    const v = runCase(c).violations.find((x) => x.invariant === 'leaders-converge');
    if (v) return v.message;
  }
  return '';
}

describe('planted bugs: leaders do not converge', () => {
  it('leaders-converge catches last write wins by arrival order', () => {
    plant.kind = 'arrival';
    expect(firstViolation((c) => c === 'lww')).toMatch(
      /^"k\d": dc\d shows writes \[\d+\], \S+ shows \[\d+\]$/,
    );
  });

  it('leaders-converge catches replica id keeping one version', () => {
    plant.kind = 'keep-one';
    expect(firstViolation((c) => c === 'replica-id')).toMatch(/shows writes/);
  });
});
