// Text styled exactly as Ink's <Text> styles it: the same chalk calls in the same order. A
// pane can then hand Ink one pre-composed string per line instead of a tree of nested
// <Text>s, which Ink would reconcile, lay out and squash again on every frame; what reaches
// the screen is the same characters with the same styles.
import chalk from 'chalk';

/** The <Text> style props a run of text may carry (colours by name, as the theme gives). */
export interface Paint {
  color?: string;
  dimColor?: boolean;
  bold?: boolean;
  italic?: boolean;
  inverse?: boolean;
}

/** Some text in a style; a bare string is unstyled. */
export type Run = string | { text: string; paint: Paint };

/** A named chalk colour, as Ink's colorize looks it up; unknown names leave the text as is. */
function colorize(text: string, color: string): string {
  const style: unknown = Reflect.get(chalk, color);
  return typeof style === 'function' ? style(text) : text;
}

/** `text` as `<Text {...p}>{text}</Text>` draws it. */
export function paint(text: string, p: Paint): string {
  if (text === '') return text;
  let s = text;
  if (p.dimColor) s = chalk.dim(s);
  if (p.color) s = colorize(s, p.color);
  if (p.bold) s = chalk.bold(s);
  if (p.italic) s = chalk.italic(s);
  if (p.inverse) s = chalk.inverse(s);
  return s;
}

/** Runs side by side, as one <Text> holding a styled <Text> per run draws them. */
export function composeRuns(runs: readonly Run[]): string {
  let out = '';
  for (const r of runs) out += typeof r === 'string' ? r : paint(r.text, r.paint);
  return out;
}

/** The runs' text without styles. */
export function runsText(runs: readonly Run[]): string {
  let out = '';
  for (const r of runs) out += typeof r === 'string' ? r : r.text;
  return out;
}
