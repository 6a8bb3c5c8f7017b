// An experiment step: the same workload run under each policy, each on its own copy of the
// cluster as it is at that step, summarised as one row per policy. The lesson's own cluster
// is not changed.

import { type Simulation, summarizeWorkload } from '../../sim/index.js';
import type { ExperimentStep } from '../format/types.js';
import { MAX_EVENTS_PER_STEP, runBudgeted } from './event-budget.js';
import { simWorkload } from './sim-config.js';

export interface ExperimentRow {
  policy: string;
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
  return step.policies.map((policy) => {
    const clone = copy(sim);
    const tag = `exp-${policy}`;
    clone.apply({ type: 'workload', spec: simWorkload(step.workload, policy), tag });
    const run = clone.workloads[clone.workloads.length - 1]!;
    runBudgeted(clone, () => run.active <= 0, run.endAt + clone.cfg.clientTimeout + 1, cap);
    const s = summarizeWorkload(clone, run);
    const anomalies = Object.values(s.anomalies).reduce((a, b) => a + b, 0);
    return {
      policy,
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
