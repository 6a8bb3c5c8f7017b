// The event log's lines composed for Ink (paint.ts): time, glyph, the checker's labels before
// the words so a long line never cuts them off, then the words. Pure.

import { composeRuns, type Run } from '../text/paint.js';
import type { PaintedLine } from '../text/painted-lines.js';
import { formatEventTime, type StoryClock, spansDays } from '../text/story-time.js';
import { padEnd, padStart, textWidth } from '../text/text.js';
import { EVENT, type Theme } from '../theme/theme.js';
import type { EventLine } from './event-format.js';

export function eventLogLines(
  lines: readonly EventLine[],
  theme: Theme,
  clock?: StoryClock,
): PaintedLine[] {
  // The weekday only when the lines shown run past midnight on the story's clock.
  const withDay = spansDays(
    lines.map((l) => l.t),
    clock,
  );
  const times = lines.map((l) => formatEventTime(l.t, clock, withDay));
  const timeWidth = Math.max(0, ...times.map(textWidth));
  return lines.map((l, i) => {
    const runs: Run[] = [
      { text: padStart(times[i] ?? '', timeWidth), paint: { dimColor: true } },
      ' ',
      { text: `${padEnd(l.glyph, 2)} `, paint: { color: theme.color(l.tone) } },
    ];
    if (l.labels.length > 0) {
      runs.push({
        text: `${EVENT.anomaly.glyph} ${l.labels.join(', ')} — `,
        paint: { color: theme.color(EVENT.anomaly.tone), bold: true },
      });
    }
    runs.push(l.text);
    return { text: composeRuns(runs) };
  });
}
