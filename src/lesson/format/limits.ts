// Resource limits for lessons, which are data files strangers share: a lesson must never
// hang the tutor or eat the machine's memory. What can be known before the run (nodes,
// clients, keys, how long the story lasts, how many operations and simulator events it
// will take) is checked here, at load time, and reported at the step that goes over; the
// engine's event budget (lesson/engine/event-budget.ts) catches what an estimate misses.
// Every limit is documented in docs/lesson-authoring.md ("Limits"); the shipped lessons
// stay far below each of them.
import type { PathProblem } from './cross-check.js';
import type { Path } from './raw.js';
import type { Lesson, Step, WorkloadSpec } from './types.js';

/** Nodes in the cluster, the ones addFollower adds included. */
export const MAX_NODES = 64;
/** Declared clients (`clients:`). */
export const MAX_CLIENTS = 64;
/** Clients of one workload or experiment. */
export const MAX_WORKLOAD_CLIENTS = 1_000;
/** Distinct keys of one workload. */
export const MAX_WORKLOAD_KEYS = 1_000_000;
/** Operations all the lesson's workloads generate together (experiments once per policy). */
export const MAX_OPERATIONS = 200_000;
/** Virtual time the story may cover: waits, untils, workloads, restores, copies. */
export const MAX_LESSON_MS = 30 * 24 * 3600_000;
/** Simulator events the lesson is estimated to take (heartbeats included). */
export const MAX_ESTIMATED_EVENTS = 3_000_000;
/** Steps in the file, nested ones (predict's then, an option's do) included. */
export const MAX_STEPS = 2_000;

/** Operations per second per client when a workload gives no rate (the engine's default). */
const DEFAULT_CLIENT_RATE = 5;
/** Events one operation costs at most per node it reaches (send, deliver, apply, ack). */
const EVENTS_PER_OP_PER_NODE = 4;
/** Events one heartbeat round costs per follower (send and deliver, a reply). */
const EVENTS_PER_HEARTBEAT = 3;
const DEFAULT_HEARTBEAT_MS = 1000;

/** A count as people read it: 2,000,000 up to ten million, then 6e12. */
export function showCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e7) return n.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
  return Math.round(n).toLocaleString('en-US');
}

/** A virtual span in the largest unit that keeps it readable. */
export function showSpan(ms: number): string {
  const units: [number, string][] = [
    [365 * 24 * 3600_000, 'years'],
    [24 * 3600_000, 'days'],
    [3600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, name] of units) {
    if (ms >= size) {
      const v = ms / size;
      const shown = v >= 1e7 ? showCount(v) : String(Number(v.toPrecision(3)));
      return name.length > 3 ? `${shown} ${name}` : `${shown}${name}`;
    }
  }
  return `${Number(ms.toPrecision(3))}ms`;
}

function showRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${Number((perSecond / 1e6).toPrecision(3))}M/s`;
  if (perSecond >= 1e3) return `${Number((perSecond / 1e3).toPrecision(3))}k/s`;
  return `${Number(perSecond.toPrecision(3))}/s`;
}

function showBytes(b: number): string {
  const units: [number, string][] = [
    [1e15, 'PB'],
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'KB'],
  ];
  for (const [size, name] of units)
    if (b >= size) return `${Number((b / size).toPrecision(3))}${name}`;
  return `${showCount(b)}B`;
}

/** What the walk over the steps has added up so far. */
class Budget {
  readonly errors: PathProblem[] = [];
  /** Virtual ms the story has covered. */
  t = 0;
  ops = 0;
  events = 0;
  nodes: number;
  readonly nodeIds: Set<string>;
  heartbeat: number | undefined;
  /** How often the WAL archive ships, while it runs. */
  archiveEvery: number | undefined;
  /** Bytes a backup or snapshot would copy (the data set plus what was written). */
  bytes: number;
  steps = 0;
  /** How many times validate plays what follows: a branch's other options each play the
   * rest of the lesson on their own copy. */
  paths = 1;
  private readonly reported = new Set<string>();

  constructor(readonly lesson: Lesson) {
    this.nodeIds = new Set(lesson.cluster.nodes.map((n) => n.id));
    this.nodes = this.nodeIds.size;
    this.heartbeat = lesson.cluster.failover?.heartbeat;
    this.archiveEvery = lesson.cluster.archive?.every;
    this.bytes = lesson.cluster.dataSize;
  }

  /** One error per limit: the first step that goes over says so; the rest would repeat it. */
  over(limit: string, path: Path, message: string): void {
    if (this.reported.has(limit)) return;
    this.reported.add(limit);
    this.errors.push({ path, message });
  }

  /** Virtual time passes: the story's clock, and the heartbeats sent meanwhile. */
  pass(ms: number, path: Path, what: string): void {
    if (ms > MAX_LESSON_MS) {
      this.over(
        'duration',
        path,
        `${what}; a lesson may cover at most ${showSpan(MAX_LESSON_MS)} of virtual time`,
      );
    }
    this.t += ms;
    if (this.t > MAX_LESSON_MS) {
      this.over(
        'duration',
        path,
        `the lesson reaches ${showSpan(this.t)} of virtual time here; a lesson may cover at most ${showSpan(MAX_LESSON_MS)}`,
      );
    }
    const every = this.archiveEvery;
    if (every !== undefined) {
      // One shipment to the WAL archive per interval.
      const ticks = ms / Math.max(every, 1e-3);
      this.addEvents(
        ticks,
        path,
        `${showSpan(ms)} with a WAL archive every ${showSpan(every)} is about ${showCount(ticks)} events`,
      );
    }
    const hb = this.heartbeat;
    if (hb !== undefined && this.nodes > 1) {
      const beats = (ms / Math.max(hb, 1e-3)) * (this.nodes - 1) * EVENTS_PER_HEARTBEAT;
      this.addEvents(
        beats,
        path,
        `${showSpan(ms)} with a ${showSpan(hb)} heartbeat to ${this.nodes - 1} follower(s) is about ${showCount(beats)} events`,
      );
    }
  }

  addEvents(one: number, path: Path, shown: string): void {
    const n = one * this.paths;
    const why = this.paths > 1 ? `${shown}, played on ${this.paths} answer paths` : shown;
    this.events += n;
    if (n > MAX_ESTIMATED_EVENTS) {
      this.over(
        'events',
        path,
        `${why}; a lesson may take at most ${showCount(MAX_ESTIMATED_EVENTS)} simulator events`,
      );
    } else if (this.events > MAX_ESTIMATED_EVENTS) {
      this.over(
        'events',
        path,
        `the lesson is estimated at ${showCount(this.events)} simulator events by here; a lesson may take at most ${showCount(MAX_ESTIMATED_EVENTS)}`,
      );
    }
  }

  workload(w: WorkloadSpec, path: Path, runs = 1): void {
    if (w.clients > MAX_WORKLOAD_CLIENTS) {
      this.over(
        `clients@${path.join('.')}`,
        [...path, 'clients'],
        `${showCount(w.clients)} clients; a workload may have at most ${showCount(MAX_WORKLOAD_CLIENTS)}`,
      );
    }
    if (w.keys !== undefined && w.keys > MAX_WORKLOAD_KEYS) {
      this.over(
        `keys@${path.join('.')}`,
        [...path, 'keys'],
        `${showCount(w.keys)} keys; a workload may use at most ${showCount(MAX_WORKLOAD_KEYS)}`,
      );
    }
    const perSecond =
      w.countPerMs !== undefined ? w.countPerMs * 1000 : w.clients * DEFAULT_CLIENT_RATE;
    const ops = perSecond * (w.duration / 1000) * runs;
    const times = runs > 1 ? ` × ${runs} policies` : '';
    const shape =
      w.countPerMs !== undefined
        ? `${showRate(perSecond)} × ${showSpan(w.duration)}${times}`
        : `${showCount(w.clients)} clients × ${showRate(DEFAULT_CLIENT_RATE)} × ${showSpan(w.duration)}${times}`;
    this.ops += ops;
    if (ops > MAX_OPERATIONS) {
      this.over(
        'operations',
        path,
        `${shape} is ${showCount(ops)} operations; a lesson may generate at most ${showCount(MAX_OPERATIONS)}`,
      );
    } else if (this.ops > MAX_OPERATIONS) {
      this.over(
        'operations',
        path,
        `the lesson's workloads reach ${showCount(this.ops)} operations here; a lesson may generate at most ${showCount(MAX_OPERATIONS)}`,
      );
    }
    this.bytes += ops * w.writes * w.size;
    const events = ops * EVENTS_PER_OP_PER_NODE * Math.max(1, this.nodes);
    // Too many operations already says why; the events they cost would repeat it.
    if (ops > MAX_OPERATIONS) this.reported.add('events');
    this.addEvents(
      events,
      path,
      `${shape} on ${this.nodes} node(s) is about ${showCount(events)} events`,
    );
  }

  /** A copy (restore, new follower, backup) of the data set at `bytesPerMs`. */
  copy(bytesPerMs: number, path: Path, what: string): number {
    const ms = this.bytes / Math.max(bytesPerMs, Number.MIN_VALUE);
    if (ms > MAX_LESSON_MS) {
      this.over(
        'duration',
        [...path, 'rate'],
        `${what} ${showBytes(this.bytes)} at ${showBytes(bytesPerMs * 86_400_000)}/day takes ${showSpan(ms)}; a lesson may cover at most ${showSpan(MAX_LESSON_MS)} of virtual time`,
      );
      return 0;
    }
    return ms;
  }
}

/** Every limit the lesson goes over, each at the first step that does. */
export function checkLimits(lesson: Lesson): PathProblem[] {
  return measure(lesson).errors;
}

