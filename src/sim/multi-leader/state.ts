// The mutable state of a multi-leader cluster, kept beside the nodes (a SimNode still says
// whether a node is up, paused, and which life it is in): every node's versions of every key,
// what each leader has seen of each key, the links entries travel on, and what each client
// has seen.
import type { ClientId, ConflictMode, Ms, ReplicationTopology, Value } from '../types.js';
import type { Causal } from '../versioning/causal.js';
import type { ConflictRecord, KeyVersion, Store } from '../versioning/versions.js';

/**
 * One entry on a link: a version, the leaders it has passed (a bit per leader rank), and the
 * topology it travels by (the one in force when its leader accepted it: a `set replication`
 * reroutes only later writes, so no entry is stranded half way round a ring).
 */
export interface Shipment {
  v: KeyVersion;
  passed: number;
  route: ReplicationTopology;
  sentAt: Ms;
  /** When it arrives; -1 while the link is held (a cut, or an end down). */
  arrivesAt: Ms;
}

/**
 * A one-way link: leader to leader, or a node to a follower that replicates it. Entries wait
 * in `queue` (from `head`) until they are delivered, in order.
 */
export interface Link {
  readonly id: number;
  readonly from: number;
  readonly to: number;
  /** Leader to leader (counts for conflicts), or down to a follower. */
  readonly toFollower: boolean;
  queue: Shipment[];
  head: number;
  /** Bumped when the link is held: deliveries scheduled before are void. */
  gen: number;
  /** Held: nothing is scheduled until `resumeLinks` finds both ends up and reachable. */
  held: boolean;
  lastArrival: Ms;
}

/** What one client has seen of one key: the context its next write carries. */
export interface ClientSight {
  context: Causal;
  writes: number;
}

/** A client request on its way to a node, or a read's answer on its way back. */
export interface Request {
  op: number;
  client: ClientId;
  clientIdx: number;
  key: string;
  node: number;
  write: boolean;
  value: Value;
  size: number;
}

export interface MultiLeaderState {
  conflict: ConflictMode;
  replication: ReplicationTopology;
  /** Node ids by index (last write wins breaks ties by them). */
  ids: string[];
  /** Leader node indices in listed order; `rank[node]` is a leader's position (-1: follower). */
  leaders: number[];
  rank: number[];
  /** The node each follower replicates (its `upstream`), -1 for leaders. */
  source: number[];
  /** By node index: each key's versions (replica-id keeps every concurrent one, shows one). */
  stores: Store[];
  /** By node index: everything the node has taken in of each key (a leader's write context). */
  seen: Map<string, Causal>[];
  /** Per key, each leader's dot counter (writes of the key it accepted). */
  counters: Map<string, number[]>;
  links: Link[];
  /** Outgoing links by node index. */
  out: Link[][];
  /** By op id: the version a write made, or what an ok read returned. */
  byOp: (KeyVersion | readonly KeyVersion[] | undefined)[];
  /** Every version of each key, in the order written (to name what an early update missed). */
  written: Map<string, KeyVersion[]>;
  /** By session index, per key. */
  sight: (Map<string, ClientSight> | undefined)[];
  requests: (Request | undefined)[];
  freeRequests: number[];
  conflicts: ConflictRecord[];
  conflictPairs: Set<number>;
  discardNoted: Set<number>;
  /** Versions already named as arriving before what they depend on (op · 4096 + node). */
  earlyNoted: Set<number>;
}

export function versionOfOp(ml: MultiLeaderState, op: number): KeyVersion | undefined {
  const v = ml.byOp[op];
  return v === undefined || Array.isArray(v) ? undefined : (v as KeyVersion);
}

export function readResultOfOp(
  ml: MultiLeaderState,
  op: number,
): readonly KeyVersion[] | undefined {
  const v = ml.byOp[op];
  return Array.isArray(v) ? v : undefined;
}

export function isLeader(ml: MultiLeaderState, node: number): boolean {
  return ml.rank[node]! >= 0;
}
