// What the player shows and how fast it plays, as data with a pure reducer: speed, pause,
// the help and diagram toggles, the restart confirmation, the narration's scroll position
// and the time-lapse notice. The lesson itself lives in the engine (see lesson-driver.ts).
import type { Ms } from '../../sim/index.js';
import {
  type ChoiceListAction,
  type ChoiceListState,
  INITIAL_CHOICE_LIST,
  reduceChoiceList,
} from '../choice-list/choice-list-state.js';
import { type LogFilter, nextFilter } from '../event-log/log-filter.js';
import { changeSpeed, DEFAULT_SPEED } from './speed.js';

/** How long a time-lapse notice stays in the status line, in wall ms. */
export const LAPSE_NOTICE_MS = 2_500;

export interface PlayerState {
  speed: number;
  paused: boolean;
  help: boolean;
  diagram: boolean;
  /** The replication status table in place of the cluster panes (status-view/). */
  status: boolean;
  confirmRestart: boolean;
  /** Narration scroll: the offset applies while the narration shown has this key. */
  scroll: { key: string; offset: number };
  /** The last jump over a quiet stretch, shown until wall time `until`. */
  lapse?: { skipped: Ms; until: number };
  /** A one-line message, e.g. why a key did nothing. */
  message?: string;
  /**
   * The list of the question on screen (`key` says which: see questionKey): highlight (its
   * node is marked in the cluster), hint shown, choice made. The player's key handler owns
   * the list's keys, so one press is never both an answer and a "continue".
   */
  choice: ChoiceListState & { key: string };
  /**
   * The event log: which events it shows, and where it is scrolled to (a history index,
   * exclusive, of the newest line shown; none follows the newest event).
   */
  log: { filter: LogFilter; anchor?: number };
}

/** Identifies a question on screen; a rewind or restart shows it afresh. */
export function questionKey(generation: number, label: string): string {
  return `${generation}:${label}`;
}

/** The list state of the question with `key` (fresh when another question was on screen). */
export function choiceState(state: PlayerState, key: string): ChoiceListState {
  return state.choice.key === key ? state.choice : INITIAL_CHOICE_LIST;
}

export type PlayerAction =
  | { type: 'toggle-pause' }
  | { type: 'pause' }
  | { type: 'play' }
  | { type: 'speed'; direction: 1 | -1 }
  | { type: 'toggle-help' }
  | { type: 'toggle-diagram' }
  | { type: 'toggle-status' }
  | { type: 'ask-restart' }
  | { type: 'cancel-restart' }
  | { type: 'restarted' }
  | { type: 'scroll'; key: string; delta: number; max: number }
  | { type: 'lapse'; skipped: Ms; wallNow: number }
  | { type: 'clock'; wallNow: number }
  | { type: 'message'; text?: string }
  | { type: 'choice'; key: string; action: ChoiceListAction; count: number }
  | { type: 'log-filter' }
  | { type: 'log-scroll'; anchor?: number };

export function initialPlayer(
  options: { paused?: boolean; speed?: number; message?: string } = {},
): PlayerState {
  return {
    speed: options.speed ?? DEFAULT_SPEED,
    paused: options.paused ?? false,
    help: false,
    diagram: false,
    status: false,
    confirmRestart: false,
    scroll: { key: '', offset: 0 },
    choice: { key: '', ...INITIAL_CHOICE_LIST },
    log: { filter: 'all' },
    message: options.message,
  };
}

/** The scroll offset for the narration with `key` (0 once the narration changed). */
export function scrollOffset(state: PlayerState, key: string): number {
  return state.scroll.key === key ? state.scroll.offset : 0;
}

export function reducePlayer(state: PlayerState, action: PlayerAction): PlayerState {
  switch (action.type) {
    case 'toggle-pause':
      return { ...state, paused: !state.paused, message: undefined };
    case 'pause':
      return state.paused ? state : { ...state, paused: true };
    case 'play':
      return state.paused ? { ...state, paused: false } : state;
    case 'speed':
      return { ...state, speed: changeSpeed(state.speed, action.direction) };
    case 'toggle-help':
      return { ...state, help: !state.help };
    case 'toggle-diagram':
      return { ...state, diagram: !state.diagram, status: false };
    case 'toggle-status':
      return { ...state, status: !state.status, diagram: false };
    case 'ask-restart':
      return { ...state, confirmRestart: true, help: false };
    case 'cancel-restart':
      return { ...state, confirmRestart: false };
    case 'restarted':
      return {
        ...state,
        confirmRestart: false,
        lapse: undefined,
        message: undefined,
        log: { filter: state.log.filter },
      };
    case 'log-filter':
      // A new filter starts at the newest event.
      return { ...state, log: { filter: nextFilter(state.log.filter) } };
    case 'log-scroll':
      return state.log.anchor === action.anchor
        ? state
        : { ...state, log: { filter: state.log.filter, anchor: action.anchor } };
    case 'scroll': {
      const offset = Math.min(
        Math.max(0, action.max),
        Math.max(0, scrollOffset(state, action.key) + action.delta),
      );
      return { ...state, scroll: { key: action.key, offset } };
    }
    case 'lapse':
      return {
        ...state,
        lapse: { skipped: action.skipped, until: action.wallNow + LAPSE_NOTICE_MS },
      };
    case 'clock':
      return state.lapse && action.wallNow >= state.lapse.until
        ? { ...state, lapse: undefined }
        : state;
    case 'message':
      return state.message === action.text ? state : { ...state, message: action.text };
    case 'choice': {
      const next = reduceChoiceList(choiceState(state, action.key), action.action, action.count);
      return { ...state, choice: { ...next, key: action.key } };
    }
  }
}
