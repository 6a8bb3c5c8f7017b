// Key bindings of the sandbox, the one owner of every key on its screen: the leave question
// first, then the help, then the mode. Typing: the command line takes every key it has a use
// for; an empty line also frees space (pause/play) and ? (help), and Esc switches to single
// keys. Single keys: the table in sandbox-keys.ts; a command key fills in its command and
// returns to typing with the candidates shown.
import type { Key } from 'ink';
import type { CommandLineControl } from '../command-line/use-command-line-keys.js';
import { scrollLog } from '../event-log/log-filter.js';
import { useKeys } from '../keys/use-keys.js';
import type { SandboxDriver } from './sandbox-driver.js';
import { resolveSandboxKey } from './sandbox-keys.js';
import type { SandboxUi, SandboxUiAction } from './sandbox-state.js';

export interface SandboxKeysOptions {
  driver: SandboxDriver;
  state: { readonly current: SandboxUi };
  dispatch: (action: SandboxUiAction) => SandboxUi;
  line: CommandLineControl;
  /** Runs a line as if typed and entered (a single key's command). */
  runLine: (line: string) => void;
  refresh: () => void;
  /** Leave the sandbox (asks first when there are unsaved commands). */
  leave: (confirmed: boolean) => void;
  /** Rows of the event log and the help's largest offset, as last rendered. */
  layout: { readonly current: { logRows: number; helpMax: number; helpPage: number } };
  /** The window is too small: only q/Esc works. */
  backOnly?: boolean;
  isActive?: boolean;
  onError?: (error: unknown) => void;
}

export function useSandboxKeys(o: SandboxKeysOptions): void {
  useKeys((input, key) => {
    try {
      handle(input, key);
    } catch (err) {
      o.onError?.(err);
    }
  }, o.isActive ?? true);

  function scrollTheLog(direction: number): void {
    const { logRows } = o.layout.current;
    const ui = o.state.current;
    if (logRows <= 0) {
      const why = ui.diagram ? 'd shows the event log again' : 'no room for the event log now';
      o.dispatch({ type: 'message', text: why });
      return;
    }
    const sim = o.driver.live.sim;
    const { filter, anchor } = ui.log;
    const page = Math.max(1, logRows - 1);
    const next = scrollLog(sim.history, filter, o.driver.labels(), anchor, direction, page);
    o.dispatch({ type: 'log-scroll', anchor: next });
  }

  function handle(input: string, key: Key): void {
    const { driver, dispatch, line } = o;
    if (key.ctrl && input === 'c') return; // the app quits
    const ui = o.state.current;
    if (ui.confirmLeave) {
      if (input === 'y' || input === 'Y') o.leave(true);
      else dispatch({ type: 'cancel-leave' });
      return;
    }
    if (o.backOnly) {
      if (input === 'q' || key.escape) o.leave(false);
      return;
    }
    if (ui.help) {
      const { helpMax, helpPage } = o.layout.current;
      if (input === '?' || input === 'q' || key.escape) dispatch({ type: 'toggle-help' });
      else if (key.downArrow || input === 'j')
        dispatch({ type: 'help-scroll', delta: 1, max: helpMax });
      else if (key.upArrow || input === 'k')
        dispatch({ type: 'help-scroll', delta: -1, max: helpMax });
      else if (key.pageDown || input === ' ')
        dispatch({ type: 'help-scroll', delta: helpPage, max: helpMax });
      else if (key.pageUp) dispatch({ type: 'help-scroll', delta: -helpPage, max: helpMax });
      return;
    }
    if (ui.message) dispatch({ type: 'message', text: undefined });
    if (key.pageUp || key.pageDown) {
      scrollTheLog(key.pageDown ? 1 : -1);
      return;
    }
    if (ui.focus === 'type') {
      const empty = line.current.current.text === '';
      if (empty && input === ' ' && !key.ctrl && !key.meta) {
        dispatch({ type: 'toggle-pause' });
        return;
      }
      if (empty && input === '?') {
        dispatch({ type: 'toggle-help' });
        return;
      }
      if (line.handleKey(input, key)) return;
      if (key.escape) dispatch({ type: 'focus', focus: 'keys' });
      return;
    }
    const hit = resolveSandboxKey(input, key);
    switch (hit?.binding.action) {
      case 'type':
        dispatch({ type: 'focus', focus: 'type' });
        if (input === ':' && line.current.current.text === '')
          line.dispatch({ type: 'set', text: ':' });
        break;
      case 'toggle-pause':
        dispatch({ type: 'toggle-pause' });
        break;
      case 'step-forward':
        dispatch({ type: 'pause' });
        if (driver.stepEvent()) o.refresh();
        else dispatch({ type: 'message', text: 'nothing scheduled: the cluster is quiet' });
        break;
      case 'step-back': {
        dispatch({ type: 'pause' });
        const said = driver.stepBack();
        if (said) o.refresh();
        else dispatch({ type: 'message', text: 'this is where the session began' });
        break;
      }
      case 'speed':
        dispatch({ type: 'speed', direction: hit.arg === -1 ? -1 : 1 });
        break;
      case 'toggle-diagram':
        dispatch({ type: 'toggle-diagram' });
        break;
      case 'toggle-status':
        dispatch({ type: 'toggle-status' });
        break;
      case 'log-filter':
        dispatch({ type: 'log-filter' });
        break;
      case 'log-scroll':
        scrollTheLog(hit.arg ?? 1);
        break;
      case 'help':
        dispatch({ type: 'toggle-help' });
        break;
      case 'back':
        o.leave(false);
        break;
      case 'command': {
        const text = hit.binding.command ?? '';
        if (!text.endsWith(' ')) {
          o.runLine(text);
          break;
        }
        dispatch({ type: 'focus', focus: 'type' });
        line.dispatch({ type: 'set', text });
        // Show what may follow at once: the nodes to crash, the keys to read.
        line.dispatch({ type: 'complete', context: driver.live.context() });
        break;
      }
      default:
        if (input.length === 1 && !key.ctrl && !key.meta) {
          dispatch({
            type: 'message',
            text: `"${input}" is not a key here: Enter types a command, ? lists the keys`,
          });
        }
    }
  }
}
