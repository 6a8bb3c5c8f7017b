// Lines of styled text in a fixed number of rows, scrolled to an offset; a last line says
// what is cut off and how to scroll to it.
import { Box, Text } from 'ink';
import { type PaintedLine, PaintedText } from '../text/painted-lines.js';
import { spansText } from '../text/styled-line.js';
import { useTheme } from '../theme/use-theme.js';
import type { PaneLine } from './narration-lines.js';

/** The largest useful scroll offset for `count` lines in `height` rows. */
export function maxScroll(count: number, height: number): number {
  return count <= height ? 0 : Math.max(0, count - Math.max(1, height - 1));
}

export interface PaneLinesProps {
  lines: readonly PaneLine[];
  width: number;
  height: number;
  offset?: number;
  /** The keys that scroll, as the note names them (a task's line has ↑↓ for its history). */
  keys?: { down: string; up: string };
}

const ARROWS = { down: '↓/j', up: '↑/k' };

export function PaneLines({ lines, width, height, offset = 0, keys = ARROWS }: PaneLinesProps) {
  const theme = useTheme();
  if (height <= 0) return null;
  const fits = lines.length <= height;
  const room = fits ? height : Math.max(1, height - 1);
  const start = fits ? 0 : Math.min(Math.max(0, offset), maxScroll(lines.length, height));
  const shown = lines.slice(start, start + room);
  const below = lines.length - start - shown.length;
  const note =
    fits || height < 2
      ? undefined
      : below > 0
        ? `↓ ${below} more line${below === 1 ? '' : 's'} (${keys.down} scrolls)`
        : `↑ ${start} line${start === 1 ? '' : 's'} above (${keys.up} scrolls back)`;
  return (
    <Box flexDirection="column" width={width}>
      {shown.map((line, i) => {
        const color = line.tone ? theme.color(line.tone) : undefined;
        const text: PaintedLine = {
          text: spansText(line.spans, theme),
          paint: { color, dimColor: line.dim },
        };
        if (!line.lead) {
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
          return <PaintedText key={start + i} line={text} width={width} />;
        }
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
          <Box key={start + i} width={width}>
            <Text color={color} bold={Boolean(line.tone)}>
              {line.lead}
            </Text>
            <PaintedText line={text} />
          </Box>
        );
      })}
      {note ? (
        <Text dimColor wrap="truncate-end">
          {note}
        </Text>
      ) : null}
    </Box>
  );
}
