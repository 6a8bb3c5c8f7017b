// The space-time diagram as a grid of cells: one lane per node (columns), time flowing down
// (one row per time bucket), client operations and faults as markers in their node's lane,
// replication messages as arrows along their way: from the sender's lane on the row they were
// sent to the receiver's lane on the row they arrived, each row advancing as far as the
// message had travelled by then; a message still in flight is drawn up to now, its head where
// it is. Pure: history window in, cells out; the view only prints them.
import type {
  HistoryEvent,
  InFlightMessage,
  Ms,
  NodeId,
  OpRecord,
  QuorumMessage,
  QuorumMessageKind,
} from '../../sim/index.js';
import { formatRowTime, type StoryClock } from '../text/story-time.js';
import { center, padStart, textWidth } from '../text/text.js';
import { faultMarker, type Tone } from '../theme/theme.js';

export interface Cell {
  ch: string;
  tone?: Tone;
}

export interface SpaceTimeInput {
  nodes: readonly NodeId[];
  events: readonly HistoryEvent[];
  ops: ReadonlyMap<number, OpRecord>;
  /** Visible window of virtual time, [from, to). */
  from: Ms;
  to: Ms;
  /** Time rows (header excluded). */
  rows: number;
  width: number;
  /** Draw acks, heartbeats and votes too, not only log entries. */
  showControl?: boolean;
  /** The story's wall clock, when the lesson sets one. */
  clock?: StoryClock;
  /** Messages on their way now (the snapshot's), drawn up to `to`. */
  inFlight?: readonly InFlightMessage[];
  /** Operations to single out (a challenge's violating read): drawn as `⚠`, over anything. */
  marked?: ReadonlySet<number>;
  /** Leaderless: quorum messages on their way now (the snapshot's), drawn up to `to`. */
  quorumInFlight?: readonly QuorumMessage[];
}

/** A message's way across the grid: sent at `sent`, due at `due`, drawn up to `until`. */
interface Way {
  from: NodeId;
  to: NodeId;
  sent: Ms;
  due: Ms;
  until: Ms;
  /** Reached the receiver (delivered); otherwise still travelling, or dropped on the way. */
  arrived: boolean;
  /** Leaderless messages: read repair, hints and anti-entropy in tones of their own. */
  tone?: Tone;
}

/**
 * Leaderless quorum messages: a client's writes and reads fan out from the clients' column
 * (the left edge of the lanes); repairs, hints, handoffs and anti-entropy have tones of their
 * own. Acks, replies and refusals are control traffic.
 */
const QUORUM_TONE: Record<QuorumMessageKind, Tone | undefined> = {
  write: 'info',
  read: 'info',
  repair: 'warn',
  hint: 'accent',
  handoff: 'accent',
  sync: 'muted',
  ack: undefined,
  reply: undefined,
  refuse: undefined,
};

function quorumShown(kind: QuorumMessageKind, showControl: boolean): boolean {
  return QUORUM_TONE[kind] !== undefined || showControl;
}

/** Sends paired with their deliveries (or drops), in time order; per link and LSN, FIFO. */
function waysOf(events: readonly HistoryEvent[], showControl: boolean): Way[] {
  const pending = new Map<string, Ms[]>();
  const ways: Way[] = [];
  for (const e of events) {
    if (e.type === 'quorum') {
      if (!quorumShown(e.msg, showControl)) continue;
      const key = `${e.from}\u0000${e.to}\u0000${e.msg}\u0000${e.op}`;
      if (e.phase === 'send') {
        const list = pending.get(key) ?? [];
        list.push(e.t);
        pending.set(key, list);
        continue;
      }
      const sent = pending.get(key)?.shift() ?? e.t;
      const tone = QUORUM_TONE[e.msg] ?? 'info';
      ways.push({
        from: e.from,
        to: e.to,
        sent,
        due: e.t,
        until: e.t,
        arrived: e.phase === 'deliver',
        tone,
      });
      continue;
    }
    if (e.type !== 'send' && e.type !== 'deliver' && e.type !== 'drop') continue;
    if (e.msg !== 'entry' && !showControl) continue;
    const key = `${e.from}\u0000${e.to}\u0000${e.msg}\u0000${e.lsn ?? ''}`;
    if (e.type === 'send') {
      const list = pending.get(key) ?? [];
      list.push(e.t);
      pending.set(key, list);
      continue;
    }
    // Sent before the window: only the arrival is known, drawn on its row.
    const sent = pending.get(key)?.shift() ?? e.t;
    const arrived = e.type === 'deliver';
    ways.push({ from: e.from, to: e.to, sent, due: e.t, until: e.t, arrived });
  }
  return ways;
}

export interface SpaceTimeGrid {
  header: Cell[];
  rows: Cell[][];
  bucketMs: Ms;
  laneWidth: number;
}

export const TIME_COLUMN = 9;
const MIN_LANE = 3;

