// How far virtual time moves in one frame of playback: the rule the help overlay and the
// README state. At speed s, virtual time runs s times as fast as the wall clock, except:
//
// 1. Long steps: a step whose stated length D (a `wait`, a workload, an `until`'s limit)
//    is longer than LONG_STEP_WALL_MS plays D / LONG_STEP_WALL_MS times faster, so at 1× no
//    step takes more than 6 s of wall time.
// 2. Quiet stretches: when the next simulator event is more than QUIET_WALL_MS of wall time
//    away at that rate, the clock jumps ahead so it is LEAD_WALL_MS away (a time-lapse);
//    when nothing is scheduled at all, it jumps to the end of the step.
// 3. Progress: a restore or copy (whose length the simulator knows once it starts) plays as
//    a long step without jumps, so its progress bar fills over those 6 s instead of leaping.
import type { Ms } from '../../sim/index.js';

export const LONG_STEP_WALL_MS = 6_000;
export const QUIET_WALL_MS = 2_000;
export const LEAD_WALL_MS = 1_000;
/** A frame that came late (a stalled terminal) counts as at most this much wall time. */
export const MAX_FRAME_WALL_MS = 250;
/** The farthest one jump goes when nothing at all is scheduled (the step ends sooner). */
export const MAX_JUMP_MS = 24 * 3_600_000;

/** Virtual ms per wall ms at `speed` during a step of stated length `span`. */
export function playRate(speed: number, span?: Ms): number {
  const stretch = span !== undefined && span > LONG_STEP_WALL_MS ? span / LONG_STEP_WALL_MS : 1;
  return speed * stretch;
}

export interface AdvancePlan {
  /** Virtual time to advance to. */
  until: Ms;
  /** True when this is a jump over a quiet stretch. */
  lapse: boolean;
  rate: number;
}

export interface AdvanceInput {
  now: Ms;
  /** When the next simulator event is due; undefined when none is scheduled. */
  next: Ms | undefined;
  speed: number;
  /** Stated length of the step being played, if it has one. */
  span?: Ms;
  /** Wall time since the last frame. */
  wallMs: number;
  /** A step whose progress is on screen: no jumps over quiet stretches. */
  steady?: boolean;
}

export function planAdvance({ now, next, speed, span, wallMs, steady }: AdvanceInput): AdvancePlan {
  const rate = playRate(speed, span);
  const normal = now + rate * Math.min(Math.max(0, wallMs), MAX_FRAME_WALL_MS);
  if (steady) return { until: normal, lapse: false, rate };
  if (next === undefined) return { until: now + MAX_JUMP_MS, lapse: true, rate };
  if (next - now > rate * QUIET_WALL_MS) {
    const target = next - rate * LEAD_WALL_MS;
    if (target > normal) return { until: target, lapse: true, rate };
  }
  return { until: normal, lapse: false, rate };
}
