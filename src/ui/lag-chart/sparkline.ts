// Sparklines from lag samples: one character per sample, or per bucket of samples when there
// are more samples than columns (a bucket shows its maximum, so a short spike stays visible).

export const SPARK_LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** A missing sample (node not there yet, or down) prints as a space. */
export type Sample = number | null;

function bucketMax(values: readonly Sample[]): Sample {
  let max: Sample = null;
  for (const v of values) if (v !== null && (max === null || v > max)) max = v;
  return max;
}

/** Reduce `values` to at most `width` samples, oldest first. */
export function resample(values: readonly Sample[], width: number): Sample[] {
  const w = Math.max(0, Math.floor(width));
  if (values.length <= w) return [...values];
  const out: Sample[] = [];
  for (let i = 0; i < w; i++) {
    const start = Math.floor((i * values.length) / w);
    const end = Math.floor(((i + 1) * values.length) / w);
    out.push(bucketMax(values.slice(start, end)));
  }
  return out;
}

export function sparkLevel(value: number, max: number): string {
  if (max <= 0 || value <= 0) return SPARK_LEVELS[0];
  const i = Math.round((Math.min(value, max) / max) * (SPARK_LEVELS.length - 1));
  return SPARK_LEVELS[i] ?? SPARK_LEVELS[0];
}

/**
 * At most `width` characters, newest sample last. `max` sets the top of the scale (so several
 * series share one); by default it is the largest value.
 */
export function sparkline(values: readonly Sample[], width: number, max?: number): string {
  const samples = resample(values, width);
  const top = max ?? seriesMax(samples);
  return samples.map((v) => (v === null ? ' ' : sparkLevel(v, top))).join('');
}

export function seriesMax(values: readonly Sample[]): number {
  return Math.max(0, bucketMax(values) ?? 0);
}
