// Key bindings of the player: keys resolve through the keymap; play controls go to the
// reducer, lesson controls to the driver. While a question waits, its list owns Enter,
// digits, arrows and h; the player keeps the rest.
import { type Key, useInput, useStdin } from 'ink';
import { resolveKey } from '../keys/keymap.js';
import type { LessonDriver } from './lesson-driver.js';
import type { PlayerAction, PlayerState } from './player-state.js';

export interface PlayerKeysOptions {
  driver: LessonDriver;
  state: { readonly current: PlayerState };
  dispatch: (action: PlayerAction) => PlayerState;
  refresh: () => void;
  onBack: () => void;
  /** The narration's scroll key and largest offset, as last rendered. */
  scroll: { readonly current: { key: string; max: number } };
  /** The window is too small to show the player: only q/Esc (back) works. */
  backOnly?: boolean;
  /** An engine error while handling a key. */
  onError?: (error: unknown) => void;
  isActive?: boolean;
}

export function usePlayerKeys({
  driver,
  state,
  dispatch,
  refresh,
  onBack,
  scroll,
  backOnly = false,
  onError,
  isActive = true,
}: PlayerKeysOptions): void {
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      try {
        handle(input, key);
      } catch (err) {
        onError?.(err);
      }
    },
    // Pitfall 1: isRawModeSupported is undefined on a pipe, and only `false` disables.
    { isActive: Boolean(isRawModeSupported) && isActive },
  );

  function handle(input: string, key: Key): void {
    if (key.ctrl) return;
    const ui = state.current;
    if (ui.confirmRestart) {
      if (input === 'y' || input === 'Y') {
        driver.restart();
        dispatch({ type: 'restarted' });
        refresh();
      } else dispatch({ type: 'cancel-restart' });
      return;
    }
    const hit = resolveKey(input, key, 'player');
    if (backOnly) {
      if (hit?.action === 'back') onBack();
      return;
    }
    if (ui.help) {
      if (hit?.action === 'help' || hit?.action === 'back') dispatch({ type: 'toggle-help' });
      return;
    }
    const phase = driver.phase;
    const asking = phase === 'question';
    dispatch({ type: 'message', text: undefined });
    switch (hit?.action) {
      case 'toggle-pause':
        // Where the lesson waits for a key, space continues (and plays).
        if (!asking && driver.continue()) {
          dispatch({ type: 'play' });
          refresh();
        } else dispatch({ type: 'toggle-pause' });
        break;
      case 'select':
        if (!asking && driver.continue()) refresh();
        break;
      case 'step-forward':
        dispatch({ type: 'pause' });
        if (asking) dispatch({ type: 'message', text: 'Answer first: a number, or ↑↓ and Enter' });
        else if (driver.stepForward()) refresh();
        break;
      case 'step-back':
        dispatch({ type: 'pause' });
        if (driver.stepBack()) refresh();
        break;
      case 'speed':
        dispatch({ type: 'speed', direction: hit.arg === -1 ? -1 : 1 });
        break;
      case 'toggle-diagram':
        dispatch({ type: 'toggle-diagram' });
        break;
      case 'restart':
        dispatch({ type: 'ask-restart' });
        break;
      case 'help':
        dispatch({ type: 'toggle-help' });
        break;
      case 'back':
        onBack();
        break;
      case 'move':
        if (!asking) {
          const { key: k, max } = scroll.current;
          dispatch({ type: 'scroll', key: k, delta: hit.arg ?? 1, max });
        }
        break;
      case 'hint':
        if (!asking) dispatch({ type: 'message', text: 'Hints are for questions' });
        break;
      default:
        break;
    }
  }
}
