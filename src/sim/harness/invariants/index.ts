// Every invariant the harness checks, in the order it checks them.
import { ackedWritesSurvive } from './acked-writes-survive.js';
import { appliedPrefix } from './applied-prefix.js';
import { applyOrder } from './apply-order.js';
import { convergence } from './convergence.js';
import { determinism } from './determinism.js';
import type { Invariant } from './invariant.js';
import { logMatching } from './log-matching.js';
import { leadersConverge, siblingsKeepAckedWritesEverywhere } from './multi-leader.js';
import { noSplitBrain } from './no-split-brain.js';
import { oneLeaderPerEpoch } from './one-leader-per-epoch.js';
import { quorumReadsSeeAckedWrites, replicasConverge, siblingsKeepAckedWrites } from './quorum.js';
import { sessionGuarantees } from './session-guarantees.js';

export { streamable } from './convergence.js';
export type { Invariant, Violation } from './invariant.js';
export { logMatchingViolation } from './log-matching.js';
export { writersByEpoch } from './one-leader-per-epoch.js';

export const INVARIANTS: readonly Invariant[] = [
  logMatching,
  appliedPrefix,
  applyOrder,
  oneLeaderPerEpoch,
  noSplitBrain,
  ackedWritesSurvive,
  sessionGuarantees,
  convergence,
  determinism,
];

/** What a leaderless case is checked against (generate-leaderless.ts). */
export const LEADERLESS_INVARIANTS: readonly Invariant[] = [
  quorumReadsSeeAckedWrites,
  siblingsKeepAckedWrites,
  replicasConverge,
  determinism,
];

/** What a multi-leader case is checked against (generate-multi-leader.ts). */
export const MULTI_LEADER_INVARIANTS: readonly Invariant[] = [
  siblingsKeepAckedWritesEverywhere,
  leadersConverge,
  determinism,
];
