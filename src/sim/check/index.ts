// All checkers over one history. Checkers are what grades the learner.
import { leaderKey } from '../row-scan.js';
import type { Simulation } from '../simulation.js';
import type { OpRecord } from '../types.js';
import { type Anomaly, CHECKERS, type CheckerName, type CheckInput } from './anomaly.js';
import { checkConsistentPrefix } from './consistent-prefix.js';
import { checkDivergence } from './divergence.js';
import type { LeaderlessView } from './leaderless-view.js';
import { leaderlessView } from './leaderless-view.js';
import { checkLostWrites } from './lost-writes.js';
import { checkMonotonicReads } from './monotonic-reads.js';
import {
  checkConflicts,
  checkQuorumDivergence,
  checkQuorumLostWrites,
  checkQuorumStaleReads,
  checkSiblings,
} from './quorum-anomalies.js';
import { checkReadYourWrites } from './read-your-writes.js';
import { checkReusedIds } from './reused-id.js';
import { checkSplitBrain } from './split-brain.js';
import { checkStaleReads } from './stale-read.js';

export { type Anomaly, CHECKERS, type CheckerName, type CheckInput };

const run: Record<CheckerName, (input: CheckInput) => Anomaly[]> = {
  'stale-read': checkStaleReads,
  'read-your-writes': checkReadYourWrites,
  'monotonic-reads': checkMonotonicReads,
  'consistent-prefix': checkConsistentPrefix,
  'lost-writes': checkLostWrites,
  divergence: checkDivergence,
  'split-brain': checkSplitBrain,
  'reused-id': checkReusedIds,
  conflicts: () => [],
  siblings: () => [],
};

type LeaderlessChecker = (input: CheckInput, view: LeaderlessView) => Anomaly[];
const none: LeaderlessChecker = () => [];

/**
 * A leaderless run has no log positions: its checkers compare versions. Session and prefix
 * guarantees, split brain and auto-increment ids are about leaders and logs.
 */
const runLeaderless: Record<CheckerName, LeaderlessChecker> = {
  'stale-read': checkQuorumStaleReads,
  'read-your-writes': none,
  'monotonic-reads': none,
  'consistent-prefix': none,
  'lost-writes': checkQuorumLostWrites,
  divergence: checkQuorumDivergence,
  'split-brain': none,
  'reused-id': none,
  conflicts: checkConflicts,
  siblings: checkSiblings,
};

function runOne(name: CheckerName, input: CheckInput): Anomaly[] {
  return input.leaderless ? runLeaderless[name](input, input.leaderless) : run[name](input);
}

export type CheckReport = Record<CheckerName, Anomaly[]>;

/** The checkers' view of a simulation as it is now. */
export function checkInput(
  sim: Simulation,
  ops: readonly OpRecord[] = sim.ops.slice(),
): CheckInput {
  const leaderless = leaderlessView(sim);
  if (leaderless) {
    return { ops, history: sim.history, survives: () => true, nodes: [], leaderless };
  }
  // Each shard's log counts for its own keys (one group, one log when unsharded).
  const leaders = sim.groups.map((g) => sim.referenceLeader(g));
  const shardOf = (n: { group: number }) => sim.groups[n.group]!.shard;
  return {
    ops,
    history: sim.history,
    survives: (op) => {
      const leader = leaders[sim.groupIndexOfKey(op.key)];
      if (!leader || op.lsn === undefined) return false;
      const e = leader.log[op.lsn - 1];
      return e !== undefined && e.op === op.id;
    },
    ...(sim.sharded && {
      shardOfNode: (id: string) => {
        const n = sim.byId.get(id);
        return n ? shardOf(n) : undefined;
      },
    }),
    nodes: sim.nodes.map((n) => ({
      id: n.id,
      ...(sim.sharded && { shard: shardOf(n) }),
      up: n.up && n.busy === undefined && !n.needsResync,
      applied: n.applied,
      entryAt: (lsn: number) => {
        const e = n.log[lsn - 1];
        if (!e) return undefined;
        const ev = e.stmt !== undefined ? n.evaluated[lsn - 1] : undefined;
        const key = ev?.key ?? leaderKey(e);
        return { epoch: e.epoch, op: e.op, key, value: ev ? ev.value : e.value };
      },
    })),
  };
}

export function checkAll(sim: Simulation, ops?: readonly OpRecord[]): CheckReport {
  const input = checkInput(sim, ops);
  const report = {} as CheckReport;
  for (const name of CHECKERS) report[name] = runOne(name, input);
  return report;
}

export function runChecker(name: CheckerName, input: CheckInput): Anomaly[] {
  return runOne(name, input);
}

export function countAnomalies(report: CheckReport): Record<CheckerName, number> {
  const out = {} as Record<CheckerName, number>;
  for (const name of CHECKERS) out[name] = report[name].length;
  return out;
}
