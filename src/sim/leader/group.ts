// A leader-based group: the nodes that share one log (a leader and its followers), with
// everything that log's replication keeps apart from any other log — its epochs, the
// election under way, the writes waiting for acknowledgements, and what each client and
// user has written and read in it. An unsharded cluster is exactly one group (holding the
// simulation's own node list); a sharded one has a group per shard (shards.ts).
import type { PendingWrite, SimNode } from '../state.js';

export interface LeaderGroup {
  /** Position in `sim.groups` (a node's `group`). */
  readonly idx: number;
  /** The shard's id; undefined for the one group of an unsharded cluster. */
  readonly shard: string | undefined;
  /** Members in listed order (nodes added later at the end). */
  readonly nodes: SimNode[];
  /** The highest epoch of this group so far, and whether a promotion is on its way. */
  maxEpoch: number;
  electionPending: boolean;
  /** Writes waiting for acknowledgements (acks.ts). */
  readonly pending: PendingWrite[];
  /** By session index: the LSN of the client's newest acknowledged write here (read-your-writes). */
  readonly lastWrite: number[];
  /** By session index: the highest applied LSN of any node of this group it read from (monotonic). */
  readonly maxRead: number[];
  /** By user index: the user's newest acknowledged write here (read-your-writes, memory: user). */
  readonly userWrite: number[];
  /**
   * By session index: the client's causal dependency on this group — the highest LSN it
   * wrote or read here, or that a value it read depended on (the `causal` policy).
   */
  readonly causal: number[];
}

export function newGroup(idx: number, shard: string | undefined, nodes: SimNode[]): LeaderGroup {
  return {
    idx,
    shard,
    nodes,
    maxEpoch: 1,
    electionPending: false,
    pending: [],
    lastWrite: [],
    maxRead: [],
    userWrite: [],
    causal: [],
  };
}
