// One history event as one line of words for the event log. Anomaly labels come from the
// engine's checkers (by op id); this only prints them next to the op they concern.
import type { HistoryEvent, Ms, OpRecord, Value } from '../../sim/index.js';
import { formatValue } from '../text/format.js';
import { EVENT, faultMarker, type Tone } from '../theme/theme.js';
import { faultText, withUnits } from './fault-words.js';

export interface EventLine {
  t: Ms;
  glyph: string;
  tone: Tone;
  text: string;
  /** Checker labels for the op, e.g. ['stale', 'read-your-writes']. */
  labels: readonly string[];
}

export interface EventContext {
  ops: ReadonlyMap<number, OpRecord>;
  labels?: ReadonlyMap<number, readonly string[]>;
  /** Show replication messages (send / deliver / drop); off by default, they are many. */
  showMessages?: boolean;
  /** Show invocations as well as completions. */
  showInvokes?: boolean;
  /**
   * Leaderless and multi-leader runs: operations have versions, no LSNs (leaderless ones go
   * to quorums, not to one node).
   */
  quorum?: QuorumFacts;
}

/** What the log needs to know of a run that keeps versions, from the simulator. */
export interface QuorumFacts {
  /** Whether a read asked one replica (`from: node`) rather than a quorum. */
  singleRead(op: number): boolean;
  /** Multi-leader: every operation goes to one node; a leader acknowledges a write at once. */
  multiLeader?: boolean;
  /** Every value a read returned, when it returned siblings. */
  readValues?(op: number): readonly Value[] | undefined;
}

/** A read's value, or its siblings: `"A" | "B" (2 siblings)`. */
function readValueText(op: OpRecord, quorum: QuorumFacts): string {
  const all = quorum.readValues?.(op.id);
  if (!all || all.length < 2) return formatValue(op.value);
  return `${all.map(formatValue).join(' | ')} (${all.length} siblings)`;
}

/** A leaderless operation: a quorum's, or one replica's read; no LSNs. */
function formatQuorumOp(
  t: Ms,
  op: OpRecord,
  phase: 'invoke' | 'ok' | 'fail' | 'info',
  labels: readonly string[],
  quorum: QuorumFacts,
): EventLine {
  const single = quorum.multiLeader || (op.kind === 'read' && quorum.singleRead(op.id));
  const where = single ? op.node : op.kind === 'read' ? 'a read quorum' : 'the replicas';
  const acked = quorum.multiLeader
    ? `on ${op.node} (acknowledged at once)`
    : '(quorum acknowledged)';
  switch (phase) {
    case 'invoke':
      return line(t, EVENT.invoke, `${op.client} → ${where}: ${opSubject(op)}`);
    case 'ok':
      return op.kind === 'write'
        ? line(
            t,
            EVENT.ok,
            `${op.client} wrote ${op.key} = ${formatValue(op.value)} ${acked}`,
            labels,
          )
        : line(
            t,
            EVENT.ok,
            `${op.client} read ${op.key} = ${readValueText(op, quorum)} from ${where}`,
            labels,
          );
    case 'fail':
      return line(
        t,
        EVENT.fail,
        `${op.client}: ${opSubject(op)}${quorum.multiLeader ? ` on ${op.node}` : ''} failed: ${op.error ?? 'error'}`,
        labels,
      );
    case 'info':
      return line(
        t,
        EVENT.unknown,
        `${op.client}: ${opSubject(op)}: outcome unknown${op.error ? ` (${op.error})` : ''}`,
        labels,
      );
  }
}

function line(
  t: Ms,
  marker: { glyph: string; tone: Tone },
  text: string,
  labels: readonly string[] = [],
): EventLine {
  return { t, glyph: marker.glyph, tone: marker.tone, text, labels };
}

function opSubject(op: OpRecord): string {
  if (op.kind !== 'write') return `read ${op.key}`;
  // A write always sent a value; when it is not known here, say nothing rather than ∅.
  return op.value === undefined ? `write ${op.key}` : `write ${op.key} = ${formatValue(op.value)}`;
}

function formatOp(
  t: Ms,
  op: OpRecord,
  phase: 'invoke' | 'ok' | 'fail' | 'info',
  labels: readonly string[],
): EventLine {
  switch (phase) {
    case 'invoke':
      return line(t, EVENT.invoke, `${op.client} → ${op.node}: ${opSubject(op)}`);
    case 'ok': {
      if (op.kind === 'write') {
        const at =
          op.lsn === undefined
            ? ''
            : ` (LSN ${op.lsn}${op.epoch === undefined ? '' : `, epoch ${op.epoch}`})`;
        return line(
          t,
          EVENT.ok,
          `${op.client} wrote ${op.key} = ${formatValue(op.value)} on ${op.node}${at}`,
          labels,
        );
      }
      // The node's applied LSN when it answered, and which entry the value came from.
      const version =
        op.versionLsn === undefined
          ? ''
          : op.versionLsn === 0
            ? '; key absent'
            : `; value from LSN ${op.versionLsn}`;
      const at = op.lsn === undefined ? '' : ` (at LSN ${op.lsn}${version})`;
      return line(
        t,
        EVENT.ok,
        `${op.client} read ${op.key} = ${formatValue(op.value)} from ${op.node}${at}`,
        labels,
      );
    }
    case 'fail':
      return line(
        t,
        EVENT.fail,
        `${op.client}: ${opSubject(op)} on ${op.node} failed: ${op.error ?? 'error'}`,
        labels,
      );
    case 'info':
      return line(
        t,
        EVENT.unknown,
        `${op.client}: ${opSubject(op)} on ${op.node}: outcome unknown${op.error ? ` (${op.error})` : ''}`,
        labels,
      );
  }
}

