// Turns a lesson argument (id or path) into a loaded lesson, or a one-line usage error
// after printing the file's problems.
import { resolveLesson } from '../lesson/catalog/catalog.js';
import { formatProblem } from '../lesson/format/load.js';
import type { Lesson } from '../lesson/format/types.js';
import { UsageError } from './usage-error.js';

export async function lessonFromArg(arg: string): Promise<Lesson> {
  const r = await resolveLesson(arg);
  if (r.ok) return r.lesson;
  const [first, ...rest] = r.errors;
  if (first && first.file === '' && rest.length === 0) throw new UsageError(first.message);
  for (const p of r.errors) process.stderr.write(`${formatProblem(p)}\n`);
  throw new UsageError(
    `${arg}: the lesson has ${r.errors.length} error(s); fix them, or run 'replication-tutor validate ${arg}'`,
  );
}

export function parseSeed(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw))
    throw new UsageError(`--seed: expected a whole number from 0 to 999999999, found "${raw}"`);
  return Number(raw);
}
