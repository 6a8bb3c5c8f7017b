// A data file (a lesson, a question bank) from text to checked data, every problem located
// in the file as `file:line:col: path: message`. The file may come from a stranger, so it is
// parsed as plain data: YAML core schema, no custom tags, no merge keys, one document, a size
// cap, an alias-expansion cap, duplicate keys and non-text keys rejected. Lessons
// (load.ts) and the quiz bank (src/quiz/bank-load.ts) both load through parseDataFile.
import { type Document, isScalar, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import type { z } from 'zod';
import type { PathProblem } from './cross-check.js';
import { type PathSeg, SourceMap } from './positions.js';
import { formatPath } from './raw.js';
import { kib, MAX_LESSON_BYTES, readTextFile } from './read-text-file.js';
import { safeData, safeMessage, safeText } from './terminal-text.js';
import type { SourcePos } from './types.js';
import { checkSchema } from './zod-problems.js';

export const MAX_DATA_FILE_BYTES = MAX_LESSON_BYTES;
/** Alias expansions allowed while building the data (yaml's own guard against alias bombs). */
export const MAX_ALIAS_COUNT = 100;
/** Problems listed for one file; the rest are counted in a last line. */
export const MAX_PROBLEMS = 100;

/** One error or warning. line/col are 1-based; 0 when the problem has no place in the file. */
export interface FileProblem {
  file: string;
  line: number;
  col: number;
  /** Data path like `steps[3].read.from`; '' for the file as a whole. */
  path: string;
  message: string;
}

/** `lessons/lost-tweet.yaml:14:7: steps[3].read.from: unknown node "replica-9" (...)` */
export function formatProblem(p: FileProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}: ` : p.file === '' ? '' : `${p.file}: `;
  // The file name too may hold control characters (a lesson folder from a stranger).
  return safeText(p.path === '' ? `${where}${p.message}` : `${where}${p.path}: ${p.message}`);
}

/** A problem whose path and message are safe to print, however long the value it quotes. */
export function safeProblem<P extends { path: string; message: string }>(p: P): P {
  return { ...p, path: safeMessage(p.path), message: safeMessage(p.message) };
}

/**
 * At most MAX_PROBLEMS problems, made safe; when there are more, the last line says how many
 * were left out (a file with 50,000 unknown keys gets a readable answer, and quickly).
 */
export function listedProblems(file: string, problems: readonly FileProblem[]): FileProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems.map(safeProblem);
  const more = problems.length - MAX_PROBLEMS;
  return [
    ...problems.slice(0, MAX_PROBLEMS).map(safeProblem),
    {
      file,
      line: 0,
      col: 0,
      path: '',
      message: `and ${more.toLocaleString('en-US')} more (${problems.length.toLocaleString('en-US')} in all)`,
    },
  ];
}

/** What kind of file this is, for the messages. */
export interface DataFileKind {
  /** What the file holds: "lesson" ("… a lesson is plain data"). */
  name: string;
  /** What the file is: "lesson file" ("a lesson file may be at most 512 KiB"). */
  fileName: string;
  /** What an empty file should have been: "a lesson is a map with id, title, cluster and steps". */
  shape: string;
}

/** A file parsed as plain data: the data, and where each part of it is in the file. */
export interface DataSource {
  file: string;
  /** Where a data path (e.g. ['steps', 3, 'read', 'from']) sits; with atKey, its key. */
  locate(path: readonly PathSeg[], atKey?: boolean): SourcePos;
  /** Problems at data paths as located problems, in file order, each reported once. */
  place(problems: readonly PathProblem[]): FileProblem[];
}

export type DataFileResult<T> =
  /** Not plain data (unreadable, too large, empty, bad YAML): nothing else can be checked. */
  | { parsed: false; file: string; errors: FileProblem[] }
  /**
   * Plain data, checked against the schema: `value` when it fits, else `problems` at data
   * paths (place them with source.place, with any problems the caller finds itself).
   */
  | {
      parsed: true;
      file: string;
      data: unknown;
      value: T | undefined;
      problems: PathProblem[];
      source: DataSource;
    };

function unparsed(
  file: string,
  message: string,
): { parsed: false; file: string; errors: FileProblem[] } {
  return { parsed: false, file, errors: [{ file, line: 0, col: 0, path: '', message }] };
}

function tooLarge(kind: DataFileKind, bytes: number): string {
  const size =
    bytes > MAX_DATA_FILE_BYTES + 1 ? kib(bytes) : `more than ${kib(MAX_DATA_FILE_BYTES)}`;
  return `file too large (${size}; a ${kind.fileName} may be at most ${kib(MAX_DATA_FILE_BYTES)})`;
}

/** Text → plain data (YAML) → checked by `schema`, every problem located. Never throws. */
export function parseDataFile<S extends z.ZodType>(
  text: string,
  file: string,
  kind: DataFileKind,
  schema: S,
): DataFileResult<z.output<S>> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_DATA_FILE_BYTES) return unparsed(file, tooLarge(kind, bytes));

  const { doc, map, syntax } = parseDataDocument(text, kind);
  const toProblem = (l: Located): FileProblem => ({ file, ...l });
  if (syntax.length > 0) return { parsed: false, file, errors: syntax.map(toProblem) };
  if (doc.contents === null) return unparsed(file, `the file is empty; ${kind.shape}`);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return { parsed: false, file, errors: [toProblem(aliasProblem(err, doc, map))] };
  }
  // Before the checks, so that what they compare (ids, keys) is what will be shown.
  data = safeData(data);

  const source: DataSource = {
    file,
    locate: (path, atKey) => map.locate(path, atKey),
    place: (problems) =>
      sortProblems(
        dedupe(
          problems.map((p) => ({
            ...map.locate(p.path, p.atKey),
            path: formatPath(p.path),
            message: p.message,
          })),
        ),
      ).map(toProblem),
  };
  const checked = checkSchema(schema, data);
  return checked.success
    ? { parsed: true, file, data, value: checked.data, problems: [], source }
    : { parsed: true, file, data, value: undefined, problems: checked.problems, source };
}

/**
 * Reads and parses a data file (parseDataFile). Never throws for a bad or unreadable file: a
 * FIFO, a device, a directory or a symlink loop is one line, and no more than the size cap is
 * ever read.
 */
export async function readDataFile<S extends z.ZodType>(
  file: string,
  kind: DataFileKind,
  schema: S,
): Promise<DataFileResult<z.output<S>>> {
  const read = readTextFile(file, {
    maxBytes: MAX_DATA_FILE_BYTES,
    normaliseLineEnds: true,
    what: `a ${kind.fileName}`,
  });
  if (read.ok) return parseDataFile(read.text, file, kind, schema);
  if (read.kind === 'too-large') return unparsed(file, tooLarge(kind, read.bytes));
  return unparsed(file, `cannot read: ${read.reason}`);
}

// ---- YAML-level problems ------------------------------------------------------------------

interface Located {
  line: number;
  col: number;
  path: string;
  message: string;
}

/**
 * Parses YAML that must be plain data: the core schema, no merge keys, unique keys, one
 * document. Syntax problems come back located and sorted, one per spot.
 */
function parseDataDocument(
  text: string,
  kind: DataFileKind,
): { doc: Document; map: SourceMap; syntax: Located[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    schema: 'core',
    merge: false,
    // yaml checks each key against every earlier key of its map (quadratic: 50,000 keys take
    // a minute); keyProblems finds duplicates with one set per map instead.
    uniqueKeys: false,
    strict: true,
  });
  const map = new SourceMap(doc, lines);
  // Several parser errors at one spot are one mistake seen by several rules: keep the first.
  const syntax = onePerPosition(
    [...doc.errors, ...doc.warnings].map((e) => yamlProblem(e, text, map, kind)),
  );
  syntax.push(...keyProblems(doc, map));
  return { doc, map, syntax: sortProblems(syntax) };
}

function yamlProblem(e: YAMLError, text: string, map: SourceMap, kind: DataFileKind): Located {
  const pos = map.posOf(e.pos[0]);
  const message = (() => {
    switch (e.code) {
      case 'TAB_AS_INDENT':
        return 'YAML syntax: tabs cannot indent; use spaces';
      case 'MULTIPLE_DOCS':
        return `a ${kind.fileName} holds one YAML document; remove the extra "---"`;
      case 'TAG_RESOLVE_FAILED':
        return `unsupported tag ${text.slice(e.pos[0], e.pos[1]).trim()}: a ${kind.name} is plain data`;
      default: {
        const first = e.message.split('\n')[0] ?? e.message;
        return `YAML syntax: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
      }
    }
  })();
  return { ...pos, path: '', message };
}

