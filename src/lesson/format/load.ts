// Lesson file → validated, normalised Lesson, or every problem as `file:line:col: path:
// message`. Parsed and checked as plain data by the loader shared with the quiz bank
// (data-file.ts); what is particular to lessons is the cross-checks (cross-check.ts) and the
// source positions kept on each step.
import { crossCheck } from './cross-check.js';
import {
  type DataFileKind,
  type DataFileResult,
  type FileProblem,
  listedProblems,
  MAX_DATA_FILE_BYTES,
  parseDataFile,
  readDataFile,
} from './data-file.js';
import { checkLimits } from './limits.js';
import type { PathSeg, SourceMap } from './positions.js';
import { lessonSchema } from './schema.js';
import type { Lesson, SourcePos, Step } from './types.js';

export { formatProblem, listedProblems, MAX_ALIAS_COUNT, MAX_PROBLEMS } from './data-file.js';

export const MAX_LESSON_BYTES = MAX_DATA_FILE_BYTES;

/** One error or warning in a lesson file (the shape every data file reports in). */
export type LessonProblem = FileProblem;

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

export const LESSON_FILE: DataFileKind = {
  name: 'lesson',
  fileName: 'lesson file',
  shape: 'a lesson is a map with id, title, cluster and steps',
};

/**
 * Reads and loads a lesson file. Never throws for a bad or unreadable file: a FIFO, a device,
 * a directory or a symlink loop is one line, and no more than the size cap is ever read.
 */
export async function loadLessonFile(file: string): Promise<LoadResult> {
  return lessonFrom(await readDataFile(file, LESSON_FILE, lessonSchema));
}

/** Parses lesson source text; `file` is only used in messages and as lesson.file. */
export function parseLessonText(text: string, file: string): LoadResult {
  return lessonFrom(parseDataFile(text, file, LESSON_FILE, lessonSchema));
}

/** Every problem made safe to print, and at most MAX_PROBLEMS of each kind listed. */
function lessonFrom(r: DataFileResult<Lesson>): LoadResult {
  const { file } = r;
  if (!r.parsed) return { ok: false, file, errors: listedProblems(file, r.errors), warnings: [] };
  // The cross-checks read the raw data, so they run (and report) even when the schema failed.
  const cross = crossCheck(r.data);
  const errors = listedProblems(file, r.source.place([...r.problems, ...cross.errors]));
  const warnings = listedProblems(file, r.source.place(cross.warnings));
  if (r.value === undefined || errors.length > 0) return { ok: false, file, errors, warnings };
  const lesson = r.value;
  // Only a lesson that is otherwise valid is measured: its numbers are known to be numbers.
  const limits = listedProblems(file, r.source.place(checkLimits(lesson)));
  if (limits.length > 0) return { ok: false, file, errors: limits, warnings };
  lesson.file = file;
  placeSteps(lesson.steps, ['steps'], r.source);
  return { ok: true, file, lesson, warnings, locate: r.source.locate };
}

type Locator = Pick<SourceMap, 'locate'>;

function placeSteps(steps: Step[], path: PathSeg[], map: Locator): void {
  steps.forEach((step, i) => {
    placeStep(step, [...path, i], map);
  });
}

function placeStep(step: Step, path: PathSeg[], map: Locator): void {
  step.pos = map.locate(path);
  if (step.expect) step.expectPos = map.locate([...path, 'expect']);
  if (step.kind === 'predict') placeStep(step.run, [...path, 'predict', 'then'], map);
  if (step.kind === 'task')
    step.solutionPos = step.solution.map((_, j) => map.locate([...path, 'task', 'solution', j]));
  if (step.kind === 'choose' && step.form === 'action') {
    step.choices.forEach((c, j) => {
      placeSteps(c.do ?? [], [...path, 'choose', 'options', j, 'do'], map);
    });
  }
}
