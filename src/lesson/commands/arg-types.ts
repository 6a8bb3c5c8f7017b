// The kinds of word a command takes (a node, a duration, a rate…): how each is checked, what
// a wrong one is told, and what Tab offers for it. A checked word becomes the value the
// lesson format writes (durations stay as typed, "12s"; numbers become numbers), so a saved
// session reads like a hand-written lesson.
import { listNames, nearest } from '../format/suggest.js';
import {
  parseCountRate,
  parseDuration,
  parseSize,
  parseSizeRate,
  UnitError,
} from '../format/units.js';
import { type CommandContext, LATEST_BACKUP } from './command-context.js';
import type { Token } from './tokens.js';

/** A word that does not fit: the message says what was expected. */
export class ArgError extends Error {
  constructor(
    message: string,
    readonly token?: Token,
  ) {
    super(message);
    this.name = 'ArgError';
  }
}

export interface ArgType {
  /** For messages: "a node", "a duration like 2s". */
  what: string;
  /** The checked value for the lesson step; throws ArgError. */
  parse(tok: Token, ctx: CommandContext): unknown;
  /** What Tab offers. */
  candidates?(ctx: CommandContext): readonly string[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** `unknown node "replca-1" (did you mean "replica-1"?)`, else the names there are. */
export function unknownName(what: string, word: string, known: readonly string[]): string {
  const near = nearest(word, known);
  if (near !== undefined) return `unknown ${what} "${word}" (did you mean "${near}"?)`;
  return known.length === 0
    ? `unknown ${what} "${word}" (there are none yet)`
    : `unknown ${what} "${word}" (${what}s: ${listNames(known)})`;
}

function checkName(tok: Token, what: string): string {
  if (!NAME.test(tok.text)) {
    throw new ArgError(
      `expected ${what} of letters, digits, ".", "-" and "_", found "${tok.text}"`,
      tok,
    );
  }
  return tok.text;
}

function unit<T>(parse: (s: string) => T, tok: Token): string {
  try {
    parse(tok.text);
  } catch (err) {
    if (err instanceof UnitError) throw new ArgError(err.message, tok);
    throw err;
  }
  return tok.text;
}

export const node: ArgType = {
  what: 'a node',
  parse(tok, ctx) {
    if (!ctx.nodes.includes(tok.text))
      throw new ArgError(unknownName('node', tok.text, ctx.nodes), tok);
    return tok.text;
  },
  candidates: (ctx) => ctx.nodes,
};

export const nodeOrRoute: ArgType = {
  what: 'a node, or route',
  parse(tok, ctx) {
    if (tok.text === 'route') return 'route';
    if (!ctx.nodes.includes(tok.text)) {
      throw new ArgError(unknownName('node', tok.text, [...ctx.nodes, 'route']), tok);
    }
    return tok.text;
  },
  candidates: (ctx) => [...ctx.nodes, 'route'],
};

export const newNode: ArgType = {
  what: 'a new node id',
  parse(tok, ctx) {
    const id = checkName(tok, 'a node id');
    if (ctx.nodes.includes(id)) throw new ArgError(`node "${id}" already exists`, tok);
    return id;
  },
  // The next free replica-N, the name a user would most likely type.
  candidates(ctx) {
    for (let i = 1; ; i++) if (!ctx.nodes.includes(`replica-${i}`)) return [`replica-${i}`];
  },
};

export const key: ArgType = {
  what: 'a key',
  parse(tok) {
    if (tok.text === '') throw new ArgError('expected a key, found an empty word', tok);
    return tok.text;
  },
  candidates: (ctx) => ctx.keys,
};

export const client: ArgType = {
  what: 'a client id',
  parse: (tok) => checkName(tok, 'a client id'),
  candidates: (ctx) => ctx.clients,
};

export const member: ArgType = {
  what: 'a node or client',
  parse(tok, ctx) {
    if (ctx.nodes.includes(tok.text) || ctx.clients.includes(tok.text)) return tok.text;
    throw new ArgError(unknownName('node', tok.text, [...ctx.nodes, ...ctx.clients]), tok);
  },
  candidates: (ctx) => [...ctx.nodes, ...ctx.clients],
};

export const backupRef: ArgType = {
  what: `a backup id, or ${LATEST_BACKUP}`,
  parse(tok, ctx) {
    if (tok.text === LATEST_BACKUP) {
      if (ctx.backups.length === 0)
        throw new ArgError('there is no backup yet (take one with: backup <node>)', tok);
      return LATEST_BACKUP;
    }
    if (!ctx.backups.includes(tok.text)) {
      const near = nearest(tok.text, [...ctx.backups, LATEST_BACKUP]);
      const list =
        ctx.backups.length === 0 ? 'there is no backup yet' : `backups: ${listNames(ctx.backups)}`;
      throw new ArgError(
        `unknown backup "${tok.text}" (${near === undefined ? '' : `did you mean "${near}"? `}${list})`,
        tok,
      );
    }
    return tok.text;
  },
  candidates: (ctx) => [...ctx.backups, ...(ctx.backups.length > 0 ? [LATEST_BACKUP] : [])],
};

export const backupName: ArgType = {
  what: 'a backup id',
  parse(tok, ctx) {
    const id = checkName(tok, 'a backup id');
    if (id === LATEST_BACKUP)
      throw new ArgError(`"${LATEST_BACKUP}" is reserved; name the backup differently`, tok);
    if (ctx.backups.includes(id)) throw new ArgError(`there is already a backup "${id}"`, tok);
    return id;
  },
};

export const duration: ArgType = {
  what: 'a duration like 250ms, 2s, 1m or 6h',
  parse: (tok) => unit((s) => parseDuration(s), tok),
};

export const signedDuration: ArgType = {
  what: 'a duration like 2s or -500ms',
  parse: (tok) => unit((s) => parseDuration(s, { signed: true }), tok),
};

/** A fixed delay `2s`, or a range `1s..3s` sampled per entry. */
export const delay: ArgType = {
  what: 'a duration like 2s, or a range like 1s..3s',
  parse(tok) {
    const range = /^(.+)\.\.(.+)$/.exec(tok.text);
    if (!range) return unit((s) => parseDuration(s), tok);
    const [min, max] = [range[1]!, range[2]!];
    try {
      if (parseDuration(min) > parseDuration(max)) {
        throw new ArgError(`the range ${tok.text} ends before it starts`, tok);
      }
    } catch (err) {
      if (err instanceof UnitError) throw new ArgError(err.message, tok);
      throw err;
    }
    return { min, max };
  },
};

/** A point in time to recover to: a virtual time like 1040m, or latest. */
export const recoveryTarget: ArgType = {
  what: 'a virtual time like 1040m or 9h, or latest',
  parse: (tok, ctx) => (tok.text === 'latest' ? 'latest' : duration.parse(tok, ctx)),
  candidates: () => ['latest'],
};

export const size: ArgType = {
  what: 'a size like 512B, 16KB or 4GB',
  parse: (tok) => unit(parseSize, tok),
};

export const sizeRate: ArgType = {
  what: 'a rate like 100MB/s or 600GB/h',
  parse: (tok) => unit(parseSizeRate, tok),
};

export const countRate: ArgType = {
  what: 'a rate like 500/s',
  parse: (tok) => unit(parseCountRate, tok),
};

/** Entries per second: a number, or a rate like 500/s. */
export const perSecond: ArgType = {
  what: 'entries per second, like 500 or 500/s',
  parse(tok) {
    if (/^\d+(?:\.\d+)?$/.test(tok.text)) return Number(tok.text);
    return unit(parseCountRate, tok);
  },
};

export const fraction: ArgType = {
  what: 'a fraction from 0 to 1, like 0.2',
  parse(tok) {
    const n = Number(tok.text);
    if (!/^\d*\.?\d+$/.test(tok.text) || !(n >= 0 && n <= 1)) {
      throw new ArgError(`expected a fraction from 0 to 1, like 0.2, found "${tok.text}"`, tok);
    }
    return n;
  },
};

export function integer(min: number): ArgType {
  return {
    what: min > 0 ? `a whole number from ${min}` : 'a whole number',
    parse(tok) {
      const n = Number(tok.text);
      if (!/^\d+$/.test(tok.text) || n < min || !Number.isSafeInteger(n)) {
        throw new ArgError(
          `expected a whole number${min > 0 ? ` from ${min}` : ''}, found "${tok.text}"`,
          tok,
        );
      }
      return n;
    },
  };
}

const TRUE = ['true', 'on', 'yes'];
const FALSE = ['false', 'off', 'no'];

export const bool: ArgType = {
  what: 'true or false',
  parse(tok) {
    const w = tok.text.toLowerCase();
    if (TRUE.includes(w)) return true;
    if (FALSE.includes(w)) return false;
    throw new ArgError(`expected true or false, found "${tok.text}"`, tok);
  },
  candidates: () => ['true', 'false'],
};

export function oneOf(values: readonly string[]): ArgType {
  return {
    what: `one of ${values.join(', ')}`,
    parse(tok) {
      if (values.includes(tok.text)) return tok.text;
      const near = nearest(tok.text, values);
      throw new ArgError(
        `expected one of ${values.join(', ')}, found "${tok.text}"${near === undefined ? '' : ` (did you mean "${near}"?)`}`,
        tok,
      );
    },
    candidates: () => values,
  };
}

/**
 * What a `write` stores. An unquoted number, true, false or null is that value (as in a
 * lesson file); anything else, or anything in quotes, is text.
 */
export function literalValue(tok: Token): string | number | boolean | null {
  if (tok.quoted) return tok.text;
  if (/^-?\d+(?:\.\d+)?$/.test(tok.text) && Number.isFinite(Number(tok.text)))
    return Number(tok.text);
  if (tok.text === 'true') return true;
  if (tok.text === 'false') return false;
  if (tok.text === 'null') return null;
  return tok.text;
}
