// The table an `experiment` step produced: one row per routing policy, the same workload,
// with the columns the step measures: anomalies counted per checker (a lesson asks about
// read-your-writes violations, not about anomalies in general), the share of reads the
// leader served, latency. Fitted to the width it gets, shortening headers first (a line
// under the table spells out the short ones), then leaving out p50; never wider than asked.
import type { ExperimentRow } from '../../lesson/engine/runner.js';
import type { Measure } from '../../lesson/format/types.js';
import { CHECKERS, type CheckerName } from '../../sim/index.js';
import { formatDuration } from '../text/format.js';
import { padEnd, padStart, textWidth, truncate } from '../text/text.js';

interface Column {
  /** Headers from the longest to the shortest. */
  names: readonly string[];
  /** What short names stand for, for the line under the table: name → words. */
  spelled?: Readonly<Record<string, string>>;
  cell: (row: ExperimentRow) => string;
  /** Left out first when the width is short. */
  optional?: boolean;
}

/** Checkers a lesson about reads always shows, zero or not (as plain mode does). */
const READ_CHECKERS: readonly CheckerName[] = ['stale-read', 'read-your-writes', 'monotonic-reads'];

const CHECKER_NAMES: Record<
  CheckerName,
  { names: string[]; spelled?: Readonly<Record<string, string>> }
> = {
  'stale-read': { names: ['stale reads', 'stale'] },
  'read-your-writes': {
    names: ['read-your-writes', 'ryw'],
    spelled: { ryw: 'ryw = read-your-writes violations' },
  },
  'monotonic-reads': {
    names: ['monotonic reads', 'monotonic', 'mono'],
    spelled: { mono: 'mono = monotonic-reads violations' },
  },
  'consistent-prefix': {
    names: ['consistent prefix', 'prefix'],
    spelled: { prefix: 'prefix = consistent-prefix violations' },
  },
  'lost-writes': { names: ['lost writes', 'lost'] },
  divergence: {
    names: ['divergence', 'diverged', 'div'],
    spelled: { div: 'div = diverged replicas' },
  },
  'split-brain': { names: ['split-brain', 'split'] },
  'reused-id': { names: ['reused ids', 'reused'] },
  conflicts: { names: ['conflicts', 'conflict'] },
  siblings: {
    names: ['sibling reads', 'siblings', 'sib'],
    spelled: { sib: 'sib = reads that returned siblings' },
  },
};

function checkerColumn(name: CheckerName): Column {
  const n = CHECKER_NAMES[name];
  return {
    names: n.names,
    spelled: n.spelled,
    cell: (r) => String(r.byChecker[name] ?? 0),
  };
}

/** The columns after the policy, in order, for what the step measures. */
export function experimentColumns(
  rows: readonly ExperimentRow[],
  measure: readonly Measure[] = ['anomalies', 'leaderLoad', 'p50', 'p99'],
): Column[] {
  const cols: Column[] = [];
  const checkers = new Set<CheckerName>();
  if (measure.includes('anomalies')) {
    for (const c of READ_CHECKERS) checkers.add(c);
    // Any other checker that found something in some run.
    for (const c of CHECKERS) if (rows.some((r) => (r.byChecker[c] ?? 0) > 0)) checkers.add(c);
  } else if (measure.includes('staleReads')) {
    checkers.add('stale-read');
  }
  // Leaderless quorum rows: stale reads out of how many reads.
  if (measure.includes('staleReads') && rows.some((r) => r.quorum !== undefined)) {
    cols.push({ names: ['reads'], cell: (r) => String(r.reads ?? 0) });
  }
  for (const c of CHECKERS) if (checkers.has(c)) cols.push(checkerColumn(c));
  if (measure.includes('leaderLoad')) {
    cols.push({
      names: ['leader load', 'leader'],
      spelled: { leader: 'leader = share of reads the leader served' },
      cell: (r) => `${r.leaderLoad}%`,
    });
  }
  if (measure.includes('p50')) {
    cols.push({ names: ['p50'], cell: (r) => formatDuration(r.p50), optional: true });
  }
  if (measure.includes('p99')) cols.push({ names: ['p99'], cell: (r) => formatDuration(r.p99) });
  return cols;
}

export interface ExperimentTable {
  /** Header first, then a line per policy. */
  lines: string[];
  /** What the short headers stand for, when some are short. */
  legend?: string;
}

/** The table in at most `width` columns. */
export function experimentTable(
  rows: readonly ExperimentRow[],
  width = 80,
  measure?: readonly Measure[],
): ExperimentTable {
  const all = experimentColumns(rows, measure);
  const label = rows.some((r) => r.quorum !== undefined) ? 'quorum' : 'policy';
  const policyWidth = Math.max(textWidth(label), ...rows.map((r) => textWidth(r.policy)));
  // Full names, then short names, then without the optional columns; two spaces between
  // columns, then one.
  const tries: { cols: Column[]; level: number; gap: number }[] = [];
  for (const gap of [2, 1]) {
    for (let level = 0; level < 3; level++) tries.push({ cols: all, level, gap });
    tries.push({ cols: all.filter((c) => !c.optional), level: 2, gap });
  }
  const widthOf = (c: Column, level: number) => {
    const name = c.names[Math.min(level, c.names.length - 1)] ?? '';
    return Math.max(textWidth(name), ...rows.map((r) => textWidth(c.cell(r))));
  };
  const total = (t: (typeof tries)[number]) =>
    policyWidth + t.cols.reduce((w, c) => w + t.gap + widthOf(c, t.level), 0);
  const chosen = tries.find((t) => total(t) <= width) ?? tries[tries.length - 1];
  if (!chosen) return { lines: [] };
  const { cols, level, gap } = chosen;
  const sep = ' '.repeat(gap);
  const widths = cols.map((c) => widthOf(c, level));
  const names = cols.map((c) => c.names[Math.min(level, c.names.length - 1)] ?? '');
  const line = (first: string, cells: string[]) =>
    truncate(
      padEnd(first, policyWidth) +
        cells.map((cell, i) => sep + padStart(cell, widths[i] ?? 0)).join(''),
      width,
    );
  const lines = [
    line(label, names),
    ...rows.map((r) =>
      line(
        r.policy,
        cols.map((c) => c.cell(r)),
      ),
    ),
  ];
  const spelled = cols.flatMap((c, i) => {
    const words = c.spelled?.[names[i] ?? ''];
    return words ? [words] : [];
  });
  return spelled.length > 0 ? { lines, legend: `${spelled.join('; ')}.` } : { lines };
}
