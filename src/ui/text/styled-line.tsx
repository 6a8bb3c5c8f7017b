// One line of styled spans, cut at the box edge rather than wrapped.
import { Text } from 'ink';
import type { Theme } from '../theme/theme.js';
import { useTheme } from '../theme/use-theme.js';
import type { Span } from './markdown.js';
import { composeRuns } from './paint.js';

/** The spans composed into one string (paint.ts); a line without spans is one space. */
export function spansText(spans: readonly Span[], theme: Theme): string {
  if (spans.length === 0) return ' ';
  return composeRuns(
    spans.map((s) => ({
      text: s.text,
      paint: { bold: s.bold, italic: s.italic, color: s.code ? theme.color('code') : undefined },
    })),
  );
}

export function StyledLine({ spans }: { spans: readonly Span[] }) {
  const theme = useTheme();
  return <Text wrap="truncate-end">{spansText(spans, theme)}</Text>;
}
