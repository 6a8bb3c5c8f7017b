// Commands are the only inputs to a simulation. They are plain data so that a run can be
// recorded as (time, command) pairs and replayed exactly: that is how rewind works.
import type {
  ClientConfig,
  Ms,
  NodeConfig,
  QuorumConfig,
  RoutingPolicyName,
  SyncStandbys,
  Value,
} from './types.js';

export interface WriteCommand {
  type: 'write';
  client: string;
  key: string;
  value: Value;
  /** Node to send it to; default the client's idea of the leader. */
  via?: string;
  size?: number;
  autoId?: boolean;
  /** Time the transaction runs before it commits. */
  txnTime?: Ms;
}

export interface ReadCommand {
  type: 'read';
  client: string;
  key: string;
  /** A node id, or 'route' to use the client's routing policy. */
  from: string;
}

export interface WorkloadSpec {
  clients: number;
  duration: Ms;
  /** Share of operations that are writes (0..1). */
  writes: number;
  /** Share of writes followed at once by a read of the same key by the same client. */
  readAfterWrite: number;
  keys: number;
  /** Operations per second per client. */
  rate: number;
  policy: RoutingPolicyName;
  window?: Ms;
  maxLag?: Ms;
  hotKeys?: boolean;
  size?: number;
}

export type SettableNodeParam =
  | 'lag'
  | 'replay'
  | 'throughput'
  | 'clockSkew'
  | 'upstream'
  | 'sync'
  | 'capacity';

export type Command =
  | WriteCommand
  | ReadCommand
  | { type: 'crash'; node: string }
  | { type: 'restart'; node: string }
  | { type: 'pause'; node: string; for: Ms }
  | { type: 'partition'; groups: string[][] }
  | { type: 'heal' }
  | { type: 'set-node'; node: string; params: Partial<Pick<NodeConfig, SettableNodeParam>> }
  | { type: 'set-cluster'; params: ClusterParams }
  | { type: 'promote'; node: string }
  | { type: 'wipe'; node: string }
  | { type: 'backup'; from: string; id: string; fails: boolean; rate?: number }
  | { type: 'restore'; node: string; from: string; rate: number }
  | { type: 'add-follower'; node: NodeConfig; from?: string; rate: number }
  | { type: 'resync'; node: string; rate: number }
  | { type: 'client'; client: ClientConfig }
  | { type: 'workload'; spec: WorkloadSpec; tag: string };

export interface ClusterParams {
  mode?: 'async' | 'sync' | 'semi-sync';
  minAcks?: number;
  ackOn?: 'receive' | 'apply';
  ackTimeout?: Ms;
  onTimeout?: 'unknown' | 'degrade';
  retain?: number;
  auto?: boolean;
  heartbeat?: Ms;
  timeout?: Ms;
  fencing?: boolean;
  quorum?: boolean;
  maxLagOnFailover?: number;
  capacity?: number;
  syncStandbys?: SyncStandbys;
  /** Leaderless: change n, w, r or any other quorum setting (`quorum` is failover's). */
  leaderlessQuorum?: Partial<QuorumConfig>;
}

export interface RecordedInput {
  t: Ms;
  cmd: Command;
  /**
   * Events the simulation had processed when the command was applied. A replay steps to
   * exactly this point, so a command given in the middle of a millisecond (after `step()`)
   * replays identically. Optional: without it a replay runs every event up to `t` first.
   */
  events?: number;
}
