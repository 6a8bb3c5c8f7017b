// `replication-tutor play <id|path>`: the interactive player in a terminal; the plain line
// mode with --plain or whenever stdin or stdout is not a TTY; JSON Lines with --json.
import { AnswersError, loadAnswersFile } from '../lesson/catalog/answers-file.js';
import { PlaySession } from '../progress/play-session.js';
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
  let answers: Map<string, number> | undefined;
  if (opts.answers) {
    try {
      answers = await loadAnswersFile(opts.answers, lesson);
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
  const session = new PlaySession(lesson, store, {
    seed,
    answers,
    restart: opts.restart || answers !== undefined,
  });
  await playPlain(session, {
    write: opts.json ? jsonLines() : plainLines(),
    input: new LineInput(),
    json: Boolean(opts.json),
  });
}
