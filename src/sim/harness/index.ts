// The simulation harness: seeded fault schedules and workloads, invariants, a runner that
// checks them, and a shrinker that turns a failing case into a small one.
export { describeCase, describeCluster, describeCommand } from './describe.js';
export { FAULT_KINDS, type FaultKind, type FuzzCase, generateCase } from './generate.js';
export {
  generateLeaderlessCase,
  LEADERLESS_FAULT_KINDS,
  type LeaderlessFaultKind,
} from './generate-leaderless.js';
export {
  generateMultiLeaderCase,
  MULTI_LEADER_FAULT_KINDS,
  type MultiLeaderFaultKind,
} from './generate-multi-leader.js';
export {
  INVARIANTS,
  type Invariant,
  LEADERLESS_INVARIANTS,
  logMatchingViolation,
  MULTI_LEADER_INVARIANTS,
  streamable,
  type Violation,
  writersByEpoch,
} from './invariants/index.js';
export {
  type CaseRun,
  CLOCK,
  INTERNAL_ERROR,
  invariantsFor,
  type RunOptions,
  runCase,
} from './run-case.js';
export { applyOrRefuse, playSchedule, Schedule, sortByTime, type Timed } from './schedule.js';
export { isOperation, type ShrinkOptions, type ShrinkResult, shrinkCase } from './shrink.js';
