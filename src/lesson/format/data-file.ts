// A data file (a lesson, a question bank) from text to checked data, every problem located
// in the file as `file:line:col: path: message`. The file may come from a stranger, so it is
// parsed as plain data: YAML core schema, no custom tags, no merge keys, one document, a size
// cap, an alias-expansion cap, duplicate keys and non-text keys rejected. Lessons
// (load.ts) and the quiz bank (src/quiz/bank-load.ts) both load through parseDataFile.
import { readFile, stat } from 'node:fs/promises';
import { type Document, isScalar, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import type { z } from 'zod';
import type { PathProblem } from './cross-check.js';
import { type PathSeg, SourceMap } from './positions.js';
import { formatPath } from './raw.js';
import type { SourcePos } from './types.js';
import { checkSchema } from './zod-problems.js';

export const MAX_DATA_FILE_BYTES = 512 * 1024;
/** Alias expansions allowed while building the data (yaml's own guard against alias bombs). */
export const MAX_ALIAS_COUNT = 100;

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
  return p.path === '' ? `${where}${p.message}` : `${where}${p.path}: ${p.message}`;
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
  const kib = (n: number) => `${Math.ceil(n / 1024)} KiB`;
  return `file too large (${kib(bytes)}; a ${kind.fileName} may be at most ${kib(MAX_DATA_FILE_BYTES)})`;
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

/** Reads and parses a data file (parseDataFile). Never throws for a bad or unreadable file. */
export async function readDataFile<S extends z.ZodType>(
  file: string,
  kind: DataFileKind,
  schema: S,
): Promise<DataFileResult<z.output<S>>> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      return unparsed(file, `cannot read: it is a directory, not a ${kind.fileName}`);
    }
    if (info.size > MAX_DATA_FILE_BYTES) return unparsed(file, tooLarge(kind, info.size));
    text = await readFile(file, 'utf8');
  } catch (err) {
    return unparsed(file, `cannot read: ${describeFsError(err)}`);
  }
  return parseDataFile(text, file, kind, schema);
}

function describeFsError(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return err instanceof Error ? err.message : String(err);
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
    uniqueKeys: true,
    strict: true,
  });
  const map = new SourceMap(doc, lines);
  // Several parser errors at one spot are one mistake seen by several rules: keep the first.
  const syntax = onePerPosition(
    [...doc.errors, ...doc.warnings].map((e) => yamlProblem(e, text, map, kind)),
  );
  syntax.push(...nonTextKeys(doc, map));
  return { doc, map, syntax: sortProblems(syntax) };
}

function yamlProblem(e: YAMLError, text: string, map: SourceMap, kind: DataFileKind): Located {
  const pos = map.posOf(e.pos[0]);
  const message = (() => {
    switch (e.code) {
      case 'DUPLICATE_KEY': {
        // The error marks where the key starts; read the key (plain or quoted) from there.
        const token = /^(?:"[^"]*"|'[^']*'|[^\s:,{}[\]]+)/.exec(text.slice(e.pos[0]))?.[0];
        return token === undefined
          ? 'duplicate key'
          : `duplicate key "${token.replace(/^["']|["']$/g, '')}"`;
      }
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

/** Keys must be plain scalars; `? [a, b]: x` would become a stringified key. */
function nonTextKeys(doc: Document, map: SourceMap): Located[] {
  const found: Located[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      if (key !== null && !isScalar(key)) {
        const start = (key as { range?: [number, number, number] }).range?.[0] ?? 0;
        found.push({
          ...map.posOf(start),
          path: '',
          message: 'a key must be plain text, not a list or map',
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
