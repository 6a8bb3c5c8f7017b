// All checkers over one history. Checkers are what grades the learner.
import { leaderKey } from '../row-scan.js';
import type { Simulation } from '../simulation.js';
import type { OpRecord } from '../types.js';
import { type Anomaly, CHECKERS, type CheckerName, type CheckInput } from './anomaly.js';
import { checkConsistentPrefix } from './consistent-prefix.js';
import { checkDivergence } from './divergence.js';
import { leaderlessView } from './leaderless-view.js';
import { checkLostWrites } from './lost-writes.js';
import { checkMonotonicReads } from './monotonic-reads.js';
import { multiLeaderView } from './multi-leader-view.js';
import { checkReadYourWrites } from './read-your-writes.js';
import { checkReusedIds } from './reused-id.js';
import { checkSplitBrain } from './split-brain.js';
import { checkStaleReads } from './stale-read.js';
import {
  checkConflicts,
  checkQuorumDivergence,
  checkQuorumLostWrites,
  checkQuorumStaleReads,
  checkSiblings,
} from './version-anomalies.js';
import {
  checkVersionConsistentPrefix,
  checkVersionMonotonicReads,
  checkVersionReadYourWrites,
} from './version-sessions.js';
import type { VersionView } from './version-view.js';

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

type VersionChecker = (input: CheckInput, view: VersionView) => Anomaly[];
const none: VersionChecker = () => [];

/**
 * A leaderless run has no log positions: its checkers compare versions. Session and prefix
 * guarantees, split brain and auto-increment ids are about leaders and logs.
 */
const runLeaderless: Record<CheckerName, VersionChecker> = {
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

/**
 * A multi-leader run keeps versions too, judged the same way; its session guarantees and
 * consistent prefix compare what a read returned with what its client had already seen.
 */
const runMultiLeader: Record<CheckerName, VersionChecker> = {
  ...runLeaderless,
  'read-your-writes': checkVersionReadYourWrites,
  'monotonic-reads': checkVersionMonotonicReads,
  'consistent-prefix': checkVersionConsistentPrefix,
};

function runOne(name: CheckerName, input: CheckInput): Anomaly[] {
  const view = input.versions;
  if (!view) return run[name](input);
  return view.topology === 'leaderless'
    ? runLeaderless[name](input, view)
    : runMultiLeader[name](input, view);
}

export type CheckReport = Record<CheckerName, Anomaly[]>;

/** The checkers' view of a simulation as it is now. */
export function checkInput(
  sim: Simulation,
  ops: readonly OpRecord[] = sim.ops.slice(),
): CheckInput {
  const versions = leaderlessView(sim) ?? multiLeaderView(sim);
  if (versions) {
    return { ops, history: sim.history, survives: () => true, nodes: [], versions };
  }
  const leader = sim.referenceLeader();
  return {
    ops,
    history: sim.history,
    survives: (op) => {
      if (!leader || op.lsn === undefined) return false;
      const e = leader.log[op.lsn - 1];
      return e !== undefined && e.op === op.id;
    },
    nodes: sim.nodes.map((n) => ({
      id: n.id,
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
