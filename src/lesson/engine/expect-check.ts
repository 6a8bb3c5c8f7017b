// Checks a step's `expect` against what the simulation actually did. Used by `validate`
// (every expect must hold on every seed), by predict grading (the choice whose expect holds
// is right) and by action-form choose goals.
import {
  type Anomaly,
  type CheckInput,
  checkInput,
  multiLeaderReadValues,
  type NodeMetrics,
  nodeSnapshot,
  type OpRecord,
  quorumReadValues,
  runChecker,
  type Simulation,
} from '../../sim/index.js';
import type { CheckerName, Expect, Figure, RowExpect } from '../format/types.js';
import type { ExperimentRow } from './experiment.js';

export interface ExpectMismatch {
  key: string;
  expected: unknown;
  actual: unknown;
}

/** Lazily computed facts about the simulation after a step. */
export class Observation {
  private input?: CheckInput;
  private readonly found = new Map<CheckerName, Anomaly[]>();

  constructor(
    readonly sim: Simulation,
    readonly op?: OpRecord,
    /** An experiment step's table, for `rows`. */
    readonly rows?: readonly ExperimentRow[],
  ) {}

  /** One checker's anomalies, computed on first use (a long history makes each costly). */
  anomalies(name: CheckerName): Anomaly[] {
    const cached = this.found.get(name);
    if (cached) return cached;
    this.input ??= checkInput(this.sim);
    const list = runChecker(name, this.input);
    this.found.set(name, list);
    return list;
  }

  count(name: CheckerName): number {
    return this.anomalies(name).length;
  }

  /** Anomalies of a checker that name this step's operation. */
  opAnomalies(name: CheckerName) {
    const op = this.op;
    return op ? this.anomalies(name).filter((a) => a.op === op.id) : [];
  }

  outcome(): boolean | 'unknown' | undefined {
    const o = this.op?.outcome;
    if (o === 'ok') return true;
    if (o === 'fail') return false;
    if (o === 'info') return 'unknown';
    return undefined;
  }

  /** The actual value behind one expect key. */
  actual(key: keyof Expect): unknown {
    const sim = this.sim;
    const op = this.op;
    switch (key) {
      case 'value': {
        if (!(op?.outcome === 'ok' || op?.kind === 'write')) return undefined;
        // A leaderless read that returned siblings returns every value (compared as a set).
        const all = op.kind === 'read' ? readValues(sim, op.id) : undefined;
        if (all && all.length > 1) return all;
        return op.value ?? null;
      }
      case 'siblings': {
        if (op?.kind !== 'read' || op.outcome !== 'ok') return undefined;
        const all = readValues(sim, op.id);
        return all ? all.length : op.value === null || op.value === undefined ? 0 : 1;
      }
      case 'conflicts':
        return this.count('conflicts');
      case 'stale':
        return op ? this.opAnomalies('stale-read').length > 0 : undefined;
      case 'ok':
        return this.outcome();
      case 'error':
        return op?.error ?? null;
      case 'lsn':
        return op?.lsn ?? null;
      case 'leader':
        // Every leader of a multi-leader cluster leads: there is no one leader to name.
        return sim.multiLeader ? null : (sim.currentLeader()?.id ?? null);
      case 'lost':
        return this.count('lost-writes');
      case 'diverged':
        return this.count('divergence') > 0;
      case 'archived':
        return sim.archive.lsn;
      case 'anomalies':
      case 'status':
      case 'lag':
      case 'latency':
      case 'rows':
      case 'lagBytes':
      case 'receivedLag':
      case 'replayAge':
      case 'secondsBehind':
      case 'retained':
      case 'diskUsed':
        return undefined; // maps, compared key by key below
    }
  }
}

/** Every value a read returned, when the topology keeps siblings (leaderless, multi-leader). */
function readValues(sim: Simulation, op: number) {
  return quorumReadValues(sim, op) ?? multiLeaderReadValues(sim, op);
}

/** Lists (sibling values) compare as sets. */
function canonical(v: unknown): unknown {
  return Array.isArray(v) ? v.map((x) => JSON.stringify(x)).sort() : v;
}

function same(a: unknown, b: unknown): boolean {
  // One value and a list of one mean the same read; nothing and an empty list too.
  if (Array.isArray(a) !== Array.isArray(b)) {
    const list = (v: unknown) => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);
    return same(list(a), list(b));
  }
  return (
    a === b ||
    (a === undefined && b === null) ||
    JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
  );
}

