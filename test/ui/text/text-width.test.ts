// textWidth must give the answer Ink's own measure (string-width) gives, for every string the
// UI can print: a layout that counts one column less than Ink draws wraps a line and pushes
// the screen down a row. A fixed corpus of the hard cases, then random strings built from
// fragments that interact (a base and its marks, halves of flags, emoji and joiners, jamo,
// colour codes), and random code points from every block that has any.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { charWidth, graphemes, padEnd, textWidth, truncate } from '../../../src/ui/text/text.js';

const ESC = String.fromCharCode(27);

const CORPUS: Record<string, string[]> = {
  ascii: ['', 'a', 'db-a  715/715   k15="v715"', '~!@#$%^&*()_+{}|:"<>?', ' '.repeat(80)],
  controls: ['a\tb', 'a\nb', 'line\r\n', '\x00\x07\x7f', '\u0085', `${ESC}`],
  cjk: ['日本語', '한국어', '中文字符', 'ｶﾀｶﾅ', 'ｶﾞｷﾞ', '全角ＡＢＣ', '〜', '\u3000', '𠀋𡈽'],
  hangulJamo: ['\u1100\u1161', '\u1100\u1161\u11a8', '\u1100\u1100\u1161', '\u1160', '\ud7b0'],
  emoji: ['👍', '🚀', '🫠', '🪿', '🀄', '🃏', '⌚', '⚡', '✅', '❌', '🙂🙃'],
  emojiSequences: [
    '👍🏽',
    '👨‍👩‍👧',
    '👩🏾‍💻',
    '🏳️‍🌈',
    '🏴‍☠️',
    '❤️',
    '❤',
    '⚠️',
    '⚠',
    '☺︎',
    '1️⃣',
    '#⃣',
    '🧑‍🤝‍🧑',
    '👁‍🗨',
  ],
  flags: ['🇫🇷', '🇯🇵🇺🇸', '🇫', '🇫🇷🇩', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
  combining: [
    'é',
    'e\u0301',
    'ñ̃',
    'Z͑ͫ',
    'a\u20dd',
    '\u0301',
    'x\u0300\u0301\u0302\u0303',
    'ก่',
    'กำ',
    'ກຳ',
  ],
  scripts: [
    'हिन्दी',
    'क्षि',
    'العربية',
    '\u0600\u0661',
    'עברית',
    'Ελληνικά',
    'русский',
    'ไทย',
    '𝔸𝕓𝒸',
  ],
  boxDrawing: ['─│┌┐└┘├┤┬┴┼', '╔═╗║╚╝', '╭─╮╰╯', '▁▂▃▄▅▆▇█', '░▒▓', '──▸', '│ ● leading │'],
  uiGlyphs: ['●◆◇▶⏸◐○', '✓ ✗ ✕ ⚠ ⚡ ↻ ⋯ ⇩ ⟳ ⊘', '→ ← ↑ ↓ ⏎ ▸ · × … — –', '€£¥', 'Ω≈≠≤≥'],
  invisible: [
    '\u200b',
    '\u200c',
    '\u200d',
    '\u00ad',
    '\u2060',
    '\ufeff',
    '\ufe0f',
    'a\ufe0e',
    '\u2028',
  ],
  ansi: [
    `${ESC}[31mred${ESC}[39m`,
    `${ESC}[1m${ESC}[38;5;208mbold 日本${ESC}[22m${ESC}[39m`,
    `${ESC}[38;2;10;20;30m●${ESC}[0m leading`,
    `${ESC}]8;;https://example.com${ESC}\\link${ESC}]8;;${ESC}\\`,
  ],
  lone: ['\ud800', 'a\udc00b'],
};

const FRAGMENTS = Object.values(CORPUS)
  .flat()
  .concat(['\u200d', '\ufe0f', '\u0301', '\u{1f3fd}', '🇩', '\u11a8', '\u1161', '\u20e3']);

/** Blocks to draw random code points from: every script region, symbols, emoji, CJK. */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e],
  [0x80, 0x24f],
  [0x250, 0x2ff],
  [0x300, 0x36f],
  [0x370, 0x52f],
  [0x590, 0x6ff],
  [0x900, 0xdff],
  [0xe00, 0xeff],
  [0x1100, 0x11ff],
  [0x1e00, 0x1fff],
  [0x2000, 0x2bff],
  [0x2e80, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa960, 0xa97f],
  [0xac00, 0xd7ff],
  [0xf900, 0xfaff],
  [0xfe00, 0xfe6f],
  [0xff00, 0xffef],
  [0x1d400, 0x1d7ff],
  [0x1f000, 0x1faff],
  [0x20000, 0x2a6df],
  [0xe0000, 0xe007f],
];