/** What the lesson is estimated to take (for the docs' table and the tests). */
export interface LessonEstimate {
  virtualMs: number;
  operations: number;
  events: number;
  nodes: number;
}

export function estimateLesson(lesson: Lesson): LessonEstimate {
  const b = measure(lesson);
  return { virtualMs: b.t, operations: b.ops, events: b.events, nodes: b.nodes };
}

function measure(lesson: Lesson): Budget {
  const b = new Budget(lesson);
  if (b.nodes > MAX_NODES) {
    b.over(
      'nodes',
      ['cluster', 'nodes'],
      `${showCount(b.nodes)} nodes; a cluster may have at most ${MAX_NODES}`,
    );
  }
  if (lesson.clients.length > MAX_CLIENTS) {
    b.over(
      'clients',
      ['clients'],
      `${showCount(lesson.clients.length)} clients; a lesson may declare at most ${MAX_CLIENTS}`,
    );
  }
  lesson.steps.forEach((s, i) => {
    walk(b, s, ['steps', i]);
  });
  return b;
}

function walk(b: Budget, s: Step, at: Path): void {
  b.steps++;
  if (b.steps > MAX_STEPS) {
    b.over(
      'steps',
      at,
      `more than ${showCount(MAX_STEPS)} steps; a lesson may have at most that many`,
    );
  }
  const path = [...at, s.kind];
  switch (s.kind) {
    case 'wait':
      b.pass(s.duration, path, `a wait of ${showSpan(s.duration)}`);
      return;
    case 'until':
      b.pass(s.max, [...path, 'max'], `an until of at most ${showSpan(s.max)}`);
      return;
    case 'pause':
      // The node is paused in the background; the story's clock does not wait for it.
      if (s.duration > MAX_LESSON_MS) {
        b.over(
          'duration',
          [...path, 'for'],
          `a pause of ${showSpan(s.duration)}; a lesson may cover at most ${showSpan(MAX_LESSON_MS)} of virtual time`,
        );
      }
      return;
    case 'workload':
      b.workload(s.workload, path);
      if (!s.background)
        b.pass(
          s.workload.duration,
          [...path, 'duration'],
          `a workload of ${showSpan(s.workload.duration)}`,
        );
      return;
    case 'experiment':
      b.workload(s.workload, [...path, 'workload'], Math.max(1, s.policies.length));
      b.pass(
        s.workload.duration,
        [...path, 'workload', 'duration'],
        `an experiment of ${showSpan(s.workload.duration)}`,
      );
      return;
    case 'set':
      if (s.clusterParams.archive !== undefined) b.archiveEvery = s.clusterParams.archive.every;
      if (s.failoverParams.heartbeat !== undefined) b.heartbeat = s.failoverParams.heartbeat;
      else if (Object.keys(s.failoverParams).length > 0 && b.heartbeat === undefined)
        b.heartbeat = DEFAULT_HEARTBEAT_MS;
      return;
    case 'backup':
      if (s.bytesPerMs !== undefined) b.copy(s.bytesPerMs, path, 'backing up');
      return;
    case 'restore': {
      let ms = b.copy(s.bytesPerMs, path, 'restoring');
      if (s.until !== undefined) {
        // At most everything written replays from the archive after the base backup.
        const written = Math.max(0, b.bytes - b.lesson.cluster.dataSize);
        ms += written / Math.max(s.replayBytesPerMs ?? s.bytesPerMs, Number.MIN_VALUE);
      }
      if (!s.background) b.pass(ms, path, `a restore of ${showSpan(ms)}`);
      return;
    }
    case 'addFollower': {
      if (!b.nodeIds.has(s.node)) {
        b.nodeIds.add(s.node);
        b.nodes++;
        if (b.nodes > MAX_NODES) {
          b.over(
            'nodes',
            path,
            `the cluster reaches ${b.nodes} nodes here; a cluster may have at most ${MAX_NODES}`,
          );
        }
      }
      const ms = b.copy(s.bytesPerMs, path, 'copying');
      if (!s.background) b.pass(ms, path, `a copy of ${showSpan(ms)}`);
      return;
    }
    case 'predict':
      walk(b, s.run, [...at, 'predict', 'then']);
      return;
    case 'choose': {
      if (s.form !== 'action') return;
      // validate plays every option, so each costs events; the story's clock moves by the
      // longest of them at most.
      const start = b.t;
      let end = start;
      s.choices.forEach((c, j) => {
        b.t = start;
        (c.do ?? []).forEach((d, k) => {
          walk(b, d, [...at, 'choose', 'options', j, 'do', k]);
        });
        end = Math.max(end, b.t);
      });
      b.t = end;
      if (s.branch) b.paths += Math.max(0, s.choices.length - 1);
      return;
    }
    case 'task':
      // The learner's commands and the solution both run within the task's time limit.
      b.pass(s.limit.time, [...at, 'task', 'limit'], `a task of up to ${showSpan(s.limit.time)}`);
      return;
    default:
      return;
  }
}
