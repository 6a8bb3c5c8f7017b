// A typed command → the lesson step it stands for, or one error saying what was expected.
// The step is built as the YAML map a lesson file would hold (kept for `:save`) and then
// read by the lesson format's own step schema, so the live cluster runs exactly what a
// saved lesson replays.
import { listNames, nearest } from '../format/suggest.js';
import type { Step } from '../format/types.js';
import { ArgError, literalValue, member, unknownName } from './arg-types.js';
import type { CommandContext } from './command-context.js';
import {
  type Args,
  CLUSTER_SETTINGS,
  COMMAND_NAMES,
  type CommandSpec,
  commandSpec,
  findSetting,
  NODE_SETTINGS,
  type RawStep,
  type Setting,
  settingWords,
} from './grammar.js';
import { stepOf } from './step-of.js';
import { quoteWord, type Token, tokenize } from './tokens.js';

export interface ParsedCommand {
  /** The command as typed, words separated by single spaces. */
  text: string;
  /** The command's name (`add-follower`). */
  name: string;
  /** The lesson step as a YAML map, for saving. */
  raw: RawStep;
  /** The same step as the lesson engine runs it. */
  step: Step;
}

export interface CommandError {
  message: string;
  /** The part of the line that is wrong (columns, end exclusive); the whole line if unknown. */
  from: number;
  to: number;
}

export type ParseResult = { ok: true; command: ParsedCommand } | { ok: false; error: CommandError };

/** Parses one command line against the names the cluster has now. */
export function parseCommand(line: string, ctx: CommandContext): ParseResult {
  const lexed = tokenize(line);
  if (!lexed.ok) return fail(lexed.error, lexed.at, line.length);
  const tokens = lexed.tokens;
  const head = tokens[0];
  if (!head) return fail('type a command, e.g. write tweet hello', 0, 0);
  const spec = commandSpec(head.text.toLowerCase());
  if (!spec || head.quoted) {
    const near = nearest(head.text, COMMAND_NAMES);
    return fail(
      near === undefined
        ? `unknown command "${head.text}" (commands: ${listNames(COMMAND_NAMES, 20)})`
        : `unknown command "${head.text}" (did you mean "${near}"?)`,
      head.start,
      head.end,
    );
  }
  const rest = tokens.slice(1);
  try {
    const raw = buildRaw(spec, rest, ctx, line);
    const text = tokens.map((t) => (t.quoted ? quoteWord(t.text) : t.text)).join(' ');
    return { ok: true, command: { text, name: spec.name, raw, step: stepOf(raw) } };
  } catch (err) {
    if (!(err instanceof ArgError)) throw err;
    const tok = err.token;
    return fail(err.message, tok?.start ?? 0, tok?.end ?? line.length);
  }
}

function fail(message: string, from: number, to: number): ParseResult {
  return { ok: false, error: { message, from, to } };
}

function usageError(spec: CommandSpec, message: string, tok?: Token): ArgError {
  return new ArgError(`${spec.name}: ${message} (usage: ${spec.usage})`, tok);
}

function buildRaw(spec: CommandSpec, tokens: Token[], ctx: CommandContext, line: string): RawStep {
  const args: Args = { values: new Map(), flags: new Set() };
  if (spec.name === 'set') args.values.set('set', parseSet(spec, tokens, ctx));
  else if (spec.name === 'partition') args.values.set('groups', parseGroups(spec, tokens, ctx));
  else parseGeneric(spec, tokens, ctx, args, line);
  return spec.build(args, ctx);
}

function isKeyword(spec: CommandSpec, tok: Token): boolean {
  return !tok.quoted && (tok.text in spec.options || spec.flags.includes(tok.text));
}

function parseGeneric(
  spec: CommandSpec,
  tokens: Token[],
  ctx: CommandContext,
  args: Args,
  line: string,
): void {
  let pos = 0;
  let i = 0;
  const seen = new Set<string>();
  const required = (p: number) => spec.positionals.slice(p).some((s) => !s.optional);
  while (i < tokens.length) {
    const tok = tokens[i]!;
    const slot = spec.positionals[pos];
    // A required word takes the next word whatever it is (a key may be called "from").
    const positionalFirst = slot !== undefined && !slot.literal && !slot.rest && !slot.optional;
    if (!positionalFirst && isKeyword(spec, tok)) {
      if (seen.has(tok.text)) throw usageError(spec, `"${tok.text}" is given twice`, tok);
      seen.add(tok.text);
      if (spec.flags.includes(tok.text)) {
        args.flags.add(tok.text);
        i++;
        continue;
      }
      const opt = spec.options[tok.text]!;
      const value = tokens[i + 1];
      if (!value || value.text === '|') {
        throw usageError(spec, `expected ${opt.type.what} after "${tok.text}"`, tok);
      }
      args.values.set(opt.name, opt.type.parse(value, ctx));
      i += 2;
      continue;
    }
    if (!slot) {
      const known = [...Object.keys(spec.options), ...spec.flags];
      const near = tok.quoted ? undefined : nearest(tok.text, known);
      throw usageError(
        spec,
        near === undefined
          ? `unexpected "${tok.text}"`
          : `unexpected "${tok.text}" (did you mean "${near}"?)`,
        tok,
      );
    }
    if (slot.literal) {
      pos++;
      if (!tok.quoted && tok.text === slot.literal) i++;
      continue;
    }
    if (slot.rest) {
      let j = i;
      while (j < tokens.length && !isKeyword(spec, tokens[j]!)) j++;
      args.values.set(slot.name, restValue(tokens.slice(i, j), line));
      pos++;
      i = j;
      continue;
    }
    args.values.set(slot.name, slot.type!.parse(tok, ctx));
    pos++;
    i++;
  }
  if (required(pos)) {
    const missing = spec.positionals.slice(pos).find((s) => !s.optional)!;
    const what = missing.rest ? `a ${missing.name}` : missing.type!.what;
    throw usageError(spec, `expected ${what}`);
  }
}