const ELECTION = /^(\S+): (.*); (\S+) has the newest log \(LSN (\d+)\)$/;
const newerSeen = new WeakMap<ReadonlyMap<number, OpRecord>, Map<string, boolean>>();

/** Whether some node had appended past `lsn` by time `t` (a write accepted at a higher LSN). */
function newerLogExisted(ops: ReadonlyMap<number, OpRecord>, t: Ms, lsn: number): boolean {
  let seen = newerSeen.get(ops);
  if (!seen) {
    seen = new Map();
    newerSeen.set(ops, seen);
  }
  const key = `${t}:${lsn}`;
  let found = seen.get(key);
  if (found === undefined) {
    found = false;
    for (const op of ops.values()) {
      if (op.kind === 'write' && op.acceptedAt !== undefined && op.acceptedAt <= t) {
        if ((op.lsn ?? 0) > lsn) {
          found = true;
          break;
        }
      }
    }
    seen.set(key, found);
  }
  return found;
}

/**
 * The simulator's election note names the newest log among the nodes the candidate reaches;
 * when a longer log was out of its reach (on a crashed or cut-off node), say so.
 */
function electionNote(t: Ms, text: string, ops: ReadonlyMap<number, OpRecord>): string {
  const m = ELECTION.exec(text);
  if (!m || !newerLogExisted(ops, t, Number(m[4]))) return text;
  return `${m[1]}: ${m[2]}; ${m[3]} has the newest log ${m[1]} can reach (LSN ${m[4]})`;
}

function entryWhat(ops: ReadonlyMap<number, OpRecord>, op: number): string {
  const key = ops.get(op)?.key;
  return key === undefined ? `#${op}` : `"${key}" #${op}`;
}

/** The log line for an event, or null when the log does not show that kind. */
export function formatEvent(event: HistoryEvent, ctx: EventContext): EventLine | null {
  switch (event.type) {
    case 'op': {
      if (event.phase === 'invoke' && ctx.showInvokes === false) return null;
      const op = ctx.ops.get(event.op);
      if (!op) return line(event.t, EVENT.note, `op #${event.op} ${event.phase}`);
      const labels = event.phase === 'invoke' ? [] : (ctx.labels?.get(op.id) ?? []);
      return ctx.quorum
        ? formatQuorumOp(event.t, op, event.phase, labels, ctx.quorum)
        : formatOp(event.t, op, event.phase, labels);
    }
    case 'send':
    case 'deliver':
    case 'drop': {
      if (!ctx.showMessages) return null;
      // A multi-leader entry carries a write (its op id), not a log position.
      const lsn =
        event.lsn === undefined
          ? ''
          : ctx.quorum?.multiLeader
            ? ` ${entryWhat(ctx.ops, event.lsn)}`
            : ` LSN ${event.lsn}`;
      const verb = { send: 'sent', deliver: 'delivered', drop: 'dropped' }[event.type];
      const marker =
        event.type === 'drop' ? { ...EVENT.message, tone: 'warn' as const } : EVENT.message;
      return line(event.t, marker, `${event.from} ─▸ ${event.to} ${event.msg}${lsn} ${verb}`);
    }
    case 'quorum': {
      if (!ctx.showMessages) return null;
      const verb = { send: 'sent', deliver: 'delivered', drop: 'dropped' }[event.phase];
      const marker =
        event.phase === 'drop' ? { ...EVENT.message, tone: 'warn' as const } : EVENT.message;
      const key = ctx.ops.get(event.op)?.key;
      const what = key === undefined ? `#${event.op}` : `"${key}" #${event.op}`;
      return line(event.t, marker, `${event.from} ─▸ ${event.to} ${event.msg} ${what} ${verb}`);
    }
    case 'fault':
      return line(
        event.t,
        faultMarker(event.fault),
        faultText(event.fault, event.node, event.detail),
      );
    case 'election': {
      const how = event.manual ? 'promoted to leader' : 'elected leader';
      const was = event.previous === undefined ? '' : ` (was ${event.previous})`;
      return line(event.t, EVENT.election, `${event.leader} ${how}, epoch ${event.epoch}${was}`);
    }
    case 'step-down':
      return line(
        event.t,
        EVENT.stepDown,
        `${event.node} steps down in epoch ${event.epoch}: ${event.reason}`,
      );
    case 'truncate': {
      const range =
        event.fromLsn === event.toLsn
          ? `LSN ${event.fromLsn}`
          : `LSN ${event.fromLsn}..${event.toLsn}`;
      const lost =
        event.lostOps.length === 0
          ? ''
          : `: ${event.lostOps.length === 1 ? 'write' : 'writes'} ${event.lostOps.map((id) => `#${id}`).join(', ')} lost`;
      return line(event.t, EVENT.lost, `${event.node} truncated ${range}${lost}`);
    }
    case 'note':
      return line(event.t, EVENT.note, withUnits(electionNote(event.t, event.text, ctx.ops)));
  }
}

/** The newest `limit` lines, newest first. */
export function recentLines(
  events: readonly HistoryEvent[],
  ctx: EventContext,
  limit: number,
): EventLine[] {
  const out: EventLine[] = [];
  for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
    const event = events[i];
    if (!event) continue;
    const formatted = formatEvent(event, ctx);
    if (formatted) out.push(formatted);
  }
  return out;
}
