// The interactive app: the menu, and the lesson player or the quiz drill started from it (or
// a lesson directly, for `play <lesson>`). The menu's first frame comes from the lessons'
// listings; the lessons themselves (YAML and schema) and the player (simulator and engine)
// load right after it. The drill (question bank and quiz views) loads only when its entry is
// chosen: most visits never open it. The app owns leaving: q in the menu (or in a lesson
// started directly) quits, Ctrl-C quits from anywhere; `onExit` says which, the caller turns
// it into an exit status.
import { Box, Text, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Lesson } from '../../lesson/format/types.js';
import type { ProgressStore } from '../../progress/progress-store.js';
import { resolveKey } from '../keys/keymap.js';
import { useKeys } from '../keys/use-keys.js';
import { Menu } from '../menu/menu.js';
import { type MenuLesson, menuInput } from '../menu/menu-items.js';
import type { MenuEntry } from '../menu/menu-state.js';
import type { DriverOptions } from '../player/lesson-driver.js';
import { isTooSmall, TooSmall } from '../screen/too-small.js';
import { useWindowSize } from '../screen/use-window-size.js';
import type { LessonScreenProps } from './lesson-screen.js';
import type { QuizScreenProps } from './quiz-screen.js';

export type ExitReason = 'quit' | 'interrupt';

export interface LessonCatalog {
  /** What the menu lists before the lessons are loaded. */
  listing: readonly MenuLesson[];
  /** Loads and validates the lessons (those that fail are left out). */
  load: () => Promise<readonly Lesson[]>;
}

/** A catalog of lessons already loaded (play <lesson>, tests). */
export function loadedCatalog(lessons: readonly Lesson[]): LessonCatalog {
  return { listing: lessons, load: () => Promise.resolve(lessons) };
}

export interface AppProps {
  catalog: LessonCatalog;
  store?: ProgressStore;
  /**
   * Opens the store after the first frame, instead of `store` (a first run: no progress to
   * show yet). Lessons and the drill wait for it, so nothing is played unsaved.
   */
  openStore?: () => Promise<ProgressStore | undefined>;
  /** Play this lesson at once; leaving it quits the app. */
  start?: { lesson: Lesson } & DriverOptions;
  onExit: (reason: ExitReason) => void;
  /** Passed to the player (tests). */
  player?: LessonScreenProps['player'];
  /** Passed to the sandbox (tests). */
  sandbox?: import('./sandbox-entry.js').MenuSandboxProps['sandbox'];
  /** Passed to the drill (tests): a fixed seed, a clock. */
  quiz?: Pick<QuizScreenProps, 'seed' | 'clock'>;
  /** A failed save in the drill; told to the caller, which prints it once the UI is gone. */
  onWarning?: (message: string) => void;
}

type Screen =
  | { kind: 'menu' }
  | { kind: 'lesson'; lesson: Lesson; options?: DriverOptions }
  | { kind: 'quiz'; review: boolean }
  | { kind: 'sandbox' };
type LessonScreenModule = typeof import('./lesson-screen.js');
type QuizScreenModule = typeof import('./quiz-screen.js');

