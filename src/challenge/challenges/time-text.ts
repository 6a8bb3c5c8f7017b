// Times in violation messages, written as the simulator's checkers write them.

/** A virtual time in ms as `5.096s` (trailing zeros dropped: `4.9s`, `2s`). */
export function secs(ms: number): string {
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}
