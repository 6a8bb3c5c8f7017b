// What a challenge is: the function the learner writes, the cases it is graded on, the
// promise it must keep (a checker over each finished run), a starter that does not keep
// it yet, and a reference solution to compare costs with.
import type { Simulation } from '../sim/index.js';
import type { CaseProfile } from './challenge-case.js';
import type { ChallengeInfo } from './challenge-info.js';
import type { ElectionRecord, UnhealthyRoute } from './policy-run.js';
import type { Policy } from './policy-types.js';

/** One broken promise in a run. */
export interface ChallengeViolation {
  message: string;
  /** Virtual time it shows at. */
  t: number;
  /** The operation that shows it (the read to mark in the diagram). */
  op?: number;
  /** Other operations involved. */
  related?: number[];
}

/** What a checker reads: the finished simulation, and what the policy decided in it. */
export interface FinishedRun {
  sim: Simulation;
  elections: readonly ElectionRecord[];
  /** Reads routed to a node that was not ok while the leader was (every router must avoid them). */
  unhealthyRoutes: readonly UnhealthyRoute[];
}

export interface Challenge extends ChallengeInfo {
  profile: CaseProfile;
  /** Clients that are devices of one user (client id → user). */
  users?: Readonly<Record<string, string>>;
  /** bounded-staleness-router: how stale a read may be. */
  maxLagMs?: number;
  /** failover-candidate: how many entries a promotion may lose. */
  maxLossEntries?: number;
  check(run: FinishedRun): ChallengeViolation[];
  /** The starter file (plain JavaScript with JSDoc types): the interface and a naive try. */
  starter: string;
  reference: Policy;
}
