// Runs one non-interactive step on a simulation. A step starts (issuing its command) and
// then takes virtual time until it is done: an operation until its response arrives, a wait
// until its time is up, a restore until the data is back. The runner, the counterfactuals
// and `validate` all execute steps through here.

import type { OpRecord, Simulation } from '../../sim/index.js';
import { multiLeaderCaughtUp, nodeSnapshot } from '../../sim/index.js';
import type { Step, UntilStep } from '../format/types.js';
import { MAX_EVENTS_PER_STEP, runBudgeted } from './event-budget.js';
import { simWorkload } from './sim-config.js';

/** A step in progress. */
export interface Activity {
  /** True once the step has finished. */
  done(): boolean;
  /** Virtual time by which it finishes at the latest (Infinity: no bound). */
  deadline: number;
  /** The operation the step issued, if any. */
  op?: OpRecord;
  /** For `until`: whether the condition held. */
  held?: () => boolean;
  /** Virtual length: a wait's, an until's limit, a workload's, a restore's or copy's. */
  span?: number;
  /** A restore or copy: the player shows its progress and plays it through. */
  progress?: boolean;
}

const instant: Activity = { done: () => true, deadline: 0 };

function opActivity(sim: Simulation, id: number | undefined, background: boolean): Activity {
  const op = id!;
  return {
    // Read when the step is recorded: the operation as it stands then.
    get op() {
      return sim.ops.at(op);
    },
    done: () => background || !sim.ops.isPending(op),
    deadline: background ? sim.now : sim.now + sim.cfg.clientTimeout + 1,
  };
}

export function untilHolds(sim: Simulation, s: UntilStep): boolean {
  const leader = sim.currentLeader();
  if (s.leader !== undefined && leader?.id !== s.leader) return false;
  if (s.node !== undefined) {
    const n = sim.node(s.node);
    const snap = nodeSnapshot(sim, n, leader);
    if (s.status !== undefined && snap.status !== s.status) return false;
    if (sim.multiLeader) {
      // Several leaders, no log to be behind: caught up when nothing waits on a link into it.
      if (s.caughtUp && !multiLeaderCaughtUp(sim, n.id)) return false;
    } else if (s.caughtUp && (!leader || !n.up || n.applied < leader.log.length)) return false;
  }
  return true;
}

/** Starts a step. Interactive steps (quiz, predict, choose) and `say` are not activities. */
export function startStep(sim: Simulation, step: Step): Activity {
  switch (step.kind) {
    case 'write':
      return opActivity(
        sim,
        sim.apply({
          type: 'write',
          client: step.client,
          key: step.key,
          value: step.value,
          via: step.via,
          size: step.size,
          autoId: step.autoId,
          txnTime: step.txnTime,
          ...(step.limit !== undefined && { limit: step.limit, where: step.where }),
        }),
        step.background,
      );
    case 'read':
      return opActivity(
        sim,
        sim.apply({ type: 'read', client: step.client, key: step.key, from: step.from }),
        false,
      );
    case 'wait': {
      const end = sim.now + step.duration;
      return { done: () => sim.now >= end, deadline: end, span: step.duration };
    }
    case 'until': {
      const held = () => untilHolds(sim, step);
      return { done: held, deadline: sim.now + step.max, held, span: step.max };
    }
    case 'crash':
    case 'restart':
    case 'wipe':
      sim.apply({ type: step.kind, node: step.node });
      return instant;
    case 'promote':
      sim.apply({
        type: 'promote',
        node: step.node,
        ...(step.until !== undefined && { until: step.until }),
      });
      return instant;
    case 'dropSlot':
      sim.apply({ type: 'drop-slot', node: step.node });
      return instant;
    case 'pause':
      sim.apply({ type: 'pause', node: step.node, for: step.duration });
      return instant;
    case 'partition':
      sim.apply({ type: 'partition', groups: step.groups });
      return instant;
    case 'heal':
      sim.apply({ type: 'heal' });
      return instant;
    case 'set': {
      if (step.node !== undefined) {
        const { upstream, ...rest } = step.nodeParams;
        const params = upstream === undefined ? rest : { ...rest, upstream: upstream ?? undefined };
        sim.apply({ type: 'set-node', node: step.node, params });
      } else {
        sim.apply({
          type: 'set-cluster',
          params: { ...step.clusterParams, ...step.failoverParams },
        });
      }
      return instant;
    }
    case 'backup':
      sim.apply({
        type: 'backup',
        from: step.from,
        id: step.backupId ?? `backup-${sim.backups.length + 1}`,
        fails: step.fails,
        rate: step.bytesPerMs,
      });
      return instant;
    case 'restore': {
      sim.apply({
        type: 'restore',
        node: step.node,
        from: step.from,
        rate: step.bytesPerMs,
        ...(step.until !== undefined && { until: step.until }),
        ...(step.replayBytesPerMs !== undefined && { replayRate: step.replayBytesPerMs }),
      });
      return busyActivity(sim, step.node, step.background);
    }
    case 'addFollower': {
      sim.apply({
        type: 'add-follower',
        node: {
          id: step.node,
          role: 'follower',
          lag: step.lag,
          replay: step.replay,
          upstream: step.upstream,
        },
        from: step.from,
        rate: step.bytesPerMs,
      });
      return busyActivity(sim, step.node, step.background);
    }
    case 'workload': {
      const tag = `w${sim.workloads.length + 1}`;
      sim.apply({ type: 'workload', spec: simWorkload(step.workload), tag });
      const run = sim.workloads[sim.workloads.length - 1]!;
      if (step.background) return instant;
      return {
        done: () => run.active <= 0,
        deadline: run.endAt + sim.cfg.clientTimeout + 1,
        span: step.workload.duration,
      };
    }
    case 'say':
    case 'quiz':
    case 'predict':
    case 'choose':
    case 'experiment':
    case 'task':
      return instant;
  }
}

function busyActivity(sim: Simulation, node: string, background: boolean): Activity {
  const n = sim.node(node);
  if (background) return instant;
  // Its length is known once it started: the player plays it as a long step, with progress.
  return {
    done: () => n.busy === undefined,
    deadline: n.busyUntil + 1,
    span: n.busyUntil - sim.now,
    progress: true,
  };
}

/** Runs an activity to its end (headless use: counterfactuals, validation). */
export function finish(sim: Simulation, a: Activity, cap = MAX_EVENTS_PER_STEP): void {
  if (a.done()) return;
  runBudgeted(sim, a.done, a.deadline, cap);
}

/** Runs a list of steps to completion (an action option's `do`). */
export function runSteps(
  sim: Simulation,
  steps: readonly Step[],
  cap = MAX_EVENTS_PER_STEP,
): Activity[] {
  return steps.map((s) => {
    const a = startStep(sim, s);
    finish(sim, a, cap);
    return a;
  });
}
