// Public types of the simulator. Everything here is plain data: configs in, snapshots and
// history out. Times are virtual milliseconds, sizes are bytes.

export type NodeId = string;
export type ClientId = string;
export type Ms = number;

/** Fixed delay, or a range sampled per entry from the seeded PRNG. */
export type Delay = Ms | { min: Ms; max: Ms };

export type Topology = 'leader' | 'multi-leader' | 'leaderless';
export type AckMode = 'async' | 'sync' | 'semi-sync';
export type AckOn = 'receive' | 'apply';
export type OnTimeout = 'unknown' | 'degrade';
/**
 * `statement` re-runs each statement on every node; `statement-pinned` too, but with the
 * values MySQL's binary log pins (the leader's NOW(), its RAND() seed and auto-increment ids);
 * `row` and `wal` ship the leader's results.
 */
export type LogFormat = 'row' | 'statement' | 'statement-pinned' | 'wal';

export interface NodeConfig {
  id: NodeId;
  role: 'leader' | 'follower';
  region?: string;
  /** Delay until this node receives an entry from its upstream (at least netDelay). */
  lag?: Delay;
  /** Further delay until it applies a received entry. Reads see applied data. */
  replay?: Ms;
  /** Entries per second the link to this node carries; beyond it a backlog grows. */
  throughput?: number;
  /** Member of the sync set (default: every follower when none is marked). */
  sync?: boolean;
  /** Cascading replication: receive from this follower instead of the leader. */
  upstream?: NodeId;
  /** Clock skew in ms, used by NOW() under statement-based replication. */
  clockSkew?: Ms;
  /**
   * Client operations per second this node serves, one at a time in arrival order (each
   * takes 1000 / capacity ms); default the cluster's `capacity`, else unlimited.
   */
  capacity?: number;
  /**
   * Major version of the database software. With `log: wal` a follower whose version differs
   * from its leader's refuses the stream (the WAL describes another storage format); row and
   * statement logs do not care. Unset: compatible with every version.
   */
  version?: number;
  /**
   * Disk size in bytes: data plus retained log above it make a leader refuse writes with
   * `disk-full` (lag-metrics.ts, leader/slots.ts).
   */
  disk?: number;
}

/**
 * Which followers are synchronous, as PostgreSQL's `synchronous_standby_names` chooses them
 * (among the followers marked `sync`, or all, in listed order). `first`: the first k that
 * are connected and streaming; one that crashes is replaced at once, one cut off after
 * `ackTimeout`. `any`: quorum commit, any k acknowledgements.
 */
export type SyncStandbys = { first: number } | { any: number };

/** A continuous WAL archive outside the cluster: every `every` ms the leader ships its newest entries. */
export interface ArchiveConfig {
  every: Ms;
}

/** Point in time a restore replays the archive to, or a delayed replica applies up to. */
export type RecoveryTarget = Ms | 'latest';

export interface FailoverConfig {
  auto: boolean;
  heartbeat: Ms;
  timeout: Ms;
  fencing: boolean;
  quorum: boolean;
  /** Entries; a follower further behind the leader's last heartbeat LSN is not eligible. */
  maxLagOnFailover?: number;
}

export interface ClusterConfig {
  topology: Topology;
  mode: AckMode;
  minAcks: number;
  ackOn: AckOn;
  ackTimeout?: Ms;
  onTimeout: OnTimeout;
  log: LogFormat;
  /** Entries the leader keeps for catch-up; undefined keeps everything. */
  retain?: number;
  /** One-way delay of client requests, responses and all control traffic. */
  netDelay: Ms;
  /** How long a client waits for a response before the outcome is unknown. */
  clientTimeout: Ms;
  /** Size of the data set before the first entry (backups and restores copy it). */
  dataSize: number;
  /** Default operations per second each node serves (NodeConfig.capacity); unlimited if unset. */
  capacity?: number;
  /** With `sync` or `semi-sync`: how the synchronous followers are chosen (minAcks is unused). */
  syncStandbys?: SyncStandbys;
  /** A continuous WAL archive (point-in-time recovery); none when unset. */
  archive?: ArchiveConfig;
  /**
   * Replication slots: the leader keeps every entry until each follower holding a slot has
   * received it (a gone follower holds its slot until `drop-slot`), instead of `retain`.
   */
  slots?: boolean;
  nodes: NodeConfig[];
  failover?: FailoverConfig;
  /** Leaderless: replicas per key and the write / read quorums (leaderless/). */
  quorum?: QuorumConfig;
  /** Leaderless and multi-leader: how concurrent versions of a key are resolved (default `lww`). */
  conflict?: ConflictMode;
  /** Multi-leader: which leaders send each other entries (default `all-to-all`; multi-leader/). */
  replication?: ReplicationTopology;
}

