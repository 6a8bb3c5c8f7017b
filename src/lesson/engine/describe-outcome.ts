// Plain-language facts about what an operation did, quoted in feedback and in plain mode.
import {
  isSingleReplicaRead,
  multiLeaderReadValues,
  type NodeStatus,
  type OpRecord,
  quorumReadValues,
  type Simulation,
  type Value,
} from '../../sim/index.js';
import { formatBytes } from '../format/byte-size.js';
import type { Step } from '../format/types.js';

export function showValue(v: Value | undefined): string {
  return v === null || v === undefined ? 'nothing' : JSON.stringify(v);
}

const ERROR_TEXT: Record<string, string> = {
  fenced: 'it has been fenced off',
  'no-quorum': 'it cannot reach a majority',
  'not-leader': 'it is not the leader',
  down: 'it is down',
  unreachable: 'the client cannot reach it',
  timeout: 'no answer arrived in time',
  restoring: 'it is still restoring its data',
  'version-mismatch': 'it runs another major version than the WAL it was given',
};

export function errorText(error: string | undefined): string {
  return (error && ERROR_TEXT[error]) ?? error ?? 'unknown error';
}

/** A leaderless operation: quorums and versions, no LSNs. */
function describeQuorumOp(op: OpRecord, sim: Simulation): string {
  const q = sim.leaderless!.quorum;
  if (op.kind === 'read') {
    const single = isSingleReplicaRead(sim, op.id);
    const where = single ? ` on ${op.node}` : ` (quorum read, r = ${q.r})`;
    if (op.error === 'no-quorum') {
      return `read "${op.key}"${where} failed: no quorum (fewer than ${q.r} replicas answered)`;
    }
    if (op.outcome !== 'ok') return `read "${op.key}"${where} failed: ${errorText(op.error)}`;
    const values = quorumReadValues(sim, op.id) ?? [];
    const shown =
      values.length === 0
        ? 'nothing'
        : values.length === 1
          ? showValue(values[0]!)
          : `${values.map(showValue).join(' and ')} (siblings)`;
    return `read "${op.key}"${where} → ${shown}`;
  }
  if (op.outcome === 'ok')
    return `write "${op.key}" = ${showValue(op.value)} → acknowledged by ${q.w} replica${q.w === 1 ? '' : 's'} (w = ${q.w})`;
  if (op.outcome === 'info')
    return `write "${op.key}" = ${showValue(op.value)} → outcome unknown (${errorText(op.error)})`;
  if (op.outcome === 'fail') {
    const why =
      op.error === 'no-quorum'
        ? `no quorum (fewer than ${q.w} replicas acknowledged)`
        : errorText(op.error);
    return `write "${op.key}" = ${showValue(op.value)} → failed: ${why}; replicas that stored it keep it`;
  }
  return `${op.kind} "${op.key}" → still waiting`;
}

/** What a read returned: one value, nothing, or siblings. */
function readValuesText(values: readonly Value[]): string {
  if (values.length === 0) return 'nothing';
  if (values.length === 1) return showValue(values[0]!);
  return `${values.map(showValue).join(' and ')} (siblings)`;
}

/** A multi-leader operation: one node, versions, no LSNs. */
function describeMultiLeaderOp(op: OpRecord, sim: Simulation): string {
  if (op.kind === 'read') {
    if (op.outcome !== 'ok') return `read "${op.key}" on ${op.node} failed: ${errorText(op.error)}`;
    return `read "${op.key}" on ${op.node} → ${readValuesText(multiLeaderReadValues(sim, op.id) ?? [])}`;
  }
  if (op.outcome === 'ok')
    return `write "${op.key}" = ${showValue(op.value)} → accepted and acknowledged by ${op.node} at once`;
  if (op.outcome === 'info')
    return `write "${op.key}" = ${showValue(op.value)} → outcome unknown (${errorText(op.error)})`;
  if (op.outcome === 'fail')
    return `write "${op.key}" → refused by ${op.node}: ${errorText(op.error)}`;
  return `${op.kind} "${op.key}" on ${op.node} → still waiting`;
}

