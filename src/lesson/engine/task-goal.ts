// A task's goal as a checklist: one condition per thing the author asked for, each met or
// not on the cluster as it is now. The expect keys are judged by expect-check.ts itself;
// what only a task asks is read from what the simulator recorded since the task began: its
// history (was a node touched?), its operations (the learner's newest read of a key) and the
// lost-writes checker (which writes were already lost at the start).
import {
  type HistoryEvent,
  nodeSnapshot,
  type OpRecord,
  type Simulation,
  type Value,
} from '../../sim/index.js';
import type { Expect, TaskGoal } from '../format/types.js';
import { duration, showValue, statusPhrase } from './describe-outcome.js';
import { checkExpect, Observation } from './expect-check.js';

/** What the cluster was when the task began: goals about "during the task" compare with it. */
export interface TaskStart {
  t: number;
  /** Operations before the task (a read of the task is one at or after this id). */
  ops: number;
  /** Faults, elections, step-downs and truncations before the task. */
  others: number;
  /** Acknowledged writes already lost (op ids). */
  lost: ReadonlySet<number>;
}

export interface GoalCondition {
  /** The goal key it checks, e.g. `status.db2`, `untouched.db1`. */
  key: string;
  /** What must hold, in words: "db2 is streaming". */
  text: string;
  met: boolean;
  /** What the cluster shows instead, when not met: "db2 needs a resync". */
  now?: string;
}

export function taskStart(sim: Simulation): TaskStart {
  const obs = new Observation(sim);
  return {
    t: sim.now,
    ops: sim.ops.length,
    others: othersOf(sim).length,
    lost: new Set(obs.anomalies('lost-writes').flatMap((a) => (a.op === undefined ? [] : [a.op]))),
  };
}

function othersOf(sim: Simulation): readonly HistoryEvent[] {
  return (
    sim.history.others?.() ??
    sim.history
      .slice()
      .filter(
        (e) => e.type !== 'op' && e.type !== 'send' && e.type !== 'deliver' && e.type !== 'drop',
      )
  );
}

/** Faults that change a node, in words (a backup only reads it; needs-resync is the
 * cluster's verdict, not a command's). */
const TOUCHING: Record<string, string> = {
  crash: 'crashed',
  restart: 'restarted',
  pause: 'paused',
  wipe: 'wiped',
  restore: 'restored from a backup',
  copy: 're-seeded',
  set: 'reconfigured',
  fenced: 'fenced',
};

/** How a node was changed since the task began, in words, or undefined if it was not. */
export function touchedHow(sim: Simulation, start: TaskStart, node: string): string | undefined {
  const events = othersOf(sim).slice(start.others);
  for (const e of events) {
    const how = e.type === 'fault' && e.node === node ? TOUCHING[e.fault] : undefined;
    if (how) return `${node} was ${how}`;
    if (e.type === 'election' && e.leader === node) return `${node} was promoted`;
    if (e.type === 'step-down' && e.node === node) return `${node} stepped down`;
    if (e.type === 'truncate' && e.node === node) return `${node} truncated its log`;
  }
  return undefined;
}

/** The learner's newest read of the goal's key by its client during the task. */
export function taskRead(sim: Simulation, start: TaskStart, goal: TaskGoal): OpRecord | undefined {
  const want = goal.read;
  if (!want) return undefined;
  for (let i = sim.ops.length - 1; i >= start.ops; i--) {
    const op = sim.ops.at(i);
    if (op?.kind === 'read' && op.key === want.key && op.client === want.client) return op;
  }
  return undefined;
}

const OP_KEYS = ['value', 'stale', 'ok', 'error', 'lsn', 'latency'] as const;
const CLUSTER_KEYS = ['leader', 'lost', 'diverged', 'anomalies', 'status', 'lag'] as const;

/** Every condition of the goal on the cluster now, in the order the author wrote them. */
export function checkGoal(sim: Simulation, goal: TaskGoal, start: TaskStart): GoalCondition[] {
  const op = taskRead(sim, start, goal);
  const obs = new Observation(sim, op);
  const out: GoalCondition[] = [];
  for (const key of Object.keys(goal) as (keyof TaskGoal)[]) {
    if ((CLUSTER_KEYS as readonly string[]).includes(key)) {
      out.push(...clusterConditions(obs, key as (typeof CLUSTER_KEYS)[number], goal));
    } else if ((OP_KEYS as readonly string[]).includes(key)) {
      out.push(opCondition(obs, key as (typeof OP_KEYS)[number], goal));
    } else if (key === 'untouched') {
      for (const node of goal.untouched ?? []) {
        const how = touchedHow(sim, start, node);
        out.push({
          key: `untouched.${node}`,
          text: `${node} untouched`,
          met: how === undefined,
          ...(how !== undefined && { now: how }),
        });
      }
    } else if (key === 'lostInTask') {
      const lostNow = obs
        .anomalies('lost-writes')
        .filter((a) => a.op !== undefined && !start.lost.has(a.op)).length;
      const want = goal.lostInTask ?? 0;
      out.push({
        key,
        text:
          want === 0
            ? 'no acknowledged write lost during the task'
            : `${want} acknowledged write${want === 1 ? '' : 's'} lost during the task`,
        met: lostNow === want,
        ...(lostNow !== want && { now: `${lostNow} lost` }),
      });
    }
  }
  return out;
}

