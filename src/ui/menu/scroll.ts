// Which slice of a long list to show so the focused line stays in view (centred when it can).

export interface ScrollWindow {
  start: number;
  end: number;
}

export function scrollWindow(total: number, focus: number, size: number): ScrollWindow {
  const n = Math.max(0, size);
  if (total <= n) return { start: 0, end: total };
  const start = Math.min(Math.max(0, focus - Math.floor(n / 2)), total - n);
  return { start, end: start + n };
}