/** e.g. `read "tweet" on replica-2 → nothing (replica-2 had applied LSN 0)`. */
export function describeOp(op: OpRecord, sim?: Simulation): string {
  if (sim?.leaderless) return describeQuorumOp(op, sim);
  if (sim?.multiLeader) return describeMultiLeaderOp(op, sim);
  if (op.kind === 'read') {
    if (op.outcome !== 'ok') return `read "${op.key}" on ${op.node} failed: ${errorText(op.error)}`;
    return `read "${op.key}" on ${op.node} → ${showValue(op.value)} (${op.node} had applied LSN ${op.lsn})`;
  }
  if (op.outcome === 'ok')
    return `write "${op.key}" = ${showValue(op.value)} → acknowledged by ${op.node} at LSN ${op.lsn}`;
  if (op.outcome === 'info') {
    return `write "${op.key}" = ${showValue(op.value)} → outcome unknown (${errorText(op.error)})${op.lsn ? `; it is LSN ${op.lsn} in ${op.node}'s log` : ''}`;
  }
  if (op.outcome === 'fail')
    return `write "${op.key}" → refused by ${op.node}: ${errorText(op.error)}`;
  return `${op.kind} "${op.key}" on ${op.node} → still waiting`;
}

/** Virtual duration as a short human string: 2ms, 3.5s, 4m 10s, 18h 2m. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  if (ms < 3_600_000) {
    const m = Math.floor(ms / 60_000);
    const s = Math.round((ms % 60_000) / 1000);
    return s ? `${m}m ${s}s` : `${m}m`;
  }
  const h = Math.floor(ms / 3_600_000);
  const m = Math.round((ms % 3_600_000) / 60_000);
  return m ? `${h}h ${m}m` : `${h}h`;
}

/** Time on the simulated clock, e.g. t=3.004s. */
export function at(ms: number): string {
  return `t=${(ms / 1000).toFixed(3)}s`;
}

const STATUS_PHRASE: Record<NodeStatus, string> = {
  up: 'is up',
  leading: 'is leading',
  streaming: 'is streaming',
  'catching-up': 'is catching up',
  disconnected: 'is disconnected from its leader',
  'needs-resync': 'needs a resync',
  copying: 'is copying a snapshot',
  restoring: 'is restoring a backup',
  paused: 'is paused',
  down: 'is down',
  fenced: 'is fenced off',
  'version-mismatch': 'refuses the WAL of another major version',
};

/** A node's status as an English clause: `replica-1 needs a resync`, `db2 is catching up`. */
export function statusPhrase(id: string, status: NodeStatus): string {
  return `${id} ${STATUS_PHRASE[status] ?? `is ${status}`}`;
}

export function nodeFacts(sim: Simulation, id: string): string {
  const n = sim.byId.get(id);
  if (!n) return id;
  if (!n.up) return `${id} is down`;
  return `${id} had applied LSN ${n.applied}`;
}

// Settings measured in time; the others (maxLagOnFailover, minAcks, retain…) are counts or words.
const DURATION_PARAMS = new Set([
  'lag',
  'replay',
  'clockSkew',
  'ackTimeout',
  'heartbeat',
  'timeout',
  'antiEntropy',
]);

function paramValue(key: string, v: unknown): string {
  if (key === 'archive' && v && typeof v === 'object' && 'every' in v) {
    return `every ${duration((v as { every: number }).every)}`;
  }
  if (key === 'disk' && typeof v === 'number') return formatBytes(v);
  if (!DURATION_PARAMS.has(key)) return JSON.stringify(v);
  if (typeof v === 'number') return v < 0 ? `-${duration(-v)}` : duration(v);
  if (v && typeof v === 'object' && 'min' in v && 'max' in v) {
    const r = v as { min: number; max: number };
    return `${duration(r.min)}–${duration(r.max)}`;
  }
  return JSON.stringify(v);
}

/**
 * What an `addFollower` step did by the time it is reported: a background one has only started
 * its copy (how big, how fast, when it ends); a foreground one has finished it.
 */
