// A counterexample drawn as text: the UI's own space-time layout (node lanes across, time
// down, entries as arrows), the violating read marked `!` and pointed at.
import type { Counterexample } from '../../challenge/grade.js';
import { cellsText, layoutSpaceTime, legendFor } from '../../ui/space-time/space-time-layout.js';

const MAX_ROWS = 30;
const MIN_BUCKET_MS = 20;

export function failurePicture(f: Counterexample, width = 80): string[] {
  const { picture, violation } = f;
  const ops = new Map(picture.ops.map((o) => [o.id, o]));
  const stepTimes = picture.events
    .filter((e) => e.type !== 'send' && e.type !== 'deliver' && e.type !== 'drop')
    .map((e) => e.t);
  const first = Math.min(violation.t, ...stepTimes);
  const from = Math.max(0, Math.floor((first - 100) / 100) * 100);
  const marked = violation.op === undefined ? undefined : ops.get(violation.op);
  const end = Math.max(violation.t, marked?.completedAt ?? 0) + 150;
  const to = Math.min(Math.max(end, from + MIN_BUCKET_MS), Math.max(picture.until, from + 1)) + 1;
  const rows = Math.max(4, Math.min(MAX_ROWS, Math.ceil((to - from) / MIN_BUCKET_MS)));
  const grid = layoutSpaceTime({
    nodes: picture.nodes,
    events: picture.events,
    ops,
    from,
    to,
    rows,
    width: Math.min(width - 2, 9 + picture.nodes.length * 14),
    marked: marked ? new Set([marked.id]) : undefined,
  });
  const markRow = Math.min(rows - 1, Math.floor((violation.t - from) / grid.bucketMs));
  const pointer = marked
    ? `◂ ${marked.client} reads ${marked.key} from ${marked.node}`
    : '◂ this decision';
  const lines = [cellsText(grid.header)];
  grid.rows.forEach((cells, r) => {
    const text = cellsText(cells);
    lines.push(r === markRow ? `${text}  ${pointer}` : text);
  });
  const legend = legendFor(grid, width - 2);
  if (legend) lines.push(legend);
  return lines;
}
