// What the sandbox screen shows and how fast the cluster runs, as data with a pure reducer:
// typing or single keys, play/pause and speed, the help and diagram toggles, the event
// log's filter and scroll, the last message, the error of the last refused line and the
// question asked before leaving. The session itself lives in the driver.
import type { CommandLineError } from '../command-line/command-line.js';
import { type LogFilter, nextFilter } from '../event-log/log-filter.js';
import { changeSpeed, DEFAULT_SPEED } from '../player/speed.js';
import type { Tone } from '../theme/theme.js';

export type Focus = 'type' | 'keys';

export interface SandboxUi {
  focus: Focus;
  paused: boolean;
  speed: number;
  /** The help overlay, scrolled to `offset`, when open. */
  help?: { offset: number };
  diagram: boolean;
  /** The status table in place of the panes (the player's `t`). */
  status: boolean;
  log: { filter: LogFilter; anchor?: number };
  message?: { text: string; tone: Tone };
  /** The last refused line's error (shown under the line while it is there to fix). */
  error?: CommandLineError;
  /** Leaving with unsaved commands: the question is on screen. */
  confirmLeave: boolean;
}

export type SandboxUiAction =
  | { type: 'focus'; focus: Focus }
  | { type: 'toggle-pause' }
  | { type: 'pause' }
  | { type: 'speed'; direction: 1 | -1 }
  | { type: 'set-speed'; speed: number }
  | { type: 'toggle-help' }
  | { type: 'help-scroll'; delta: number; max: number }
  | { type: 'toggle-diagram' }
  | { type: 'toggle-status' }
  | { type: 'log-filter' }
  | { type: 'log-scroll'; anchor?: number }
  | { type: 'message'; text?: string; tone?: Tone }
  | { type: 'error'; error?: CommandLineError }
  | { type: 'ask-leave' }
  | { type: 'cancel-leave' };

export function initialSandboxUi(
  options: Partial<Pick<SandboxUi, 'paused' | 'speed'>> = {},
): SandboxUi {
  return {
    focus: 'type',
    paused: options.paused ?? false,
    speed: options.speed ?? DEFAULT_SPEED,
    diagram: false,
    status: false,
    log: { filter: 'all' },
    confirmLeave: false,
  };
}

export function reduceSandboxUi(state: SandboxUi, action: SandboxUiAction): SandboxUi {
  switch (action.type) {
    case 'focus':
      return state.focus === action.focus ? state : { ...state, focus: action.focus };
    case 'toggle-pause':
      return { ...state, paused: !state.paused };
    case 'pause':
      return state.paused ? state : { ...state, paused: true };
    case 'speed':
      return { ...state, speed: changeSpeed(state.speed, action.direction) };
    case 'set-speed':
      return { ...state, speed: action.speed };
    case 'toggle-help':
      return { ...state, help: state.help ? undefined : { offset: 0 } };
    case 'help-scroll': {
      if (!state.help) return state;
      const offset = Math.max(0, Math.min(action.max, state.help.offset + action.delta));
      return offset === state.help.offset ? state : { ...state, help: { offset } };
    }
    case 'toggle-diagram':
      return { ...state, diagram: !state.diagram, status: false };
    case 'toggle-status':
      return { ...state, status: !state.status, diagram: false };
    case 'log-filter':
      return { ...state, log: { filter: nextFilter(state.log.filter) } };
    case 'log-scroll':
      return state.log.anchor === action.anchor
        ? state
        : { ...state, log: { filter: state.log.filter, anchor: action.anchor } };
    case 'message':
      if (action.text === undefined)
        return state.message ? { ...state, message: undefined } : state;
      return { ...state, message: { text: action.text, tone: action.tone ?? 'info' } };
    case 'error':
      return state.error === action.error ? state : { ...state, error: action.error };
    case 'ask-leave':
      return { ...state, confirmLeave: true, help: undefined };
    case 'cancel-leave':
      return { ...state, confirmLeave: false };
  }
}
