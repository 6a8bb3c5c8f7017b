// The interactive app: the menu, and the lesson player started from it (or directly, for
// `play <lesson>`). It owns leaving: q in the menu (or in a lesson started directly) quits,
// Ctrl-C quits from anywhere; `onExit` says which, the caller turns it into an exit status.
import { Box, useApp, useInput, useStdin } from 'ink';
import { useCallback, useMemo, useState } from 'react';
import type { Lesson } from '../lesson/types.js';
import type { ProgressStore } from '../progress/progress-store.js';
import { resolveKey } from './keymap.js';
import { type DriverOptions, LessonDriver } from './lesson-driver.js';
import { Menu } from './menu.js';
import { menuInput } from './menu-items.js';
import type { MenuEntry } from './menu-state.js';
import { Player, type PlayerProps } from './player.js';
import { isTooSmall, TooSmall } from './too-small.js';
import { useWindowSize } from './use-window-size.js';

export type ExitReason = 'quit' | 'interrupt';

export interface AppProps {
  lessons: readonly Lesson[];
  store?: ProgressStore;
  /** Play this lesson at once; leaving it quits the app. */
  start?: { lesson: Lesson } & DriverOptions;
  onExit: (reason: ExitReason) => void;
  /** Passed to the player (tests). */
  player?: Pick<PlayerProps, 'initial' | 'clock' | 'frameMs'>;
}

type Screen = { kind: 'menu' } | { kind: 'player'; driver: LessonDriver };

export function App({ lessons, store, start, onExit, player }: AppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const size = useWindowSize();
  const [screen, setScreen] = useState<Screen>(() =>
    start
      ? { kind: 'player', driver: new LessonDriver(start.lesson, store, start) }
      : { kind: 'menu' },
  );
  const leave = useCallback(
    (reason: ExitReason) => {
      onExit(reason);
      exit();
    },
    [onExit, exit],
  );
  // Ctrl-C reaches the app as a key in raw mode (exitOnCtrlC is off so the reason is known).
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') leave('interrupt');
      else if (
        screen.kind === 'menu' &&
        isTooSmall(size) &&
        resolveKey(input, key, 'menu')?.action === 'back'
      )
        leave('quit');
    },
    { isActive: Boolean(isRawModeSupported) },
  );
  // Read again on every return to the menu: statuses and scores changed in the lesson.
  const input = useMemo(
    () => (screen.kind === 'menu' ? menuInput(lessons, store) : undefined),
    [screen, lessons, store],
  );
  const select = useCallback(
    (entry: MenuEntry) => {
      if (entry.kind !== 'lesson' && entry.kind !== 'continue') return;
      const lesson = lessons.find((l) => l.id === entry.lesson.id);
      if (lesson) setScreen({ kind: 'player', driver: new LessonDriver(lesson, store) });
    },
    [lessons, store],
  );
  const back = useCallback(
    () => (start ? leave('quit') : setScreen({ kind: 'menu' })),
    [start, leave],
  );
  const height = Math.max(1, size.rows - 1);

  if (screen.kind === 'player')
    return (
      <Player key={screen.driver.lesson.id} driver={screen.driver} onBack={back} {...player} />
    );
  if (isTooSmall(size)) return <TooSmall size={size} />;
  return (
    <Box flexDirection="column" width={size.columns} height={height} overflow="hidden">
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
