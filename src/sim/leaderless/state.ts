// The mutable state of a leaderless cluster, kept beside the nodes (a SimNode still says
// whether a node is up, paused, and which life it is in).
import type { ClientId, Ms, QuorumMessageKind, ReadFrom } from '../types.js';
import type { Causal } from '../versioning/causal.js';
import type { ConflictRecord, KeyVersion } from '../versioning/versions.js';

/** What one client knows of one key. */
export interface ClientKnowledge {
  /** What its last read returned: the context its next write carries. */
  context: Causal;
  /**
   * Everything it has written or read of the key, by writing client (KeyVersion.past). Not
   * kept for generated workload clients: the checkers derive every past from the history.
   */
  past: readonly number[];
  /** How many writes of the key it has made. */
  writes: number;
}

/** The quorum settings with every default filled in. */
export interface Quorum {
  n: number;
  w: number;
  r: number;
  sloppy: boolean;
  readRepair: boolean;
  antiEntropy: Ms | undefined;
  readFrom: ReadFrom;
}

/** A write a fallback holds for a home replica it could not reach (sloppy quorum). */
export interface Hint {
  home: number;
  version: KeyVersion;
  /** A handoff is on its way (the hint is dropped when it arrives). */
  sending: boolean;
}

export interface Replica {
  /** Each key's current versions: one under LWW, every concurrent one with siblings. */
  store: Map<string, KeyVersion[]>;
  hints: Hint[];
}

/** A message between a client and a replica, or between replicas. */
export interface QMsg {
  kind: QuorumMessageKind;
  op: number;
  key: string;
  /** The node that sends it (replica to client, replica to replica), or -1 for a client. */
  fromNode: number;
  /** The node it goes to, or -1 for the operation's client. */
  toNode: number;
  client: ClientId;
  /** The client's session index (-1 for replica-to-replica messages). */
  clientIdx: number;
  versions: readonly KeyVersion[];
  /** A hint: the home replica this write stands in for; a handoff: the hint it delivers. */
  hint: Hint | undefined;
  hintFor: number;
  sentAt: Ms;
  arrivesAt: Ms;
}

export interface WriteState {
  version: KeyVersion | undefined;
  /** Replicas the write was sent to, and how many acked or refused. */
  sent: number;
  acks: number;
  refusals: number;
  done: boolean;
}

export interface ReadState {
  /** Replicas asked (node indices), and the answers so far in arrival order. */
  asked: number[];
  /** Who answered so far, in arrival order, and what each held. */
  answerNodes: number[];
  answerVersions: (readonly KeyVersion[])[];
  refusals: number;
  /** The versions the read returned, once r answers came. */
  result: KeyVersion[] | undefined;
  /** Single-replica read (`from: node`): one answer, no repair. */
  single: boolean;
  done: boolean;
}

export function versionOf(ll: LeaderlessState, op: number): KeyVersion | undefined {
  const v = ll.byOp[op];
  return v === undefined || Array.isArray(v) ? undefined : (v as KeyVersion);
}

export function readResultOf(ll: LeaderlessState, op: number): readonly KeyVersion[] | undefined {
  const v = ll.byOp[op];
  return Array.isArray(v) ? v : undefined;
}

export interface LeaderlessState {
  quorum: Quorum;
  conflict: 'lww' | 'siblings';
  /** By node index. */
  replicas: Replica[];
  /**
   * Messages on their way, by slot (an event carries the slot); freed slots and message
   * objects are reused, so a long run does not feed the collector one object per message.
   */
  slots: (QMsg | undefined)[];
  freeSlots: number[];
  freeMsgs: QMsg[];
  writes: Map<number, WriteState>;
  reads: Map<number, ReadState>;
  /**
   * By op id: the version a write made, or what an ok read returned (for the checkers). One
   * array of pointers: a Map of every operation cost the collector far more.
   */
  byOp: (KeyVersion | readonly KeyVersion[] | undefined)[];
  /** Reads that asked one replica (`from: node`), by op id. */
  singleReads: Set<number>;
  /** Per key, each replica's dot counter (the writes of the key it coordinated). */
  counters: Map<string, number[]>;
  /** By session index, per key: what the client has seen (see ClientKnowledge). */
  seen: (Map<string, ClientKnowledge> | undefined)[];
  conflicts: ConflictRecord[];
  /** Pairs already recorded, as a · 2^26 + b with a < b. */
  conflictPairs: Set<number>;
  /** Writes already named as discarded in the history. */
  discardNoted: Set<number>;
  /** Latest arrival of a data message (write, repair, hint, sync) per node: links are FIFO. */
  lastArrival: Ms[];
  /** Token of the live anti-entropy timer. */
  antiEntropyTimer: number;
}
