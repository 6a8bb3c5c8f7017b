// `replication-tutor list [--json]`: the curriculum in order. Loaded lazily by program.ts, so
// the lesson loader (yaml, zod) is parsed only when a command needs it.
import { displayPath, type LoadedLesson, loadCatalog } from '../lesson/catalog/catalog.js';
import { OUTSIDE_CURRICULUM, placeOf } from '../lesson/catalog/curriculum.js';
import { formatProblem } from '../lesson/format/load.js';
import { safeJsonLine, safeText } from '../lesson/format/terminal-text.js';
import { UsageError } from './usage-error.js';

export interface ListOptions {
  json?: boolean;
}

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** What `list --json` prints for each lesson. */
export interface LessonListing {
  id: string;
  title: string;
  order: number;
  /** The lesson's number in the curriculum; absent for a lesson outside it. */
  number?: number;
  /** The curriculum part it belongs to ("More lessons" outside the curriculum). */
  part: string;
  minutes: number;
  topics: string[];
  summary: string;
}

const MIN_SUMMARY_WIDTH = 20;

function listing({ lesson }: LoadedLesson): LessonListing {
  const { id, title, order, minutes, topics, summary } = lesson;
  const place = placeOf(id);
  return {
    id,
    title,
    order,
    ...(place ? { number: place.number } : {}),
    part: place?.part ?? OUTSIDE_CURRICULUM,
    minutes,
    topics,
    summary,
  };
}

function terminalWidth(out: Output): number {
  if (out.isTTY && out.columns) return out.columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : 80;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** Aligned columns; the summary only when at least a readable part of it fits. */
export function formatTable(rows: LessonListing[], width: number): string {
  const header = ['#', 'id', 'title', 'minutes'];
  const cells = rows.map((r) => [
    r.number === undefined ? '' : String(r.number),
    r.id,
    r.title,
    String(r.minutes),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c.map((v, i) => (i === 0 || i === 3 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)));
  const used = widths.reduce((a, b) => a + b, 0) + 2 * widths.length;
  const room = width - used;
  const showSummary = room >= MIN_SUMMARY_WIDTH && rows.some((r) => r.summary !== '');
  const out = [[...line(header), ...(showSummary ? ['summary'] : [])]];
  rows.forEach((r, i) => {
    out.push([...line(cells[i]!), ...(showSummary ? [truncate(r.summary, room)] : [])]);
  });
  return out.map((c) => `${c.join('  ').trimEnd()}\n`).join('');
}

export async function runList(
  opts: ListOptions,
  out: Output = process.stdout,
  err: Output = process.stderr,
): Promise<void> {
  const catalog = await loadCatalog();
  if (catalog.broken.length > 0) {
    for (const b of catalog.broken) {
      for (const p of b.errors) err.write(`${formatProblem(p)}\n`);
    }
    const n = catalog.broken.length;
    throw new UsageError(
      `${n} lesson file${n === 1 ? ' has' : 's have'} errors in ${displayPath(catalog.dir)}`,
    );
  }
  const rows = catalog.lessons.map(listing);
  if (opts.json) {
    out.write(`${safeJsonLine(JSON.stringify(rows, null, 2))}\n`);
    return;
  }
  if (rows.length === 0) {
    const why = catalog.problem === undefined ? '' : ` (${catalog.problem})`;
    out.write(`no lessons found in ${displayPath(catalog.dir)}${why}\n`);
    return;
  }
  out.write(safeText(formatTable(rows, terminalWidth(out))));
}
