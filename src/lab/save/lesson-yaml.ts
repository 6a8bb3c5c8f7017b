// The loaded lesson back into the shape a lesson file has: the cluster, clients and the steps
// that act on the cluster, with durations, sizes and rates written as an author would
// ("5s", "1GB", "600GB/h") whenever that reads back to exactly the same number, and in a
// finer unit otherwise. Reading the result with the lesson loader gives the same lesson:
// test/lab/lesson-yaml.test.ts checks that for every shipped lesson.

import type { RawStep } from '../../lesson/commands/grammar.js';
import { DEFAULTS } from '../../lesson/format/schema.js';
import {
  DEFAULT_CLIENT,
  DEFAULT_UNTIL_MAX,
  DEFAULT_WRITE_SIZE,
} from '../../lesson/format/schema-steps.js';
import type { LessonCluster, Step } from '../../lesson/format/types.js';
import { parseCountRate, parseSizeRate } from '../../lesson/format/units.js';
import type { ClientConfig, Delay, NodeConfig } from '../../sim/index.js';

type RawMap = Record<string, unknown>;

const MS_UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** `6h`, `90s`, `250ms`; negative for clock skew. Durations are whole milliseconds. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  for (const [unit, size] of MS_UNITS) if (abs % size === 0) return `${sign}${abs / size}${unit}`;
  return `${sign}${abs}ms`;
}

const SIZE_UNITS: [string, number][] = [
  ['PB', 1024 ** 5],
  ['TB', 1024 ** 4],
  ['GB', 1024 ** 3],
  ['MB', 1024 ** 2],
  ['KB', 1024],
];

/** `4GB`, `1536B`: sizes are whole bytes. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of SIZE_UNITS)
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  return `${bytes}B`;
}

const RATE_TIME: [string, number][] = [
  ['s', 1000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['ms', 1],
];

/** A plain decimal the unit patterns accept (no exponent), or undefined. */
function decimal(n: number): string | undefined {
  const s = String(Number(n.toPrecision(12)));
  return /^\d+(?:\.\d+)?$/.test(s) ? s : undefined;
}

interface Spelling {
  text: string;
  n: number;
  /** Position of the time unit in RATE_TIME: per second first, as authors write rates. */
  timeRank: number;
}

/** Whole numbers first, then per second / hour / minute / ms, then the smallest number. */
function bestSpelling(exact: Spelling[], fallback: string): string {
  const rank = (s: Spelling) => [Number.isInteger(s.n) && s.n >= 1 ? 0 : 1, s.timeRank, s.n];
  const sorted = [...exact].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  });
  return sorted[0]?.text ?? fallback;
}

/** `600GB/h` for bytes per ms, in a spelling that parses back to the same number. */
export function formatSizeRate(bytesPerMs: number): string {
  const exact: Spelling[] = [];
  for (const [sizeUnit, size] of [...SIZE_UNITS, ['B', 1] as [string, number]]) {
    RATE_TIME.forEach(([timeUnit, ms], timeRank) => {
      const n = decimal((bytesPerMs * ms) / size);
      const text = `${n}${sizeUnit}/${timeUnit}`;
      if (n !== undefined && parseSizeRate(text) === bytesPerMs)
        exact.push({ text, n: Number(n), timeRank });
    });
  }
  return bestSpelling(exact, `${String(bytesPerMs)}B/ms`);
}

/** `500/s` for a count per ms. */
export function formatCountRate(perMs: number): string {
  const exact: Spelling[] = [];
  RATE_TIME.forEach(([timeUnit, ms], timeRank) => {
    const n = decimal(perMs * ms);
    const text = `${n}/${timeUnit}`;
    if (n !== undefined && parseCountRate(text) === perMs)
      exact.push({ text, n: Number(n), timeRank });
  });
  return bestSpelling(exact, `${String(perMs)}/ms`);
}

function formatDelay(d: Delay): unknown {
  return typeof d === 'number'
    ? formatDuration(d)
    : { min: formatDuration(d.min), max: formatDuration(d.max) };
}

/** Keys with a value, in order; keys the function does not know are kept as they are. */
function compact(m: RawMap): RawMap {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined));
}

function rest<T extends object>(obj: T, known: readonly string[]): RawMap {
  return Object.fromEntries(
    Object.entries(obj).filter(([k, v]) => !known.includes(k) && v !== undefined),
  );
}

const NODE_KEYS = [
  'id',
  'role',
  'region',
  'lag',
  'replay',
  'throughput',
  'sync',
  'upstream',
  'clockSkew',
  'disk',
];

