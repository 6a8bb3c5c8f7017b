// The replication status view (key `t`): the status tables of status-table.ts in place of
// the cluster, lag chart and event log, cut to the rows the pane has.
import type { ClusterSnapshot } from '../../sim/index.js';
import { type PaintedLine, PaintedLines } from '../text/painted-lines.js';
import type { Theme } from '../theme/theme.js';
import { useTheme } from '../theme/use-theme.js';
import { statusLines } from './status-table.js';

export interface StatusViewProps {
  snapshot: ClusterSnapshot;
  width: number;
  height: number;
  /** The time to print in the title (the player's clock). */
  now: string;
}

export function statusViewLines(props: StatusViewProps, theme: Theme): PaintedLine[] {
  const s = statusLines(props.snapshot, props.width, props.now);
  const head = { bold: true, color: theme.color('heading') };
  const lines: PaintedLine[] = [
    { text: s.title, paint: head },
    { text: s.positions[0]!, paint: { dimColor: true } },
    ...s.positions.slice(1).map((text) => ({ text })),
    ...s.disks.map((text) => ({ text })),
  ];
  if (s.times.length > 0) {
    lines.push({ text: s.timeCaption, paint: head });
    lines.push({ text: s.times[0]!, paint: { dimColor: true } });
    lines.push(...s.times.slice(1).map((text) => ({ text })));
  }
  return lines.slice(0, Math.max(0, props.height));
}

export function StatusView(props: StatusViewProps) {
  const theme = useTheme();
  return <PaintedLines lines={statusViewLines(props, theme)} width={props.width} />;
}