/** Multi-leader: every leader sends to every other, round a ring, or through the first leader. */
export type ReplicationTopology = 'all-to-all' | 'ring' | 'star';

/** How a leaderless read picks the replicas it asks: all reachable home replicas, or r at random. */
export type ReadFrom = 'all' | 'random';

/**
 * How versions of one key are reconciled: last write wins by clock, siblings kept, or
 * (multi-leader) the leader listed first wins, or nothing at all (`none`: arrival order).
 */
export type ConflictMode = 'lww' | 'replica-id' | 'siblings' | 'none';

/**
 * A leaderless cluster's quorums. A key's home replicas are the first `n` nodes in listed
 * order; the rest stand in for them as fallbacks when `sloppy`.
 */
export interface QuorumConfig {
  n: number;
  w: number;
  r: number;
  sloppy?: boolean;
  readRepair?: boolean;
  /** Interval of anti-entropy rounds (off when unset). */
  antiEntropy?: Ms;
  readFrom?: ReadFrom;
}

export type RoutingPolicyName =
  | 'leader'
  | 'random'
  | 'sticky'
  | 'read-your-writes'
  | 'monotonic'
  | 'window-after-write'
  | 'bounded-lag';

export interface ClientConfig {
  id: ClientId;
  /** Several clients (devices) of one user share it; defaults to the client id. */
  user?: string;
  policy: RoutingPolicyName;
  window?: Ms;
  maxLag?: Ms;
  /** Where read-your-writes remembers the client's writes. */
  memory?: 'device' | 'user';
  /** Leaderless LWW: offset of this client's clock, which stamps its writes. */
  clockSkew?: Ms;
  /** Multi-leader: the leader this client writes to and reads from (default: the first). */
  home?: NodeId;
}

export type Value = string | number | boolean | null;

/** Why an operation failed or did not complete. */
export type OpError =
  | 'fenced'
  | 'no-quorum'
  | 'not-leader'
  | 'down'
  | 'unreachable'
  | 'timeout'
  | 'restoring'
  | 'version-mismatch'
  | 'disk-full';

export type NodeStatus =
  | 'leading'
  | 'streaming'
  | 'catching-up'
  | 'disconnected'
  | 'needs-resync'
  | 'copying'
  | 'restoring'
  | 'paused'
  | 'down'
  | 'fenced'
  | 'version-mismatch'
  /** A leaderless replica that is up (it has no role and no stream). */
  | 'up';

export interface NodeSnapshot {
  id: NodeId;
  role: 'leader' | 'follower';
  region?: string;
  epoch: number;
  status: NodeStatus;
  /** Highest LSN received (leader: appended). */
  receivedLsn: number;
  appliedLsn: number;
  /** Behind the current leader's log, in entries, bytes and ms (0 when caught up). */
  lagEntries: number;
  lagBytes: number;
  lagMs: Ms;
  upstream?: NodeId;
  /** Most recently applied keys, newest first (bounded). */
  recentKeys: { key: string; value: Value; lsn: number }[];
  data: Record<string, Value>;
  /** While `restoring` or `copying`: how far the copy (and any archive replay) has got. */
  progress?: BusyProgress;
  /** Lag as monitoring endpoints report it, and disk use (lag-metrics.ts). */
  metrics?: NodeMetrics;
  /**
   * Only while no leader is up: how far behind the newest LSN any node's log holds. The lag
   * fields above compare against the current leader's log, which a down leader does not
   * serve and a wiped one no longer has.
   */
  lagToNewest?: NewestLag;
}

/** Behind the newest LSN any node's log holds (see NodeSnapshot.lagToNewest). */
export interface NewestLag {
  newestLsn: number;
  /** Entries of the newest log this node has not received. */
  receivedEntries: number;
  /** Entries of the newest log this node has not applied (received or not), their bytes, and
   * how long ago the oldest of them was written (0 when none). */
  appliedEntries: number;
  appliedBytes: number;
  appliedMs: Ms;
}

/** A restore or copy under way: bytes are linear in time within each phase. */
export interface BusyProgress {
  kind: 'restore' | 'copy';
  /** `replay`: the base backup is in, archived log is being replayed. */
  phase: 'copy' | 'replay';
  doneBytes: number;
  totalBytes: number;
  startedAt: Ms;
  endsAt: Ms;
  /** Virtual time still to go. */
  remainingMs: Ms;
}

/** The WAL archive as it stands: the newest LSN it holds and when it last received any. */
export interface ArchiveSnapshot {
  every: Ms;
  /** Highest archived LSN (0: nothing yet). */
  lsn: number;
  /** When that entry was written on the leader (undefined: nothing archived). */
  writtenAt?: Ms;
}

