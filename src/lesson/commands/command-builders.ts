// Reads and writes built directly, for `serve`, which issues thousands of them a second: the
// same command, step and YAML map the parser makes from `write <key> <value> via <node> as
// <client>` (test/lab/command-builders.test.ts holds them equal), without parsing text.

import type { Value } from '../../sim/index.js';
import { DEFAULT_WRITE_SIZE, sqlFunctions } from '../format/schema-steps.js';
import type { ReadStep, WriteStep } from '../format/types.js';
import { literalValue } from './arg-types.js';
import type { ParsedCommand } from './parse-command.js';
import { quoteWord } from './tokens.js';

const NOWHERE = { label: '', pos: { line: 0, col: 0 } };

/** A value as it has to be typed so that it reads back as the same value. */
export function valueWord(v: Value): string {
  if (typeof v !== 'string') return String(v);
  const plain = quoteWord(v);
  if (plain !== v) return plain;
  return literalValue({ text: v, start: 0, end: v.length, quoted: false }) === v ? v : `"${v}"`;
}

export function writeCommand(o: {
  client: string;
  key: string;
  value: Value;
  via?: string;
}): ParsedCommand {
  const step: WriteStep = {
    ...NOWHERE,
    kind: 'write',
    client: o.client,
    key: o.key,
    value: o.value,
    functions: sqlFunctions(o.value),
    size: DEFAULT_WRITE_SIZE,
    ...(o.via === undefined ? {} : { via: o.via }),
    autoId: false,
    background: false,
  };
  const via = o.via === undefined ? '' : ` via ${o.via}`;
  return {
    text: `write ${quoteWord(o.key)} ${valueWord(o.value)}${via} as ${o.client}`,
    name: 'write',
    raw: {
      write: {
        client: o.client,
        key: o.key,
        value: o.value,
        ...(o.via === undefined ? {} : { via: o.via }),
      },
    },
    step,
  };
}

export function readCommand(o: { client: string; key: string; from: string }): ParsedCommand {
  const step: ReadStep = { ...NOWHERE, kind: 'read', client: o.client, key: o.key, from: o.from };
  return {
    text: `read ${quoteWord(o.key)} from ${o.from} as ${o.client}`,
    name: 'read',
    raw: { read: { client: o.client, key: o.key, from: o.from } },
    step,
  };
}
