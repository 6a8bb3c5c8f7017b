// The sandbox: the driver, the real-time ticker, the command line, the keys and the screen
// joined. The cluster runs at the chosen speed: every frame hands the wall time that passed
// to the driver (the live cluster moves; this computes nothing of its own). Below 80×24 it
// shows the enlarge-the-window notice instead and holds the clock.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useCommandLine } from '../command-line/use-command-line-keys.js';
import { useReducerRef } from '../keys/use-reducer-ref.js';
import { FRAME_MS } from '../player/use-playback.js';
import { isTooSmall, TooSmall } from '../screen/too-small.js';
import { useWindowSize } from '../screen/use-window-size.js';
import { useTheme } from '../theme/use-theme.js';
import type { SandboxDriver } from './sandbox-driver.js';
import { helpBodyHeight, sandboxHelpRows } from './sandbox-help.js';
import { SandboxScreen, sandboxLayout } from './sandbox-screen.js';
import { initialSandboxUi, reduceSandboxUi, type SandboxUi } from './sandbox-state.js';
import { sandboxView } from './sandbox-view.js';
import { useSandboxKeys } from './use-sandbox-keys.js';

export interface SandboxProps {
  driver: SandboxDriver;
  /** Leave the sandbox (after the question, when commands are unsaved). */
  onBack: () => void;
  isActive?: boolean;
  /** Initial play state (tests start paused and step by hand). */
  initial?: Partial<Pick<SandboxUi, 'paused' | 'speed'>>;
  /** Wall clock in ms (tests pass their own). */
  clock?: () => number;
  frameMs?: number;
}

export function Sandbox({
  driver,
  onBack,
  isActive = true,
  initial,
  clock = () => performance.now(),
  frameMs = FRAME_MS,
}: SandboxProps) {
  const theme = useTheme();
  const size = useWindowSize();
  const [ui, dispatch, uiRef] = useReducerRef(reduceSandboxUi, initialSandboxUi(initial));
  const [, setVersion] = useState(driver.version);
  const refresh = useCallback(() => setVersion(driver.version), [driver]);
  // An error in the ticker or a key handler is rethrown while rendering, where an error
  // boundary can show it (React catches only errors thrown while rendering).
  const [failure, setFailure] = useState<unknown>();
  if (failure !== undefined) throw failure;
  const tooSmall = isTooSmall(size);

  const leave = useCallback(
    (confirmed: boolean) => {
      if (!confirmed && driver.unsaved > 0) dispatch({ type: 'ask-leave' });
      else onBack();
    },
    [driver, dispatch, onBack],
  );

  const onSubmit = useCallback(
    (line: string): boolean => {
      const outcome = driver.submit(line);
      switch (outcome.kind) {
        case 'refused':
          dispatch({ type: 'error', error: { line, ...outcome.error } });
          refresh();
          return false;
        case 'colon': {
          dispatch({ type: 'error', error: undefined });
          const c = outcome.command;
          if (c.kind === 'help') dispatch({ type: 'toggle-help' });
          else if (c.kind === 'quit') leave(false);
          else if (c.kind === 'speed') dispatch({ type: 'set-speed', speed: c.speed });
          else if (outcome.message) {
            const first = outcome.message.split('\n')[0] ?? '';
            if (outcome.failed) {
              dispatch({
                type: 'error',
                error: { line, message: first, from: 0, to: line.length },
              });
              refresh();
              return false;
            }
            dispatch({ type: 'message', text: first, tone: 'ok' });
          }
          refresh();
          return true;
        }
        default:
          dispatch({ type: 'error', error: undefined });
          refresh();
          return true;
      }
    },
    [driver, dispatch, refresh, leave],
  );

  const line = useCommandLine({
    context: driver.live.context(),
    onSubmit,
    ownKeys: false,
  });
  const runLine = useCallback(
    (text: string) => {
      line.dispatch({ type: 'set', text });
      line.handleKey('', { return: true });
      // Refused, it stays in the line with its error: back to typing to see it.
      if (line.current.current.text !== '') dispatch({ type: 'focus', focus: 'type' });
    },
    [line, dispatch],
  );

  // The ticker: wall time → virtual time at the chosen speed, while playing.
  const playing = isActive && !ui.paused && !ui.help && !ui.confirmLeave && !tooSmall;
  useEffect(() => {
    if (!playing) return;
    let last = clock();
    const timer = setInterval(() => {
      const now = clock();
      const u = uiRef.current;
      // A key may have paused it since this effect started (the effect stops a frame later).
      if (u.paused || u.help || u.confirmLeave) {
        last = now;
        return;
      }
      try {
        const before = driver.version;
        driver.tick(now - last, uiRef.current.speed);
        if (driver.version !== before) refresh();
      } catch (err) {
        clearInterval(timer);
        setFailure(err);
      }
      last = now;
    }, frameMs);
    return () => clearInterval(timer);
  }, [driver, playing, clock, frameMs, refresh, uiRef]);

  const view = sandboxView(driver, ui.log);
  const { layout } = sandboxLayout(view, ui, size, theme);
  const helpRows = sandboxHelpRows(size.columns).length;
  const helpPage = helpBodyHeight(size.rows - 1);
  const sizes = useRef({ logRows: 0, helpMax: 0, helpPage: 1 });
  sizes.current = {
    logRows: layout.events.height,
    helpMax: Math.max(0, helpRows - helpPage),
    helpPage,
  };
  useSandboxKeys({
    driver,
    state: uiRef,
    dispatch,
    line,
    runLine,
    refresh,
    leave,
    layout: sizes,
    backOnly: tooSmall,
    isActive,
    onError: setFailure,
  });
  if (tooSmall) return <TooSmall size={size} />;
  return <SandboxScreen view={view} ui={ui} line={line.state} size={size} />;
}
