// Tab completion for a partly typed command: which words may come where the cursor is
// (command names, node ids, keys seen so far, backup ids, settings and their values), from
// the same table the parser reads (grammar.ts).
import type { ArgType } from './arg-types.js';
import { member } from './arg-types.js';
import type { CommandContext } from './command-context.js';
import {
  CLUSTER_SETTINGS,
  COMMAND_NAMES,
  type CommandSpec,
  commandSpec,
  findSetting,
  NODE_SETTINGS,
  settingWords,
} from './grammar.js';
import { quoteWord, type Token, tokenize } from './tokens.js';

export interface Completion {
  /** The part of the line a candidate replaces (end exclusive). */
  from: number;
  to: number;
  /** Whole words, quoted where they need it, in a sensible order. */
  candidates: string[];
  /** What every candidate starts with (what Tab can fill in at once). */
  common: string;
}

/** Candidates for the word at `cursor` (default: the end of the line). */
export function complete(line: string, ctx: CommandContext, cursor = line.length): Completion {
  const before = line.slice(0, cursor);
  const lexed = tokenize(before, true);
  const tokens = lexed.ok ? lexed.tokens : [];
  const last = tokens[tokens.length - 1];
  // The cursor is inside (or right after) a word: that word is being completed.
  const partial =
    last && last.end === before.length && !(last.quoted && !last.open) ? last : undefined;
  const done = partial ? tokens.slice(0, -1) : tokens;
  const prefix = partial?.text ?? '';
  const from = partial?.start ?? cursor;
  const words = wordsAt(done, ctx);
  const seen = new Set<string>();
  const candidates: string[] = [];
  for (const w of words) {
    if (seen.has(w) || !w.toLowerCase().startsWith(prefix.toLowerCase())) continue;
    seen.add(w);
    candidates.push(w === '|' ? w : quoteWord(w));
  }
  return { from, to: cursor, candidates, common: commonPrefix(candidates) };
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

const of = (t: ArgType | undefined, ctx: CommandContext): readonly string[] =>
  t?.candidates?.(ctx) ?? [];

/** The words that may follow `done` (the complete words before the cursor). */
function wordsAt(done: Token[], ctx: CommandContext): readonly string[] {
  const head = done[0];
  if (!head) return COMMAND_NAMES;
  const spec = commandSpec(head.text.toLowerCase());
  if (!spec) return [];
  const rest = done.slice(1);
  if (spec.name === 'set') return setWords(rest, ctx);
  if (spec.name === 'partition') {
    const used = new Set(rest.map((t) => t.text));
    const ids = of(member, ctx).filter((id) => !used.has(id));
    const last = rest[rest.length - 1];
    return last && last.text !== '|' ? [...ids, '|'] : ids;
  }
  return genericWords(spec, rest, ctx);
}

function genericWords(spec: CommandSpec, rest: Token[], ctx: CommandContext): readonly string[] {
  let pos = 0;
  let pending: ArgType | undefined;
  let inRest = false;
  const used = new Set<string>();
  for (const tok of rest) {
    if (pending) {
      pending = undefined;
      continue;
    }
    const slot = spec.positionals[pos];
    const positionalFirst = slot !== undefined && !slot.literal && !slot.rest && !slot.optional;
    const keyword = !tok.quoted && (tok.text in spec.options || spec.flags.includes(tok.text));
    if (!positionalFirst && keyword) {
      used.add(tok.text);
      inRest = false;
      if (tok.text in spec.options) pending = spec.options[tok.text]!.type;
      continue;
    }
    if (inRest) continue;
    if (slot?.literal) {
      pos++;
      if (tok.text === slot.literal) continue;
    }
    const s = spec.positionals[pos];
    if (s?.rest) inRest = true;
    pos++;
  }
  if (pending) return of(pending, ctx);
  const keywords = [...Object.keys(spec.options), ...spec.flags].filter((k) => !used.has(k));
  if (inRest) return keywords;
  let slot = spec.positionals[pos];
  const out: string[] = [];
  if (slot?.literal) {
    out.push(slot.literal);
    slot = spec.positionals[pos + 1];
  }
  if (slot && !slot.rest) {
    out.push(...of(slot.type, ctx));
    return slot.optional ? [...out, ...keywords] : out;
  }
  // A value is typed freely: nothing to offer until it has begun.
  if (slot?.rest) return out;
  return [...out, ...keywords];
}

function setWords(rest: Token[], ctx: CommandContext): readonly string[] {
  const first = rest[0];
  if (!first) return [...ctx.nodes, ...settingWords(CLUSTER_SETTINGS)];
  const onNode = ctx.nodes.includes(first.text);
  const settings = onNode ? NODE_SETTINGS : CLUSTER_SETTINGS;
  const pairs = onNode ? rest.slice(1) : rest;
  if (pairs.length % 2 === 1) {
    // After a setting: its values.
    const setting = findSetting(pairs[pairs.length - 1]!.text, settings);
    return of(setting?.type, ctx);
  }
  const given = new Set(
    pairs.filter((_, i) => i % 2 === 0).map((t) => findSetting(t.text, settings)?.key),
  );
  return settingWords(settings.filter((s) => !given.has(s.key)));
}