/**
 * A node's replication figures as real systems report them. LSN figures count from the
 * current leader's log; times are virtual ms except `secondsBehind` (whole seconds, as
 * MySQL shows it). `null` where the real system shows NULL.
 */
export interface NodeMetrics {
  /** LSN received (PostgreSQL's write/flush LSN; the leader: its last LSN). */
  receivedLsn: number;
  /** LSN applied (replay LSN). */
  appliedLsn: number;
  /** Behind the leader's last LSN by what it received: entries and bytes. */
  receivedBehindEntries: number;
  receivedBehindBytes: number;
  /** Behind the leader's last LSN by what it applied: entries and bytes. */
  appliedBehindEntries: number;
  appliedBehindBytes: number;
  /**
   * PostgreSQL's write/flush lag: how long after its commit the newest received entry
   * arrived; null once the follower has applied everything (PostgreSQL's idle NULL), and
   * while it is not connected (down, needing a resync, its source down).
   */
  writeLag: Ms | null;
  /** PostgreSQL's replay lag: the same for the newest applied entry. */
  replayLag: Ms | null;
  /**
   * now − commit time of the newest applied entry (PostgreSQL's
   * `now() - pg_last_xact_replay_timestamp()`): grows on an idle leader. Null on the leader
   * and before anything was applied.
   */
  replayAge: Ms | null;
  /**
   * MySQL's Seconds_Behind_Source: now − commit time of the oldest received entry not yet
   * applied, in whole seconds; 0 when everything received is applied (however far behind the
   * receiver is); null when the receiver cannot connect or the node needs a resync. Null on
   * the leader.
   */
  secondsBehind: number | null;
  /** Follower with a slot on its leader: bytes the leader keeps for it; else null. */
  slotRetainedBytes: number | null;
  /** Bytes of log kept on this node: the leader's retained log, a follower's unapplied entries. */
  retainedBytes: number;
  /** Data (the initial data set plus applied entries) plus retainedBytes. */
  diskUsed: number;
  /** The node's disk size, when it has one. */
  disk: number | null;
}

export interface InFlightMessage {
  from: NodeId;
  to: NodeId;
  kind: 'entry' | 'ack' | 'heartbeat' | 'vote';
  lsn?: number;
  sentAt: Ms;
  arrivesAt: Ms;
}

export interface ClusterSnapshot {
  t: Ms;
  epoch: number;
  leader?: NodeId;
  mode: AckMode;
  nodes: NodeSnapshot[];
  inFlight: InFlightMessage[];
  /** Groups of the current partition, or empty when the network is whole. */
  partition: string[][];
  /** The WAL archive, when the cluster has one. */
  archive?: ArchiveSnapshot;
  /** Leaderless clusters only: versions per key, hints and quorum messages on their way. */
  leaderless?: LeaderlessSnapshot;
  /** Multi-leader clusters only: versions per key per node, and the links between them. */
  multiLeader?: MultiLeaderSnapshot;
}

/** One node of a multi-leader cluster: what it shows of each key, and what it keeps besides. */
export interface MultiReplicaSnapshot {
  id: NodeId;
  role: 'leader' | 'follower';
  upstream?: NodeId;
  keys: {
    key: string;
    /** What a read returns (more than one: siblings). */
    versions: VersionSnapshot[];
    /** Replica id: concurrent versions kept but not shown (they lost to a first-listed leader). */
    hidden: VersionSnapshot[];
  }[];
}

/** A one-way link between leaders, or down to a follower. */
export interface LinkSnapshot {
  from: NodeId;
  to: NodeId;
  /** Entries sent or waiting, not yet delivered. */
  queued: number;
  /** Held by a cut or a down end: its entries wait for heal or restart. */
  held: boolean;
}

/** An entry on a multi-leader link. */
export interface EntryInFlight {
  from: NodeId;
  to: NodeId;
  key: string;
  /** The write it carries. */
  op: number;
  sentAt: Ms;
  /** When it arrives; -1 while its link is held. */
  arrivesAt: Ms;
}

export interface MultiLeaderSnapshot {
  conflict: ConflictMode;
  replication: ReplicationTopology;
  /** Leader ids in listed order (star: the first is the hub). */
  leaders: NodeId[];
  replicas: MultiReplicaSnapshot[];
  links: LinkSnapshot[];
  inFlight: EntryInFlight[];
}

/** One version of a key on a leaderless replica. */
export interface VersionSnapshot {
  value: Value;
  /** The write that made it. */
  op: number;
  client: ClientId;
  /** LWW: the writing client's clock when it wrote (virtual ms). */
  stamp: Ms;
  /** The version vector: what the write had seen, plus its own counter. */
  clock: Record<NodeId, number>;
}

