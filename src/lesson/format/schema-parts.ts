// Building blocks of the lesson schema: strict maps with "did you mean" for unknown keys, and
// the unit types (durations, sizes, rates) that parse into numbers. Every block words its own
// errors as "expected <what>, found <value>".
import { z } from 'zod';
import type { Delay, SyncStandbys } from '../../sim/index.js';
import { unknownKeyMessage } from './suggest.js';
import {
  COUNT_RATE_EXAMPLES,
  COUNT_RATE_PATTERN,
  DURATION_EXAMPLES,
  DURATION_PATTERN,
  parseCountRate,
  parseDuration,
  parseSize,
  parseSizeRate,
  SIGNED_DURATION_PATTERN,
  SIZE_EXAMPLES,
  SIZE_PATTERN,
  SIZE_RATE_EXAMPLES,
  SIZE_RATE_PATTERN,
  showFound,
} from './units.js';

type ErrorFn = (iss: z.core.$ZodRawIssue) => string | undefined;

/** An error map saying what was expected. A missing value is left to the generic message. */
export function expecting(what: string): ErrorFn {
  return (iss) =>
    iss.input === undefined ? undefined : `expected ${what}, found ${showFound(iss.input)}`;
}

/**
 * A map that rejects unknown keys, suggesting the nearest known one. One message line per
 * unknown key; the loader splits them and points each at its key.
 */
export function strictMap<T extends z.core.$ZodLooseShape>(shape: T, what = 'a map') {
  const known = Object.keys(shape);
  const wrongType = expecting(what);
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? iss.keys.map((k) => unknownKeyMessage(k, known)).join('\n')
        : wrongType(iss),
  });
}

export const text = z.string().min(1);

/** Ids of nodes, clients, steps and backups: no spaces, so they read well in messages. */
export const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
  error: expecting('a name of letters, digits, ".", "-" and "_"'),
});

export const count = z.int().min(0);
/** A major version of the database software, like 16. */
export const majorVersion = z
  .int({ error: expecting('a major version like 16') })
  .min(1, { error: expecting('a major version like 16') });
export const fraction = z
  .number({ error: expecting('a fraction from 0 to 1') })
  .min(0, { error: expecting('a fraction from 0 to 1') })
  .max(1, { error: expecting('a fraction from 0 to 1') });

function unitOf<T>(
  pattern: string,
  examples: string,
  parse: (v: string | number) => T,
  numbers: 'non-negative' | 'signed' | 'none',
) {
  const err = { error: expecting(examples) };
  const str = z.string(err).regex(new RegExp(pattern), err);
  if (numbers === 'none') return str.transform((v) => parse(v));
  const num = numbers === 'signed' ? z.number(err) : z.number(err).min(0, err);
  return z.union([num, str], err).transform((v) => parse(v));
}

/** `250ms`, `2s`, `1m`, `6h`, `1d` or a number of ms, parsed to ms. */
export const duration = () =>
  unitOf(DURATION_PATTERN, DURATION_EXAMPLES, (v) => parseDuration(v), 'non-negative');

/** Like duration, but may be negative (clock skew). */
export const signedDuration = () =>
  unitOf(
    SIGNED_DURATION_PATTERN,
    `${DURATION_EXAMPLES} (may be negative)`,
    (v) => parseDuration(v, { signed: true }),
    'signed',
  );

/** `512B`, `16KB`, `4GB`, `51TB` (powers of 1024) or a number of bytes, parsed to bytes. */
export const size = () => unitOf(SIZE_PATTERN, SIZE_EXAMPLES, (v) => parseSize(v), 'non-negative');

/** `100MB/s`, `600GB/h`, parsed to bytes per ms. */
export const sizeRate = () =>
  unitOf(SIZE_RATE_PATTERN, SIZE_RATE_EXAMPLES, (v) => parseSizeRate(v), 'none');

/** `500/s`, parsed to a count per ms. */
export const countRate = () =>
  unitOf(COUNT_RATE_PATTERN, COUNT_RATE_EXAMPLES, (v) => parseCountRate(v), 'none');

/** Entries per second: a number, or a count rate such as `500/s` or `30000/m`. */
export const perSecond = () => {
  const what = 'entries per second, as a number or a rate like 500/s';
  const err = { error: expecting(what) };
  return z
    .union(
      [z.number(err).min(0, err), z.string(err).regex(new RegExp(COUNT_RATE_PATTERN), err)],
      err,
    )
    .transform((v) => (typeof v === 'number' ? v : parseCountRate(v) * 1000));
};

/**
 * Operations per second a node serves (`capacity`): a positive number, or a count rate such
 * as `2000/s` or `90000/m`.
 */
export const opsPerSecond = () => {
  const what = 'operations per second above 0, as a number or a rate like 2000/s';
  const err = { error: expecting(what) };
  const pattern = new RegExp(COUNT_RATE_PATTERN);
  const rate = z
    .string(err)
    .regex(pattern, err)
    // Judged only when the text is a rate; other text has its own message.
    .refine((v) => !pattern.test(v) || parseCountRate(v) > 0, err);
  return z
    .union([z.number(err).positive(err), rate], err)
    .transform((v) => (typeof v === 'number' ? v : parseCountRate(v) * 1000));
};

/**
 * PostgreSQL's choice of synchronous standbys: `{first: k}` (the first k listed followers that
 * are connected) or `{any: k}` (quorum commit: any k acknowledgements).
 */
export const syncStandbys = () =>
  strictMap(
    {
      first: z
        .int()
        .min(1)
        .optional()
        .describe('The first k connected followers, in listed order.'),
      any: z.int().min(1).optional().describe('Quorum commit: any k followers.'),
    },
    'a map like {first: 1} or {any: 2}',
  )
    .superRefine((s, ctx) => {
      const given = [s.first, s.any].filter((k) => k !== undefined).length;
      if (given !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: `expected exactly one of first or any, like {first: 1} or {any: 2}, found ${given === 0 ? 'neither' : 'both'}`,
        });
      }
    })
    .transform(
      (s): SyncStandbys => (s.first !== undefined ? { first: s.first } : { any: s.any ?? 1 }),
    )
    // Editors: exactly one of the two keys.
    .meta({ oneOf: [{ required: ['first'] }, { required: ['any'] }] });

/** A fixed delay or a range sampled per entry: `2s` or `{min: 1s, max: 3s}`. */
export const delay = () =>
  z
    .union(
      [
        duration(),
        strictMap({ min: duration(), max: duration() }, 'a range like {min: 1s, max: 3s}').refine(
          // Judged only when both ends parsed; a bad end has its own message.
          (r) => typeof r.min !== 'number' || typeof r.max !== 'number' || r.min <= r.max,
          { message: 'max must not be below min', path: ['max'] },
        ),
      ],
      { error: expecting(`${DURATION_EXAMPLES}, or a range like {min: 1s, max: 3s}`) },
    )
    .transform((v): Delay => v);
