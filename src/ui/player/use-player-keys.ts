// Key bindings of the player, the one owner of every key while a lesson plays: keys resolve
// through the keymap; play controls go to the reducer, lesson controls to the driver. While a
// question waits, Enter, digits, arrows and h drive its list (its state lives in the player's
// reducer), so the Enter that answers a quiz is spent on the answer and never also
// continues past the feedback it brings.
import type { Key } from 'ink';
import { readLabels } from '../../lesson/engine/read-labels.js';
import { choiceAction, choiceMade } from '../choice-list/choice-list-state.js';
import type { CommandLineAction, CommandLineState } from '../command-line/command-line-state.js';
import { scrollLog } from '../event-log/log-filter.js';
import { resolveKey } from '../keys/keymap.js';
import { useKeys } from '../keys/use-keys.js';
import type { LessonDriver } from './lesson-driver.js';
import { choiceState, type PlayerAction, type PlayerState, questionKey } from './player-state.js';

export interface PlayerKeysOptions {
  driver: LessonDriver;
  state: { readonly current: PlayerState };
  dispatch: (action: PlayerAction) => PlayerState;
  refresh: () => void;
  onBack: () => void;
  /** s: open the cluster as it stands in the sandbox (not offered where it is missing). */
  onSandbox?: () => void;
  /** The narration's scroll key and largest offset, and the event log's rows, as last rendered. */
  scroll: { readonly current: { key: string; max: number; logRows: number } };
  /** The window is too small to show the player: only q/Esc (back) works. */
  backOnly?: boolean;
  /** An engine error while handling a key. */
  onError?: (error: unknown) => void;
  isActive?: boolean;
  /** A task's command line: while a task takes commands, it has every key but these. */
  commandLine?: TaskLine;
}

export interface TaskLine {
  handleKey: (input: string, key: Partial<Key>) => boolean;
  dispatch: (action: CommandLineAction) => CommandLineState;
  current: { readonly current: CommandLineState };
}

/** Keys of a task besides typing: Ctrl-T and Ctrl-G fill in hint and give up (Enter runs). */
export const TASK_KEYS = { hint: 't', giveUp: 'g' } as const;

export function usePlayerKeys({
  driver,
  state,
  dispatch,
  refresh,
  onBack,
  onSandbox,
  scroll,
  backOnly = false,
  onError,
  isActive = true,
  commandLine,
}: PlayerKeysOptions): void {
  useKeys((input, key) => {
    try {
      handle(input, key);
    } catch (err) {
      onError?.(err);
    }
  }, isActive);

  /** A key for the question's list; false when the list has no use for it. */
  function question(input: string, key: Key): boolean {
    const step = driver.question;
    if (!step) return false;
    const action = choiceAction(resolveKey(input, key, 'choice'));
    if (action === undefined || action === 'back') return false;
    const qkey = questionKey(driver.generation, step.label);
    const before = choiceState(state.current, qkey);
    const after = dispatch({ type: 'choice', key: qkey, action, count: step.choices.length });
    if (action.type === 'toggle-hint') {
      // Seeing the hint halves the points of a right answer: the driver records it.
      if (after.choice.hintShown) {
        driver.hint();
        refresh();
      }
      return true;
    }
    const chosen = choiceMade(before, after.choice);
    if (chosen !== undefined) {
      driver.answer(chosen);
      // The outcome of a prediction or a choice plays at once.
      dispatch({ type: 'play' });
      refresh();
    }
    return true;
  }

  /** While a task takes commands, the line has the keys: no single-key binding fires. */
  function task(input: string, key: Key): boolean {
    if (!commandLine || !driver.taskActive || backOnly) return false;
    if (key.ctrl && input === TASK_KEYS.hint) commandLine.dispatch({ type: 'set', text: 'hint' });
    else if (key.ctrl && input === TASK_KEYS.giveUp)
      commandLine.dispatch({ type: 'set', text: 'give up' });
    else if (
      key.escape &&
      commandLine.current.current.text === '' &&
      !commandLine.current.current.menu
    )
      onBack();
    else if (key.pageDown || key.pageUp) {
      // The task pane scrolls by page: ↑↓ are the line's history.
      const { key: k, max } = scroll.current;
      dispatch({ type: 'scroll', key: k, delta: key.pageDown ? 5 : -5, max });
    } else commandLine.handleKey(input, key);
    refresh();
    return true;
  }

  function handle(input: string, key: Key): void {
    if (task(input, key)) return;
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
    if (asking && question(input, key)) return;
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
        if (driver.stepBack()) {
          // Inside a task the line has every key, space too: a command in flight plays on.
          if (driver.taskActive) dispatch({ type: 'play' });
          refresh();
        }
        break;
      case 'speed':
        dispatch({ type: 'speed', direction: hit.arg === -1 ? -1 : 1 });
        break;
      case 'toggle-diagram':
        dispatch({ type: 'toggle-diagram' });
        break;
      case 'toggle-status':
        dispatch({ type: 'toggle-status' });
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
      case 'sandbox':
        dispatch({ type: 'pause' });
        if (onSandbox) onSandbox();
        else
          dispatch({
            type: 'message',
            text: 'The sandbox opens from the menu or `replication-tutor sandbox`',
          });
        break;
      case 'move':
        if (!asking) {
          const { key: k, max } = scroll.current;
          dispatch({ type: 'scroll', key: k, delta: hit.arg ?? 1, max });
        }
        break;
      case 'hint':
        dispatch({ type: 'message', text: 'Hints are for questions' });
        break;
      case 'log-filter':
        dispatch({ type: 'log-filter' });
        break;
      case 'log-scroll': {
        const { logRows } = scroll.current;
        if (logRows <= 0) {
          const why = ui.diagram
            ? 'd shows the event log again'
            : ui.status
              ? 't shows the event log again'
              : 'no room for the event log now';
          dispatch({ type: 'message', text: why });
          break;
        }
        const sim = driver.runner.sim;
        const { filter, anchor } = ui.log;
        // The heading line takes one row once scrolled: a page is the rows left.
        const page = Math.max(1, logRows - 1);
        const next = scrollLog(sim.history, filter, readLabels(sim), anchor, hit.arg ?? 1, page);
        dispatch({ type: 'log-scroll', anchor: next });
        break;
      }
      default:
        break;
    }
  }
}
