// The time-lapse rule in words, for the help overlay (time-lapse.ts holds the numbers).
import { LEAD_WALL_MS, LONG_STEP_WALL_MS, QUIET_WALL_MS } from './time-lapse.js';

const s = (ms: number) => `${ms / 1000} s`;

export const TIME_LAPSE_NOTES: readonly string[] = [
  `Time: at 1× a virtual second takes a second. A step longer than ${s(LONG_STEP_WALL_MS)} (a wait, a workload, a restore) plays in ${s(LONG_STEP_WALL_MS)} at 1× (≫ ×N long step).`,
  `When no event is due for ${s(QUIET_WALL_MS)}, the clock jumps to ${s(LEAD_WALL_MS)} before the next one (≫ +time).`,
];
