// Grading by outcome. A routing choice is judged by running the operation and asking the
// checkers; the other options are run on exact replicas of the same state (re-simulated from
// the seed), so the feedback can say what each of them would have done.

import { nodeSnapshot, type OpRecord, type Simulation, type Value } from '../../sim/index.js';
import type {
  CheckerName,
  ChooseActionStep,
  ChooseRouteStep,
  ChooseStep,
  Expect,
  PredictStep,
  ReadStep,
  RouteGoal,
  Step,
  WriteStep,
} from '../format/types.js';
import { describeOp, duration, showValue, statusPhrase } from './describe-outcome.js';
import { EventBudgetError, MAX_EVENTS_PER_STEP } from './event-budget.js';
import { checkExpect, Observation } from './expect-check.js';
import { isMetricKey, metricFacts } from './metric-facts.js';
import { exactCopy } from './sim-copy.js';
import { type Activity, finish, runSteps, startStep } from './step-activity.js';

export interface OptionOutcome {
  index: number;
  label: string;
  correct: boolean;
  /** What this option did (or would have done), with the run's numbers. */
  summary: string;
  /** Route form: whether the option sent the operation to the leader. */
  usedLeader?: boolean;
}

/** Makes an exact copy of a simulation (sim-copy.ts; validate hands out ready ones). */
export type SimCopier = (sim: Simulation) => Simulation;

/** An exact copy of the simulation at its current time. */
export function cloneSim(sim: Simulation): Simulation {
  return exactCopy(sim);
}

/** The step a route-form choice stands for, sent to `node`. */
export function routeStep(step: ChooseRouteStep, node: string): ReadStep | WriteStep {
  const base = { label: step.label, pos: step.pos };
  if (step.op.kind === 'read')
    return { ...base, kind: 'read', client: step.client, key: step.op.key, from: node };
  return {
    ...base,
    kind: 'write',
    client: step.client,
    key: step.op.key,
    value: step.op.value,
    functions: step.op.functions,
    size: step.op.size,
    via: node,
    autoId: false,
    background: false,
  };
}

const GOAL_CHECKER = {
  'read-your-writes': 'read-your-writes',
  monotonic: 'monotonic-reads',
  latest: 'stale-read',
  'consistent-prefix': 'consistent-prefix',
} as const;

/** Judges a finished route-form operation against the goal. */
export function judgeRoute(
  sim: Simulation,
  goal: RouteGoal,
  op: OpRecord,
): { correct: boolean; summary: string } {
  const what = describeOp(op, sim);
  if (op.outcome !== 'ok') return { correct: false, summary: what };
  if (op.kind === 'write' || goal === 'no-lost-writes') return { correct: true, summary: what };
  const obs = new Observation(sim, op);
  const broken = obs.opAnomalies(GOAL_CHECKER[goal])[0];
  if (!broken) return { correct: true, summary: what };
  return {
    correct: false,
    summary: `${what}, ${whyBroken(goal, broken.lsns ?? [], broken.message)}`,
  };
}

/** The shortest reason a read missed its goal, from the anomaly's LSNs. */
function whyBroken(goal: RouteGoal, lsns: readonly number[], message: string): string {
  const [got, want] = lsns;
  switch (goal) {
    case 'read-your-writes':
      return `but your own write is LSN ${want}`;
    case 'latest':
      return `but LSN ${want} was already acknowledged`;
    case 'monotonic':
      return `older than LSN ${got} you had already seen`;
    default:
      return message;
  }
}

/** What every option of a choose step does from the current state (the sim is not changed). */
export function evaluateOptions(
  sim: Simulation,
  step: ChooseStep,
  copy: SimCopier = cloneSim,
  cap = MAX_EVENTS_PER_STEP,
): OptionOutcome[] {
  return step.choices.map((c, index) => {
    const clone = copy(sim);
    try {
      if (step.form === 'route') {
        const a = startStep(clone, routeStep(step, c.node!));
        finish(clone, a, cap);
        const { correct, summary } = judgeRoute(clone, step.goal, a.op!);
        return {
          index,
          label: c.label,
          correct,
          summary,
          usedLeader: a.op!.node === clone.currentLeader(clone.groupOfKey(a.op!.key))?.id,
        };
      }
      const start = clone.now;
      const acts = runSteps(clone, c.do ?? [], cap);
      return { index, label: c.label, ...judgeAction(clone, step, start, lastOp(acts)) };
    } catch (err) {
      // Over its event budget is the lesson's fault, not this option's.
      if (err instanceof EventBudgetError) throw err;
      return {
        index,
        label: c.label,
        correct: false,
        summary: `cannot be done here: ${(err as Error).message}`,
      };
    }
  });
}

/**
 * The option a choose step's story takes unless it names one, and the answer validate gives:
 * the first that meets the goal, and with `prefer` the first of those on that role. Pass the
 * outcomes in the file's order so that a learner's shuffled order changes nothing.
 */
export function bestOption(
  step: ChooseStep,
  outcomes: readonly OptionOutcome[],
): OptionOutcome | undefined {
  const correct = outcomes.filter((o) => o.correct);
  const prefer = step.form === 'route' ? step.prefer : undefined;
  const preferred =
    prefer === undefined ? undefined : correct.find((o) => o.usedLeader === (prefer === 'leader'));
  return preferred ?? correct[0];
}

