// The lesson player: the driver, the ticker, the keys and the screen joined. Below 80×24 it
// shows the enlarge-the-window notice instead (and holds the clock).
import { useCallback, useRef, useState } from 'react';
import { CARD_TIP } from '../cluster/card-legend.js';
import type { CommandLineError } from '../command-line/command-line.js';
import { useCommandLine } from '../command-line/use-command-line-keys.js';
import { useReducerRef } from '../keys/use-reducer-ref.js';
import { isTooSmall, TooSmall } from '../screen/too-small.js';
import { useWindowSize } from '../screen/use-window-size.js';
import { useTheme } from '../theme/use-theme.js';
import type { LessonDriver } from './lesson-driver.js';
import { PlayerScreen, screenLayout } from './player-screen.js';
import { initialPlayer, type PlayerState, reducePlayer } from './player-state.js';
import { playerView } from './player-view.js';
import { usePlayback } from './use-playback.js';
import { usePlayerKeys } from './use-player-keys.js';

export interface PlayerProps {
  driver: LessonDriver;
  /** q/Esc: leave the player. */
  onBack: () => void;
  /** s: open this moment in the sandbox. */
  onSandbox?: () => void;
  isActive?: boolean;
  /** Initial play state (tests start paused and step by hand). */
  initial?: Partial<Pick<PlayerState, 'paused' | 'speed'>>;
  clock?: () => number;
  frameMs?: number;
}

export function Player({
  driver,
  onBack,
  onSandbox,
  isActive = true,
  initial,
  clock,
  frameMs,
}: PlayerProps) {
  const theme = useTheme();
  const size = useWindowSize();
  // The cards show epoch, LSN and lag from the first frame: say once where they are explained.
  const [ui, dispatch, uiRef] = useReducerRef(
    reducePlayer,
    initialPlayer({ ...initial, message: CARD_TIP }),
  );
  const [, setVersion] = useState(driver.version);
  const refresh = useCallback(() => setVersion(driver.version), [driver]);
  // An engine error in the ticker or a key handler is rethrown while rendering, where the
  // lesson's error boundary shows it (React catches only errors thrown while rendering).
  const [failure, setFailure] = useState<unknown>();
  if (failure !== undefined) throw failure;
  const tooSmall = isTooSmall(size);
  usePlayback({
    onError: setFailure,
    driver,
    playing: isActive && !ui.paused && !ui.help && !ui.confirmRestart && !tooSmall,
    speed: ui.speed,
    refresh,
    dispatch,
    clock,
    frameMs,
  });
  // A task's command line: the keys reach it through the player's one key handler.
  const [lineError, setLineError] = useState<CommandLineError>();
  const context = driver.commandContext();
  const onSubmit = useCallback(
    (line: string): boolean => {
      if (driver.phase !== 'task') {
        dispatch({ type: 'message', text: 'The last command is still running' });
        return false;
      }
      const reply = driver.taskInput(line);
      if (!reply.ok) {
        setLineError({ line, message: reply.message, from: reply.from, to: reply.to });
        refresh();
        return false;
      }
      setLineError(undefined);
      if (reply.kind === 'hint')
        dispatch({
          type: 'message',
          text: reply.hint ? 'Hint shown: it costs a point' : 'No more hints: ^G gives up',
        });
      else dispatch({ type: 'play' });
      refresh();
      return true;
    },
    [driver, dispatch, refresh],
  );
  const commandLine = useCommandLine({ context, onSubmit, ownKeys: false });
  const view = playerView(driver, ui.log);
  const { scrollKey, scrollMax, layout } = screenLayout(
    view,
    ui,
    size,
    !theme.colorEnabled,
    driver.taskActive,
  );
  const logRows = layout.events.height;
  const scroll = useRef({ key: scrollKey, max: scrollMax, logRows });
  scroll.current = { key: scrollKey, max: scrollMax, logRows };
  usePlayerKeys({
    onError: setFailure,
    driver,
    state: uiRef,
    dispatch,
    refresh,
    onBack,
    onSandbox,
    scroll,
    backOnly: tooSmall,
    isActive,
    commandLine,
  });
  if (tooSmall) return <TooSmall size={size} />;
  return (
    <PlayerScreen
      view={view}
      ui={ui}
      size={size}
      rate={driver.rate(ui.speed)}
      commandLine={driver.taskActive ? { state: commandLine.state, error: lineError } : undefined}
    />
  );
}
