// Lesson file → validated, normalised Lesson, or every problem as `file:line:col: path:
// message`. A lesson may come from a stranger, so it is parsed as plain data: YAML core
// schema, no custom tags, a size cap, an alias-expansion cap, duplicate keys rejected.
import { type Document, isScalar, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { crossCheck, type PathProblem } from './cross-check.js';
import { type PathSeg, SourceMap } from './positions.js';
import { formatPath, type Path } from './raw.js';
import { kib, MAX_LESSON_BYTES, readTextFile } from './read-text-file.js';
import { lessonSchema } from './schema.js';
import { humanIssueMessage } from './schema-messages.js';
import { nearest } from './suggest.js';
import { safeData, safeMessage, safeText } from './terminal-text.js';
import type { Lesson, SourcePos, Step } from './types.js';

export { MAX_LESSON_BYTES };
/** Alias expansions allowed while building the data (yaml's own guard against alias bombs). */
export const MAX_ALIAS_COUNT = 100;
/** Problems listed for one file; the rest are counted in a last line. */
export const MAX_PROBLEMS = 100;

/** One error or warning. line/col are 1-based; 0 when the problem has no place in the file. */
export interface LessonProblem {
  file: string;
  line: number;
  col: number;
  /** Data path like `steps[3].read.from`; '' for the file as a whole. */
  path: string;
  message: string;
}

export type LoadResult =
  | {
      ok: true;
      file: string;
      lesson: Lesson;
      warnings: LessonProblem[];
      /** Where a data path (e.g. ['steps', 3, 'read', 'from']) sits in the file. */
      locate: (path: readonly PathSeg[], atKey?: boolean) => SourcePos;
    }
  | { ok: false; file: string; errors: LessonProblem[]; warnings: LessonProblem[] };

/** `lessons/lost-tweet.yaml:14:7: steps[3].read.from: unknown node "replica-9" (...)` */
export function formatProblem(p: LessonProblem): string {
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
export function listedProblems(file: string, problems: readonly LessonProblem[]): LessonProblem[] {
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

function fail(file: string, message: string): LoadResult {
  return { ok: false, file, errors: [{ file, line: 0, col: 0, path: '', message }], warnings: [] };
}

function tooLarge(file: string, bytes: number): LoadResult {
  const size = bytes > MAX_LESSON_BYTES + 1 ? kib(bytes) : `more than ${kib(MAX_LESSON_BYTES)}`;
  return fail(
    file,
    `file too large (${size}; a lesson file may be at most ${kib(MAX_LESSON_BYTES)})`,
  );
}

/**
 * Reads and loads a lesson file. Never throws for a bad or unreadable file: a FIFO, a device,
 * a directory or a symlink loop is one line, and no more than the size cap is ever read.
 */
export async function loadLessonFile(file: string): Promise<LoadResult> {
  const read = readTextFile(file, {
    maxBytes: MAX_LESSON_BYTES,
    normaliseLineEnds: true,
    what: 'a lesson file',
  });
  if (read.ok) return parseLessonText(read.text, file);
  if (read.kind === 'too-large') return tooLarge(file, read.bytes);
  return fail(file, `cannot read: ${read.reason}`);
}

export interface Located {
  line: number;
  col: number;
  path: string;
  message: string;
}

/**
 * Parses YAML that must be plain data (lessons, question banks): the core schema, no merge
 * keys, unique keys, one document. Syntax problems come back located and sorted, one per spot.
 */
export function parseDataDocument(text: string): {
  doc: Document;
  map: SourceMap;
  syntax: Located[];
} {
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
    [...doc.errors, ...doc.warnings].map((e) => yamlProblem(e, text, map)),
  );
  syntax.push(...keyProblems(doc, map));
  return { doc, map, syntax: sortProblems(syntax) };
}

/**
 * Parses lesson source text; `file` is only used in messages and as lesson.file. Every
 * string of the lesson and every problem is safe to print (terminal-text.ts).
 */
export function parseLessonText(text: string, file: string): LoadResult {
  const r = parseLesson(text, file);
  if (r.ok)
    return r.warnings.length === 0 ? r : { ...r, warnings: listedProblems(file, r.warnings) };
  return {
    ...r,
    errors: listedProblems(file, r.errors),
    warnings: listedProblems(file, r.warnings),
  };
}

function parseLesson(text: string, file: string): LoadResult {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_LESSON_BYTES) return tooLarge(file, bytes);

  const { doc, map, syntax } = parseDataDocument(text);
  const toProblem = (l: Located): LessonProblem => ({ file, ...l });
  if (syntax.length > 0) return { ok: false, file, errors: syntax.map(toProblem), warnings: [] };
  if (doc.contents === null) {
    return fail(file, 'the file is empty; a lesson is a map with id, title, cluster and steps');
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return { ok: false, file, errors: [toProblem(aliasProblem(err, doc, map))], warnings: [] };
  }
  // Before the checks, so that what they compare (ids, keys) is what will be shown.
  data = safeData(data);

  const parsed = lessonSchema.safeParse(data, { error: humanIssueMessage, reportInput: true });
  const cross = crossCheck(data);
  const place = (p: PathProblem): Located => ({
    ...map.locate(p.path, p.atKey),
    path: formatPath(p.path),
    message: p.message,
  });
  const schemaProblems = parsed.success
    ? []
    : dropMisspeltMissing(fromZod(parsed.error.issues, []));
  const errors = sortProblems(dedupe([...schemaProblems, ...cross.errors].map(place))).map(
    toProblem,
  );
  const warnings = sortProblems(cross.warnings.map(place)).map(toProblem);

  if (!parsed.success || errors.length > 0) return { ok: false, file, errors, warnings };
  const lesson = parsed.data;
  lesson.file = file;
  placeSteps(lesson.steps, ['steps'], map);
  return { ok: true, file, lesson, warnings, locate: (path, atKey) => map.locate(path, atKey) };
}

// ---- YAML-level problems ------------------------------------------------------------------

function yamlProblem(e: YAMLError, text: string, map: SourceMap): Located {
  const pos = map.posOf(e.pos[0]);
  const message = (() => {
    switch (e.code) {
      case 'TAB_AS_INDENT':
        return 'YAML syntax: tabs cannot indent; use spaces';
      case 'MULTIPLE_DOCS':
        return 'a lesson file holds one YAML document; remove the extra "---"';
      case 'TAG_RESOLVE_FAILED':
        return `unsupported tag ${text.slice(e.pos[0], e.pos[1]).trim()}: a lesson is plain data`;
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

// ---- Schema problems ----------------------------------------------------------------------

type Issue = z.core.$ZodIssue;

function isPathSeg(s: PropertyKey): s is PathSeg {
  return typeof s === 'string' || typeof s === 'number';
}

/** A union branch the input fits by type: its problems are the interesting ones. */
function fittingBranch(branches: readonly Issue[][]): Issue[] | undefined {
  const fits = branches.filter(
    (b) =>
      !b.some(
        (i) =>
          i.path.length === 0 &&
          (i.code === 'invalid_type' || i.code === 'invalid_value' || i.code === 'invalid_union'),
      ),
  );
  return fits.length === 1 ? fits[0] : undefined;
}

interface SchemaProblem extends PathProblem {
  /** A required key that is absent. */
  missing?: boolean;
}

/**
 * `titel: ...` without `title`: the unknown key already says "did you mean "title"?", so the
 * "missing required key" report for the same map would only repeat it.
 */
function dropMisspeltMissing(problems: SchemaProblem[]): PathProblem[] {
  const parentOf = (p: Path) => formatPath(p.slice(0, -1));
  const missing = problems.filter((p) => p.missing);
  const misspelt = new Set<string>();
  for (const p of problems) {
    const key = p.path[p.path.length - 1];
    if (!p.atKey || typeof key !== 'string') continue;
    const siblings = missing.filter((m) => parentOf(m.path) === parentOf(p.path));
    const near = nearest(
      key,
      siblings.map((m) => String(m.path[m.path.length - 1])),
    );
    if (near !== undefined) misspelt.add(formatPath([...p.path.slice(0, -1), near]));
  }
  return problems
    .filter((p) => !(p.missing && misspelt.has(formatPath(p.path))))
    .map(({ missing: _, ...p }) => p);
}

function fromZod(issues: readonly Issue[], prefix: PathSeg[]): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const iss of issues) {
    const path = [...prefix, ...iss.path.filter(isPathSeg)];
    if (iss.code === 'unrecognized_keys') {
      // One message line per key (see strictMap), each pointed at its key.
      const lines = iss.message.split('\n');
      iss.keys.forEach((key, i) => {
        out.push({
          path: [...path, key],
          message: lines[i] ?? `unknown key "${key}"`,
          atKey: true,
        });
      });
    } else if (
      iss.input === undefined &&
      (iss.code === 'invalid_type' || iss.code === 'invalid_union')
    ) {
      out.push({ path, message: iss.message, missing: true });
    } else if (iss.code === 'invalid_union') {
      const branch = fittingBranch(iss.errors);
      if (branch) out.push(...fromZod(branch, path));
      else out.push({ path, message: iss.message });
    } else {
      out.push({ path, message: iss.message });
    }
  }
  return out;
}

// ---- Results ------------------------------------------------------------------------------

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

function placeSteps(steps: Step[], path: PathSeg[], map: SourceMap): void {
  steps.forEach((step, i) => {
    placeStep(step, [...path, i], map);
  });
}

function placeStep(step: Step, path: PathSeg[], map: SourceMap): void {
  step.pos = map.locate(path);
  if (step.expect) step.expectPos = map.locate([...path, 'expect']);
  if (step.kind === 'predict') placeStep(step.run, [...path, 'predict', 'then'], map);
  if (step.kind === 'choose' && step.form === 'action') {
    step.choices.forEach((c, j) => {
      placeSteps(c.do ?? [], [...path, 'choose', 'options', j, 'do'], map);
    });
  }
}
