// The part of the history a frame looks at. The history only grows (10,000 events after a
// busy workload), so views get a bounded recent window found by binary search on time,
// and the cost of a frame does not grow with the length of the lesson.
import type { HistoryEvent, HistoryView, Ms, OpRecord, OpView } from '../../sim/index.js';

/** Events a view is given at most. */
export const MAX_WINDOW_EVENTS = 600;

/** Index of the first event at or after `t` (history is ordered by time). */
export function firstIndexAtOrAfter(history: HistoryView, t: Ms): number {
  let lo = 0;
  let hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((history.at(mid)?.t ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Time of the latest event strictly before `t`, if any (where ← steps back to). */
export function previousEventTime(history: HistoryView, t: Ms): Ms | undefined {
  const i = firstIndexAtOrAfter(history, t) - 1;
  return i >= 0 ? history.at(i)?.t : undefined;
}

export interface HistoryWindow {
  events: readonly HistoryEvent[];
  /** Start of the time the window covers (later than asked when the count bound cut it). */
  from: Ms;
}

/** Events with `from <= t`, at most `max` of them, the newest kept. */
export function recentWindow(
  history: HistoryView,
  from: Ms,
  max: number = MAX_WINDOW_EVENTS,
): HistoryWindow {
  const start = Math.max(firstIndexAtOrAfter(history, from), history.length - max);
  const events = history.slice(start);
  const first = events[0];
  return { events, from: start > 0 && first ? Math.max(from, first.t) : from };
}

function findOp(ops: OpView, id: number): OpRecord | undefined {
  for (const o of ops) if (o.id === id) return o;
  return undefined;
}

/** The operations the events mention, by id (sim.ops is indexed by op id). */
export function opsOf(events: readonly HistoryEvent[], ops: OpView): OpRecord[] {
  const out = new Map<number, OpRecord>();
  for (const e of events) {
    const ids = e.type === 'op' ? [e.op] : e.type === 'truncate' ? e.lostOps : [];
    for (const id of ids) {
      if (out.has(id)) continue;
      const at = ops.at(id);
      const op = at?.id === id ? at : findOp(ops, id);
      if (op) out.set(id, op);
    }
  }
  return [...out.values()];
}
