// The whole question bank: every lessons/quiz/*.yaml file, loaded and checked together (an
// id must be unique across files). Lesson references may name a curriculum topic or any
// lesson file in lessons/.
import { basename, join } from 'node:path';
import { displayPath, lessonFiles } from '../lesson/catalog/catalog.js';
import { lessonsDir } from '../lesson/catalog/lesson-paths.js';
import { type BankFileResult, type BankProblem, loadBankFile } from './bank-load.js';
import type { BankQuestion } from './types.js';

export interface Bank {
  dir: string;
  questions: BankQuestion[];
  /** Per file, in file name order. */
  files: BankFileResult[];
  errors: BankProblem[];
}

/** lessons/quiz, beside the lessons (so REPLICATION_TUTOR_LESSONS moves both). */
export function quizDir(lessons: string = lessonsDir()): string {
  return join(lessons, 'quiz');
}

/** Ids of the lesson files that exist, for lesson references and "play <id>" hints. */
export async function lessonIds(dir: string = lessonsDir()): Promise<string[]> {
  return ((await lessonFiles(dir)) ?? []).map((f) => basename(f).replace(/\.ya?ml$/, ''));
}

/** Loads bank files together; a question id already used in an earlier file is an error. */
export async function loadBankFiles(
  files: readonly string[],
  knownLessons: readonly string[],
): Promise<BankFileResult[]> {
  const results = await Promise.all(files.map((f) => loadBankFile(f, knownLessons)));
  const seen = new Map<string, string>();
  for (const r of results) {
    const kept: BankQuestion[] = [];
    for (const q of r.questions) {
      const first = seen.get(q.id);
      if (first === undefined) {
        seen.set(q.id, r.file);
        kept.push(q);
        continue;
      }
      r.errors.push({
        file: r.file,
        line: q.line,
        col: q.col,
        path: '',
        message: `duplicate question id "${q.id}" (already used in ${first})`,
      });
    }
    if (r.errors.length > 0) r.questions = [];
    else r.questions = kept;
  }
  return results;
}

export async function loadBank(lessons: string = lessonsDir()): Promise<Bank> {
  const dir = quizDir(lessons);
  const files = ((await lessonFiles(dir)) ?? []).map((f) => displayPath(f));
  const results = await loadBankFiles(files, await lessonIds(lessons));
  return {
    dir,
    questions: results.flatMap((r) => r.questions),
    files: results,
    errors: results.flatMap((r) => r.errors),
  };
}
