// Human messages for schema issues: what was found and what was expected, in the lesson
// author's words ("a list", "a map", "a whole number"), never zod's internal vocabulary.
import type { z } from 'zod';
import { didYouMean } from './suggest.js';
import { showFound } from './units.js';

type RawIssue = z.core.$ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  record: 'a map',
  null: 'null',
};

function lastKey(path: readonly PropertyKey[] | undefined): string | undefined {
  const last = path?.[path.length - 1];
  return typeof last === 'string' ? last : undefined;
}

/** The message for a required key that is absent (the loader points at the enclosing map). */
export function missingKeyMessage(path: readonly PropertyKey[] | undefined): string {
  const key = lastKey(path);
  return key === undefined ? 'missing value' : `missing required key "${key}"`;
}

function showLiteral(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

function bound(iss: { inclusive?: boolean | undefined }, op: '>' | '<'): string {
  return iss.inclusive === false ? op : `${op}=`;
}

/** Message for any schema issue that the schema itself did not word. */
export function humanIssueMessage(iss: RawIssue): string {
  const input = iss.input;
  switch (iss.code) {
    case 'invalid_type': {
      if (input === undefined) return missingKeyMessage(iss.path);
      const want = TYPE_WORDS[iss.expected] ?? iss.expected;
      const quote =
        iss.expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')
          ? ` (put it in quotes: "${String(input)}")`
          : '';
      return `expected ${want}, found ${showFound(input)}${quote}`;
    }
    case 'invalid_union':
      if (input === undefined) return missingKeyMessage(iss.path);
      return `${showFound(input)} fits none of the forms allowed here`;
    case 'invalid_value': {
      const values = iss.values.map(showLiteral);
      const want = values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
      const near = typeof input === 'string' ? didYouMean(input, values) : '';
      return `expected ${want}, found ${showFound(input)}${near}`;
    }
    case 'too_small':
      if (iss.origin === 'array') {
        const n = Number(iss.minimum);
        const found = Array.isArray(input) ? input.length : 0;
        return `expected at least ${n} item${n === 1 ? '' : 's'}, found ${found}`;
      }
      if (iss.origin === 'string') return 'must not be empty';
      return `expected a number ${bound(iss, '>')} ${iss.minimum}, found ${showFound(input)}`;
    case 'too_big':
      if (iss.origin === 'array') return `expected at most ${iss.maximum} items`;
      if (iss.origin === 'string') return `expected at most ${iss.maximum} characters`;
      return `expected a number ${bound(iss, '<')} ${iss.maximum}, found ${showFound(input)}`;
    case 'invalid_format':
      return `expected ${iss.format}, found ${showFound(input)}`;
    case 'unrecognized_keys':
      return iss.keys.map((k) => `unknown key "${k}"`).join('\n');
    case 'invalid_key':
      return `invalid key ${showFound(input)}`;
    case 'invalid_element':
      return `invalid entry ${showFound(input)}`;
    case 'not_multiple_of':
      return `expected a multiple of ${iss.divisor}, found ${showFound(input)}`;
    default:
      return iss.message ?? 'invalid value';
  }
}
