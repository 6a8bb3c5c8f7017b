// `replication-tutor progress`: shows, prints or resets the saved progress. Loaded lazily
// by program.ts, so --help never reads the store.
import { nearest } from '../lesson/format/suggest.js';
import { safeJsonLine, safeText } from '../lesson/format/terminal-text.js';
import { ProgressError } from '../progress/progress-error.js';
import { serializeProgress } from '../progress/progress-file.js';
import type { LessonProgress, QuizProgress } from '../progress/progress-schema.js';
import { openProgress, type ProgressStore } from '../progress/progress-store.js';
import { isDue } from '../quiz/leitner.js';
import { UsageError } from './usage-error.js';

export interface ProgressCommandOptions {
  json?: boolean;
  /** true: every lesson; a string: that lesson. */
  reset?: boolean | string;
}

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export function runProgressCommand(opts: ProgressCommandOptions, io: Output = stdio): void {
  try {
    const { store, warnings } = openProgress();
    for (const w of warnings) io.err(`replication-tutor: warning: ${w}\n`);
    if (opts.reset === true) resetEverything(store, io);
    else if (typeof opts.reset === 'string') resetOne(store, opts.reset, io);
    // Ids and step labels were saved from lessons, perhaps a stranger's: shown made safe.
    else if (opts.json) io.out(safeJsonLine(serializeProgress(store.data())));
    else io.out(safeText(renderProgress(store)));
  } catch (err) {
    // A store that cannot be read or written is bad input: one line, exit 2.
    if (err instanceof ProgressError) throw new UsageError(err.message);
    throw err;
  }
}

function resetEverything(store: ProgressStore, io: Output): void {
  const count = store.lessons().length;
  if (count === 0) {
    io.out(`No progress to reset (stored in ${store.path})\n`);
    return;
  }
  const { backupPath } = store.resetAll();
  io.out(`Reset progress for ${count} ${count === 1 ? 'lesson' : 'lessons'}.\n`);
  if (backupPath !== null) {
    io.out(`The previous file was copied to ${backupPath}; copy it back to undo.\n`);
  }
  io.out(`Progress file: ${store.path}\n`);
}

function resetOne(store: ProgressStore, id: string, io: Output): void {
  if (!store.resetLesson(id)) {
    const near = nearest(
      id,
      store.lessons().map(([lessonId]) => lessonId),
    );
    throw new UsageError(
      `no progress for lesson "${id}"${near ? ` (did you mean "${near}"?)` : ''}; stored in ${store.path}`,
    );
  }
  io.out(`Reset progress for lesson "${id}".\nProgress file: ${store.path}\n`);
}

/** The human table of lessons, the interview drill's summary, challenges passed, and the file path. */
export function renderProgress(store: ProgressStore, now: Date = new Date()): string {
  const lessons = store.lessons();
  const drill = drillSummary(store.quiz(), now);
  const passed = Object.keys(store.challenges()).sort();
  if (lessons.length === 0 && drill === undefined && passed.length === 0) {
    return `No progress yet (stored in ${store.path})\n`;
  }
  const parts: string[] = [];
  if (lessons.length > 0) {
    const rows = [
      ['LESSON', 'STATUS', 'SCORE', 'BEST', 'LAST STEP', 'UPDATED'],
      ...lessons.map(([id, l]) => lessonRow(id, l)),
    ];
    const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
    const lines = rows.map((r) =>
      r
        .map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col] ?? 0)))
        .join('  '),
    );
    parts.push(lines.join('\n'));
  }
  if (drill !== undefined) parts.push(drill);
  if (passed.length > 0) parts.push(`Code challenges passed: ${passed.join(', ')}`);
  return `${parts.join('\n\n')}\n\nProgress file: ${store.path}\n`;
}

/** Two lines on the interview drill, or undefined when no question was ever answered. */
function drillSummary(quiz: QuizProgress, now: Date): string | undefined {
  const cards = Object.values(quiz.cards);
  if (cards.length === 0) return undefined;
  const due = cards.filter((c) => isDue(c, now)).length;
  const known = cards.filter((c) => c.box >= 3).length;
  const last = quiz.drills.at(-1);
  const first = `Interview drill: ${cards.length} ${cards.length === 1 ? 'question' : 'questions'} answered, ${known} well known (box 3 or higher), ${due} due for review now${due > 0 ? ' (replication-tutor quiz --review)' : ''}`;
  return last
    ? `${first}\nLast drill: ${localMinute(last.at)}, ${last.score}/${last.asked}${last.review ? ' (review)' : ''}`
    : first;
}

/**
 * `step 18 (p-storm)`, counted from 1 as a learner counts; a step without an id is only its
 * number (`step 39`: its label `#38` is the file's 0-based index, which reads as noise).
 */
function lastStepText(step: { index: number; label: string }): string {
  const n = step.index + 1;
  return /^#\d+$/.test(step.label) ? `step ${n}` : `step ${n} (${step.label})`;
}

function lessonRow(id: string, l: LessonProgress): string[] {
  return [
    id,
    l.status,
    `${l.score}/${l.max}`,
    l.best ? `${l.best.score}/${l.best.max}` : '-',
    l.lastStep ? lastStepText(l.lastStep) : '-',
    localMinute(l.updatedAt),
  ];
}

/** "2025-03-04 17:05" in local time: enough to recognise a session. */
function localMinute(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
