// The loaded, normalised lesson: what a runner consumes. The YAML shape (docs/lesson-authoring.md) is
// the input contract; this is the output one. Units are already converted (durations in ms,
// sizes in bytes, rates per ms), defaults are applied, and every step is tagged with `kind`.
import type {
  AckMode,
  AckOn,
  ArchiveConfig,
  ClientConfig,
  ClientId,
  Delay,
  FailoverConfig,
  LogFormat,
  Ms,
  NodeConfig,
  NodeId,
  NodeStatus,
  OnTimeout,
  OpError,
  RecoveryTarget,
  RoutingPolicyName,
  SyncStandbys,
  Topology,
  Value,
} from '../../sim/index.js';

/** 1-based line and column in the lesson file; {0, 0} when the lesson did not come from a file. */
export interface SourcePos {
  line: number;
  col: number;
}

// The checkers' names are the simulator's: one list.
import type { CheckerName } from '../../sim/index.js';

export { CHECKERS as CHECKER_NAMES, type CheckerName } from '../../sim/index.js';

/** What `validate` checks after a step. Absent keys are not checked. */
export interface Expect {
  /** What a read returned; null when the key was absent; a list (a set) for siblings. */
  value?: Value | Value[];
  stale?: boolean;
  ok?: boolean | 'unknown';
  error?: OpError;
  lsn?: number;
  leader?: NodeId;
  /** Acknowledged writes missing from the current leader's log. */
  lost?: number;
  anomalies?: Partial<Record<CheckerName, number>>;
  diverged?: boolean;
  /** Extension: the highest LSN the WAL archive holds after the step. */
  archived?: number;
  /** Extension: node statuses after the step. */
  status?: Record<NodeId, NodeStatus>;
  /** Extension: entries each node is behind the leader after the step. */
  lag?: Record<NodeId, number>;
  /** Extension: bounds on the operation's virtual latency. */
  latency?: { min?: Ms; max?: Ms };
  /** Lag metrics (the simulator's NodeMetrics), by node: each exact or {min, max}. */
  lagBytes?: Record<NodeId, Figure>;
  receivedLag?: Record<NodeId, Figure>;
  replayAge?: Record<NodeId, Figure | null>;
  secondsBehind?: Record<NodeId, Figure | null>;
  retained?: Record<NodeId, Figure>;
  diskUsed?: Record<NodeId, Figure>;
  /** Extension, experiment steps only: figures of the comparison table, by policy or quorum (`w1r1`). */
  rows?: Partial<Record<RoutingPolicyName | QuorumLabel, RowExpect>>;
  /** Leaderless: how many values the read returned (siblings). */
  siblings?: number;
  /** Leaderless: conflicting write pairs replicas met so far. */
  conflicts?: number;
}

/** A leaderless experiment row's label: `w2r1` for w = 2, r = 1. */
export type QuorumLabel = `w${number}r${number}`;

/** An exact number, or bounds (a range holds across seeds where an exact figure may not). */
export type Figure = number | { min?: number; max?: number };

/** What an experiment's row must show (absent keys are not checked). */
export interface RowExpect {
  ops?: Figure;
  reads?: Figure;
  writes?: Figure;
  failed?: Figure;
  anomalies?: Partial<Record<CheckerName, Figure>>;
  /** Share of reads the leader served, in percent as the table shows it (rounded). */
  leaderLoad?: Figure;
  p50?: Figure;
  p99?: Figure;
  /** Leaderless experiments: reads that returned stale data. */
  staleReads?: Figure;
}

export const ROW_FIGURES = [
  'ops',
  'reads',
  'writes',
  'failed',
  'anomalies',
  'leaderLoad',
  'p50',
  'p99',
  'staleReads',
] as const;

export type SqlFunction = 'NOW' | 'RAND' | 'UUID' | 'SYSDATE';

export interface ShardConfig {
  id: string;
  keys: string[];
  nodes?: NodeId[];
}

export interface QuorumConfig {
  n: number;
  w: number;
  r: number;
  sloppy: boolean;
  readRepair: boolean;
  antiEntropy?: Ms;
  readFrom: 'all' | 'random';
}

export type ConflictPolicy = 'lww' | 'replica-id' | 'siblings' | 'none';
export type Replication = 'all-to-all' | 'ring' | 'star';