/** The choices of a predict step that will hold, found by running `then` on a copy. */
export function predictOutcomes(
  sim: Simulation,
  step: PredictStep,
  copy: SimCopier = cloneSim,
): number[] {
  if (step.answer) return step.answer;
  const clone = copy(sim);
  const a = startStep(clone, step.run);
  finish(clone, a);
  const obs = new Observation(clone, a.op);
  return step.choices.flatMap((c, i) =>
    c.expect && checkExpect(obs, c.expect).length === 0 ? [i] : [],
  );
}

/** The last operation an option's steps issued: what a goal's `value`, `ok`, `lsn` judge. */
export function lastOp(acts: readonly Activity[]): OpRecord | undefined {
  for (let i = acts.length - 1; i >= 0; i--) {
    const op = acts[i]?.op;
    if (op) return op;
  }
  return undefined;
}

/**
 * Judges an action-form option after its steps ran (from virtual time `start`); `op` is the
 * option's last operation, for goal keys about an operation (`value`, `ok`, `lsn`).
 */
export function judgeAction(
  sim: Simulation,
  step: ChooseActionStep,
  start: number,
  op?: OpRecord,
): { correct: boolean; summary: string } {
  const obs = new Observation(sim, op);
  const correct = checkExpect(obs, step.goal).length === 0;
  const took = sim.now - start;
  return {
    correct,
    summary: `${goalFacts(obs, step.goal)}${took > 0 ? `; took ${duration(took)}` : ''}`,
  };
}

/** What actually happened, for the keys an expect talks about (e.g. `db2 needs a resync`). */
export function goalFacts(obs: Observation, goal: Expect): string {
  const parts: string[] = [];
  for (const key of Object.keys(goal) as (keyof Expect)[]) {
    if (key === 'lost') {
      const n = obs.count('lost-writes');
      parts.push(
        n === 0
          ? 'no acknowledged write lost'
          : `${n} acknowledged write${n === 1 ? '' : 's'} lost`,
      );
    } else if (key === 'leader') {
      if (obs.sim.sharded) {
        for (const [shard, n] of Object.entries(obs.sim.shardLeaders()))
          parts.push(`the leader of ${shard} is ${n?.id ?? 'nobody'}`);
      } else parts.push(`the leader is ${obs.sim.currentLeader()?.id ?? 'nobody'}`);
    } else if (key === 'status' || key === 'lag') {
      const leader = obs.sim.currentLeader();
      for (const id of Object.keys(goal[key] ?? {})) {
        const n = obs.sim.byId.get(id);
        const snap = n ? nodeSnapshot(obs.sim, n, leader) : undefined;
        if (!snap) parts.push(`${id} does not exist`);
        else if (key === 'status') parts.push(statusPhrase(id, snap.status));
        else
          parts.push(
            `${id} is ${snap.lagEntries} ${snap.lagEntries === 1 ? 'entry' : 'entries'} behind`,
          );
      }
    } else if (key === 'anomalies') {
      for (const name of Object.keys(goal.anomalies ?? {}) as CheckerName[]) {
        parts.push(`${name}: ${obs.count(name)}`);
      }
    } else if (key === 'latency') {
      const op = obs.op;
      parts.push(
        op?.completedAt !== undefined
          ? `took ${duration(op.completedAt - op.invokedAt)}`
          : 'no operation completed',
      );
    } else if (key === 'diverged') {
      parts.push(obs.actual('diverged') ? 'nodes diverged' : 'no nodes diverged');
    } else if (key === 'archived') {
      parts.push(`the WAL archive holds up to LSN ${obs.actual('archived')}`);
    } else if (key === 'value')
      parts.push(`the read returned ${showValue(obs.actual('value') as Value)}`);
    else if (isMetricKey(key))
      parts.push(...metricFacts(obs.sim, key, Object.keys(goal[key] ?? {})));
    else parts.push(`${key}: ${JSON.stringify(obs.actual(key))}`);
  }
  return parts.join(', ') || 'done';
}

/** Feedback lines for a graded choose step. */
export function chooseFeedback(
  step: ChooseStep,
  chosen: OptionOutcome,
  all: readonly OptionOutcome[],
): string[] {
  const lines: string[] = [];
  lines.push(`${chosen.correct ? '✓ Correct' : '✗ Not this time'}: ${chosen.summary}.`);
  if (step.form === 'route' && chosen.correct && chosen.usedLeader && step.op.kind === 'read') {
    const cheaper = all.find((o) => o.correct && !o.usedLeader);
    if (cheaper) {
      lines.push(
        `Correct, but ${cheaper.label} had already caught up: the read did not need the leader, whose capacity is the scarce one.`,
      );
    }
  }
  const others = all.filter((o) => o.index !== chosen.index);
  if (others.length > 0) lines.push('The other options, run from the same moment:');
  for (const o of others) lines.push(`  ${o.correct ? '✓' : '✗'} ${o.label}: ${o.summary}`);
  return lines;
}

/** Points for a graded answer: 2 when right, 1 when right after a hint or at a cost. */
export function points(correct: boolean, hintUsed: boolean, costly: boolean): number {
  if (!correct) return 0;
  return hintUsed || costly ? 1 : 2;
}

export const MAX_POINTS = 2;

export function isGraded(step: Step): boolean {
  return (
    step.kind === 'quiz' ||
    step.kind === 'predict' ||
    step.kind === 'choose' ||
    step.kind === 'task'
  );
}

/** The most a step can score: a task's own points, MAX_POINTS for a question, 0 otherwise. */
export function stepMaxPoints(step: Step): number {
  if (step.kind === 'task') return step.points;
  return isGraded(step) ? MAX_POINTS : 0;
}

export { showValue };
