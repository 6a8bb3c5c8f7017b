// What a learner's policy sees and returns: the shapes a real router or failover manager
// works with. Every object handed to a policy is a frozen plain copy (snapshot.ts): the
// simulator's own state is never within its reach.
import type { Ms, NodeHealth, NodeId } from '../sim/index.js';

/** One node, as a router's health checks and replication-lag monitoring report it. */
export interface NodeInfo {
  readonly id: NodeId;
  readonly role: 'leader' | 'follower';
  readonly epoch: number;
  /** Highest LSN the node has applied (what a read there sees). */
  readonly appliedLsn: number;
  /** Highest LSN it has received (a promotion applies all of it). */
  readonly receivedLsn: number;
  /** Entries behind the leader (0 when caught up). */
  readonly lagEntries: number;
  /** How old the oldest leader entry it has not applied is, in ms (0 when caught up). */
  readonly lagMs: Ms;
  readonly health: NodeHealth;
}

/** A read to route. */
export interface ReadRequest {
  readonly now: Ms;
  /** The device (client) reading. */
  readonly client: string;
  /** The user the device belongs to (several devices may share one). */
  readonly user: string;
  readonly key: string;
  /** Where this client's writes go. */
  readonly leader: NodeId;
  /** Only in bounded-staleness-router: the most stale a read may be. */
  readonly maxLagMs?: Ms;
}

/** What came back from an operation, handed to `observe` when it completes. */
export interface Outcome {
  readonly now: Ms;
  readonly kind: 'read' | 'write';
  readonly client: string;
  readonly user: string;
  readonly key: string;
  /** The node it was sent to. */
  readonly node: NodeId;
  /** false: refused, failed or timed out. */
  readonly ok: boolean;
  /** Read: the node's applied LSN when it answered. Write: the write's LSN. */
  readonly lsn?: number;
}

/** State the policy keeps between calls: one object per device and one per user. */
export interface Sessions {
  readonly device: Record<string, unknown>;
  readonly user: Record<string, unknown>;
}

/** An election: the leader has gone silent. */
export interface Election {
  readonly now: Ms;
  /** The follower whose timer fired; health is as it sees the others. */
  readonly startedBy: NodeId;
  /** Highest LSN known to exist (the old leader's last reported position, or a longer log). */
  readonly knownLsn: number;
  /** How many entries a promotion may lose (knownLsn − the new leader's receivedLsn). */
  readonly maxLossEntries: number;
  readonly nodes: readonly NodeInfo[];
}

/** A routing policy as loaded from the learner's file. */
export interface RouterPolicy {
  route(read: ReadRequest, nodes: readonly NodeInfo[], session: Sessions): unknown;
  observe?(outcome: Outcome, session: Sessions): unknown;
}

/** A failover policy as loaded from the learner's file. */
export interface FailoverPolicy {
  choose(election: Election): unknown;
}

export type Policy = RouterPolicy | FailoverPolicy;

/**
 * Called around every call into the learner's code, so whoever runs it can time each call
 * (a synchronous endless loop can only be seen, and stopped, from outside).
 */
export interface CallWatch {
  enter(): void;
  leave(): void;
}

export const NO_WATCH: CallWatch = { enter() {}, leave() {} };

/** The learner's code broke the contract: it threw, or returned something unusable. */
export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}
