// Standard output one line at a time for plain and JSON Lines modes. Lesson text is made safe
// when it is loaded; this is the last line of defence, so that nothing a lesson, a bank or a
// simulated value holds can reach the terminal as a control sequence (terminal-text.ts).
import { safeJsonLine, safeText } from '../lesson/format/terminal-text.js';

export function plainLines(out: { write(text: string): unknown } = process.stdout) {
  return (line: string): void => {
    out.write(`${safeText(line)}\n`);
  };
}

export function jsonLines(out: { write(text: string): unknown } = process.stdout) {
  return (line: string): void => {
    out.write(`${safeJsonLine(line)}\n`);
  };
}
