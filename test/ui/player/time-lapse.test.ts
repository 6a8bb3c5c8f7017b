import { describe, expect, it } from 'vitest';
import {
  LEAD_WALL_MS,
  LONG_STEP_WALL_MS,
  MAX_FRAME_WALL_MS,
  planAdvance,
  playRate,
} from '../../../src/ui/player/time-lapse.js';

describe('playRate', () => {
  it('is the speed for steps of 6 s or less, and compresses longer ones to 6 s at 1×', () => {
    expect(playRate(1)).toBe(1);
    expect(playRate(2, 6_000)).toBe(2);
    expect(playRate(1, 150_000)).toBe(25);
    expect(playRate(2, 6 * 3_600_000)).toBe(7_200);
    // So a step takes LONG_STEP_WALL_MS of wall time at 1×, whatever its length.
    expect(150_000 / playRate(1, 150_000)).toBe(LONG_STEP_WALL_MS);
  });
});

describe('planAdvance', () => {
  it('moves virtual time by speed × wall time while events are near', () => {
    expect(planAdvance({ now: 1_000, next: 1_500, speed: 2, wallMs: 50 })).toEqual({
      until: 1_100,
      lapse: false,
      rate: 2,
    });
  });

  it('counts a late frame as at most 250 ms', () => {
    const plan = planAdvance({ now: 0, next: 100, speed: 1, wallMs: 5_000 });
    expect(plan.until).toBe(MAX_FRAME_WALL_MS);
  });

  it('jumps over a quiet stretch to 1 s (wall) before the next event', () => {
    const plan = planAdvance({ now: 0, next: 15_000, speed: 1, wallMs: 50 });
    expect(plan).toEqual({ until: 15_000 - LEAD_WALL_MS, lapse: true, rate: 1 });
    // At 10× the same gap is 1.5 s of wall time: played, not skipped.
    expect(planAdvance({ now: 0, next: 15_000, speed: 10, wallMs: 50 }).lapse).toBe(false);
  });

  it('does not jump for an event just 2 s (wall) away', () => {
    expect(planAdvance({ now: 0, next: 2_000, speed: 1, wallMs: 50 }).lapse).toBe(false);
  });

  it('jumps to the end of the step when nothing is scheduled', () => {
    const plan = planAdvance({ now: 5, next: undefined, speed: 1, wallMs: 50 });
    expect(plan.lapse).toBe(true);
    expect(plan.until).toBeGreaterThan(3_600_000);
  });

  it('applies the long-step rate to both playing and the quiet threshold', () => {
    const plan = planAdvance({ now: 0, next: 15_000, speed: 1, span: 60_000, wallMs: 50 });
    expect(plan).toEqual({ until: 500, lapse: false, rate: 10 });
  });
});
