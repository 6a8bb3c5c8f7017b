// The replication status view as text: what a monitoring endpoint's JSON would say about
// every node, turned into two tables. Positions first (role, state, LSN received and
// applied, how far behind in bytes and entries, what a slot keeps, disk), then lag in time
// as PostgreSQL (pg_stat_replication's write/replay lag, now() − last replay timestamp) and
// MySQL (Seconds_Behind_Source) each report it. Every figure is the simulator's
// (NodeSnapshot.metrics); this file only formats and fits them. Pure, so it is testable.
import type { ClusterSnapshot, NodeSnapshot } from '../../sim/index.js';
import { shardLeadersText } from '../cluster/shard-label.js';
import { formatBytes, formatDuration } from '../text/format.js';
import { textWidth, truncate } from '../text/text.js';
import { ROLE } from '../theme/theme.js';

/** What the real systems print for a missing value. */
const NULL = 'NULL';
/** Not applicable to this node (a leader has no replay lag). */
const NONE = '—';

interface Column {
  head: string;
  cell: (n: NodeSnapshot) => string;
  /** Right-aligned (numbers). */
  right?: boolean;
}

const ms = (v: number | null | undefined) =>
  v === null || v === undefined ? NULL : formatDuration(v);

function positionColumns(snapshot: ClusterSnapshot): Column[] {
  const slots = snapshot.nodes.some((n) => n.metrics?.slotRetainedBytes !== null);
  const cols: Column[] = [
    { head: '  node', cell: (n) => `${ROLE[n.role].glyph} ${n.id}` },
    // Sharded: which shard (each has its own log, so LSNs compare only within one).
    ...(snapshot.shards ? [{ head: 'shard', cell: (n: NodeSnapshot) => n.shard ?? '' }] : []),
    { head: 'state', cell: (n) => n.status },
    { head: 'received', cell: (n) => String(n.metrics?.receivedLsn ?? n.receivedLsn), right: true },
    { head: 'applied', cell: (n) => String(n.metrics?.appliedLsn ?? n.appliedLsn), right: true },
    {
      head: 'behind',
      cell: (n) => (isLeader(n) ? NONE : formatBytes(n.metrics?.appliedBehindBytes ?? n.lagBytes)),
      right: true,
    },
    {
      head: 'entries',
      cell: (n) => (isLeader(n) ? NONE : String(n.metrics?.appliedBehindEntries ?? n.lagEntries)),
      right: true,
    },
  ];
  if (slots) {
    cols.push({
      head: 'slot keeps',
      cell: (n) => {
        const b = n.metrics?.slotRetainedBytes;
        return b === null || b === undefined ? NONE : formatBytes(b);
      },
      right: true,
    });
  }
  return cols;
}

/** One line per node with a disk: used of size, and the share. */
function diskLines(snapshot: ClusterSnapshot, width: number): string[] {
  const out: string[] = [];
  for (const n of snapshot.nodes) {
    const m = n.metrics;
    if (!m || m.disk === null) continue;
    const share = Math.floor((100 * m.diskUsed) / m.disk);
    const kept = m.retainedBytes > 0 ? `, ${formatBytes(m.retainedBytes)} of it log kept` : '';
    out.push(
      truncate(
        `disk ${n.id}: ${formatBytes(m.diskUsed)} of ${formatBytes(m.disk)} used (${share}%)${kept}`,
        width,
      ),
    );
  }
  return out;
}

function isLeader(n: NodeSnapshot): boolean {
  return n.role === 'leader';
}

/** Lag in time, per follower, as each system measures it. */
const TIME_COLUMNS: Column[] = [
  { head: 'node', cell: (n) => n.id },
  { head: 'write_lag', cell: (n) => ms(n.metrics?.writeLag), right: true },
  { head: 'replay_lag', cell: (n) => ms(n.metrics?.replayLag), right: true },
  { head: 'replay age', cell: (n) => ms(n.metrics?.replayAge), right: true },
  {
    head: 'Seconds_Behind_Source',
    cell: (n) => {
      const s = n.metrics?.secondsBehind;
      return s === null || s === undefined ? NULL : String(s);
    },
    right: true,
  },
];

function pad(text: string, width: number, right: boolean): string {
  const gap = ' '.repeat(Math.max(0, width - textWidth(text)));
  return right ? gap + text : text + gap;
}

/** The table's lines, heading row first, each cut to the width. */
function tableLines(
  cols: readonly Column[],
  rows: readonly NodeSnapshot[],
  width: number,
): string[] {
  const widths = cols.map((c) =>
    Math.max(textWidth(c.head), ...rows.map((r) => textWidth(c.cell(r)))),
  );
  const line = (cells: string[]) =>
    truncate(cells.map((c, i) => pad(c, widths[i]!, cols[i]!.right ?? false)).join('  '), width);
  return [line(cols.map((c) => c.head)), ...rows.map((r) => line(cols.map((c) => c.cell(r))))];
}

export interface StatusLines {
  /** The title line. */
  title: string;
  positions: string[];
  /** `disk primary: 480 GB of 500 GB used (96%)`, per node with a disk. */
  disks: string[];
  /** The time table's caption and lines; empty when there are no followers. */
  timeCaption: string;
  times: string[];
}

function leaderWords(snapshot: ClusterSnapshot): string {
  const shards = shardLeadersText(snapshot);
  return shards !== undefined ? `leaders ${shards}` : `leader ${snapshot.leader ?? 'none'}`;
}

/** Both tables for a snapshot at `width` columns. */
export function statusLines(snapshot: ClusterSnapshot, width: number, now: string): StatusLines {
  const followers = snapshot.nodes.filter((n) => n.role === 'follower');
  return {
    title: truncate(`replication status at ${now} · ${leaderWords(snapshot)} · t hides`, width),
    positions: tableLines(positionColumns(snapshot), snapshot.nodes, width),
    disks: diskLines(snapshot, width),
    timeCaption:
      followers.length > 0
        ? truncate('lag in time: PostgreSQL (write/replay lag, replay age) · MySQL', width)
        : '',
    times: followers.length > 0 ? tableLines(TIME_COLUMNS, followers, width) : [],
  };
}

/** Rows the view needs for a snapshot (title, both tables, the caption). */
export function statusHeight(snapshot: ClusterSnapshot): number {
  const followers = snapshot.nodes.filter((n) => n.role === 'follower').length;
  const disks = snapshot.nodes.filter((n) => n.metrics && n.metrics.disk !== null).length;
  return 1 + 1 + snapshot.nodes.length + disks + (followers > 0 ? 2 + followers : 0);
}
