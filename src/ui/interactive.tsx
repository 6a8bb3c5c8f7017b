// The one entry point of the interactive UI, imported lazily by the CLI (so `--help` never
// loads React or Ink): the whole app for the bare command, one lesson for `play <lesson>`,
// the drill for `quiz`. Each mounts under the same theme and signal handling.
// They resolve once the UI has unmounted: every timer lives in a React effect and stops
// with it (a timer outside React would keep the process alive after Ctrl-C), Ink shows the cursor again, and the exit status says how
// the learner left. Progress needs no saving here: it is saved after every step.
import { render } from 'ink';
import type { ReactElement } from 'react';
import type { ServeRuntime } from '../lab/serve/serve-runtime.js';
import { listLessons } from '../lesson/catalog/lesson-listing.js';
import { lessonsDir } from '../lesson/catalog/lesson-paths.js';
import type { Lesson } from '../lesson/format/types.js';
import type { ProgressStore } from '../progress/progress-store.js';
import type { Drill } from '../quiz/drill.js';
import type { ReportContext } from '../quiz/report.js';
import { App, type ExitReason, loadedCatalog } from './app/app.js';
import { QuizApp } from './drill/quiz-app.js';
import { ServeApp } from './lab/serve-app.js';
import { SandboxApp } from './sandbox/sandbox-app.js';
import type { SandboxDriver } from './sandbox/sandbox-driver.js';
import { applyColorChoice, colorWanted } from './theme/theme.js';
import { ThemeContext } from './theme/use-theme.js';

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
    const { loadCatalog } = await import('../lesson/catalog/catalog.js');
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

export interface InteractiveDrillOptions {
  drill: Drill;
  header: string;
  timeLimit?: string;
  lessonAvailable: ReportContext['lessonAvailable'];
  nextDue?: () => string | undefined;
}

/**
 * `quiz` in a terminal: the drill alone. Answers are saved as they are given; after Ctrl-C
 * the drill is stopped so its report counts what was answered. The header is printed once
 * the UI is gone, so it stays in the scrollback.
 */
export async function runInteractiveDrill(o: InteractiveDrillOptions): Promise<void> {
  const status = await run((onExit) => (
    <QuizApp
      drill={o.drill}
      title={o.drill.questions.length > 0 ? 'Interview drill' : 'Drill'}
      report={{ lessonAvailable: o.lessonAvailable, timeLimit: o.timeLimit, nextDue: o.nextDue }}
      onExit={onExit}
    />
  ));
  if (status !== 0) {
    o.drill.stop('quit');
    process.exitCode = status;
  }
  process.stdout.write(`${o.header}\n`);
}

/**
 * `serve` in a terminal: the live cluster until q, Ctrl-C or a signal. Resolves with the exit
 * status (130 after Ctrl-C; the caller decides what the others mean for a server).
 */
export async function runInteractiveServe(runtime: ServeRuntime, label: string): Promise<number> {
  return run((onExit) => <ServeApp runtime={runtime} label={label} onExit={onExit} />);
}

/**
 * `sandbox` in a terminal: the sandbox alone until it is left (q, :quit), Ctrl-C or a
 * signal. Returns the exit status.
 */
export async function runInteractiveSandbox(driver: SandboxDriver): Promise<number> {
  return run((onExit) => <SandboxApp driver={driver} onExit={onExit} />);
}
