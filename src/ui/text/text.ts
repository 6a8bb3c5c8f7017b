// Display width and truncation of terminal text. Ink measures with string-width; the layouts
// built here (grids, padded columns) must get the same answer, or a line Ink finds one column
// wider wraps and pushes the whole screen down. string-width splits text into grapheme
// clusters, which is slow (tens of µs a string), so the common case is taken apart here:
// text in which every code point is a cluster of its own is measured code point by code
// point, each width asked of string-width once and remembered; text that can form clusters
// (combining marks, ZWJ sequences, flags, skin tones, variation selectors, Hangul jamo, escape
// codes) goes to string-width whole, and the answer is remembered too.
import stringWidth from 'string-width';

/**
 * Code points that may join a neighbour into one cluster, or are measured in context:
 * marks, controls (ESC of a colour code), format characters (ZWJ, ZWNJ, tags), default
 * ignorables (variation selectors), emoji modifiers, regional indicators, Hangul jamo, the
 * halfwidth katakana sound marks, the Thai and Lao AM vowels (spacing marks that are letters),
 * lone surrogates, and the Prepend letters that are no format characters.
 */
const CLUSTERING =
  /[\p{M}\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Emoji_Modifier}\p{Regional_Indicator}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\uff9e\uff9f\u0e33\u0eb3\u0d4e\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}]/u;

/** Printable ASCII only: one column per character. */
const ASCII = /^[\x20-\x7e]*$/;

/** Widths of single code points, as string-width gives them. */
const codePointWidths = new Map<number, number>();
/** Widths of whole strings that can form clusters; started over past the bound. */
let clusteredWidths = new Map<string, number>();
const MAX_CLUSTERED = 10_000;

function codePointWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  let w = codePointWidths.get(cp);
  if (w === undefined) {
    w = stringWidth(ch);
    codePointWidths.set(cp, w);
  }
  return w;
}

function clusteredWidth(text: string): number {
  let w = clusteredWidths.get(text);
  if (w === undefined) {
    w = stringWidth(text);
    if (clusteredWidths.size >= MAX_CLUSTERED) clusteredWidths = new Map();
    clusteredWidths.set(text, w);
  }
  return w;
}

const segmenter = new Intl.Segmenter();

/** The characters of `text` as the terminal draws them: grapheme clusters. */
export function graphemes(text: string): string[] {
  if (!CLUSTERING.test(text)) return [...text];
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Columns of one character (a grapheme cluster, or a code point standing alone). */
export function charWidth(ch: string): number {
  if (ch.length === 1 && ch >= ' ' && ch <= '~') return 1;
  if (CLUSTERING.test(ch)) return clusteredWidth(ch);
  let w = 0;
  for (const c of ch) w += codePointWidth(c);
  return w;
}

/** Columns `text` takes in a terminal: string-width's answer (escape codes count nothing). */
export function textWidth(text: string): number {
  if (ASCII.test(text)) return text.length;
  if (CLUSTERING.test(text)) return clusteredWidth(text);
  let w = 0;
  for (const ch of text) w += codePointWidth(ch);
  return w;
}

/**
 * Cut plain `text` (no escape codes) to at most `width` columns, ending in '…' when something
 * was cut. Never inside a cluster.
 */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of graphemes(text)) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

export function padEnd(text: string, width: number): string {
  const t = truncate(text, width);
  return t + ' '.repeat(Math.max(0, width - textWidth(t)));
}

export function padStart(text: string, width: number): string {
  const t = truncate(text, width);
  return ' '.repeat(Math.max(0, width - textWidth(t))) + t;
}

export function center(text: string, width: number): string {
  const t = truncate(text, width);
  const room = Math.max(0, width - textWidth(t));
  const left = Math.floor(room / 2);
  return ' '.repeat(left) + t + ' '.repeat(room - left);
}

/** Plain words wrapped into rows of at most `width` columns (a longer word gets a row). */
export function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (textWidth(next) <= width || line === '') line = next;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  return out;
}
