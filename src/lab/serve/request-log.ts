// Every HTTP request `serve` answered, for the terminal: as a line in plain mode, and as a
// note in the event log of the live screen, so a workshop sees its curl land.
import type { HistoryEvent, Ms } from '../../sim/index.js';

export interface RequestRecord {
  /** Virtual time when it was answered. */
  t: Ms;
  node: string;
  method: string;
  path: string;
  status: number;
  /** Wall milliseconds from the request's arrival to its answer. */
  wallMs: number;
  summary: string;
}

/** `t=12.345s replica-2 GET /data/tweet → 404 in 2.1ms: tweet missing (applied LSN 0, stale)` */
export function requestLine(r: RequestRecord): string {
  return `t=${(r.t / 1000).toFixed(3)}s ${r.node} ${r.method} ${r.path} → ${r.status} in ${r.wallMs.toFixed(1)}ms: ${r.summary}`;
}

/** The request as a note of the event log (the log's own components draw it). */
export function requestEvent(r: RequestRecord): HistoryEvent {
  return {
    t: r.t,
    type: 'note',
    text: `HTTP ${r.method} ${r.path} on ${r.node} → ${r.status}: ${r.summary}`,
  };
}

/** The latest requests, oldest first, at most `limit` of them. */
export class RequestLog {
  private readonly items: RequestRecord[] = [];
  count = 0;

  constructor(private readonly limit = 500) {}

  add(r: RequestRecord): void {
    this.count++;
    this.items.push(r);
    if (this.items.length > this.limit * 2) this.items.splice(0, this.items.length - this.limit);
  }

  recent(n = this.limit): readonly RequestRecord[] {
    return this.items.slice(-n);
  }
}
