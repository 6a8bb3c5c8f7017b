// The curriculum: every lessons/*.yaml file (not subfolders), loaded and sorted in curriculum order (curriculum.ts)
// then id, plus resolving a command-line argument that is a lesson id or a file path.
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { LessonProblem, LoadResult } from '../format/load.js';
import { listNames, nearest } from '../format/suggest.js';
import { curriculumOrder } from './curriculum.js';
import { loadLesson } from './lesson-file.js';
import { lessonsDir } from './lesson-paths.js';

export type LoadedLesson = Extract<LoadResult, { ok: true }>;
export type BrokenLesson = Extract<LoadResult, { ok: false }>;

export interface Catalog {
  dir: string;
  /** False when the directory could not be listed (reported like an empty one). */
  exists: boolean;
  /** Why it could not be listed, e.g. "the directory does not exist". */
  problem?: string;
  /** Valid lessons in curriculum order. */
  lessons: LoadedLesson[];
  /** Files with errors (including a lesson id another file already uses), by file name. */
  broken: BrokenLesson[];
}

/** A path for messages: relative to the working directory when it is below it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

async function unlistable(dir: string): Promise<string> {
  try {
    await readdir(dir);
    return 'it changed while being read';
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT') return 'the directory does not exist';
    if (code === 'ENOTDIR') return 'it is not a directory';
    if (code === 'EACCES' || code === 'EPERM') return 'cannot read it: permission denied';
    return `cannot read it: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Lesson files directly in `dir`, sorted by name; undefined when `dir` cannot be listed. */
export async function lessonFiles(dir: string): Promise<string[] | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.') || !/\.ya?ml$/.test(name)) continue;
    const file = join(dir, name);
    // stat, not the dirent: a symlinked lesson counts, a folder named x.yaml does not. Anything
    // else (a FIFO, a symlink loop, a dangling link) is listed, so that loading it says why it
    // cannot be read rather than the file silently missing.
    const info = await stat(file).catch(() => undefined);
    if (!info?.isDirectory()) files.push(file);
  }
  return files;
}

function byCurriculumOrder(a: LoadedLesson, b: LoadedLesson): number {
  return curriculumOrder(a.lesson, b.lesson);
}

export async function loadCatalog(dir: string = lessonsDir()): Promise<Catalog> {
  const files = await lessonFiles(dir);
  const results = await Promise.all((files ?? []).map((f) => loadLesson(displayPath(f))));
  const lessons: LoadedLesson[] = [];
  const broken: BrokenLesson[] = [];
  const byId = new Map<string, LoadedLesson>();
  for (const r of results) {
    if (!r.ok) {
      broken.push(r);
      continue;
    }
    const first = byId.get(r.lesson.id);
    if (first) {
      const pos = r.locate(['id']);
      const problem: LessonProblem = {
        file: r.file,
        ...pos,
        path: 'id',
        message: `lesson id "${r.lesson.id}" is already used by ${first.file}`,
      };
      broken.push({ ok: false, file: r.file, errors: [problem], warnings: r.warnings });
      continue;
    }
    byId.set(r.lesson.id, r);
    lessons.push(r);
  }
  lessons.sort(byCurriculumOrder);
  if (files === undefined) {
    return { dir, exists: false, problem: await unlistable(dir), lessons, broken };
  }
  return { dir, exists: true, lessons, broken };
}

/** A path rather than an id: has a directory separator or a YAML extension. */
function looksLikePath(arg: string): boolean {
  return arg.includes('/') || arg.includes(sep) || /\.ya?ml$/.test(arg);
}

/**
 * A lesson by id (searched in `dir`) or by file path. An unknown id fails with one problem
 * that has no file, e.g. `unknown lesson "lost-twet" (did you mean "lost-tweet"? ...)`.
 */
export async function resolveLesson(arg: string, dir: string = lessonsDir()): Promise<LoadResult> {
  if (looksLikePath(arg)) return loadLesson(arg);
  const catalog = await loadCatalog(dir);
  const found = catalog.lessons.find((l) => l.lesson.id === arg);
  if (found) return found;
  // A broken file whose name is the id: its errors say more than "unknown lesson".
  const brokenNamed = catalog.broken.find((b) => /([^/\\]+)\.ya?ml$/.exec(b.file)?.[1] === arg);
  if (brokenNamed) return brokenNamed;
  const ids = catalog.lessons.map((l) => l.lesson.id);
  const near = nearest(arg, ids);
  const hint =
    ids.length === 0
      ? `no lessons found in ${displayPath(dir)}`
      : `${near === undefined ? '' : `did you mean "${near}"? `}lessons: ${listNames(ids)}`;
  const message = `unknown lesson "${arg}" (${hint})`;
  return {
    ok: false,
    file: '',
    errors: [{ file: '', line: 0, col: 0, path: '', message }],
    warnings: [],
  };
}
