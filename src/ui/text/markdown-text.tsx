// Lesson narration: Markdown laid out to the given width, cut to the given height.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useTheme } from '../theme/use-theme.js';
import { layoutMarkdown } from './markdown.js';
import { StyledLine } from './styled-line.js';

export interface MarkdownTextProps {
  text: string;
  width: number;
  /** Rows available; longer text is cut with a "more" line. */
  height?: number;
  /** First line to show, for scrolling long narration. */
  offset?: number;
}

export function MarkdownText({ text, width, height, offset = 0 }: MarkdownTextProps) {
  const theme = useTheme();
  // Without colour, code keeps its backticks so it still stands out.
  const lines = useMemo(
    () => layoutMarkdown(text, width, { codeTicks: !theme.colorEnabled }),
    [text, width, theme.colorEnabled],
  );
  const start = Math.max(0, Math.min(offset, lines.length - 1));
  let visible = lines.slice(start);
  let more = 0;
  if (height !== undefined && visible.length > height) {
    // The "more" line takes the last row; with no room at all, show nothing.
    const keep = Math.max(0, height - 1);
    more = visible.length - keep;
    visible = visible.slice(0, keep);
  }
  return (
    <Box flexDirection="column" width={width}>
      {visible.map((spans, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <StyledLine key={start + i} spans={spans} />
      ))}
      {more > 0 && height !== undefined && height > 0 ? (
        <Text dimColor wrap="truncate-end">
          {`↓ ${more} more line${more === 1 ? '' : 's'}`}
        </Text>
      ) : null}
    </Box>
  );
}
