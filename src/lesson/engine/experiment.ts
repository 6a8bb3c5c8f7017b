// An experiment step: the same workload run under each policy (or, on a leaderless cluster,
// each quorum setting), each on its own copy of the cluster as it is at that step,
// summarised as one row per policy or quorum. The lesson's own cluster is not changed.

import { type RoutingPolicyName, type Simulation, summarizeWorkload } from '../../sim/index.js';
import type { ExperimentStep } from '../format/types.js';
import { MAX_EVENTS_PER_STEP, runBudgeted } from './event-budget.js';
import { simWorkload } from './sim-config.js';

export interface ExperimentRow {
  /** The row's label: the routing policy, or the quorum (`w1r1`). */
  policy: string;
  /** Leaderless quorum rows: the label again, as the lesson format names it. */
  quorum?: string;
  /** Leaderless quorum rows: reads that returned stale data. */
  staleReads?: number;
  ops: number;
  // Optional for tables built by hand (tests of the views); an experiment always fills them.
  reads?: number;
  writes?: number;
  failed?: number;
  anomalies: number;
  byChecker: Record<string, number>;
  /** Share of reads the leader served, in percent (rounded, as the table shows it). */
  leaderLoad: number;
  p50: number;
  p99: number;
}

export function runExperiment(
  sim: Simulation,
  step: ExperimentStep,
  copy: (sim: Simulation) => Simulation,
  cap = MAX_EVENTS_PER_STEP,
): ExperimentRow[] {
  const runs: { label: string; policy: RoutingPolicyName; quorum?: { w: number; r: number } }[] =
    step.quorums
      ? step.quorums.map((q) => ({
          label: `w${q.w}r${q.r}`,
          policy: step.workload.policy,
          quorum: q,
        }))
      : step.policies.map((policy) => ({ label: policy, policy }));
  return runs.map(({ label, policy, quorum }) => {
    const clone = copy(sim);
    const tag = `exp-${label}`;
    if (quorum) {
      clone.apply({
        type: 'set-cluster',
        params: { leaderlessQuorum: { w: quorum.w, r: quorum.r } },
      });
    }
    clone.apply({ type: 'workload', spec: simWorkload(step.workload, policy), tag });
    const run = clone.workloads[clone.workloads.length - 1]!;
    runBudgeted(clone, () => run.active <= 0, run.endAt + clone.cfg.clientTimeout + 1, cap);
    const s = summarizeWorkload(clone, run);
    const anomalies = Object.values(s.anomalies).reduce((a, b) => a + b, 0);
    return {
      policy: label,
      ...(quorum ? { quorum: label, staleReads: s.anomalies['stale-read'] } : {}),
      ops: s.ops,
      reads: s.reads,
      writes: s.writes,
      failed: s.failed,
      anomalies,
      byChecker: Object.fromEntries(Object.entries(s.anomalies).filter(([, n]) => n > 0)),
      leaderLoad: Math.round(s.leaderShare * 100),
      p50: s.p50,
      p99: s.p99,
    };
  });
}