export interface LessonCluster {
  topology: Topology;
  mode: AckMode;
  minAcks: number;
  ackOn: AckOn;
  ackTimeout?: Ms;
  onTimeout: OnTimeout;
  log: LogFormat;
  retain?: number;
  /** One-way delay of client requests and control traffic (the simulator's netDelay). */
  clientLatency: Ms;
  /** Extension: how long a client waits before the outcome is unknown. */
  clientTimeout: Ms;
  /** Extension: bytes of data before the first entry (what backups and restores copy). */
  dataSize: number;
  /** Client operations per second each node serves (a node's own `capacity` wins). */
  capacity?: number;
  /** With sync or semi-sync: which followers are synchronous, as PostgreSQL chooses them. */
  syncStandbys?: SyncStandbys;
  /** A continuous WAL archive outside the cluster. */
  archive?: ArchiveConfig;
  /** Replication slots: the leader keeps log for every follower's slot (not `retain`). */
  slots?: boolean;
  /** Roles are `leader` or `follower` (`replica` in the file is normalised). */
  nodes: NodeConfig[];
  failover?: FailoverConfig;
  /** Accepted, not yet run: sharding. Leaderless quorums and multi-leader clusters run. */
  shards?: ShardConfig[];
  quorum?: QuorumConfig;
  conflict?: ConflictPolicy;
  /** Multi-leader: which leaders send each other entries (default all-to-all). */
  replication?: Replication;
}

/** Fields every step has. */
export interface StepBase {
  /** The step's `id`, or `#N` (0-based index) at the top level; nested steps without an id
   * get their parent's label plus where they sit, e.g. `#4.then`, `c-host.options[1].do[0]`. */
  label: string;
  id?: string;
  pos: SourcePos;
  expect?: Expect;
  /** Where the `expect` map starts, for reporting a failed expectation. */
  expectPos?: SourcePos;
  note?: string;
  hint?: string;
}

export interface SayStep extends StepBase {
  kind: 'say';
  text: string;
}

export interface WriteStep extends StepBase {
  kind: 'write';
  client: ClientId;
  key: string;
  value: Value;
  /** SQL functions in a string value, which statement-based replication re-executes. */
  functions: SqlFunction[];
  size: number;
  via?: NodeId;
  /** The executing node assigns the next auto-increment id; the row lands at `key/<id>`. */
  autoId: boolean;
  /** Time the transaction runs before it commits. */
  txnTime?: Ms;
  /**
   * `UPDATE … LIMIT 1` (a null value: `DELETE … LIMIT 1`) of the table `key` (rows
   * `key/<id>`), without ORDER BY: the executing node changes the first row it meets.
   */
  limit?: 1;
  /** With `limit`: only rows holding this value. */
  where?: Value;
  /** Do not wait for the response. */
  background: boolean;
}

export interface ReadStep extends StepBase {
  kind: 'read';
  client: ClientId;
  key: string;
  /** A node id, or `route` for the client's routing policy. */
  from: NodeId | 'route';
}

export interface WaitStep extends StepBase {
  kind: 'wait';
  duration: Ms;
}

/** Advance until the condition holds (each given condition must hold), at most `max`. */
export interface UntilStep extends StepBase {
  kind: 'until';
  node?: NodeId;
  caughtUp?: boolean;
  status?: NodeStatus;
  leader?: NodeId;
  max: Ms;
}

export interface NodeStep<K extends 'crash' | 'restart' | 'wipe' | 'dropSlot'> extends StepBase {
  kind: K;
  node: NodeId;
}

/** Manual failover; with `until`, a delayed replica applies its log only up to that time. */
export interface PromoteStep extends StepBase {
  kind: 'promote';
  node: NodeId;
  until?: Ms;
}

export interface PauseStep extends StepBase {
  kind: 'pause';
  node: NodeId;
  duration: Ms;
}

export interface PartitionStep extends StepBase {
  kind: 'partition';
  /** Node ids and client ids per group. */
  groups: string[][];
}

export interface HealStep extends StepBase {
  kind: 'heal';
}

export interface NodeParams {
  lag?: Delay;
  replay?: Ms;
  /** Entries per second. */
  throughput?: number;
  clockSkew?: Ms;
  /** null: replicate from the leader again. */
  upstream?: NodeId | null;
  /** Client operations per second. */
  capacity?: number;
  /** Major version of the node's database software. */
  version?: number;
  /** Disk size in bytes. */
  disk?: number;
}

