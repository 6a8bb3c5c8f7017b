// The compact form of the cluster: one table row per node, composed as one styled line
// (paint.ts), under a header naming the columns. Pure; the cluster pane prints the lines.
import type { NodeSnapshot } from '../../sim/index.js';
import { formatBytes, formatDuration, formatValue } from '../text/format.js';
import { composeRuns } from '../text/paint.js';
import type { PaintedLine } from '../text/painted-lines.js';
import { padEnd, textWidth } from '../text/text.js';
import { ROLE, STATUS, type Theme } from '../theme/theme.js';
import { cardKeys, lagText, MAX_KEY_LINES, roleText, statusText } from './node-card.js';

/** Column widths of the compact table, shared by its header and rows. */
export const ROW_COLUMNS = { status: 18, role: 12, epoch: 3, lsn: 9 } as const;
const LAG_WIDTH = 20;

export function rowIdWidth(nodes: readonly NodeSnapshot[]): number {
  return Math.min(14, Math.max(4, ...nodes.map((n) => textWidth(n.id))));
}

export function rowHeader(idWidth: number): string {
  const c = ROW_COLUMNS;
  return [
    padEnd('node', idWidth),
    padEnd('status', c.status),
    padEnd('role', c.role),
    padEnd('ep', c.epoch),
    padEnd('LSN a/r', c.lsn),
    padEnd('lag n · time · size', LAG_WIDTH),
    'recent keys',
  ].join(' ');
}

/** One node's row, columns as in rowHeader; a highlighted node is marked › and inverted. */
export function nodeRowLine(
  node: NodeSnapshot,
  idWidth: number,
  highlighted: boolean,
  theme: Theme,
): PaintedLine {
  const c = ROW_COLUMNS;
  const status = STATUS[node.status];
  const role = ROLE[node.role];
  const lag =
    node.lagEntries === 0 && node.lagMs === 0 && node.lagBytes === 0
      ? lagText(node, LAG_WIDTH + 4).replace(/^lag /, '')
      : `${node.lagEntries} · ${formatDuration(node.lagMs)} · ${formatBytes(node.lagBytes)}`;
  const held = cardKeys(node);
  const keys =
    held.length === 0
      ? '(no data)'
      : held
          .slice(0, MAX_KEY_LINES)
          .map((k) => `${k.key}=${formatValue(k.value)}`)
          .join(' ');
  const roleColor = theme.color(role.tone);
  const text = composeRuns([
    {
      text: padEnd(highlighted ? `› ${node.id}` : node.id, idWidth),
      paint: { bold: true, inverse: highlighted, color: roleColor },
    },
    ' ',
    { text: padEnd(statusText(node), c.status), paint: { color: theme.color(status.tone) } },
    ' ',
    { text: padEnd(roleText(node), c.role), paint: { color: roleColor } },
    ' ',
    padEnd(`e${node.epoch}`, c.epoch),
    ' ',
    padEnd(`${node.appliedLsn}/${node.receivedLsn}`, c.lsn),
    ' ',
    padEnd(lag, LAG_WIDTH),
    ' ',
    { text: keys, paint: { dimColor: true } },
  ]);
  return { text };
}
