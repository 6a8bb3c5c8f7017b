// Playback speeds: how many virtual seconds pass per wall-clock second.

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;
export const DEFAULT_SPEED = 1;

/** The next listed speed up (direction 1) or down (-1), staying within 0.1× … 100×. */
export function changeSpeed(current: number, direction: 1 | -1): number {
  if (direction > 0) return SPEEDS.find((s) => s > current) ?? MAX_SPEED;
  return [...SPEEDS].reverse().find((s) => s < current) ?? MIN_SPEED;
}

export function formatSpeed(speed: number): string {
  return `${speed}×`;
}