export function nodeToRaw(n: NodeConfig): RawMap {
  return compact({
    id: n.id,
    role: n.role,
    region: n.region,
    lag: n.lag === undefined ? undefined : formatDelay(n.lag),
    replay: n.replay === undefined ? undefined : formatDuration(n.replay),
    throughput: n.throughput,
    sync: n.sync,
    upstream: n.upstream,
    clockSkew: n.clockSkew === undefined ? undefined : formatDuration(n.clockSkew),
    disk: n.disk === undefined ? undefined : formatSize(n.disk),
    ...rest(n, NODE_KEYS),
  });
}

const CLUSTER_KEYS = [
  'topology',
  'mode',
  'minAcks',
  'ackOn',
  'ackTimeout',
  'onTimeout',
  'log',
  'retain',
  'clientLatency',
  'clientTimeout',
  'dataSize',
  'archive',
  'nodes',
  'failover',
  'shards',
  'quorum',
  'conflict',
];

/** The cluster section; settings equal to the format's defaults are left out. */
export function clusterToRaw(c: LessonCluster): RawMap {
  const f = c.failover;
  return compact({
    topology: c.topology,
    mode: c.mode,
    minAcks: c.minAcks === 1 ? undefined : c.minAcks,
    ackOn: c.ackOn === 'receive' ? undefined : c.ackOn,
    ackTimeout: c.ackTimeout === undefined ? undefined : formatDuration(c.ackTimeout),
    onTimeout: c.onTimeout === 'unknown' ? undefined : c.onTimeout,
    log: c.log === 'row' ? undefined : c.log,
    retain: c.retain,
    clientLatency:
      c.clientLatency === DEFAULTS.clientLatency ? undefined : formatDuration(c.clientLatency),
    clientTimeout:
      c.clientTimeout === DEFAULTS.clientTimeout ? undefined : formatDuration(c.clientTimeout),
    dataSize: c.dataSize === DEFAULTS.dataSize ? undefined : formatSize(c.dataSize),
    archive: c.archive ? { every: formatDuration(c.archive.every) } : undefined,
    ...rest(c, CLUSTER_KEYS),
    failover: f
      ? compact({
          auto: f.auto,
          heartbeat: formatDuration(f.heartbeat),
          timeout: formatDuration(f.timeout),
          fencing: f.fencing,
          quorum: f.quorum,
          maxLagOnFailover: f.maxLagOnFailover,
          ...rest(f, ['auto', 'heartbeat', 'timeout', 'fencing', 'quorum', 'maxLagOnFailover']),
        })
      : undefined,
    // Sharded: each shard lists its own nodes (the file has no cluster-level `nodes` then).
    shards: c.shards?.map((s) =>
      compact({
        id: s.id,
        keys: [...s.keys],
        nodes: c.nodes.filter((n) => s.nodes.includes(n.id)).map(nodeToRaw),
      }),
    ),
    quorum: c.quorum ? { ...c.quorum } : undefined,
    conflict: c.conflict,
    nodes: c.shards ? undefined : c.nodes.map(nodeToRaw),
  });
}

export function clientToRaw(c: ClientConfig): RawMap {
  return compact({
    id: c.id,
    user: c.user === c.id ? undefined : c.user,
    policy: c.policy === 'leader' ? undefined : c.policy,
    window: c.window === undefined ? undefined : formatDuration(c.window),
    maxLag: c.maxLag === undefined ? undefined : formatDuration(c.maxLag),
    memory: c.memory === 'device' ? undefined : c.memory,
    ...rest(c, ['id', 'user', 'policy', 'window', 'maxLag', 'memory']),
  });
}

const bg = (b: boolean) => (b ? true : undefined);
const client = (c: string) => (c === DEFAULT_CLIENT ? undefined : c);

/**
 * A step that acts on the cluster, as its YAML map (without id, expect or note). Questions
 * have no such form: flatten them first (lab-origin.ts).
 */
