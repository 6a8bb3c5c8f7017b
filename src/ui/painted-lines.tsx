// Lines handed to Ink as one pre-composed string each (see paint.ts), cut at the pane's edge
// as a <Text wrap="truncate-end"> cuts. A line whose text and style did not change since the
// last frame is not rendered again.
import { Box, Text } from 'ink';
import { memo } from 'react';
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

export const PaintedText = memo(
  function PaintedText({ line }: { line: PaintedLine }) {
    return (
      <Text wrap="truncate-end" {...line.paint}>
        {line.text}
      </Text>
    );
  },
  (a, b) => sameLine(a.line, b.line),
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
        <PaintedText key={i} line={line} />
      ))}
    </Box>
  );
}, sameLines);