/** Markers drawn in a lane, all one column wide (⚡ is two, so a crash is ✕ here). */
export const LANE_MARK = {
  write: { ch: 'W', tone: 'accent' },
  read: { ch: 'R', tone: 'info' },
  crash: { ch: '✕', tone: 'danger' },
  election: { ch: '★', tone: 'leader' },
  stepDown: { ch: '↓', tone: 'warn' },
  truncate: { ch: '✗', tone: 'danger' },
  marked: { ch: '⚠', tone: 'danger' },
} as const satisfies Record<string, Cell>;

const PRIORITY: Record<string, number> = {
  op: 1,
  fault: 3,
  election: 3,
  'step-down': 2,
  truncate: 2,
  marked: 9,
};

function faultCell(fault: string): Cell {
  if (fault === 'crash') return LANE_MARK.crash;
  const m = faultMarker(fault);
  return { ch: m.glyph, tone: m.tone };
}

export function laneCenters(
  nodes: number,
  width: number,
): { laneWidth: number; centers: number[] } {
  const laneWidth = Math.max(MIN_LANE, Math.floor((width - TIME_COLUMN) / Math.max(1, nodes)));
  const centers = Array.from(
    { length: nodes },
    (_, i) => TIME_COLUMN + i * laneWidth + Math.floor(laneWidth / 2),
  );
  return { laneWidth, centers };
}

function timeLabel(t: Ms, bucketMs: Ms, clock?: StoryClock): string {
  return `${padStart(formatRowTime(t, bucketMs, clock), TIME_COLUMN - 1)} `;
}

