// The Markdown subset lessons use, parsed to plain data: paragraphs, headings, bullet and
// numbered lists, block quotes (`> `), with **bold**, *italic* / _italic_ and `code` inline. Then laid out into
// lines of styled spans for a given width, so the view only prints.
import { charWidth, graphemes, textWidth } from './text.js';

export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
}

export type Block =
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'heading'; spans: Span[] }
  | { kind: 'quote'; spans: Span[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Span[][] };

type Style = Omit<Span, 'text'>;

function sameStyle(a: Style, b: Style): boolean {
  return (
    Boolean(a.bold) === Boolean(b.bold) &&
    Boolean(a.italic) === Boolean(b.italic) &&
    Boolean(a.code) === Boolean(b.code)
  );
}

function push(out: Span[], text: string, style: Style): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && sameStyle(last, style)) last.text += text;
  else out.push({ text, ...style });
}

const WORD = /[\p{L}\p{N}]/u;

/** Whether a `_` at `i` may open (or close) emphasis: not inside a word like snake_case. */
function underscoreBoundary(text: string, i: number, opening: boolean): boolean {
  const outside = opening ? text[i - 1] : text[i + 1];
  return outside === undefined || !WORD.test(outside);
}

function parseInto(text: string, style: Style, out: Span[]): void {
  let plain = '';
  let i = 0;
  const flush = () => {
    push(out, plain, style);
    plain = '';
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length && /[\\`*_]/.test(text[i + 1] as string)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        push(out, text.slice(i + 1, end), { ...style, code: true });
        i = end + 1;
        continue;
      }
    }
    if (ch === '*' && text[i + 1] === '*') {
      let end = text.indexOf('**', i + 2);
      // In a run like `***`, the last two close the bold (`**x *y***`).
      while (end !== -1 && text[end + 2] === '*') end += 1;
      if (end > i + 2) {
        flush();
        parseInto(text.slice(i + 2, end), { ...style, bold: true }, out);
        i = end + 2;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && text[i + 1] !== ch && text[i + 1] !== ' ') {
      const opens = ch === '*' || underscoreBoundary(text, i, true);
      let end = opens ? text.indexOf(ch, i + 1) : -1;
      while (end !== -1 && ch === '_' && !underscoreBoundary(text, end, false)) {
        end = text.indexOf(ch, end + 1);
      }
      if (end > i + 1 && text[end - 1] !== ' ') {
        flush();
        parseInto(text.slice(i + 1, end), { ...style, italic: true }, out);
        i = end + 1;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  flush();
}

export function parseInline(text: string): Span[] {
  const out: Span[] = [];
  parseInto(text, {}, out);
  return out;
}

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*(\d+)[.)]\s+(.*)$/;
const HEADING = /^\s*#{1,6}\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; start: number; items: string[] } | undefined;
  let quote: string[] = [];

  const endParagraph = () => {
    if (paragraph.length > 0) {
      blocks.push({ kind: 'paragraph', spans: parseInline(paragraph.join(' ')) });
      paragraph = [];
    }
  };
  const endQuote = () => {
    if (quote.length > 0) {
      blocks.push({ kind: 'quote', spans: parseInline(quote.join(' ')) });
      quote = [];
    }
  };
  const endList = () => {
    if (list) {
      blocks.push({
        kind: 'list',
        ordered: list.ordered,
        start: list.start,
        items: list.items.map(parseInline),
      });
      list = undefined;
    }
  };

  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      endParagraph();
      endList();
      endQuote();
      continue;
    }
    const quoted = QUOTE.exec(line);
    if (quoted) {
      // Consecutive `> ` lines are one quoted paragraph.
      endParagraph();
      endList();
      const text = (quoted[1] ?? '').trim();
      if (text === '') endQuote();
      else quote.push(text);
      continue;
    }
    endQuote();
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (heading) {
      endParagraph();
      endList();
      blocks.push({ kind: 'heading', spans: parseInline((heading[1] ?? '').trim()) });
    } else if (bullet || numbered) {
      endParagraph();
      const ordered = Boolean(numbered);
      if (list && list.ordered !== ordered) endList();
      if (!list) {
        list = { ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      }
      list.items.push(((numbered ? numbered[2] : bullet?.[1]) ?? '').trim());
    } else if (list && /^\s/.test(line)) {
      // An indented line continues the current list item.
      const last = list.items.length - 1;
      list.items[last] = `${list.items[last] ?? ''} ${line.trim()}`;
    } else {
      endList();
      paragraph.push(line.trim());
    }
  }
  endParagraph();
  endList();
  endQuote();
  return blocks;
}

/** A word is the non-space text between spaces; it may mix styles (`**x**,`). */
function words(spans: readonly Span[]): Span[][] {
  const out: Span[][] = [];
  let word: Span[] = [];
  for (const span of spans) {
    const { text, ...style } = span;
    for (const part of text.split(/(\s+)/)) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        if (word.length > 0) out.push(word);
        word = [];
      } else {
        push(word, part, style);
      }
    }
  }
  if (word.length > 0) out.push(word);
  return out;
}

function spansWidth(spans: readonly Span[]): number {
  let w = 0;
  for (const s of spans) w += textWidth(s.text);
  return w;
}

/** Split a word wider than a line into pieces of at most `width` columns. */
function splitWord(word: readonly Span[], width: number): Span[][] {
  const pieces: Span[][] = [];
  let piece: Span[] = [];
  let w = 0;
  for (const span of word) {
    const { text, ...style } = span;
    for (const ch of graphemes(text)) {
      const cw = charWidth(ch);
      if (w + cw > width && w > 0) {
        pieces.push(piece);
        piece = [];
        w = 0;
      }
      push(piece, ch, style);
      w += cw;
    }
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

/** Greedy word wrap of styled text; always returns at least one (possibly empty) line. */
export function wrapSpans(spans: readonly Span[], width: number): Span[][] {
  const w = Math.max(1, width);
  const lines: Span[][] = [];
  let line: Span[] = [];
  let lineWidth = 0;
  for (const word of words(spans)) {
    const ww = spansWidth(word);
    if (ww > w) {
      if (line.length > 0) lines.push(line);
      const pieces = splitWord(word, w);
      const last = pieces.pop() ?? [];
      lines.push(...pieces);
      line = [...last];
      lineWidth = spansWidth(line);
      continue;
    }
    const gap = line.length > 0 ? 1 : 0;
    if (lineWidth + gap + ww > w) {
      lines.push(line);
      line = [];
      lineWidth = 0;
    }
    if (line.length > 0) {
      push(line, ' ', {});
      lineWidth += 1;
    }
    for (const s of word) {
      const { text, ...style } = s;
      push(line, text, style);
    }
    lineWidth += ww;
  }
  lines.push(line);
  return lines;
}

export interface LayoutOptions {
  /** Keep the backticks around code, for terminals where code cannot be told by colour. */
  codeTicks?: boolean;
}

function withTicks(spans: readonly Span[]): Span[] {
  return spans.map((s) => (s.code ? { ...s, text: `\`${s.text}\`` } : s));
}

