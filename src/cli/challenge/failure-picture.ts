// A counterexample drawn as text: the UI's own space-time layout (node lanes across, time
// down, entries as arrows), the violating read marked ⚠ and pointed at. Rows where nothing
// happens are folded into one `⋮` row, so a long quiet stretch does not push the point of
// the story off the screen.
import type { Counterexample } from '../../challenge/grade.js';
import {
  type Cell,
  cellsText,
  layoutSpaceTime,
  legendFor,
  TIME_COLUMN,
} from '../../ui/space-time/space-time-layout.js';

const MIN_BUCKET_MS = 20;
const MAX_ROWS = 400;

function quiet(cells: readonly Cell[]): boolean {
  for (let i = TIME_COLUMN; i < cells.length; i++) {
    const ch = cells[i]!.ch;
    if (ch !== ' ' && ch !== '│') return false;
  }
  return true;
}

export function failurePicture(f: Counterexample, width = 80): string[] {
  const { picture, violation } = f;
  const ops = new Map(picture.ops.map((o) => [o.id, o]));
  const marked = violation.op === undefined ? undefined : ops.get(violation.op);
  const from = 0;
  const end = Math.max(violation.t, marked?.completedAt ?? 0) + 100;
  const to = Math.max(from + MIN_BUCKET_MS, Math.min(end, picture.until + 1));
  const rows = Math.min(MAX_ROWS, Math.ceil((to - from) / MIN_BUCKET_MS));
  const grid = layoutSpaceTime({
    nodes: picture.nodes,
    events: picture.events,
    ops,
    from,
    to,
    rows,
    width: Math.min(width - 2, TIME_COLUMN + picture.nodes.length * 14),
    marked: marked ? new Set([marked.id]) : undefined,
    inFlight: picture.inFlight,
  });
  const markRow = Math.min(rows - 1, Math.floor((violation.t - from) / grid.bucketMs));
  const pointer = marked
    ? `◂ ${marked.client} reads ${marked.key} from ${marked.node}`
    : '◂ this decision';
  const lines = [cellsText(grid.header)];
  let folded = false;
  grid.rows.forEach((cells, r) => {
    if (r !== markRow && quiet(cells)) {
      if (!folded) lines.push(`${' '.repeat(TIME_COLUMN - 2)}⋮`);
      folded = true;
      return;
    }
    folded = false;
    const text = cellsText(cells);
    lines.push(r === markRow ? `${text}  ${pointer}` : text);
  });
  const legend = legendFor(grid, width - 2);
  if (legend) lines.push(legend);
  return lines;
}
