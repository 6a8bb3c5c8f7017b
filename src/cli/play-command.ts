// `replication-tutor play <id|path>`: the interactive player in a terminal; the plain line
// mode with --plain or whenever stdin or stdout is not a TTY; JSON Lines with --json.
import { type Answers, AnswersError, loadAnswers } from '../lesson/catalog/answers-file.js';
import type { Lesson } from '../lesson/format/types.js';
import { progressKey } from '../progress/lesson-key.js';
import { PlaySession } from '../progress/play-session.js';
import type { ProgressStore } from '../progress/progress-store.js';
import { lessonFromArg, parseSeed } from './lesson-arg.js';
import { LineInput } from './line-input.js';
import { openStoreOrWarn } from './open-store.js';
import { jsonLines, plainLines } from './output-lines.js';
import { playPlain } from './play-plain.js';
import { UsageError } from './usage-error.js';

export interface PlayOptions {
  seed?: string;
  answers?: string;
  json?: boolean;
  plain?: boolean;
  restart?: boolean;
}

export function wantsInteractive(opts: PlayOptions): boolean {
  return (
    !opts.json &&
    !opts.plain &&
    !opts.answers &&
    Boolean(process.stdin.isTTY) &&
    Boolean(process.stdout.isTTY)
  );
}

export async function runPlayCommand(arg: string, opts: PlayOptions): Promise<void> {
  const lesson = await lessonFromArg(arg);
  const seed = parseSeed(opts.seed);
  let answers: Answers | undefined;
  if (opts.answers) {
    try {
      answers = await loadAnswers(opts.answers, lesson);
    } catch (err) {
      if (err instanceof AnswersError) throw new UsageError(err.message);
      throw err;
    }
  }
  if (wantsInteractive(opts)) {
    // Written mid-frame, a warning (a save that failed) would garble the player: kept until
    // the player is gone.
    const later = new Set<string>();
    const store = openStoreOrWarn((m) => later.add(m));
    const { runInteractiveLesson } = await import('../ui/interactive.js');
    try {
      await runInteractiveLesson({ lesson, seed, store, restart: opts.restart });
    } finally {
      for (const w of later) process.stderr.write(`warning: ${w}\n`);
    }
    return;
  }
  const store = openStoreOrWarn();
  if (answers !== undefined && !opts.restart) keepsAttempt(lesson, store);
  const session = new PlaySession(lesson, store, {
    seed,
    answers: answers?.choices,
    tasks: answers?.tasks,
    restart: opts.restart || answers !== undefined,
    nodeStatus: Boolean(opts.json),
  });
  const input = new LineInput();
  try {
    await playPlain(session, {
      write: opts.json ? jsonLines() : plainLines(),
      input,
      json: Boolean(opts.json),
    });
  } finally {
    // The lesson is over: read no more, even if the input never ends.
    input.close();
  }
}

/**
 * An answers file plays the lesson from the start, which would discard an attempt in progress:
 * that needs --restart, said in one line, rather than answers silently lost.
 */
function keepsAttempt(lesson: Lesson, store: ProgressStore | undefined): void {
  const saved = store?.lesson(progressKey(lesson));
  if (saved?.status !== 'in-progress' || saved.answers.length === 0) return;
  const n = saved.answers.length;
  throw new UsageError(
    `lesson "${lesson.id}" has an attempt in progress with ${n} answer${n === 1 ? '' : 's'} saved, which --answers would discard; add --restart to start over, or leave out --answers to continue it`,
  );
}