/** Lines of styled spans, blocks separated by one empty line, lists with hanging indents. */
export function layoutMarkdown(
  source: string,
  width: number,
  options: LayoutOptions = {},
): Span[][] {
  const prepare = (spans: readonly Span[]) => (options.codeTicks ? withTicks(spans) : [...spans]);
  const lines: Span[][] = [];
  for (const block of parseMarkdown(source)) {
    if (lines.length > 0) lines.push([]);
    if (block.kind === 'paragraph') {
      lines.push(...wrapSpans(prepare(block.spans), width));
    } else if (block.kind === 'heading') {
      const bold = prepare(block.spans).map((s) => ({ ...s, bold: true }));
      lines.push(...wrapSpans(bold, width));
    } else if (block.kind === 'quote') {
      // A bar in the margin marks a quotation without colour.
      for (const line of wrapSpans(prepare(block.spans), width - 2)) {
        lines.push([{ text: '│ ' }, ...line]);
      }
    } else {
      const last = block.start + block.items.length - 1;
      const markerWidth = block.ordered ? String(last).length + 2 : 2;
      block.items.forEach((item, i) => {
        const marker = block.ordered ? `${block.start + i}.`.padEnd(markerWidth) : '• ';
        const wrapped = wrapSpans(prepare(item), width - markerWidth);
        wrapped.forEach((line, j) => {
          const lead = j === 0 ? marker : ' '.repeat(markerWidth);
          lines.push([{ text: lead }, ...line]);
        });
      });
    }
  }
  return lines;
}

export function spansText(spans: readonly Span[]): string {
  return spans.map((s) => s.text).join('');
}

/**
 * The first `max` lines; when some are left out, the last line kept ends in "…" (within
 * `width`), so a cut never reads as the end of the text.
 */
export function clipLines(lines: readonly Span[][], max: number, width: number): Span[][] {
  if (lines.length <= max) return [...lines];
  if (max <= 0) return [];
  const kept = lines.slice(0, max);
  const last = kept[max - 1] ?? [];
  const out: Span[] = [];
  let used = 0;
  const room = Math.max(0, width - 1);
  for (const s of last) {
    let text = '';
    for (const ch of s.text) {
      const w = charWidth(ch);
      if (used + w > room) break;
      text += ch;
      used += w;
    }
    if (text) out.push({ ...s, text });
    if (text.length < s.text.length) break;
  }
  // No dangling space or punctuation before the ellipsis.
  const tail = out[out.length - 1];
  if (tail) tail.text = tail.text.replace(/[\s,;:]+$/, '');
  out.push({ text: '…' });
  kept[max - 1] = out;
  return kept;
}