/** Every key of `expect` that does not hold. */
export function checkExpect(obs: Observation, expect: Expect): ExpectMismatch[] {
  const out: ExpectMismatch[] = [];
  const sim = obs.sim;
  for (const key of Object.keys(expect) as (keyof Expect)[]) {
    const want = expect[key];
    if (want === undefined) continue;
    if (key === 'anomalies') {
      for (const [name, n] of Object.entries(want as Record<CheckerName, number>)) {
        const got = obs.count(name as CheckerName);
        if (got !== n) out.push({ key: `anomalies.${name}`, expected: n, actual: got });
      }
    } else if (key === 'status' || key === 'lag') {
      const leader = sim.currentLeader();
      for (const [id, v] of Object.entries(want as Record<string, unknown>)) {
        const node = sim.byId.get(id);
        const snap = node ? nodeSnapshot(sim, node, leader) : undefined;
        const got = snap ? (key === 'status' ? snap.status : snap.lagEntries) : 'no such node';
        if (got !== v) out.push({ key: `${key}.${id}`, expected: v, actual: got });
      }
    } else if (key in METRIC_OF) {
      out.push(...checkMetrics(sim, key as MetricKey, want as Record<string, Figure | null>));
    } else if (key === 'latency') {
      const op = obs.op;
      const lat = op?.completedAt !== undefined ? op.completedAt - op.invokedAt : undefined;
      const { min, max } = want as { min?: number; max?: number };
      if (
        lat === undefined ||
        (min !== undefined && lat < min) ||
        (max !== undefined && lat > max)
      ) {
        out.push({ key: 'latency', expected: want, actual: lat ?? 'no completed operation' });
      }
    } else if (key === 'rows') {
      out.push(...checkRows(obs.rows, want as Expect['rows'] & object));
    } else {
      const got = obs.actual(key);
      if (!same(got, want))
        out.push({ key, expected: want, actual: got === undefined ? 'not applicable' : got });
    }
  }
  return out;
}

/** Per-node expect keys read from the snapshot's lag metrics. */
const METRIC_OF = {
  lagBytes: 'appliedBehindBytes',
  receivedLag: 'receivedBehindEntries',
  replayAge: 'replayAge',
  secondsBehind: 'secondsBehind',
  retained: 'retainedBytes',
  diskUsed: 'diskUsed',
} as const satisfies Partial<Record<keyof Expect, keyof NodeMetrics>>;
type MetricKey = keyof typeof METRIC_OF;

function checkMetrics(
  sim: Simulation,
  key: MetricKey,
  want: Record<string, Figure | null>,
): ExpectMismatch[] {
  const out: ExpectMismatch[] = [];
  const leader = sim.currentLeader();
  for (const [id, w] of Object.entries(want)) {
    const node = sim.byId.get(id);
    const got = node ? nodeSnapshot(sim, node, leader).metrics?.[METRIC_OF[key]] : 'no such node';
    const ok = w === null ? got === null : typeof got === 'number' && holds(got, w as Figure);
    if (!ok) out.push({ key: `${key}.${id}`, expected: w, actual: got ?? null });
  }
  return out;
}

function holds(got: number, want: Figure): boolean {
  if (typeof want === 'number') return got === want;
  return (want.min === undefined || got >= want.min) && (want.max === undefined || got <= want.max);
}

/** The figures of an experiment's rows that are not what the lesson says. */
function checkRows(
  rows: readonly ExperimentRow[] | undefined,
  want: Partial<Record<string, RowExpect>>,
): ExpectMismatch[] {
  const out: ExpectMismatch[] = [];
  for (const [policy, figures] of Object.entries(want)) {
    if (!figures) continue;
    const row = rows?.find((r) => r.policy === policy);
    if (!row) {
      out.push({ key: `rows.${policy}`, expected: figures, actual: 'no such row' });
      continue;
    }
    for (const [name, w] of Object.entries(figures.anomalies ?? {})) {
      const got = row.byChecker[name] ?? 0;
      if (w !== undefined && !holds(got, w))
        out.push({ key: `rows.${policy}.anomalies.${name}`, expected: w, actual: got });
    }
    for (const key of [
      'ops',
      'reads',
      'writes',
      'failed',
      'leaderLoad',
      'p50',
      'p99',
      'staleReads',
    ] as const) {
      const w = figures[key];
      const got = row[key];
      if (w !== undefined && (got === undefined || !holds(got, w)))
        out.push({ key: `rows.${policy}.${key}`, expected: w, actual: got ?? 'not measured' });
    }
  }
  return out;
}

export function describeMismatch(m: ExpectMismatch): string {
  return `expected ${m.key} ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`;
}
