// The simulator's public surface for the lesson engine, the UI and the tests.
export {
  type Anomaly,
  CHECKERS,
  type CheckerName,
  type CheckInput,
  type CheckReport,
  checkAll,
  checkInput,
  countAnomalies,
  runChecker,
} from './check/index.js';
export type {
  ClusterParams,
  Command,
  ReadCommand,
  RecordedInput,
  WorkloadSpec,
  WriteCommand,
} from './commands.js';
export { defaultCluster } from './default-cluster.js';
export * from './harness/index.js';
export type {
  ElectionRequest,
  NodeHealth,
  NodeView,
  RouteRequest,
  SimHooks,
} from './hooks.js';
export { policies, type RouteView } from './leader/routing.js';
export {
  isSingleReplicaRead,
  quorumReadValues,
  quorumWriteClock,
} from './leaderless/public.js';
export { multiLeaderCaughtUp, multiLeaderReadValues } from './multi-leader/public.js';
export { hashString, Prng } from './prng.js';
export { replayTo, rewind } from './rewind.js';
export { Simulation, SimulationError, type SimulationOptions } from './simulation.js';
export { nodeSnapshot } from './snapshot.js';
export { formatClock } from './statement.js';
export { traceHash } from './trace-hash.js';
export type * from './types.js';
export { summarizeWorkload, type WorkloadSummary } from './workload-summary.js';