/** A small seeded generator (mulberry32): the same strings on every run. */
class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function randomCodePoint(rng: Rng): string {
  const [lo, hi] = RANGES[rng.int(RANGES.length)]!;
  return String.fromCodePoint(lo + rng.int(hi - lo + 1));
}

/** Strings of 1–6 pieces, each a corpus fragment or a random code point. */
function randomStrings(seed: number, count: number): string[] {
  const rng = new Rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const pieces = 1 + rng.int(6);
    for (let k = 0; k < pieces; k++) {
      s += rng.next() < 0.5 ? FRAGMENTS[rng.int(FRAGMENTS.length)]! : randomCodePoint(rng);
    }
    out.push(s);
  }
  return out;
}

function mismatches(strings: readonly string[]): string[] {
  return strings
    .filter((s) => textWidth(s) !== stringWidth(s))
    .map((s) => `${JSON.stringify(s)}: textWidth ${textWidth(s)}, string-width ${stringWidth(s)}`);
}

describe('textWidth agrees with string-width (what Ink measures)', () => {
  for (const [kind, strings] of Object.entries(CORPUS)) {
    it(`on ${kind}`, () => {
      expect(mismatches(strings)).toEqual([]);
    });
  }

  it('on every pair of corpus fragments, joined', () => {
    const pairs: string[] = [];
    for (const a of FRAGMENTS) for (const b of FRAGMENTS) pairs.push(a + b);
    expect(mismatches(pairs)).toEqual([]);
  });

  it('on random strings of fragments and code points from every block', () => {
    expect(mismatches(randomStrings(20_240_601, 6_000))).toEqual([]);
  });

  it('on each code point of the Basic Multilingual Plane alone', () => {
    const all: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) all.push(String.fromCharCode(cp));
    expect(mismatches(all)).toEqual([]);
  });

  it('counts a colour code as nothing', () => {
    expect(textWidth(`${ESC}[31mred${ESC}[39m`)).toBe(3);
  });
});

describe('cutting plain text to a width', () => {
  // Colour codes are added after cutting (src/ui/text/paint.ts), never cut through.
  const strings = [...Object.values(CORPUS).flat(), ...randomStrings(7, 1_000)].filter(
    (s) => !s.includes(ESC),
  );

  it('splits text into the clusters string-width measures', () => {
    for (const s of strings) {
      const parts = graphemes(s);
      expect(parts.join('')).toBe(s);
      expect(parts.reduce((w, g) => w + charWidth(g), 0)).toBe(stringWidth(s));
    }
  });

  it('never cuts inside a cluster, and never overflows the width', () => {
    for (const s of strings) {
      for (const width of [1, 2, 3, 5, 8]) {
        const cut = truncate(s, width);
        expect(stringWidth(cut)).toBeLessThanOrEqual(width);
        if (cut === s) continue;
        expect(cut.endsWith('…')).toBe(true);
        const kept = cut.slice(0, -1);
        // Whole clusters of the original, from its start.
        const clusters = graphemes(s);
        let prefix = '';
        for (const g of clusters) {
          if (prefix.length >= kept.length) break;
          prefix += g;
        }
        expect(prefix).toBe(kept);
      }
    }
  });

  it('pads to exactly the width asked, as Ink measures it', () => {
    for (const s of strings) {
      for (const width of [2, 4, 9]) {
        const padded = padEnd(s, width);
        // A wide cluster that does not fit leaves one column fewer, never more.
        expect(stringWidth(padded)).toBeLessThanOrEqual(width);
        expect(stringWidth(padded)).toBeGreaterThanOrEqual(width - 1);
      }
    }
  });
});
