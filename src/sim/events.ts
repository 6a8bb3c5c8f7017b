// What the event loop schedules: the kinds of events, the one record shape every event has,
// and the order classes within a millisecond.
import type { WritePayload } from './clients.js';
import type { Queued } from './event-queue.js';
import type { Response } from './response.js';
import type { Entry } from './state.js';

/** Event kinds. Plain numbers keep the hot loop monomorphic. */
export const EV = {
  DELIVER: 0,
  APPLY: 1,
  ACK: 2,
  CLIENT_REQ: 3,
  CLIENT_RESP: 4,
  CLIENT_TIMEOUT: 5,
  ACK_TIMEOUT: 6,
  COMMIT: 7,
  HB_TICK: 8,
  HEARTBEAT: 9,
  HB_REPLY: 10,
  ELECTION_CHECK: 11,
  PROMOTE: 12,
  BUSY_DONE: 13,
  WORKLOAD_TICK: 14,
  SERVE: 15,
  ARCHIVE_TICK: 16,
  /** Leaderless: a quorum message arrives (leaderless/messages.ts; `x` is its id). */
  QUORUM: 17,
  /** Leaderless: a write's ackTimeout, an anti-entropy round, a paused node resuming. */
  QUORUM_TIMER: 18,
  /** Multi-leader: the entry at the head of a link arrives (multi-leader/links.ts; `x`: link). */
  ML_LINK: 19,
  /** Multi-leader: a client request reaches a node, or a read's answer its client (`x`: slot). */
  ML_CLIENT: 20,
} as const;
export type EvKind = (typeof EV)[keyof typeof EV];

/**
 * The queue lane each kind of event asks for (-1: the heap). A lane suits events of one
 * constant delay, which arrive in time order; the queue falls back to its heap whenever an
 * event would not, so this table only affects speed, never the order of events.
 */
const NET_LANE = 0;
export const LANE_OF_KIND: readonly number[] = [
  -1, // DELIVER: lag varies per entry
  -1, // APPLY
  NET_LANE, // ACK
  NET_LANE, // CLIENT_REQ
  NET_LANE, // CLIENT_RESP
  -1, // CLIENT_TIMEOUT: kept in a ring of their own (TimeoutRing); the heap takes stragglers
  1, // ACK_TIMEOUT
  -1, // COMMIT
  -1, // HB_TICK
  NET_LANE, // HEARTBEAT
  NET_LANE, // HB_REPLY
  -1, // ELECTION_CHECK
  -1, // PROMOTE
  -1, // BUSY_DONE
  2, // WORKLOAD_TICK: a workload's clients all think for the same time
  -1, // SERVE: a node with a capacity finished serving a request
  -1, // ARCHIVE_TICK: the WAL archive's shipment
  -1, // QUORUM: lag varies per replica
  -1, // QUORUM_TIMER
  -1, // ML_LINK: lag varies per link
  NET_LANE, // ML_CLIENT
];
export const LANES = 3;

/** Within one millisecond: messages first, then timers and faults. Steps run after both. */
export const CLS_MESSAGE = 0;
export const CLS_TIMER = 1;

/**
 * One scheduled event. Event objects are pooled and reused once processed, so nothing may
 * keep a reference to one after its handler returns (handlers that want it later `defer` it).
 */
export interface Ev extends Queued {
  k: EvKind;
  /** Target node index (or client session index for workload ticks). */
  n: number;
  /** Other node index (sender), or -1. */
  m: number;
  /** A number whose meaning depends on the kind (LSN, epoch, incarnation, timer token). */
  x: number;
  /** Generation guard: incarnation or stream generation at scheduling time. */
  g: number;
  /** A second number: when a message was sent (messages), a heartbeat's send time (replies). */
  y: number;
  e: Entry | undefined;
  /** Op id, or -1. */
  op: number;
  r: Response | undefined;
  /** A write request's payload (travels with the request to the leader's commit). */
  p: WritePayload | undefined;
}
