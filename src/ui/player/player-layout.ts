// How the player spends the terminal: the header and footer lines, then the narration (or
// question), the cluster, the lag chart and the event log (or the space-time diagram). Pure,
// so the split is testable. Narrower than SPLIT_COLUMNS the panes stack; wider, the
// narration gets a column of its own and the cluster side fills the rest.
import type { ClusterSnapshot } from '../../sim/index.js';
import { clusterPaneHeight, planClusterLayout } from '../cluster/cluster-layout.js';
import { describeLinks } from '../cluster/links.js';
import { statusHeight } from '../status-view/status-table.js';

export const SPLIT_COLUMNS = 120;
const NARRATION_MIN = 4;
const EVENTS_MIN = 3;
const DIAGRAM_MIN = 6;
/** Share of the body narration may take while the cluster plays. */
const WATCH_NARRATION_SHARE = 0.4;

export interface Rect {
  width: number;
  height: number;
}

export interface PlayerLayout {
  split: boolean;
  /** Rows between the header and the footer. */
  body: number;
  narration: Rect;
  cluster: Rect;
  /** Height 0: not shown. */
  lag: Rect;
  events: Rect;
  diagram: Rect;
  /** The replication status table, in place of the others (height 0: not shown). */
  status: Rect;
}

export interface LayoutInput {
  columns: number;
  rows: number;
  snapshot: ClusterSnapshot;
  /** Lines the narration (or question) would like. */
  narration: number;
  /** Series in the lag chart. */
  followers: number;
  diagram: boolean;
  /** The status table instead of the cluster panes. */
  status?: boolean;
  /** A question, feedback or waiting narration: reading comes before watching. */
  reading: boolean;
}

/** The table form with every node and two link lines: the least the cluster pane gets. */
function compactHeight(snapshot: ClusterSnapshot): number {
  const partition = snapshot.partition.length > 0 ? 1 : 0;
  const links = Math.min(2, describeLinks(snapshot).length);
  return 1 + partition + 1 + snapshot.nodes.length + links;
}

function clusterHeight(snapshot: ClusterSnapshot, width: number, budget: number): number {
  return clusterPaneHeight(planClusterLayout(snapshot, width, budget), snapshot);
}

interface Side {
  cluster: Rect;
  lag: Rect;
  events: Rect;
  diagram: Rect;
  status: Rect;
}

/** Cluster, lag chart and events (or the diagram) in `height` rows of `width`. */
function watchPanes(input: LayoutInput, width: number, height: number): Side {
  const { snapshot } = input;
  const none = { width, height: 0 };
  const compact = compactHeight(snapshot);
  if (input.status) {
    return { cluster: none, lag: none, events: none, diagram: none, status: { width, height } };
  }
  if (input.diagram) {
    const cluster = clusterHeight(snapshot, width, Math.min(height, compact));
    return {
      cluster: { width, height: cluster },
      lag: none,
      events: none,
      diagram: { width, height: height - cluster },
      status: none,
    };
  }
  const lagWant = input.followers > 0 ? input.followers + 1 : 0;
  const full = clusterHeight(snapshot, width, Number.POSITIVE_INFINITY);
  const budget = Math.min(height, full, Math.max(compact, height - lagWant - EVENTS_MIN));
  const cluster = clusterHeight(snapshot, width, budget);
  const rest = height - cluster;
  // A chart cut short still needs its title, one series and the "+N more" line.
  const room = rest - EVENTS_MIN;
  const lag = room >= lagWant ? lagWant : room >= 3 ? room : 0;
  return {
    cluster: { width, height: cluster },
    lag: { width, height: lag },
    events: { width, height: rest - lag },
    diagram: none,
    status: none,
  };
}

/** Width of the narration: all columns when stacked, its own column when split. */
export function narrationWidth(columns: number): number {
  return columns >= SPLIT_COLUMNS
    ? Math.min(72, Math.max(48, Math.floor(columns * 0.42)))
    : columns;
}

export function planPlayerLayout(input: LayoutInput): PlayerLayout {
  const { columns, rows } = input;
  // Root box: rows - 1 (a frame as tall as the terminal makes Ink clear the screen every frame); header and footer take one line each.
  const body = Math.max(0, rows - 1 - 2);
  if (columns >= SPLIT_COLUMNS) {
    const left = narrationWidth(columns);
    const right = columns - left - 1;
    return {
      split: true,
      body,
      narration: { width: left, height: body },
      ...watchPanes(input, right, body),
    };
  }
  const lagWant = input.followers > 0 ? input.followers + 1 : 0;
  const compact = input.status ? statusHeight(input.snapshot) : compactHeight(input.snapshot);
  const keep = input.status
    ? 0
    : input.diagram
      ? DIAGRAM_MIN
      : input.reading
        ? 0
        : lagWant + EVENTS_MIN;
  let most = body - compact - keep;
  if (!input.reading) most = Math.min(most, Math.floor(body * WATCH_NARRATION_SHARE));
  const least = Math.min(NARRATION_MIN, Math.max(0, body - compact));
  const narration = Math.max(least, Math.min(input.narration, most));
  return {
    split: false,
    body,
    narration: { width: columns, height: narration },
    ...watchPanes(input, columns, body - narration),
  };
}
