// Commands are the only inputs to a simulation. They are plain data so that a run can be
// recorded as (time, command) pairs and replayed exactly: that is how rewind works.
import type {
  ArchiveConfig,
  ClientConfig,
  ConflictMode,
  LogFormat,
  Ms,
  NodeConfig,
  QuorumConfig,
  RecoveryTarget,
  ReplicationTopology,
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
  /**
   * `UPDATE key SET value … LIMIT 1` (a null value: `DELETE … LIMIT 1`): the executing node
   * changes the first row of the table `key` (rows `key/<id>`) it meets in its own row order,
   * without ORDER BY; `where` keeps only rows holding that value.
   */
  limit?: 1;
  where?: Value;
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
  | 'capacity'
  | 'version'
  | 'disk';

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
  | PromoteCommand
  | { type: 'wipe'; node: string }
  | { type: 'backup'; from: string; id: string; fails: boolean; rate?: number }
  | RestoreCommand
  | { type: 'add-follower'; node: NodeConfig; from?: string; rate: number }
  | { type: 'resync'; node: string; rate: number }
  | { type: 'client'; client: ClientConfig }
  | { type: 'workload'; spec: WorkloadSpec; tag: string }
  | { type: 'drop-slot'; node: string };

/**
 * Manual failover. With `until` (a delayed replica), the node first discards every received
 * entry written after that virtual time, then applies the rest and leads.
 */
export interface PromoteCommand {
  type: 'promote';
  node: string;
  until?: Ms;
}

/**
 * Restore a backup at `rate` bytes/ms. With `until`, point-in-time recovery: then replay the
 * WAL archive's entries written up to that time (or all: `latest`) at `replayRate`.
 */
export interface RestoreCommand {
  type: 'restore';
  node: string;
  from: string;
  rate: number;
  until?: RecoveryTarget;
  /** Bytes per ms of archive replay (default `rate`). */
  replayRate?: number;
}

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
  /** The log format of entries written from now on (a switch to row or wal also re-checks versions). */
  log?: LogFormat;
  /** Start (or re-time) the WAL archive; `false` stops it. */
  archive?: ArchiveConfig | false;
  /** Replication slots on or off (leader/slots.ts). */
  slots?: boolean;
  /** Leaderless: change n, w, r or any other quorum setting (`quorum` is failover's). */
  leaderlessQuorum?: Partial<QuorumConfig>;
  /** Multi-leader: how conflicts are resolved from now on. */
  conflict?: ConflictMode;
  /** Multi-leader: which leaders send each other entries from now on. */
  replication?: ReplicationTopology;
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
