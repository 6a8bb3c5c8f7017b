// Exact causal contexts: a vector plus the dots beyond it, folded in as gaps close.
import { describe, expect, it } from 'vitest';
import {
  hasDot,
  highest,
  joinCausal,
  NO_CAUSAL,
  withDot,
} from '../../../src/sim/versioning/causal.js';

describe('causal contexts', () => {
  it('a dot beyond a gap does not claim the dots below it', () => {
    const c = withDot(NO_CAUSAL, 0, 2);
    expect(hasDot(c, 0, 2)).toBe(true);
    expect(hasDot(c, 0, 1)).toBe(false);
    expect(highest(c)).toEqual([2]);
  });

  it('folds dots into the vector once the gap closes, in any order', () => {
    let c = withDot(NO_CAUSAL, 1, 3);
    c = withDot(c, 1, 2);
    expect(c.extra.length).toBe(2);
    c = withDot(c, 1, 1);
    expect(c).toEqual({ vv: [0, 3], extra: [] });
  });

  it('joins: everything either saw, and no allocation when one already has it all', () => {
    const a = withDot(withDot(NO_CAUSAL, 0, 1), 2, 5);
    const b = withDot(NO_CAUSAL, 0, 2);
    const j = joinCausal(a, b);
    expect([hasDot(j, 0, 1), hasDot(j, 0, 2), hasDot(j, 2, 5), hasDot(j, 2, 4)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(joinCausal(j, a)).toBe(j);
  });
});
