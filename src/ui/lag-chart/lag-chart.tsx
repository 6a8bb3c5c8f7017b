// Lag per follower over recent virtual time, one sparkline each on a shared scale.
import type { Ms, NodeId } from '../../sim/index.js';
import { formatDuration } from '../text/format.js';
import { composeRuns } from '../text/paint.js';
import { type PaintedLine, PaintedLines } from '../text/painted-lines.js';
import { padEnd, padStart, textWidth } from '../text/text.js';
import type { Theme } from '../theme/theme.js';
import { useTheme } from '../theme/use-theme.js';
import { type Sample, seriesMax, sparkline } from './sparkline.js';

export interface LagSeries {
  node: NodeId;
  /** Oldest first; null where the node had no lag to report (down, not yet added). */
  samples: readonly Sample[];
}

export interface LagChartProps {
  series: readonly LagSeries[];
  width: number;
  /** Rows available (title included); extra series are cut with a "more" line. */
  height?: number;
  /** What the samples count: milliseconds of lag, or entries behind. */
  unit: 'ms' | 'entries';
  /** Virtual time the samples span, for the title. */
  span?: Ms;
}

function formatLag(value: number, unit: LagChartProps['unit']): string {
  return unit === 'ms' ? formatDuration(value) : `${value} ent`;
}

/** The chart's lines: the title with the span and scale, a sparkline per series that fits. */
export function lagChartLines(
  { series, width, height, unit, span }: LagChartProps,
  theme: Theme,
): PaintedLine[] {
  const max = Math.max(0, ...series.map((s) => seriesMax(s.samples)));
  const nameWidth = Math.min(14, Math.max(4, ...series.map((s) => textWidth(s.node))));
  const valueWidth = 8;
  const chartWidth = Math.max(1, width - nameWidth - valueWidth - 2);
  const title =
    `lag${span === undefined ? '' : ` over the last ${formatDuration(span)}`}` +
    ` · scale 0 – ${formatLag(max, unit)}`;
  const room = height === undefined ? series.length : Math.max(0, height - 1);
  const cut = series.length > room;
  const shown = series.slice(0, cut ? Math.max(0, room - 1) : room);
  const lines: PaintedLine[] = [{ text: title, paint: { dimColor: true } }];
  for (const s of shown) {
    const last = s.samples[s.samples.length - 1];
    const now = last === null || last === undefined ? '—' : formatLag(last, unit);
    lines.push({
      text: composeRuns([
        padEnd(s.node, nameWidth),
        ' ',
        {
          text: padStart(sparkline(s.samples, chartWidth, max), chartWidth),
          paint: { color: theme.color('follower') },
        },
        ' ',
        padStart(now, valueWidth),
      ]),
    });
  }
  if (cut && room > 0) {
    lines.push({ text: `+${series.length - shown.length} more`, paint: { dimColor: true } });
  }
  return lines;
}

export function LagChart(props: LagChartProps) {
  const theme = useTheme();
  return <PaintedLines lines={lagChartLines(props, theme)} width={props.width} />;
}
