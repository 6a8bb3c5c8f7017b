// The bare command. In a terminal (stdin and stdout both TTYs) it loads the Ink app lazily;
// anywhere else (pipes, CI, screen readers) it prints a numbered menu of lessons, reads a
// number from standard input and plays that lesson in plain line mode, then shows the menu
// again. End of input exits 0; nothing here ever needs raw mode. Heavy modules (the lesson
// loader, the engine) are imported where used, so the Ink menu's first frame waits for none.
import type { LoadedLesson } from '../lesson/catalog/catalog.js';
import type { ProgressStore } from '../progress/progress-store.js';
import { noProgressYet } from './first-run.js';
import type { LineInput } from './line-input.js';

export interface PlainMenuIo {
  write(line: string): void;
  input: LineInput;
}

const STATUS_WORDS = { new: 'new', 'in-progress': 'in progress', done: 'done' } as const;

/** `  1. The Lost Tweet (10 min) — in progress, step 12` */
export function menuLines(lessons: readonly LoadedLesson[], store?: ProgressStore): string[] {
  return lessons.map(({ lesson }, i) => {
    const p = store?.lesson(lesson.id);
    const status = p ? STATUS_WORDS[p.status] : 'new';
    const step = p?.status === 'in-progress' && p.lastStep ? `, step ${p.lastStep.index + 1}` : '';
    const best = p?.best ? `, best ${p.best.score}/${p.best.max}` : '';
    return `  ${i + 1}. ${lesson.title} (${lesson.minutes} min) — ${status}${step}${best}`;
  });
}

/** Plays lessons picked by number until the input ends or the learner types q. */
export async function plainMenu(
  lessons: readonly LoadedLesson[],
  store: ProgressStore | undefined,
  io: PlainMenuIo,
): Promise<void> {
  if (lessons.length === 0) {
    io.write('No lessons found.');
    return;
  }
  const [{ PlaySession }, { playPlain }] = await Promise.all([
    import('../progress/play-session.js'),
    import('./play-plain.js'),
  ]);
  for (;;) {
    io.write('replication-tutor — lessons');
    for (const line of menuLines(lessons, store)) io.write(line);
    io.write(`Type a lesson number (1-${lessons.length}) and press Enter, or q to quit.`);
    let picked: LoadedLesson | undefined;
    while (!picked) {
      const line = await io.input.next();
      if (line === undefined) return;
      const text = line.trim().toLowerCase();
      if (text === 'q' || text === 'quit') return;
      const n = Number(text);
      picked = Number.isInteger(n) ? lessons[n - 1] : undefined;
      if (!picked && text !== '')
        io.write(`Please type a number from 1 to ${lessons.length}, or q.`);
    }
    const session = new PlaySession(picked.lesson, store);
    const completed = await playPlain(session, { write: io.write, input: io.input, json: false });
    if (!completed) return;
    io.write('');
  }
}

/** The bare command; returns the exit status. */
export async function runTutor(): Promise<number> {
  if (process.stdin.isTTY && process.stdout.isTTY) {
    const { runInteractiveApp } = await import('../ui/interactive.js');
    if (noProgressYet()) {
      // A first run: the menu's first frame has no progress to show, so the store and its
      // schema (zod, ~40 ms to load) open after it.
      return runInteractiveApp({
        openStore: async (warn) => (await import('./open-store.js')).openStoreOrWarn(warn),
      });
    }
    const { openStoreOrWarn } = await import('./open-store.js');
    // Written mid-frame, a warning would garble the menu: kept until the UI is gone.
    const later = new Set<string>();
    try {
      return await runInteractiveApp({ store: openStoreOrWarn((m) => later.add(m)) });
    } finally {
      for (const w of later) process.stderr.write(`warning: ${w}\n`);
    }
  }
  const { openStoreOrWarn } = await import('./open-store.js');
  const store = openStoreOrWarn();
  const [{ loadCatalog }, { LineInput }, { plainLines }] = await Promise.all([
    import('../lesson/catalog/catalog.js'),
    import('./line-input.js'),
    import('./output-lines.js'),
  ]);
  const catalog = await loadCatalog();
  const input = new LineInput();
  try {
    await plainMenu(catalog.lessons, store, { write: plainLines(), input });
  } finally {
    input.close();
  }
  return 0;
}