export interface ReplicaSnapshot {
  id: NodeId;
  /** One of the first n nodes (a home replica of every key), or a fallback. */
  home: boolean;
  /** Each key's current versions (more than one: siblings). */
  keys: { key: string; versions: VersionSnapshot[] }[];
  /** Writes held for an unreachable home replica (sloppy quorum). */
  hints: { for: NodeId; key: string; version: VersionSnapshot }[];
}

export type QuorumMessageKind =
  | 'write'
  | 'ack'
  | 'refuse'
  | 'read'
  | 'reply'
  | 'repair'
  | 'hint'
  | 'handoff'
  | 'sync';

export interface QuorumMessage {
  kind: QuorumMessageKind;
  /** A node id or a client id (clients send writes, reads and repairs). */
  from: string;
  to: string;
  key: string;
  op?: number;
  sentAt: Ms;
  arrivesAt: Ms;
}

export interface LeaderlessSnapshot {
  n: number;
  w: number;
  r: number;
  sloppy: boolean;
  readRepair: boolean;
  antiEntropy?: Ms;
  readFrom: ReadFrom;
  conflict: 'lww' | 'siblings';
  replicas: ReplicaSnapshot[];
  inFlight: QuorumMessage[];
}

// ---- History ------------------------------------------------------------------------------

export type OpKind = 'read' | 'write';

/** A client operation, from invocation to completion (ok / fail / info = outcome unknown). */
export interface OpRecord {
  id: number;
  client: ClientId;
  user: string;
  kind: OpKind;
  key: string;
  /** Node the client sent it to. */
  node: NodeId;
  invokedAt: Ms;
  completedAt?: Ms;
  /** Global order of invocations and completions, to order events within one millisecond. */
  invokeSeq: number;
  completeSeq?: number;
  outcome: 'pending' | 'ok' | 'fail' | 'info';
  error?: OpError;
  /** Write: the value written (as evaluated by the leader); read: the value returned. */
  value?: Value;
  /** Write: the entry's LSN and epoch. Read: the node's applied LSN when it answered. */
  lsn?: number;
  epoch?: number;
  /** Read: the LSN of the entry that produced the returned value (0 when absent). */
  versionLsn?: number;
  versionEpoch?: number;
  /** Write: auto-increment id assigned, when the write asked for one. */
  autoId?: number;
  /** Write: when the leader appended it. */
  acceptedAt?: Ms;
  /** Write: when the node sent its acknowledgement (the client hears a network delay later). */
  ackedAt?: Ms;
  /** Read: the role of the node that served it, when it served it. */
  role?: 'leader' | 'follower';
  /** Write: versions (key -> LSN) the writer had seen, for consistent-prefix checks. */
  deps?: Record<string, number>;
}

export type HistoryEvent =
  | { t: Ms; type: 'op'; op: number; phase: 'invoke' | 'ok' | 'fail' | 'info' }
  | {
      t: Ms;
      type: 'send' | 'deliver' | 'drop';
      from: NodeId;
      to: NodeId;
      msg: 'entry' | 'ack' | 'heartbeat' | 'vote';
      lsn?: number;
    }
  | { t: Ms; type: 'fault'; fault: string; node?: NodeId; detail?: string }
  | { t: Ms; type: 'election'; leader: NodeId; epoch: number; previous?: NodeId; manual: boolean }
  | { t: Ms; type: 'step-down'; node: NodeId; epoch: number; reason: string }
  | { t: Ms; type: 'truncate'; node: NodeId; fromLsn: number; toLsn: number; lostOps: number[] }
  | { t: Ms; type: 'note'; text: string }
  | {
      t: Ms;
      type: 'quorum';
      phase: 'send' | 'deliver' | 'drop';
      msg: QuorumMessageKind;
      /** A node id or a client id. */
      from: string;
      to: string;
      /** The operation, or (anti-entropy, handoff) the write whose version it carries. */
      op: number;
    };

/** What readers of a run's operations need (indexed by op id); an `OpRecord[]` satisfies it. */
export interface OpView {
  readonly length: number;
  at(i: number): OpRecord | undefined;
  slice(start?: number, end?: number): OpRecord[];
  [Symbol.iterator](): Iterator<OpRecord>;
}

/** What readers of a history need; a plain `HistoryEvent[]` satisfies it too. */
export interface HistoryView {
  readonly length: number;
  at(i: number): HistoryEvent | undefined;
  slice(start?: number, end?: number): HistoryEvent[];
  [Symbol.iterator](): Iterator<HistoryEvent>;
  /** Only the events that are neither operations nor messages, when kept apart (fast). */
  others?(): readonly HistoryEvent[];
}