export function App({
  catalog,
  store: givenStore,
  openStore,
  start,
  onExit,
  player,
  sandbox,
  quiz,
  onWarning,
}: AppProps) {
  const { exit } = useApp();
  const size = useWindowSize();
  const [screen, setScreen] = useState<Screen>(() =>
    start ? { kind: 'lesson', lesson: start.lesson, options: start } : { kind: 'menu' },
  );
  const [lessons, setLessons] = useState<readonly Lesson[]>();
  const [opened, setOpened] = useState<{ store: ProgressStore | undefined }>();
  const store = openStore ? opened?.store : givenStore;
  const storeReady = openStore === undefined || opened !== undefined;
  const [screens, setScreens] = useState<LessonScreenModule>();
  const [quizScreens, setQuizScreens] = useState<QuizScreenModule>();
  /** A lesson picked before the lessons had loaded. */
  const [pending, setPending] = useState<string>();

  // After the first frame: the lessons (with the store, when it opens late: a lesson can be
  // opened only once both are there) and the player.
  useEffect(() => {
    let live = true;
    void Promise.all([catalog.load(), openStore?.()]).then(([l, store]) => {
      if (!live) return;
      if (openStore) setOpened({ store });
      setLessons(l);
    });
    void import('./lesson-screen.js').then((m) => live && setScreens(m));
    return () => {
      live = false;
    };
  }, [catalog, openStore]);

  const open = useCallback(
    (id: string) => {
      const lesson = lessons?.find((l) => l.id === id);
      if (lesson) setScreen({ kind: 'lesson', lesson });
      else if (!lessons) setPending(id);
    },
    [lessons],
  );
  const wantsQuiz = screen.kind === 'quiz';
  useEffect(() => {
    if (!wantsQuiz || quizScreens) return;
    let live = true;
    void import('./quiz-screen.js').then((m) => live && setQuizScreens(m));
    return () => {
      live = false;
    };
  }, [wantsQuiz, quizScreens]);
  useEffect(() => {
    if (pending !== undefined && lessons) {
      setPending(undefined);
      open(pending);
    }
  }, [pending, lessons, open]);

  const leave = useCallback(
    (reason: ExitReason) => {
      onExit(reason);
      exit();
    },
    [onExit, exit],
  );
  // Ctrl-C reaches the app as a key in raw mode (exitOnCtrlC is off so the reason is known).
  // The menu's own keys are off while it is too small to show: then q quits here.
  useKeys((input, key) => {
    if (key.ctrl && input === 'c') leave('interrupt');
    else if (
      screen.kind === 'menu' &&
      isTooSmall(size) &&
      resolveKey(input, key, 'menu')?.action === 'back'
    ) {
      leave('quit');
    }
  });
  // Read again on every return to the menu: statuses and scores changed in the lesson.
  const input = useMemo(
    () => (screen.kind === 'menu' ? menuInput(lessons ?? catalog.listing, store) : undefined),
    [screen, lessons, catalog, store],
  );
  const select = useCallback(
    (entry: MenuEntry) => {
      if (entry.kind === 'lesson' || entry.kind === 'continue') open(entry.lesson.id);
      else if (entry.kind === 'quiz' || entry.kind === 'review')
        setScreen({ kind: 'quiz', review: entry.kind === 'review' });
      else if (entry.kind === 'sandbox') setScreen({ kind: 'sandbox' });
    },
    [open],
  );
  const back = useCallback(
    () => (start ? leave('quit') : setScreen({ kind: 'menu' })),
    [start, leave],
  );
  const height = Math.max(1, size.rows - 1);

  if (screen.kind === 'lesson') {
    if (!screens) return <Text dimColor>Loading the lesson…</Text>;
    return (
      <screens.LessonScreen
        lesson={screen.lesson}
        store={store}
        options={screen.options}
        onBack={back}
        player={player}
      />
    );
  }
  if (screen.kind === 'sandbox') {
    if (!screens) return <Text dimColor>Loading the sandbox…</Text>;
    return <screens.MenuSandbox onBack={back} sandbox={sandbox} />;
  }
  if (screen.kind === 'quiz') {
    if (!quizScreens || !storeReady) return <Text dimColor>Loading the drill…</Text>;
    return (
      <quizScreens.QuizScreen
        review={screen.review}
        store={store}
        onBack={back}
        onWarning={onWarning}
        seed={quiz?.seed}
        clock={quiz?.clock}
      />
    );
  }
  if (isTooSmall(size)) return <TooSmall size={size} />;
  return (
    <Box flexDirection="column" width={size.columns} height={height} overflowY="hidden">
      {input ? (
        <Menu
          {...input}
          width={size.columns}
          height={height}
          onSelect={select}
          onQuit={() => leave('quit')}
        />
      ) : null}
    </Box>
  );
}