/**
 * Keys must be plain scalars (`? [a, b]: x` would become a stringified key), and unique in
 * their map (the parser's own check is quadratic; see parseDataDocument).
 */
function keyProblems(doc: Document, map: SourceMap): Located[] {
  const found: Located[] = [];
  const startOf = (node: unknown) =>
    (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      if (key !== null && !isScalar(key)) {
        found.push({
          ...map.posOf(startOf(key)),
          path: '',
          message: 'a key must be plain text, not a list or map',
        });
      }
    },
    Map(_, ymap) {
      const seen = new Set<string>();
      for (const pair of ymap.items) {
        const key = pair.key;
        if (key !== null && !isScalar(key)) continue;
        // Equal as the parser would have compared them: same type, same value.
        const value: unknown = key === null ? null : key.value;
        const id = `${typeof value}:${String(value)}`;
        if (!seen.has(id)) {
          seen.add(id);
          continue;
        }
        found.push({
          ...map.posOf(startOf(key)),
          path: '',
          message: `duplicate key "${String(value)}"`,
        });
      }
    },
  });
  return found;
}

function aliasProblem(err: unknown, doc: Document, map: SourceMap): Located {
  const text = err instanceof Error ? err.message : String(err);
  let first: Located | undefined;
  visit(doc, {
    Alias(_, alias) {
      first ??= { ...map.posOf(alias.range?.[0] ?? 0), path: '', message: '' };
    },
  });
  const message = /excessive alias count/i.test(text)
    ? `too many aliases: expanding them exceeds ${MAX_ALIAS_COUNT} (an alias bomb?)`
    : /unresolved alias/i.test(text)
      ? `YAML: ${text.replace(/^Unresolved alias/, 'unknown alias')}`
      : `YAML: ${text}`;
  return { ...(first ?? { line: 1, col: 1, path: '' }), message };
}

// ---- Ordering -----------------------------------------------------------------------------

function sortProblems(list: Located[]): Located[] {
  return list
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.line - b.p.line || a.p.col - b.p.col || a.i - b.i)
    .map(({ p }) => p);
}

function onePerPosition(list: Located[]): Located[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = `${p.line}:${p.col}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupe(list: Located[]): Located[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = `${p.line}:${p.col}:${p.path}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