/**
 * A value of one or more words: one word keeps its type (5 is a number, "5" text); several
 * are text, as typed between the first and the last (quotes dropped if any were used).
 */
function restValue(words: Token[], line: string): unknown {
  if (words.length === 1) return literalValue(words[0]!);
  if (words.some((w) => w.quoted)) return words.map((w) => w.text).join(' ');
  return line.slice(words[0]!.start, words[words.length - 1]!.end);
}

/** `partition a b | c`: groups of node (or client) ids. */
function parseGroups(spec: CommandSpec, tokens: Token[], ctx: CommandContext): string[][] {
  const groups: string[][] = [[]];
  const placed = new Map<string, number>();
  for (const tok of tokens) {
    if (tok.text === '|' && !tok.quoted) {
      if (groups[groups.length - 1]!.length === 0) throw usageError(spec, 'a group is empty', tok);
      groups.push([]);
      continue;
    }
    const id = member.parse(tok, ctx) as string;
    const other = placed.get(id);
    if (other !== undefined) throw new ArgError(`"${id}" is named in two groups`, tok);
    placed.set(id, groups.length - 1);
    groups[groups.length - 1]!.push(id);
  }
  if (groups[groups.length - 1]!.length === 0) {
    throw usageError(
      spec,
      tokens.length === 0 ? 'expected the nodes of each group' : 'a group is empty',
      tokens[tokens.length - 1],
    );
  }
  return groups;
}

/** `set replica-1 lag 5s replay 1s` or `set mode sync minAcks 2`. */
function parseSet(
  spec: CommandSpec,
  tokens: Token[],
  ctx: CommandContext,
): Record<string, unknown> {
  const first = tokens[0];
  if (!first) throw usageError(spec, 'expected a node or a cluster setting');
  const out: Record<string, unknown> = {};
  let settings: readonly Setting[];
  let i: number;
  if (ctx.nodes.includes(first.text)) {
    out.node = first.text;
    settings = NODE_SETTINGS;
    i = 1;
    if (tokens.length === 1) {
      throw usageError(
        spec,
        `expected a setting of ${first.text} (${settingWords(NODE_SETTINGS).join(', ')})`,
      );
    }
  } else if (findSetting(first.text, CLUSTER_SETTINGS)) {
    settings = CLUSTER_SETTINGS;
    i = 0;
  } else if (findSetting(first.text, NODE_SETTINGS)) {
    throw new ArgError(
      `"${first.text}" is a node setting; say which node: set <node> ${first.text} <value>`,
      first,
    );
  } else {
    const words = [...ctx.nodes, ...settingWords(CLUSTER_SETTINGS)];
    const near = nearest(first.text, words);
    throw new ArgError(
      near === undefined
        ? `expected a node or a cluster setting (${settingWords(CLUSTER_SETTINGS).join(', ')}), found "${first.text}"`
        : ctx.nodes.includes(near)
          ? unknownName('node', first.text, ctx.nodes)
          : `unknown setting "${first.text}" (did you mean "${near}"?)`,
      first,
    );
  }
  const target = out.node === undefined ? 'the cluster' : String(out.node);
  for (; i < tokens.length; i += 2) {
    const word = tokens[i]!;
    const setting = findSetting(word.text, settings);
    if (!setting) {
      const other = settings === NODE_SETTINGS ? CLUSTER_SETTINGS : NODE_SETTINGS;
      if (findSetting(word.text, other)) {
        throw new ArgError(
          settings === NODE_SETTINGS
            ? `"${word.text}" is a cluster setting; leave out the node: set ${word.text} <value>`
            : `"${word.text}" is a node setting; say which node: set <node> ${word.text} <value>`,
          word,
        );
      }
      const near = nearest(word.text, settingWords(settings));
      throw new ArgError(
        `unknown setting "${word.text}" for ${target}${near === undefined ? '' : ` (did you mean "${near}"?)`}; settings: ${settingWords(settings).join(', ')}`,
        word,
      );
    }
    if (setting.key in out) throw new ArgError(`"${word.text}" is given twice`, word);
    if (setting.filler !== undefined && tokens[i + 1]?.text === setting.filler) i++;
    const value = tokens[i + 1];
    if (!value) throw usageError(spec, `expected ${setting.type.what} after "${word.text}"`, word);
    out[setting.key] = setting.type.parse(value, ctx);
  }
  return out;
}
