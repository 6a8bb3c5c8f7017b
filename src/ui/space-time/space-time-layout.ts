// The space-time diagram as a grid of cells: one lane per node (columns), time flowing down
// (one row per time bucket), client operations and faults as markers in their node's lane,
// delivered replication messages as arrows from the sender's lane to the receiver's lane on
// the row of delivery. Pure: history window in, cells out; the view only prints them.
import type { HistoryEvent, Ms, NodeId, OpRecord } from '../../sim/index.js';
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
} as const satisfies Record<string, Cell>;

const PRIORITY: Record<string, number> = {
  op: 1,
  fault: 3,
  election: 3,
  'step-down': 2,
  truncate: 2,
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
  const arrow = (r: number, a: number, b: number) => {
    const row = grid[r];
    if (!row || a === b) return;
    const step = b > a ? 1 : -1;
    for (let c = a + step; c !== b; c += step) {
      const crossing = row[c]?.ch === '│' || row[c]?.ch === '┼';
      row[c] = { ch: crossing ? '┼' : '─', tone: 'info' };
    }
    row[b - step] = { ch: step > 0 ? '▸' : '◂', tone: 'info' };
  };

  // Arrows first, markers on top.
  for (const e of input.events) {
    if (e.type !== 'deliver') continue;
    if (e.msg !== 'entry' && !input.showControl) continue;
    const r = rowOf(e.t);
    const a = lane.get(e.from);
    const b = lane.get(e.to);
    if (r === undefined || a === undefined || b === undefined) continue;
    arrow(r, a, b);
  }
  for (const e of input.events) {
    const r = rowOf(e.t);
    if (r === undefined) continue;
    switch (e.type) {
      case 'op': {
        if (e.phase !== 'invoke') break;
        const op = input.ops.get(e.op);
        const c = op ? lane.get(op.node) : undefined;
        if (op && c !== undefined) {
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
  ['▸', '─▸ entry delivered'],
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