export function stepToRaw(step: Step): RawStep {
  switch (step.kind) {
    case 'say':
      return { say: step.text };
    case 'write':
      return {
        write: compact({
          client: client(step.client),
          key: step.key,
          value: step.value,
          size: step.size === DEFAULT_WRITE_SIZE ? undefined : formatSize(step.size),
          via: step.via,
          autoId: step.autoId ? true : undefined,
          txnTime: step.txnTime === undefined ? undefined : formatDuration(step.txnTime),
          limit: step.limit,
          where: step.where,
          background: bg(step.background),
        }),
      };
    case 'read':
      return {
        read: compact({
          client: client(step.client),
          key: step.key,
          from: step.from === 'route' ? undefined : step.from,
        }),
      };
    case 'wait':
      return { wait: formatDuration(step.duration) };
    case 'until':
      return {
        until: compact({
          node: step.node,
          caughtUp: step.caughtUp,
          status: step.status,
          leader: step.leader,
          max: step.max === DEFAULT_UNTIL_MAX ? undefined : formatDuration(step.max),
        }),
      };
    case 'crash':
    case 'restart':
    case 'wipe':
    case 'dropSlot':
      return { [step.kind]: step.node };
    case 'promote':
      return step.until === undefined
        ? { promote: step.node }
        : { promote: { node: step.node, until: formatDuration(step.until) } };
    case 'pause':
      return { pause: { node: step.node, for: formatDuration(step.duration) } };
    case 'partition':
      return { partition: step.groups.map((g) => [...g]) };
    case 'heal':
      return { heal: true };
    case 'set': {
      const p = step.nodeParams;
      const c = step.clusterParams;
      const f = step.failoverParams;
      return {
        set: compact({
          node: step.node,
          lag: p.lag === undefined ? undefined : formatDelay(p.lag),
          replay: p.replay === undefined ? undefined : formatDuration(p.replay),
          throughput: p.throughput,
          clockSkew: p.clockSkew === undefined ? undefined : formatDuration(p.clockSkew),
          upstream: p.upstream,
          // A node's with `node`, the cluster default without (only one is ever set).
          capacity: p.capacity ?? c.capacity,
          version: p.version,
          log: c.log,
          disk: p.disk === undefined ? undefined : formatSize(p.disk),
          slots: c.slots,
          mode: c.mode,
          minAcks: c.minAcks,
          ackOn: c.ackOn,
          ackTimeout: c.ackTimeout === undefined ? undefined : formatDuration(c.ackTimeout),
          onTimeout: c.onTimeout,
          retain: c.retain,
          syncStandbys: c.syncStandbys ? { ...c.syncStandbys } : undefined,
          archive: c.archive ? { every: formatDuration(c.archive.every) } : undefined,
          auto: f.auto,
          heartbeat: f.heartbeat === undefined ? undefined : formatDuration(f.heartbeat),
          timeout: f.timeout === undefined ? undefined : formatDuration(f.timeout),
          fencing: f.fencing,
          quorum: f.quorum,
          maxLagOnFailover: f.maxLagOnFailover,
          // Leaderless quorum settings and multi-leader policies (cluster-wide).
          n: c.leaderlessQuorum?.n,
          w: c.leaderlessQuorum?.w,
          r: c.leaderlessQuorum?.r,
          sloppy: c.leaderlessQuorum?.sloppy,
          readRepair: c.leaderlessQuorum?.readRepair,
          antiEntropy:
            c.leaderlessQuorum?.antiEntropy === undefined
              ? undefined
              : formatDuration(c.leaderlessQuorum.antiEntropy),
          readFrom: c.leaderlessQuorum?.readFrom,
          conflict: c.conflict,
          replication: c.replication,
        }),
      };
    }
    case 'backup':
      return {
        backup: compact({
          from: step.from,
          fails: step.fails ? true : undefined,
          id: step.backupId,
          rate: step.bytesPerMs === undefined ? undefined : formatSizeRate(step.bytesPerMs),
          background: bg(step.background),
        }),
      };
    case 'restore':
      return {
        restore: compact({
          node: step.node,
          from: step.from,
          rate: formatSizeRate(step.bytesPerMs),
          until:
            step.until === undefined || step.until === 'latest'
              ? step.until
              : formatDuration(step.until),
          replayRate:
            step.replayBytesPerMs === undefined ? undefined : formatSizeRate(step.replayBytesPerMs),
          background: bg(step.background),
        }),
      };
    case 'addFollower':
      return {
        addFollower: compact({
          id: step.node,
          from: step.from,
          rate: formatSizeRate(step.bytesPerMs),
          lag: step.lag === undefined ? undefined : formatDelay(step.lag),
          replay: step.replay === undefined ? undefined : formatDuration(step.replay),
          upstream: step.upstream,
          background: bg(step.background),
        }),
      };
    case 'workload': {
      const w = step.workload;
      return {
        workload: compact({
          clients: w.clients,
          duration: formatDuration(w.duration),
          writes: w.writes,
          readAfterWrite: w.readAfterWrite === 0 ? undefined : w.readAfterWrite,
          policy: w.policy === 'leader' ? undefined : w.policy,
          rate: w.countPerMs === undefined ? undefined : formatCountRate(w.countPerMs),
          keys: w.keys,
          size: w.size === DEFAULT_WRITE_SIZE ? undefined : formatSize(w.size),
          background: bg(step.background),
        }),
      };
    }
    default:
      throw new Error(`a "${step.kind}" step cannot be written as an action on the cluster`);
  }
}
