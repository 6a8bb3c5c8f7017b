// Parameter building blocks for templates: a whole number or a duration, fixed or as a range
// `{min, max}` that each seed samples from. Durations use the lesson units (250ms, 2s).
import { z } from 'zod';
import { duration, expecting, strictMap } from '../../lesson/format/schema-parts.js';
import type { Prng } from '../../sim/index.js';

export interface Range {
  min: number;
  max: number;
}

function rangeOf(one: () => z.ZodType<number>, noun: string, example: string) {
  return z
    .union([one(), strictMap({ min: one(), max: one() }, `a range like ${example}`)], {
      error: expecting(`a ${noun}, or a range like ${example}`),
    })
    .transform((v): Range => (typeof v === 'number' ? { min: v, max: v } : v))
    .refine((r) => r.min <= r.max, { message: 'max must not be below min', path: ['max'] });
}

/** Whole numbers within [lo, hi]; the default when the parameter is absent. */
export function intRange(lo: number, hi: number, fallback: Range) {
  const one = () =>
    z
      .int({ error: expecting(`a whole number from ${lo} to ${hi}`) })
      .min(lo, { error: expecting(`a whole number from ${lo} to ${hi}`) })
      .max(hi, { error: expecting(`a whole number from ${lo} to ${hi}`) });
  return rangeOf(one, 'whole number', `{min: ${lo}, max: ${hi}}`).default(fallback);
}

/** Durations within [lo, hi] ms, written as 2s or 250ms. */
export function msRange(lo: number, hi: number, fallback: Range) {
  const bounded = () =>
    duration().refine((ms) => ms >= lo && ms <= hi, {
      error: `expected a duration from ${lo}ms to ${hi}ms`,
    });
  return rangeOf(bounded, 'duration', '{min: 1s, max: 3s}').default(fallback);
}

/** A whole number in the range. */
export function sample(rng: Prng, r: Range): number {
  return rng.int(r.min, r.max);
}

/** A multiple of `step` in the range (at least one step). */
export function sampleStep(rng: Prng, r: Range, step: number): number {
  const lo = Math.max(1, Math.ceil(r.min / step));
  const hi = Math.max(lo, Math.floor(r.max / step));
  return rng.int(lo, hi) * step;
}

/** `count` distinct multiples of `step` in the range (fewer if the range is too narrow). */
export function distinctSteps(rng: Prng, r: Range, step: number, count: number): number[] {
  const lo = Math.max(1, Math.ceil(r.min / step));
  const hi = Math.max(lo, Math.floor(r.max / step));
  const pool = Array.from({ length: hi - lo + 1 }, (_, i) => (lo + i) * step);
  shuffle(rng, pool);
  return pool.slice(0, count);
}

/** Fisher–Yates with the seeded generator. */
export function shuffle<T>(rng: Prng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = items[i]!;
    items[i] = items[j]!;
    items[j] = a;
  }
  return items;
}

/** Any of the items. */
export function pickOne<T>(rng: Prng, items: readonly T[]): T {
  return items[rng.int(0, items.length - 1)]!;
}