function describeAddFollower(step: Step & { kind: 'addFollower' }, sim?: Simulation): string {
  const n = sim?.byId.get(step.node);
  if (!sim || !n || n.busy !== 'copying')
    return `new follower ${step.node} copied a snapshot of ${step.from ?? 'the leader'} and is catching up`;
  // Recorded a moment ago, when the copy began: a short walk back.
  const copy = lastCopy(sim, step.node);
  const source = copy?.source ?? step.from ?? 'the leader';
  const size = copy?.bytes === undefined ? 'a snapshot' : `a ${formatBytes(copy.bytes)} snapshot`;
  const lsn = copy?.lsn === undefined ? '' : ` (up to LSN ${copy.lsn})`;
  return `new follower ${step.node} started copying ${size} of ${source}${lsn} at ${formatBytes(step.bytesPerMs * 1000)}/s; done at ${at(n.busyUntil)} (in ${duration(n.busyUntil - sim.now)})`;
}

/** The newest snapshot copy the simulator recorded for a node. */
function lastCopy(
  sim: Simulation,
  node: string,
): { source: string; lsn?: number; bytes?: number } | undefined {
  for (let i = sim.history.length - 1; i >= 0; i--) {
    const e = sim.history.at(i);
    if (e?.type !== 'fault' || e.fault !== 'copy' || e.node !== node) continue;
    const m = /^snapshot of (\S+) at LSN (\d+) \((\d+) bytes\)/.exec(e.detail ?? '');
    if (!m) return undefined;
    return { source: m[1]!, lsn: Number(m[2]), bytes: Number(m[3]) };
  }
  return undefined;
}

/**
 * One line for a step that is not an operation, e.g. `primary crashed`; with the simulation
 * it ran on, the line can say where a started activity stands.
 */
/** A virtual time as the lesson file writes it: `9h`, `1040m`, `90s`. */
function virtualTime(ms: number): string {
  if (ms % 3_600_000 === 0) return `t=${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `t=${ms / 60_000}m`;
  return `t=${duration(ms)}`;
}

export function describeStep(step: Step, sim?: Simulation): string {
  switch (step.kind) {
    case 'crash':
      return `${step.node} crashed`;
    case 'restart':
      return `${step.node} restarted`;
    case 'promote':
      return step.until === undefined
        ? `${step.node} promoted to leader`
        : `${step.node} promoted to leader with its log up to ${virtualTime(step.until)}`;
    case 'wipe':
      return `${step.node}: data directory wiped`;
    case 'dropSlot':
      return `replication slot of ${step.node} dropped`;
    case 'pause':
      return `${step.node} stalls for ${duration(step.duration)}`;
    case 'partition':
      return `network partitioned: ${step.groups.map((g) => `[${g.join(', ')}]`).join(' | ')}`;
    case 'heal':
      return 'network healed';
    case 'set': {
      // Leaderless quorum settings read as the lesson wrote them: `w = 1, readFrom = "random"`.
      const { leaderlessQuorum, ...cluster } = step.clusterParams;
      const params =
        step.node !== undefined
          ? step.nodeParams
          : { ...cluster, ...leaderlessQuorum, ...step.failoverParams };
      const text = Object.entries(params)
        .map(([k, v]) => `${k} = ${paramValue(k, v)}`)
        .join(', ');
      return `${step.node ? `${step.node}: ` : ''}${text}`;
    }
    case 'backup':
      return `backup of ${step.from}${step.backupId ? ` ("${step.backupId}")` : ''} taken`;
    case 'restore':
      // A background restore is recorded when it starts, not when the data is in.
      return `${step.background ? `${step.node} restoring from` : `${step.node} restored from`} ${step.from}${
        step.until === undefined
          ? ''
          : ` + WAL archive to ${step.until === 'latest' ? 'the latest' : virtualTime(step.until)}`
      }${step.background ? ' (in the background)' : ''}`;
    case 'addFollower':
      return describeAddFollower(step, sim);
    case 'workload':
      return `workload: ${step.workload.clients} clients for ${duration(step.workload.duration)}${step.background ? ' (in the background)' : ''}`;
    case 'wait':
      return `waited ${duration(step.duration)}`;
    case 'until':
      return `waited until ${[step.node, step.caughtUp ? 'caught up' : '', step.status ?? '', step.leader ? `leader is ${step.leader}` : ''].filter(Boolean).join(' ')}`;
    default:
      return step.kind;
  }
}
