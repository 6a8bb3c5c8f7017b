// What one frame of the `serve` screen shows, as plain data: the cluster now, the nodes'
// URLs, and the event log's recent window with every answered HTTP request merged in as a
// note at the virtual time it was answered.
import type { RequestRecord } from '../../lab/serve/request-log.js';
import { requestEvent } from '../../lab/serve/request-log.js';
import type {
  ClusterSnapshot,
  HistoryEvent,
  HistoryView,
  Ms,
  OpRecord,
  OpView,
} from '../../sim/index.js';
import { opsOf, recentWindow } from '../event-log/history-window.js';

/** Events the log is given at most (it shows the newest that fit). */
const LOG_EVENTS = 300;

export interface ServeView {
  label: string;
  t: Ms;
  requests: number;
  endpoints: readonly { node: string; url: string }[];
  snapshot: ClusterSnapshot;
  /** Oldest first. */
  events: readonly HistoryEvent[];
  ops: readonly OpRecord[];
  labels: ReadonlyMap<number, readonly string[]>;
}

export interface ServeViewInput {
  label: string;
  snapshot: ClusterSnapshot;
  history: HistoryView;
  ops: OpView;
  requests: readonly RequestRecord[];
  requestCount: number;
  endpoints: readonly { node: string; url: string }[];
  labels: ReadonlyMap<number, readonly string[]>;
}

/** The history's recent events and the requests, in time order (a request after the
 * events of its millisecond: it is answered once they have happened). */
export function mergeRequests(
  history: readonly HistoryEvent[],
  requests: readonly RequestRecord[],
): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  let j = 0;
  for (const e of history) {
    while (j < requests.length && requests[j]!.t < e.t) out.push(requestEvent(requests[j++]!));
    out.push(e);
  }
  while (j < requests.length) out.push(requestEvent(requests[j++]!));
  return out.slice(-LOG_EVENTS);
}

export function buildServeView(input: ServeViewInput): ServeView {
  const window = recentWindow(input.history, 0, LOG_EVENTS).events;
  return {
    label: input.label,
    t: input.snapshot.t,
    requests: input.requestCount,
    endpoints: input.endpoints,
    snapshot: input.snapshot,
    events: mergeRequests(window, input.requests.slice(-LOG_EVENTS)),
    ops: opsOf(window, input.ops),
    labels: input.labels,
  };
}