export function goalMet(conditions: readonly GoalCondition[]): boolean {
  return conditions.every((c) => c.met);
}

function clusterConditions(
  obs: Observation,
  key: (typeof CLUSTER_KEYS)[number],
  goal: TaskGoal,
): GoalCondition[] {
  const single = (k: keyof Expect, v: unknown): Expect => ({ [k]: v }) as Expect;
  const judge = (sub: string, want: Expect, text: string, now: () => string): GoalCondition => {
    const met = checkExpect(obs, want).length === 0;
    return { key: sub, text, met, ...(!met && { now: now() }) };
  };
  const sim = obs.sim;
  switch (key) {
    case 'status':
      return Object.entries(goal.status ?? {}).map(([id, st]) =>
        judge(`status.${id}`, { status: { [id]: st } }, statusPhrase(id, st), () => {
          const snap = snapshotOf(sim, id);
          return snap ? statusPhrase(id, snap.status) : `there is no node ${id}`;
        }),
      );
    case 'lag':
      return Object.entries(goal.lag ?? {}).map(([id, n]) =>
        judge(
          `lag.${id}`,
          { lag: { [id]: n } },
          n === 0 ? `${id} has everything the leader has` : `${id} is ${n} entries behind`,
          () => `${snapshotOf(sim, id)?.lagEntries ?? '?'} behind`,
        ),
      );
    case 'anomalies':
      return Object.entries(goal.anomalies ?? {}).map(([name, n]) =>
        judge(
          `anomalies.${name}`,
          { anomalies: { [name]: n } },
          `${n} ${name} anomal${n === 1 ? 'y' : 'ies'} in all`,
          () => `${obs.count(name as never)}`,
        ),
      );
    case 'leader':
      return [
        judge(key, single(key, goal.leader), `${goal.leader} leads`, () =>
          sim.currentLeader() ? `${sim.currentLeader()!.id} leads` : 'no leader',
        ),
      ];
    case 'lost': {
      const n = goal.lost ?? 0;
      return [
        judge(
          key,
          single(key, n),
          n === 0
            ? 'no acknowledged write lost'
            : `${n} acknowledged write${n === 1 ? '' : 's'} lost in all`,
          () => `${String(obs.actual('lost'))} lost`,
        ),
      ];
    }
    case 'diverged':
      return [
        judge(
          key,
          single(key, goal.diverged),
          goal.diverged
            ? 'two nodes disagree about an entry'
            : 'no two nodes disagree about an entry',
          () => (goal.diverged ? 'they agree' : 'they disagree'),
        ),
      ];
  }
}

function snapshotOf(sim: Simulation, id: string) {
  const node = sim.byId.get(id);
  return node ? nodeSnapshot(sim, node, sim.currentLeader()) : undefined;
}

function opCondition(
  obs: Observation,
  key: (typeof OP_KEYS)[number],
  goal: TaskGoal,
): GoalCondition {
  const read = goal.read!;
  const who = read.client === 'you' ? '' : ` as ${read.client}`;
  const subject = `a read of ${read.key}${who}`;
  const text = (() => {
    switch (key) {
      case 'value': {
        // A list is a set of siblings (leaderless): the read must return exactly those.
        const v = goal.value;
        return `${subject} shows ${Array.isArray(v) ? `{${v.map(showValue).join(', ')}}` : showValue(v)}`;
      }
      case 'stale':
        return goal.stale ? `${subject} is stale` : `${subject} is not stale`;
      case 'ok':
        return goal.ok === 'unknown'
          ? `${subject} has an unknown outcome`
          : goal.ok
            ? `${subject} succeeds`
            : `${subject} fails`;
      case 'error':
        return `${subject} fails: ${goal.error}`;
      case 'lsn':
        return `${subject} answers from LSN ${goal.lsn}`;
      case 'latency':
        return `${subject} takes ${latencyText(goal.latency ?? {})}`;
    }
  })();
  const op = obs.op;
  if (!op) return { key, text, met: false, now: `no read of ${read.key}${who} yet` };
  const met = checkExpect(obs, { [key]: goal[key] } as Expect).length === 0;
  if (met) return { key, text, met };
  const now =
    op.outcome !== 'ok'
      ? `the newest one failed (${op.error ?? 'no answer'})`
      : key === 'stale'
        ? `the newest one was ${obs.actual('stale') ? '' : 'not '}stale`
        : `the newest one showed ${shownNow(obs)}`;
  return { key, text, met, now };
}

/** What the newest read showed: siblings as a set; no LSN on a multi-leader cluster (no one log). */
function shownNow(obs: Observation): string {
  const v = obs.actual('value');
  if (Array.isArray(v)) return `{${v.map((x) => showValue(x as Value)).join(', ')}}`;
  const shown = showValue(v as Value);
  return obs.sim.multiLeader ? shown : `${shown} (LSN ${obs.op?.lsn})`;
}

function latencyText(l: { min?: number; max?: number }): string {
  if (l.min !== undefined && l.max !== undefined) return `${duration(l.min)} to ${duration(l.max)}`;
  if (l.max !== undefined) return `at most ${duration(l.max)}`;
  return `at least ${duration(l.min ?? 0)}`;
}
