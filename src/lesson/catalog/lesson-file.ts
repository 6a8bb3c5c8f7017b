// A lesson file loaded for playing or validating: the format's loader, then the checks that
// need the command language (a task's solution lines parse), which the format cannot import.
import { taskSolutionProblems } from '../commands/task-solutions.js';
import { type LoadResult, listedProblems, loadLessonFile } from '../format/load.js';

export async function loadLesson(file: string): Promise<LoadResult> {
  return checkCommands(await loadLessonFile(file));
}

/** A loaded lesson whose task solutions do not parse becomes a failed load. */
export function checkCommands(r: LoadResult): LoadResult {
  if (!r.ok) return r;
  const problems = taskSolutionProblems(r.lesson);
  if (problems.length === 0) return r;
  return {
    ok: false,
    file: r.file,
    errors: listedProblems(r.file, problems),
    warnings: r.warnings,
  };
}
