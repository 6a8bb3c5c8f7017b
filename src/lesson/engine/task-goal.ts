// A task's goal as a checklist: one condition per thing the author asked for, each met or
// not on the cluster as it is now. The expect keys are judged by expect-check.ts itself;
// what only a task asks is read from what the simulator recorded since the task began: its
// history (was a node touched?), its operations (the learner's newest read of a key) and the
// lost-writes checker (which writes were already lost at the start).
import {
  type HistoryEvent,
  nodeSnapshot,
  type OpRecord,
  quorumReadValues,
  type Simulation,
  type Value,
} from '../../sim/index.js';
import { formatBytes } from '../format/byte-size.js';
import type { Expect, Figure, TaskGoal } from '../format/types.js';
import { duration, showValue, statusPhrase } from './describe-outcome.js';
import { checkExpect, Observation } from './expect-check.js';
import { isMetricKey, type MetricGoalKey, metricFacts } from './metric-facts.js';

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

const OP_KEYS = ['value', 'siblings', 'stale', 'ok', 'error', 'lsn', 'latency'] as const;
const CLUSTER_KEYS = [
  'leader',
  'lost',
  'diverged',
  'conflicts',
  'anomalies',
  'status',
  'lag',
] as const;
/** Goal keys that are not expect keys: what only a task can ask. */
const TASK_KEYS = ['read', 'untouched', 'lostInTask'] as const;

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
    } else if (!(TASK_KEYS as readonly string[]).includes(key)) {
      // Any other expect key (a lag metric, archived) is judged as an expect is.
      out.push(...metricConditions(obs, key as keyof Expect, goal));
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
        judge(key, single(key, goal.leader), leaderText(goal.leader), () =>
          sim.sharded
            ? Object.entries(sim.shardLeaders())
                .map(([shard, n]) => `${shard}: ${n ? `${n.id} leads` : 'no leader'}`)
                .join(', ')
            : sim.currentLeader()
              ? `${sim.currentLeader()!.id} leads`
              : 'no leader',
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
    case 'conflicts': {
      const n = goal.conflicts ?? 0;
      return [
        judge(
          key,
          single(key, n),
          n === 0
            ? 'no two writes conflict'
            : `${n} pair${n === 1 ? '' : 's'} of conflicting writes in all`,
          () => `${String(obs.actual('conflicts'))} conflicting`,
        ),
      ];
    }
    case 'diverged': {
      // Leaderless replicas hold versions of keys, not log entries.
      const [yes, no] = obs.sim.leaderless
        ? [
            'two home replicas hold different versions of a key',
            'the home replicas agree on every key',
          ]
        : ['two nodes disagree about an entry', 'no two nodes disagree about an entry'];
      return [
        judge(key, single(key, goal.diverged), goal.diverged ? yes : no, () =>
          goal.diverged ? 'they agree' : 'they disagree',
        ),
      ];
    }
  }
}

/** A lag metric of the goal (per node) or `archived`: judged as an expect is. */
function metricConditions(obs: Observation, key: keyof Expect, goal: TaskGoal): GoalCondition[] {
  const sim = obs.sim;
  if (!isMetricKey(key)) {
    const want = goal[key as keyof TaskGoal];
    const [miss] = checkExpect(obs, { [key]: want } as Expect);
    const text = `${key} is ${String(want)}`;
    return [{ key, text, met: !miss, ...(miss && { now: String(miss.actual) }) }];
  }
  const wants = Object.entries((goal[key] ?? {}) as Record<string, Figure | null>);
  return wants.map(([id, want]) => {
    const [miss] = checkExpect(obs, { [key]: { [id]: want } } as Expect);
    const text = `${METRIC_NAME[key]} of ${id} ${figureText(key, want)}`;
    const now = metricFacts(sim, key, [id])[0];
    return { key: `${key}.${id}`, text, met: !miss, ...(miss && now && { now }) };
  });
}

const METRIC_NAME: Record<MetricGoalKey, string> = {
  lagBytes: 'replay lag in bytes',
  receivedLag: 'entries not yet received',
  replayAge: 'replay age',
  secondsBehind: 'Seconds_Behind_Source',
  retained: 'log retained',
  diskUsed: 'disk used',
};

function figureText(key: MetricGoalKey, want: Figure | null): string {
  if (want === null) return 'is NULL';
  const show = (n: number) =>
    key === 'lagBytes' || key === 'retained' || key === 'diskUsed'
      ? formatBytes(n)
      : key === 'replayAge'
        ? duration(n)
        : String(n);
  if (typeof want === 'number') return `is ${show(want)}`;
  if (want.min !== undefined && want.max !== undefined)
    return `is ${show(want.min)} to ${show(want.max)}`;
  if (want.max !== undefined) return `is at most ${show(want.max)}`;
  return `is at least ${show(want.min ?? 0)}`;
}

/** A leader goal in words: `db2 leads`, or (sharded) `db2 leads s1 and db4 leads s2`. */
function leaderText(leader: string | Record<string, string> | undefined): string {
  if (typeof leader !== 'object') return `${leader} leads`;
  return Object.entries(leader)
    .map(([shard, node]) => `${node} leads ${shard}`)
    .join(' and ');
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
      case 'siblings': {
        const n = goal.siblings ?? 0;
        return n === 1 ? `${subject} returns one value` : `${subject} returns ${n} siblings`;
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
  // What a read returned is only about a read that answered: a refused one is not "fresh".
  const answered = op.outcome === 'ok' || key === 'ok' || key === 'error' || key === 'latency';
  const met = answered && checkExpect(obs, { [key]: goal[key] } as Expect).length === 0;
  if (met) return { key, text, met };
  const now =
    op.outcome !== 'ok'
      ? `the newest one failed (${op.error ?? 'no answer'})`
      : key === 'stale'
        ? `the newest one was ${obs.actual('stale') ? '' : 'not '}stale`
        : `the newest one showed ${shownNow(obs)}`;
  return { key, text, met, now };
}

/**
 * What the newest read showed: a leaderless read's values (siblings, no LSN); a multi-leader
 * read's, siblings as a set (no one log, no LSN); else the value and the LSN.
 */
function shownNow(obs: Observation): string {
  const sim = obs.sim;
  const op = obs.op;
  const values = sim.leaderless && op ? quorumReadValues(sim, op.id) : undefined;
  if (values) {
    if (values.length <= 1) return showValue(values[0]);
    return `${values.map(showValue).join(' and ')} (siblings)`;
  }
  const v = obs.actual('value');
  if (Array.isArray(v)) return `{${v.map((x) => showValue(x as Value)).join(', ')}}`;
  const shown = showValue(v as Value);
  return sim.multiLeader ? shown : `${shown} (LSN ${op?.lsn})`;
}

function latencyText(l: { min?: number; max?: number }): string {
  if (l.min !== undefined && l.max !== undefined) return `${duration(l.min)} to ${duration(l.max)}`;
  if (l.max !== undefined) return `at most ${duration(l.max)}`;
  return `at least ${duration(l.min ?? 0)}`;
}