export function layoutSpaceTime(input: SpaceTimeInput): SpaceTimeGrid {
  const { nodes, from, to, width } = input;
  const rows = Math.max(1, input.rows);
  const bucketMs = Math.max(1, (to - from) / rows);
  const { laneWidth, centers } = laneCenters(nodes.length, width);
  const gridWidth = Math.max(width, TIME_COLUMN + laneWidth * nodes.length);
  const lane = new Map(nodes.map((id, i) => [id, centers[i] ?? 0]));
  // Clients are not lanes: their messages start or end at the left edge of the lanes.
  const clientColumn = TIME_COLUMN - 1;
  const columnOf = (id: string) => lane.get(id) ?? clientColumn;

  const header: Cell[] = Array.from({ length: gridWidth }, () => ({ ch: ' ' }));
  nodes.forEach((id, i) => {
    const label = center(id, laneWidth - 1);
    const start = TIME_COLUMN + i * laneWidth;
    Array.from(label).forEach((ch, j) => {
      header[start + j] = { ch, tone: 'heading' };
    });
  });

  const grid: Cell[][] = Array.from({ length: rows }, (_, r) => {
    const row: Cell[] = Array.from({ length: gridWidth }, () => ({ ch: ' ' }));
    Array.from(timeLabel(from + r * bucketMs, bucketMs, input.clock)).forEach((ch, j) => {
      row[j] = { ch, tone: 'muted' };
    });
    for (const c of centers) row[c] = { ch: '│', tone: 'muted' };
    return row;
  });
  // What priority each marker cell holds, so a crash is not hidden by a later read.
  const held = new Map<string, number>();

  const rowOf = (t: Ms): number | undefined => {
    if (t < from || t >= to) return undefined;
    return Math.min(rows - 1, Math.floor((t - from) / bucketMs));
  };
  const mark = (r: number, col: number, cell: Cell, priority: number) => {
    const k = `${r}:${col}`;
    if ((held.get(k) ?? 0) > priority) return;
    held.set(k, priority);
    const row = grid[r];
    if (row) row[col] = cell;
  };
  /** The line from column `a` to `b` (exclusive of `a`) on row `r`, a head on its end. */
  const stroke = (
    r: number,
    a: number,
    b: number,
    head: boolean,
    left: boolean,
    tone: Tone = 'info',
  ) => {
    const row = grid[r];
    if (!row) return;
    if (a === b) {
      if (head && !centers.includes(b)) row[b] = { ch: left ? '◂' : '▸', tone };
      return;
    }
    const step = b > a ? 1 : -1;
    for (let c = a + step; c !== b + step; c += step) {
      if (c === b && head) break;
      if (centers.includes(c) && (row[c]?.ch === '│' || row[c]?.ch === '┼')) {
        row[c] = { ch: '┼', tone };
      } else if (row[c]?.ch === ' ' || row[c]?.ch === '─' || row[c]?.ch === '│') {
        row[c] = { ch: '─', tone };
      }
    }
    if (head) row[b] = { ch: step > 0 ? '▸' : '◂', tone };
  };
  const draw = (w: Way) => {
    // Only quorum messages (tone set) may have a client at one end.
    const a = w.tone ? columnOf(w.from) : lane.get(w.from);
    const b = w.tone ? columnOf(w.to) : lane.get(w.to);
    if (a === undefined || b === undefined || a === b) return;
    const step = b > a ? 1 : -1;
    // An arrival ends next to the receiver's lane, a message on its way where it has got to.
    const end = b - step;
    const span = Math.max(1, w.due - w.sent);
    const colAt = (t: Ms) => {
      const f = Math.min(1, Math.max(0, (t - w.sent) / span));
      const c = Math.round(a + (end - a) * f);
      // Never back onto the sender's own lane: one step out at least.
      return step > 0 ? Math.max(a + step, c) : Math.min(a + step, c);
    };
    const first = rowOf(Math.max(w.sent, from));
    const last = rowOf(Math.min(w.until, to - 1));
    if (first === undefined || last === undefined) return;
    let col = w.sent >= from ? a : colAt(from);
    for (let r = first; r <= last; r++) {
      const next =
        r === last ? (w.arrived ? end : colAt(w.until)) : colAt(from + (r + 1) * bucketMs);
      // A row the message crosses without moving a whole column still shows it.
      if (next === col && r !== first) {
        const row = grid[r];
        if (row && row[col]?.ch === ' ') row[col] = { ch: '─', tone: w.tone ?? 'info' };
      }
      stroke(r, col, next, r === last, step < 0, w.tone);
      col = next;
    }
  };

  // Arrows first, markers on top.
  for (const w of waysOf(input.events, input.showControl ?? false)) draw(w);
  for (const m of input.inFlight ?? []) {
    if (m.kind !== 'entry' && !input.showControl) continue;
    draw({
      from: m.from,
      to: m.to,
      sent: m.sentAt,
      due: m.arrivesAt,
      until: to - 1,
      arrived: false,
    });
  }
  for (const m of input.quorumInFlight ?? []) {
    if (!quorumShown(m.kind, input.showControl ?? false)) continue;
    draw({
      from: m.from,
      to: m.to,
      sent: m.sentAt,
      due: m.arrivesAt,
      until: to - 1,
      arrived: false,
      tone: QUORUM_TONE[m.kind] ?? 'info',
    });
  }
  for (const e of input.events) {
    const r = rowOf(e.t);
    if (r === undefined) continue;
    switch (e.type) {
      case 'op': {
        if (e.phase !== 'invoke') break;
        const op = input.ops.get(e.op);
        const c = op ? lane.get(op.node) : undefined;
        if (op && c !== undefined && input.marked?.has(op.id)) {
          mark(r, c, LANE_MARK.marked, PRIORITY.marked ?? 0);
        } else if (op && c !== undefined) {
          mark(r, c, op.kind === 'write' ? LANE_MARK.write : LANE_MARK.read, PRIORITY.op ?? 0);
        }
        break;
      }
      case 'fault': {
        const cell = faultCell(e.fault);
        const c = e.node === undefined ? undefined : lane.get(e.node);
        // A fault of the whole network (partition, heal) marks every lane.
        for (const col of c === undefined ? centers : [c]) mark(r, col, cell, PRIORITY.fault ?? 0);
        break;
      }
      case 'election': {
        const c = lane.get(e.leader);
        if (c !== undefined) mark(r, c, LANE_MARK.election, PRIORITY.election ?? 0);
        break;
      }
      case 'step-down': {
        const c = lane.get(e.node);
        if (c !== undefined) mark(r, c, LANE_MARK.stepDown, PRIORITY['step-down'] ?? 0);
        break;
      }
      case 'truncate': {
        const c = lane.get(e.node);
        if (c !== undefined) mark(r, c, LANE_MARK.truncate, PRIORITY.truncate ?? 0);
        break;
      }
      default:
        break;
    }
  }
  return { header, rows: grid, bucketMs, laneWidth };
}

const LEGEND: ReadonlyArray<readonly [string, string]> = [
  ['W', 'write'],
  ['R', 'read'],
  ['▸', '─▸ entry from sent to arrived (or now)'],
  ['◂', ''],
  ['✕', 'crash'],
  ['↺', 'restart'],
  ['✂', 'partition'],
  ['⇄', 'heal'],
  ['⏸', 'pause'],
  ['⧗', 'slow link'],
  ['★', 'elected'],
  ['↓', 'step-down'],
  ['✗', 'truncated'],
  ['⚠', 'the violating read'],
];

/** A legend of the markers the grid shows, as much as fits `width`. */
export function legendFor(grid: SpaceTimeGrid, width: number): string {
  const seen = new Set<string>();
  for (const row of grid.rows) for (const c of row) seen.add(c.ch);
  if (seen.has('◂')) seen.add('▸');
  const items = LEGEND.filter(([ch, label]) => label !== '' && seen.has(ch)).map(([ch, label]) =>
    label.startsWith('─▸') ? label : `${ch} ${label}`,
  );
  let out = '';
  for (const item of items) {
    const next = out === '' ? item : `${out}  ${item}`;
    if (textWidth(next) > width) break;
    out = next;
  }
  return out;
}

export function cellsText(cells: readonly Cell[]): string {
  return cells
    .map((c) => c.ch)
    .join('')
    .trimEnd();
}
