// Entry points of the interactive UI, imported lazily by the CLI (so `--help` never loads
// React or Ink): the whole app for the bare command, one lesson for `play <lesson>`.
// They resolve once the UI has unmounted: every timer lives in a React effect and stops
// with it (INK-NOTES pitfall 7), Ink shows the cursor again, and the exit status says how
// the learner left. Progress needs no saving here: it is saved after every step.
import { render } from 'ink';
import type { ReactElement } from 'react';
import { listLessons } from '../lesson/lesson-listing.js';
import { lessonsDir } from '../lesson/lesson-paths.js';
import type { Lesson } from '../lesson/types.js';
import type { ProgressStore } from '../progress/progress-store.js';
import { App, type ExitReason, loadedCatalog } from './app.js';
import { applyColorChoice, colorWanted } from './theme.js';
import { ThemeContext } from './use-theme.js';

/** Exit statuses: 0 after q, 128 + the signal number after Ctrl-C (SIGINT) or a signal. */
export const EXIT_STATUS: Record<ExitReason | 'terminate' | 'hangup', number> = {
  quit: 0,
  interrupt: 130,
  terminate: 143,
  hangup: 129,
};

async function run(app: (onExit: (reason: ExitReason) => void) => ReactElement): Promise<number> {
  const theme = applyColorChoice(colorWanted(process.env, process.argv));
  let status = EXIT_STATUS.quit;
  const instance = render(
    <ThemeContext value={theme}>
      {app((reason) => {
        status = EXIT_STATUS[reason];
      })}
    </ThemeContext>,
    // Ctrl-C is handled by the app, which records why it is leaving.
    { exitOnCtrlC: false },
  );
  // A signal from outside (kill, a closed terminal) unmounts the same way.
  const onSignal = (signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP') => () => {
    status =
      signal === 'SIGINT'
        ? EXIT_STATUS.interrupt
        : signal === 'SIGTERM'
          ? EXIT_STATUS.terminate
          : EXIT_STATUS.hangup;
    instance.unmount();
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, onSignal(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  try {
    await instance.waitUntilExit();
  } finally {
    for (const [s, h] of handlers) process.off(s, h);
  }
  return status;
}

export interface InteractiveLessonOptions {
  lesson: Lesson;
  seed?: number;
  store?: ProgressStore;
  restart?: boolean;
}

/** `play <lesson>` in a terminal: the player alone; leaving the lesson quits. */
export async function runInteractiveLesson(options: InteractiveLessonOptions): Promise<void> {
  const { lesson, seed, store, restart } = options;
  const status = await run((onExit) => (
    <App
      catalog={loadedCatalog([lesson])}
      store={store}
      start={{ lesson, seed, restart }}
      onExit={onExit}
    />
  ));
  if (status !== 0) process.exitCode = status;
}

/**
 * The bare command in a terminal: the menu of lessons. Its first frame is drawn from the
 * lessons' listings; loading them (YAML, schema) waits until after it. So does opening the
 * progress store when `openStore` is given instead of `store` (a first run, no file yet).
 * Returns the exit status.
 */
export async function runInteractiveApp(options: {
  store?: ProgressStore;
  openStore?: (warn: (message: string) => void) => Promise<ProgressStore | undefined>;
}): Promise<number> {
  const dir = lessonsDir();
  const listing = await listLessons(dir);
  let broken = 0;
  const load = async () => {
    const { loadCatalog } = await import('../lesson/catalog.js');
    const catalog = await loadCatalog(dir);
    broken = catalog.broken.length;
    return catalog.lessons.map((l) => l.lesson);
  };
  // Written mid-frame they would garble the screen: kept until the UI is gone.
  const warnings = new Set<string>();
  const warn = (m: string) => warnings.add(m);
  const openStore = options.openStore;
  const status = await run((onExit) => (
    <App
      catalog={{ listing, load }}
      store={options.store}
      openStore={openStore && (() => openStore(warn))}
      onExit={onExit}
      onWarning={warn}
    />
  ));
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  if (broken > 0) {
    process.stderr.write(
      `note: ${broken} lesson file${broken === 1 ? ' has' : 's have'} errors and ${broken === 1 ? 'was' : 'were'} left out of the menu; run \`replication-tutor validate\` to see them.\n`,
    );
  }
  return status;
}