export interface ClusterParams {
  mode?: AckMode;
  minAcks?: number;
  ackOn?: AckOn;
  ackTimeout?: Ms;
  onTimeout?: OnTimeout;
  retain?: number;
  /** Client operations per second of every node without its own. */
  capacity?: number;
  syncStandbys?: SyncStandbys;
  /** Format of the entries written from now on. */
  log?: LogFormat;
  /** Start or re-time the WAL archive. */
  archive?: ArchiveConfig;
  /** Replication slots on or off. */
  slots?: boolean;
  /** Leaderless: quorum settings (`set: {w: 1, r: 3}`). */
  leaderlessQuorum?: Partial<QuorumConfig>;
  /** Multi-leader: conflict policy and replication topology from now on. */
  conflict?: ConflictPolicy;
  replication?: Replication;
}

/** With `node`, only nodeParams is filled; without it, only clusterParams/failoverParams. */
export interface SetStep extends StepBase {
  kind: 'set';
  node?: NodeId;
  nodeParams: NodeParams;
  clusterParams: ClusterParams;
  failoverParams: Partial<FailoverConfig>;
}

export interface BackupStep extends StepBase {
  kind: 'backup';
  from: NodeId;
  /** The backup silently produces nothing usable. */
  fails: boolean;
  backupId?: string;
  /** Bytes per ms; undefined leaves the copy speed to the simulator. */
  bytesPerMs?: number;
  background: boolean;
}

export interface RestoreStep extends StepBase {
  kind: 'restore';
  node: NodeId;
  /** `latest-backup` or a backup id. */
  from: string;
  bytesPerMs: number;
  /** Point-in-time recovery: replay the WAL archive up to this virtual time, or all of it. */
  until?: RecoveryTarget;
  /** Bytes per ms of archive replay (default bytesPerMs). */
  replayBytesPerMs?: number;
  background: boolean;
}

/** Extension: snapshot `from` (default the leader), copy at a rate, then catch up. */
export interface AddFollowerStep extends StepBase {
  kind: 'addFollower';
  node: NodeId;
  from?: NodeId;
  bytesPerMs: number;
  lag?: Delay;
  replay?: Ms;
  upstream?: NodeId;
  background: boolean;
}

export interface WorkloadSpec {
  clients: number;
  duration: Ms;
  /** Fraction of operations that are writes. */
  writes: number;
  /** Fraction of reads that follow the same client's write. */
  readAfterWrite: number;
  policy: RoutingPolicyName;
  /** Extension: operations per ms across all clients; undefined leaves it to the simulator. */
  countPerMs?: number;
  /** Extension: number of distinct keys. */
  keys?: number;
  size: number;
}

export interface WorkloadStep extends StepBase {
  kind: 'workload';
  workload: WorkloadSpec;
  background: boolean;
}

export const MEASURES = ['anomalies', 'leaderLoad', 'p50', 'p99', 'staleReads'] as const;
export type Measure = (typeof MEASURES)[number];

export interface ExperimentStep extends StepBase {
  kind: 'experiment';
  workload: WorkloadSpec;
  /** Routing policies to compare (empty when the experiment compares quorums). */
  policies: RoutingPolicyName[];
  /** Leaderless: quorum settings to compare instead, each row labelled like `w1r1`. */
  quorums?: { w: number; r: number }[];
  measure: Measure[];
}

/** One answer of an interactive step. */
export interface Choice {
  label: string;
  /** Shown last whatever the shuffle ("none of the above"). */
  last?: boolean;
  /** predict: the choice is right when this holds after `then`. */
  expect?: Expect;
  /** choose (route form): the node the operation goes to. */
  node?: NodeId;
  /** choose (action form): the steps the runner executes for this option. */
  do?: Step[];
}

interface InteractiveBase extends StepBase {
  prompt: string;
  choices: Choice[];
  explain?: string;
}

export interface QuizStep extends InteractiveBase {
  kind: 'quiz';
  /** 0-based indices of the right choices (one unless `multiple`). */
  answer: number[];
  multiple: boolean;
}

export interface PredictStep extends InteractiveBase {
  kind: 'predict';
  /** Given when choices cannot be checked mechanically; otherwise every choice has `expect`. */
  answer?: number[];
  /** The file's `then`: the step the runner executes once the learner has predicted. */
  run: Step;
}

