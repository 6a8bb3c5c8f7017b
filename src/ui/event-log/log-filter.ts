// Which events the event log shows, and which part of them: a filter (everything, faults and
// anomalies, operations) and a scroll anchor. The line a lesson points at ("needs-resync")
// can sit under thousands of generated writes, so a filter must reach the whole history, not
// a recent window: each history gets an index of the events every filter shows, grown by the
// events added since the last frame, so a frame never rescans the run.
import type { HistoryEvent, HistoryView } from '../../sim/index.js';

export type LogFilter = 'all' | 'faults' | 'ops';

export const LOG_FILTERS: readonly LogFilter[] = ['all', 'faults', 'ops'];

export const LOG_FILTER_NAMES: Record<LogFilter, string> = {
  all: 'all events',
  faults: 'faults and anomalies',
  ops: 'operations',
};

export function nextFilter(filter: LogFilter): LogFilter {
  return LOG_FILTERS[(LOG_FILTERS.indexOf(filter) + 1) % LOG_FILTERS.length] ?? 'all';
}

interface LogIndex {
  /** History events indexed so far. */
  scanned: number;
  /** Every event the log shows (replication messages are not shown). */
  all: number[];
  /** Faults, elections, step-downs, truncations, notes. */
  faults: number[];
  /** Operations that failed or whose outcome is unknown. */
  failed: number[];
  ops: number[];
  /** Where each operation completed, by op id. */
  completed: Map<number, number>;
}

const indexes = new WeakMap<HistoryView, LogIndex>();

function grow(history: HistoryView): LogIndex {
  let index = indexes.get(history);
  if (!index) {
    index = { scanned: 0, all: [], faults: [], failed: [], ops: [], completed: new Map() };
    indexes.set(history, index);
  }
  for (let i = index.scanned; i < history.length; i++) {
    const e = history.at(i);
    if (!e || e.type === 'send' || e.type === 'deliver' || e.type === 'drop' || e.type === 'quorum')
      continue;
    index.all.push(i);
    if (e.type !== 'op') {
      index.faults.push(i);
      continue;
    }
    index.ops.push(i);
    if (e.phase === 'invoke') continue;
    index.completed.set(e.op, i);
    if (e.phase === 'fail' || e.phase === 'info') index.failed.push(i);
  }
  index.scanned = history.length;
  return index;
}

const faultViews = new WeakMap<
  LogIndex,
  { labels: ReadonlyMap<number, readonly string[]>; scanned: number; list: number[] }
>();

/** History indexes a filter shows, oldest first. */
export function filteredIndexes(
  history: HistoryView,
  filter: LogFilter,
  labels: ReadonlyMap<number, readonly string[]>,
): readonly number[] {
  const index = grow(history);
  if (filter === 'all') return index.all;
  if (filter === 'ops') return index.ops;
  // Faults, failed operations, and the operations the checkers flagged.
  const hit = faultViews.get(index);
  if (hit && hit.labels === labels && hit.scanned === index.scanned) return hit.list;
  const flagged: number[] = [];
  for (const [op, l] of labels) {
    const at = index.completed.get(op);
    if (at !== undefined && l.length > 0) flagged.push(at);
  }
  const list = [...new Set([...index.faults, ...index.failed, ...flagged])].sort((a, b) => a - b);
  faultViews.set(index, { labels, scanned: index.scanned, list });
  return list;
}

/** How many entries of the sorted `list` are below `bound`. */
function countBelow(list: readonly number[], bound: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] ?? 0) < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface LogWindow {
  /** The events shown, oldest first: the newest `max` before the anchor. */
  events: HistoryEvent[];
  /** Matching events after the window (scrolled back from the newest). */
  newer: number;
  /** Matching events before the window. */
  older: number;
}

/**
 * The log's window: the newest `max` events of the filter before `anchor` (a history index,
 * exclusive; undefined follows the newest event).
 */
export function logWindow(
  history: HistoryView,
  filter: LogFilter,
  labels: ReadonlyMap<number, readonly string[]>,
  anchor: number | undefined,
  max: number,
): LogWindow {
  const list = filteredIndexes(history, filter, labels);
  const end = anchor === undefined ? list.length : countBelow(list, anchor);
  const start = Math.max(0, end - max);
  const events: HistoryEvent[] = [];
  for (let k = start; k < end; k++) {
    const e = history.at(list[k] ?? -1);
    if (e) events.push(e);
  }
  return { events, newer: list.length - end, older: start };
}

/**
 * The anchor after scrolling `pages` pages of `page` lines (positive: back to older events);
 * undefined once back at the newest.
 */
export function scrollLog(
  history: HistoryView,
  filter: LogFilter,
  labels: ReadonlyMap<number, readonly string[]>,
  anchor: number | undefined,
  pages: number,
  page: number,
): number | undefined {
  const list = filteredIndexes(history, filter, labels);
  const step = Math.max(1, page - 1);
  const end = anchor === undefined ? list.length : countBelow(list, anchor);
  // Never further back than a full page of the oldest events.
  const least = Math.min(list.length, Math.max(1, page));
  const next = Math.max(least, Math.min(list.length, end - pages * step));
  if (next >= list.length) return undefined;
  return (list[next - 1] ?? -1) + 1;
}
