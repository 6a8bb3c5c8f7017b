// Text from a lesson, a question bank or an answers file may come from a stranger. Written to
// a terminal as it is, a control character or an escape sequence in it could retitle the
// window (ESC ] 0), write the clipboard (ESC ] 52), clear the screen or fake output with a
// carriage return. So every string of such a file is made safe once, where it is loaded
// (`safeData`, `safeText`), and the writers of plain and JSON output pass their lines through
// `safeText` / `safeJsonLine` again as a last line of defence.
//
// Safe means visible: a control character becomes a character that shows it (ESC → ␛,
// BEL → ␇, a C1 control → \x9b), so an author sees what their file holds. Line feeds and tabs
// stay: narration is Markdown with paragraphs.

// C0 controls but tab and line feed, DEL, C1 controls, the Unicode line and paragraph
// separators, and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069): in a terminal that honours them they reorder the text that follows, so a
// lesson could make an answer or a command read as something else ("Trojan Source").
// Built from a string: a control character in a regular expression is the point.
const UNSAFE_CLASS =
  '[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]';
const UNSAFE = new RegExp(UNSAFE_CLASS, 'g');
const HAS_UNSAFE = new RegExp(UNSAFE_CLASS);

function visible(c: string): string {
  const code = c.charCodeAt(0);
  // The Control Pictures block has a picture for each C0 control (U+2400 + code) and DEL.
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  if (code <= 0x9f) return `\\x${code.toString(16)}`;
  return `\\u${code.toString(16)}`;
}

/** `text` with every control character but `\n` and `\t` shown as a visible stand-in. */
export function safeText(text: string): string {
  return HAS_UNSAFE.test(text) ? text.replace(UNSAFE, visible) : text;
}

/** True when `text` has nothing `safeText` would change. */
export function isSafeText(text: string): boolean {
  return !HAS_UNSAFE.test(text);
}

/**
 * Parsed file data (plain JSON-like values) with every string made safe, map keys included.
 * Returns the same object when nothing needed changing, so the common case costs one walk.
 */
export function safeData<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return safeText(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = walk(value[i]);
      if (v !== value[i]) {
        copy ??= value.slice();
        copy[i] = v;
      }
    }
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    const values = keys.map((k) => walk(obj[k]));
    if (keys.every((k, i) => isSafeText(k) && values[i] === obj[k])) return value;
    const out: Record<string, unknown> = {};
    // defineProperty: a key such as "__proto__" stays an own key, as the parser made it.
    keys.forEach((k, i) => {
      Object.defineProperty(out, safeText(k), {
        value: values[i],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
    return out;
  }
  return value;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const JSON_UNESCAPED = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * One JSON Lines record made safe for a terminal: JSON.stringify escapes C0 controls but
 * writes DEL, C1 controls, U+2028/U+2029 (some line readers split on them) and the bidi
 * overrides as they are.
 * They can only occur inside JSON strings, where `\uXXXX` means the same character.
 */
export function safeJsonLine(json: string): string {
  return json.replace(JSON_UNESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Longest quoted value kept whole in a message; longer ones are cut with an ellipsis. */
export const MAX_QUOTED = 120;
/** Longest message line; a longer one is cut with an ellipsis. */
export const MAX_MESSAGE = 1000;

/**
 * A one-line message that may quote a value from a file: made safe, each quoted run longer
 * than MAX_QUOTED characters cut to it with "…", and the whole line at most MAX_MESSAGE.
 * A 5 MB value must not become a 5 MB error line.
 */
export function safeMessage(message: string): string {
  let out = safeText(message);
  if (out.length > MAX_QUOTED) {
    out = out.replace(
      new RegExp(`"([^"\\n]{${MAX_QUOTED + 1},})"`, 'g'),
      (_, inner: string) => `"${inner.slice(0, MAX_QUOTED)}…"`,
    );
  }
  return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE - 1)}…` : out;
}

/** A value quoted for a message: JSON-style quotes, made safe and cut like `safeMessage`. */
export function quoteValue(value: string): string {
  const shown = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
  return `"${safeText(shown)}"`;
}
