// Internal, mutable state of a running simulation. Not exported from the package surface:
// the UI and the lesson engine read snapshots (types.ts) instead.
import type { WritePayload } from './clients.js';
import type { Prng } from './prng.js';
import type { ClientConfig, Ms, NodeConfig, Value } from './types.js';

/** One log entry. Immutable once appended; followers share the leader's objects. */
export interface Entry {
  readonly epoch: number;
  readonly lsn: number;
  /** Key as written; with autoId the row lives at `${key}/${id}`. */
  readonly key: string;
  /** Value as the leader evaluated it (what row-based and WAL shipping replicate). */
  readonly value: Value;
  /** The statement text, when it calls NOW(), RAND(), UUID() or SYSDATE() (statement logs re-run it). */
  readonly expr?: string;
  /**
   * Set when a statement log wrote the entry: followers re-execute it, naively or with the
   * pinned values below (`statement-pinned`). Undefined: the entry ships the leader's result.
   */
  readonly stmt?: 'naive' | 'pinned';
  /** Pinned: the leader's clock (ms) that NOW() replays with, and the seed of its RAND(). */
  readonly clock?: Ms;
  readonly seed?: number;
  /** `UPDATE/DELETE … LIMIT 1`: the row filter (`where` value, if any); `key` is the table. */
  readonly scan?: { readonly where: Value | undefined };
  /** The row the leader changed (`table/id`), undefined when no row matched there. */
  readonly row?: string;
  readonly autoId: boolean;
  /** Auto-increment id the leader assigned. */
  readonly id?: number;
  readonly size: number;
  /** The client operation that wrote it, or -1. */
  readonly op: number;
  readonly at: Ms;
  /** Sum of the sizes of all entries before this one: lag in bytes is a subtraction. */
  readonly bytesBefore: number;
}

/** What a node stores per key. Row-based nodes store the log entry itself (no copy). */
export interface Version {
  readonly value: Value;
  readonly lsn: number;
  readonly epoch: number;
}

/** One slot of a node's ring of recently applied keys (reused, never reallocated). */
export interface RecentSlot {
  key: string;
  value: Value;
  lsn: number;
}

export type BusyKind = 'copying' | 'restoring';

export interface SimNode {
  readonly id: string;
  readonly idx: number;
  /** Index of its leader-based group in `sim.groups` (its shard; 0 when unsharded). */
  group: number;
  cfg: NodeConfig;
  role: 'leader' | 'follower';
  /** Highest epoch this node knows of. */
  epoch: number;
  up: boolean;
  /** Bumped on every crash, so events of an earlier life are ignored. */
  inc: number;
  fenced: boolean;
  pausedUntil: Ms;
  log: Entry[];
  applied: number;
  data: Map<string, Version>;
  /**
   * Entries a statement log wrote: the key and value this node computed for each (key `''`:
   * a LIMIT statement that matched no row here).
   */
  evaluated: { key: string; value: Value }[];
  autoInc: Map<string, number>;
  rng: Prng;
  /** Node this one receives entries from (the leader, or an upstream for cascading). */
  source: SimNode | undefined;
  /** Bumped when the stream to this node is re-established or broken. */
  linkGen: number;
  linkBusyUntil: Ms;
  linkLastArrival: Ms;
  /** An entry met a network cut: the stream resumes from this node's last LSN on `heal`. */
  stalled: boolean;
  lastApplyAt: Ms;
  needsResync: boolean;
  /** `log: wal` and another major version than its leader: it refuses the stream. */
  versionRefused: boolean;
  /** Set once the stream has caught up since it (re)connected: streaming vs catching up. */
  caughtUpOnce: boolean;
  /** The source's last LSN when the stream (re)started: receiving it ends catching up. */
  catchUpTo: number;
  busy: BusyKind | undefined;
  busyUntil: Ms;
  /** Failover: when this node last heard its leader, and the leader's LSN then. */
  lastHeard: Ms;
  leaderLsnSeen: number;
  /** Token of the live election-check timer; older timers are ignored (one chain per node). */
  electionTimer: number;
  /** Token of the live heartbeat timer of a leader. */
  heartbeatTimer: number;
  /**
   * This node's view as a leader, indexed by node idx: the highest LSN each node
   * acknowledged to it, and the send time of the latest heartbeat each node answered (the
   * lease). Per leader, so that two leaders in a split brain never share acknowledgements.
   */
  ackedBy: number[];
  heardAt: Ms[];
  /** Leader only: acknowledging asynchronously after a semi-sync timeout (MySQL fallback). */
  degraded: boolean;
  /** Stepped down because its majority lease ran out (writes refused with no-quorum). */
  lostLease: boolean;
  /** Ring of the most recently applied keys; `recentHead` is the next slot to write. */
  recent: RecentSlot[];
  recentHead: number;
  /**
   * With a `capacity`: client requests waiting to be served, in arrival order, the one being
   * served first; `servingHead` is where the queue starts (served ones before it).
   */
  serving: QueuedRequest[];
  servingHead: number;
  /**
   * Leader only, with `syncStandbys: {first}`: followers it stopped waiting for, cut off for
   * `ackTimeout` (by node idx), until they acknowledge again.
   */
  droppedStandbys: boolean[];
  /** Follower with `slots`: its slot on the leader was dropped (leader/slots.ts). */
  slotDropped: boolean;
  /** Leader with `slots`: LSNs below this were recycled and never come back. */
  recycledBelow: number;
  /** When this node received its newest entry, and applied its newest applied one. */
  lastReceivedAt: Ms;
  lastAppliedAt: Ms;
}

/** A client request a node with a capacity has yet to serve. */
export interface QueuedRequest {
  op: number;
  /** A write's payload (undefined for reads). */
  p: WritePayload | undefined;
}

export interface Session {
  cfg: ClientConfig;
  /** Position in the simulation's session list (an op's client column). */
  readonly idx: number;
  /** The user's index in the op table (a session's `user` may change). */
  userIdx: number;
  lastWriteLsn: number;
  lastWriteAt: Ms;
  maxReadLsn: number;
  /**
   * Latest version (LSN) of each key this client has seen: the `deps` of its next write.
   * Not kept for generated workload clients, whose writes list no deps.
   */
  seen: Map<string, number>;
  /** Hash of the user, for sticky routing (computed once). */
  userHash: number;
  /** Set for clients a workload generates: which run and which of its clients. */
  workload: { run: number; client: number } | undefined;
}

export interface Backup {
  id: string;
  node: string;
  t: Ms;
  ok: boolean;
  lsn: number;
  size: number;
  log: Entry[];
  data: Map<string, Version>;
  autoInc: Map<string, number>;
}

/** A write in flight inside the leader, waiting for acknowledgements. */
export interface PendingWrite {
  /** Op id. */
  op: number;
  lsn: number;
  leader: SimNode;
  done: boolean;
}
