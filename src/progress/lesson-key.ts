// Which record of progress.json a lesson's progress lives in. A lesson of the curriculum (a
// file in the lessons folder, or one parsed from memory) is saved under its id. A lesson
// played from any other file is saved under its id and a hash of the file's real path,
// `lost-tweet@3fa2c1d09e`: a stranger's lesson that says `id: lost-tweet` must never resume,
// overwrite or outscore the curriculum's lesson of that name.
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lessonsDir } from '../lesson/catalog/lesson-paths.js';

const HASH_CHARS = 10;

function realPath(file: string): string | undefined {
  try {
    return realpathSync(resolve(file));
  } catch {
    return undefined;
  }
}

/** The progress key of a lesson loaded from `lesson.file` ('' or a missing file: its id). */
export function progressKey(lesson: { id: string; file: string }, dir = lessonsDir()): string {
  if (lesson.file === '') return lesson.id;
  const real = realPath(lesson.file);
  if (real === undefined) return lesson.id;
  if (dirname(real) === (realPath(dir) ?? resolve(dir))) return lesson.id;
  const hash = createHash('sha256').update(real).digest('hex').slice(0, HASH_CHARS);
  return `${lesson.id}@${hash}`;
}

/** True when the curriculum has a lesson file named after `id`. */
export function curriculumHas(id: string, dir = lessonsDir()): boolean {
  return existsSync(join(dir, `${id}.yaml`)) || existsSync(join(dir, `${id}.yml`));
}
