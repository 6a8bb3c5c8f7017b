// Assertions on rendered frames: size limits, and colour escape codes.
import { textWidth } from '../../src/ui/text/text.js';

export function frameLines(frame: string | undefined): string[] {
  return (frame ?? '').split('\n');
}

/** The widest line and the line count of a frame. */
export function frameSize(frame: string | undefined): { width: number; height: number } {
  const lines = frameLines(frame);
  return { width: Math.max(0, ...lines.map(textWidth)), height: lines.length };
}

/** SGR foreground colour codes (30-37, 90-97, 38;…), not bold or dim. */
export const COLOUR_CODE = new RegExp(`${String.fromCharCode(27)}\\[(?:3[0-7]|9[0-7]|38;[0-9;]+)m`);

/** The frame's words on one line, to find text regardless of where it wrapped. */
export function flat(frame: string | undefined): string {
  return (frame ?? '').replace(/\s+/g, ' ');
}
