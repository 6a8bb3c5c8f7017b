// What a workload did: anomalies per checker, how much of the read load hit the leader,
// and latency percentiles, over the workload's own operations.

import type { CheckerName } from './check/anomaly.js';
import { checkAll, countAnomalies } from './check/index.js';
import type { Simulation } from './simulation.js';
import type { WorkloadRun } from './workload.js';

export interface WorkloadSummary {
  tag: string;
  policy: string;
  ops: number;
  reads: number;
  writes: number;
  failed: number;
  anomalies: Record<CheckerName, number>;
  /** Share of reads served by the leader (0..1). */
  leaderShare: number;
  p50: number;
  p99: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarizeWorkload(sim: Simulation, run: WorkloadRun): WorkloadSummary {
  // Only this workload's clients: others (another workload, lesson steps) may interleave.
  const index = sim.workloads.indexOf(run);
  const ops = sim.ops
    .slice(run.firstOp, run.lastOp + 1)
    .filter((o) => sim.sessions.get(o.client)?.workload?.run === index);
  const reads = ops.filter((o) => o.kind === 'read');
  const okReads = reads.filter((o) => o.outcome === 'ok');
  const latencies = ops
    .filter((o) => o.outcome === 'ok' && o.completedAt !== undefined)
    .map((o) => o.completedAt! - o.invokedAt)
    .sort((a, b) => a - b);
  return {
    tag: run.tag,
    policy: run.spec.policy,
    ops: ops.length,
    reads: reads.length,
    writes: ops.length - reads.length,
    failed: ops.filter((o) => o.outcome !== 'ok').length,
    anomalies: countAnomalies(checkAll(sim, ops)),
    leaderShare:
      okReads.length === 0 ? 0 : okReads.filter((o) => o.role === 'leader').length / okReads.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
