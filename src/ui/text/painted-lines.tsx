// Lines handed to Ink as one pre-composed string each (see paint.ts), cut at the pane's edge
// as a <Text wrap="truncate-end"> cuts. A line whose text, style and width did not change
// since the last frame is not rendered again.
import { Box, Text, Transform } from 'ink';
import { memo } from 'react';
import { fitLine } from './line-fit.js';
import type { Paint } from './paint.js';

export interface PaintedLine {
  /** The line's runs, composed (composeRuns); never empty, ' ' for a blank line. */
  text: string;
  /** The line's own style, applied by Ink after it cut the line to the width. */
  paint?: Paint;
}

function samePaint(a: Paint | undefined, b: Paint | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return (
    a.color === b.color &&
    a.dimColor === b.dimColor &&
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.inverse === b.inverse
  );
}

export function sameLine(a: PaintedLine, b: PaintedLine): boolean {
  return a.text === b.text && samePaint(a.paint, b.paint);
}

/** Columns of spaces Ink measures in place of a fitted line: ASCII, so measured at once. */
function standIn(width: number): string {
  return ' '.repeat(width);
}

export interface PaintedTextProps {
  line: PaintedLine;
  /** The width of the box the line is alone in; without it Ink measures and cuts the line. */
  width?: number;
}

/**
 * One line. Given its box's width, the line is cut and styled here (line-fit.ts) and handed
 * to Ink as a <Transform> of a same-width stand-in: Ink lays out and measures the stand-in and
 * writes the line in its place. Screen readers get the line's text, as from a <Text>.
 */
export const PaintedText = memo(
  function PaintedText({ line, width }: PaintedTextProps) {
    const fitted = width === undefined ? undefined : fitLine(line, width);
    if (!fitted) {
      return (
        <Text wrap="truncate-end" {...line.paint}>
          {line.text}
        </Text>
      );
    }
    return (
      <Transform transform={() => fitted.styled} accessibilityLabel={line.text}>
        {standIn(fitted.width)}
      </Transform>
    );
  },
  (a, b) => a.width === b.width && sameLine(a.line, b.line),
);

export interface PaintedLinesProps {
  lines: readonly PaintedLine[];
  width: number;
}

function sameLines(a: PaintedLinesProps, b: PaintedLinesProps): boolean {
  if (a.width !== b.width || a.lines.length !== b.lines.length) return false;
  for (let i = 0; i < a.lines.length; i++) {
    if (!sameLine(a.lines[i]!, b.lines[i]!)) return false;
  }
  return true;
}

/** The lines in a column `width` wide. */
export const PaintedLines = memo(function PaintedLines({ lines, width }: PaintedLinesProps) {
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <PaintedText key={i} line={line} width={width} />
      ))}
    </Box>
  );
}, sameLines);
