// Splitting a typed command into words. Words are separated by spaces; "double" or 'single'
// quotes keep spaces inside one word (a value like "hello world"); `|` is always a word of its
// own, so `partition primary|replica-1` reads like `partition primary | replica-1`.

export interface Token {
  text: string;
  /** Where the word starts and ends in the line (end exclusive), quotes included. */
  start: number;
  end: number;
  /** Written in quotes: always text, never a keyword. */
  quoted: boolean;
  /** A quote that was opened and not closed (only while typing: completion). */
  open?: boolean;
}

export type Tokenized = { ok: true; tokens: Token[] } | { ok: false; error: string; at: number };

const SPACE = /\s/;

/** The words of `line`. An unclosed quote is an error unless `lenient` (completion). */
export function tokenize(line: string, lenient = false): Tokenized {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    if (c === '|') {
      tokens.push({ text: '|', start: i, end: i + 1, quoted: false });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      let text = '';
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i]!;
        if (d === c) {
          closed = true;
          i++;
          break;
        }
        // Inside double quotes a backslash escapes the next character (\" and \\).
        if (d === '\\' && c === '"' && i + 1 < line.length) {
          text += line[i + 1];
          i += 2;
          continue;
        }
        text += d;
        i++;
      }
      if (!closed && !lenient) {
        return {
          ok: false,
          error: `the quote opened at column ${start + 1} is not closed`,
          at: start,
        };
      }
      tokens.push({ text, start, end: i, quoted: true, ...(closed ? {} : { open: true }) });
      continue;
    }
    const start = i;
    while (i < line.length && !SPACE.test(line[i]!) && line[i] !== '|') i++;
    tokens.push({ text: line.slice(start, i), start, end: i, quoted: false });
  }
  return { ok: true, tokens };
}

/** A word as it has to be typed: quoted when it holds spaces, quotes or `|`, or is empty. */
export function quoteWord(word: string): string {
  if (word !== '' && !/[\s"'|\\]/.test(word)) return word;
  return `"${word.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