export const ROUTE_GOALS = [
  'read-your-writes',
  'monotonic',
  'latest',
  'consistent-prefix',
  'no-lost-writes',
] as const;
export type RouteGoal = (typeof ROUTE_GOALS)[number];

export type RouteOp =
  | { kind: 'read'; key: string }
  | { kind: 'write'; key: string; value: Value; functions: SqlFunction[]; size: number };

/** Route an operation to a node; choices carry `node` (default: every node known then). */
export interface ChooseRouteStep extends InteractiveBase, StoryRule {
  kind: 'choose';
  form: 'route';
  client: ClientId;
  op: RouteOp;
  goal: RouteGoal;
  prefer?: 'replica' | 'leader';
}

/** Pick an action; choices carry `do`, judged by `goal` (expect keys). */
export interface ChooseActionStep extends InteractiveBase, StoryRule {
  kind: 'choose';
  form: 'action';
  goal: Expect;
}

/**
 * What happens after the learner's option has played (docs/lesson-authoring.md, "The story
 * on every path"): unless `branch`, the cluster is set back and the story option runs.
 */
export interface StoryRule {
  /** 0-based index (in the file's order) of the option the story goes on with; undefined:
   * the first option that meets the goal. */
  story?: number;
  /** Markdown shown when the learner's option was not the story's. */
  resume?: string;
  /** The learner's option stands and the lesson goes on from it. */
  branch: boolean;
}

export type ChooseStep = ChooseRouteStep | ChooseActionStep;
export type InteractiveStep = QuizStep | PredictStep | ChooseStep;

/**
 * What a task's cluster must show (docs/lesson-authoring.md, "Tasks"): the expect keys, the
 * operation ones about the learner's newest read of `read`, plus what only a task can ask.
 */
export interface TaskGoal extends Omit<Expect, 'rows'> {
  /** The read the operation keys (value, stale, ok, error, lsn, latency) are about. */
  read?: { key: string; client: ClientId };
  /** No command of the task crashed, restarted, paused, wiped, restored, re-seeded,
   * reconfigured, promoted or demoted these nodes (read from the cluster's history). */
  untouched?: NodeId[];
  /** Acknowledged writes lost during the task: missing now, not missing when it began. */
  lostInTask?: number;
}

/** A task's par: commands typed, or virtual time from its start to the goal. */
export interface TaskPar {
  commands?: number;
  time?: Ms;
}

/** The learner types commands until the goal holds; graded by the goal, scored against par. */
export interface TaskStep extends StepBase {
  kind: 'task';
  /** Markdown: the situation and what to reach. */
  text: string;
  goal: TaskGoal;
  par: TaskPar;
  /** Shown one at a time, each costing a point. */
  hints: string[];
  /** The reference solution: command lines, played on give-up and after the task. */
  solution: string[];
  /** Where each solution line sits in the file (load-time parse errors point there). */
  solutionPos?: SourcePos[];
  points: number;
  /** The task ends (0 points, solution shown) at this many commands or this virtual time. */
  limit: { commands: number; time: Ms };
  /** The learner's cluster stands after a solved task, as with a choose's `branch`. */
  branch: boolean;
  /** Markdown shown as the cluster is set back and the solution plays. */
  resume?: string;
}

export type Step =
  | SayStep
  | WriteStep
  | ReadStep
  | WaitStep
  | UntilStep
  | NodeStep<'crash'>
  | NodeStep<'restart'>
  | PauseStep
  | PartitionStep
  | HealStep
  | SetStep
  | PromoteStep
  | NodeStep<'wipe'>
  | NodeStep<'dropSlot'>
  | BackupStep
  | RestoreStep
  | AddFollowerStep
  | WorkloadStep
  | QuizStep
  | PredictStep
  | ChooseStep
  | ExperimentStep
  | TaskStep;

export type StepKind = Step['kind'];

export interface LessonClock {
  start: string;
}

export interface Lesson {
  /** The file it was loaded from ('' when parsed from memory). */
  file: string;
  id: string;
  title: string;
  order: number;
  topics: string[];
  minutes: number;
  summary: string;
  objectives: string[];
  seed: number;
  /** The story's wall clock: virtual time 0 is `start` (ISO 8601 with its UTC offset). */
  clock?: LessonClock;
  cluster: LessonCluster;
  /** Declared clients, with defaults (policy leader, memory device, user = id). */
  clients: ClientConfig[];
  steps: Step[];
}
