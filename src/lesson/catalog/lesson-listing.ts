// A lesson's menu facts (id, title, order, minutes, summary) read straight from the
// top-level keys of its file, without the YAML library or the schema. The menu's first frame
// needs only these, and loading and validating every lesson costs more than everything else
// before that frame. The full load (catalog.ts) follows at once and has the last word: a file
// it rejects leaves the menu. Only the simple forms lesson files use for these keys are
// read: plain, quoted and block scalars; anything else makes the file wait for the full load.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_LESSON_BYTES, readTextFile } from '../format/read-text-file.js';
import { curriculumOrder } from './curriculum.js';

export interface LessonListing {
  id: string;
  title: string;
  order: number;
  minutes: number;
  summary: string;
}

/** The schema's defaults (schema.ts DEFAULTS) for keys a file leaves out. */
const DEFAULTS = { order: 1000, minutes: 5, summary: '' } as const;
const KEY = /^([A-Za-z_][\w-]*):(?:[ \t]+(.*))?$/;

/** A plain or quoted one-line scalar; undefined for forms not read here. */
function inlineScalar(raw: string): string | undefined {
  const text = raw.trim();
  if (text.startsWith('"')) {
    try {
      const v: unknown = JSON.parse(text.replace(/\s+#.*$/, ''));
      return typeof v === 'string' ? v : undefined;
    } catch {
      return undefined;
    }
  }
  if (text.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'\s*(?:#.*)?$/.exec(text);
    return m ? (m[1] ?? '').replaceAll("''", "'") : undefined;
  }
  if (/^[[{&*!|>%@`]/.test(text)) return undefined;
  return text.replace(/\s+#.*$/, '');
}

/** A block scalar (`>`, `>-`, `|`, `|-`) from its indented lines. */
function blockScalar(indicator: string, lines: readonly string[]): string | undefined {
  const m = /^([>|])([-+]?)\s*(?:#.*)?$/.exec(indicator.trim());
  if (!m) return undefined;
  const body = lines.map((l) => l.trim());
  while (body.length > 0 && body[body.length - 1] === '') body.pop();
  if (m[1] === '|') return body.join('\n');
  // Folded: lines join with spaces, blank lines are line breaks.
  return body.reduce((out, line, i) => {
    if (i === 0) return line;
    if (line === '') return `${out}\n`;
    return out.endsWith('\n') || out === '' ? out + line : `${out} ${line}`;
  }, '');
}

/** The listing of a lesson file's text, or undefined when it cannot be read this way. */
export function readListing(text: string): LessonListing | undefined {
  const values = new Map<string, string>();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = KEY.exec(lines[i] ?? '');
    if (!m) continue;
    const key = m[1] ?? '';
    if (!['id', 'title', 'order', 'minutes', 'summary'].includes(key)) continue;
    const rest = m[2] ?? '';
    // The value's further lines are the indented (or blank) lines that follow.
    const more: string[] = [];
    while (i + 1 < lines.length && /^(\s|$)/.test(lines[i + 1] ?? '')) more.push(lines[++i] ?? '');
    const value = /^[>|]/.test(rest.trim())
      ? blockScalar(rest, more)
      : more.some((l) => l.trim() !== '')
        ? undefined
        : inlineScalar(rest);
    if (value === undefined) return undefined;
    values.set(key, value);
  }
  const id = values.get('id');
  const title = values.get('title');
  if (!id || !title) return undefined;
  const number = (key: 'order' | 'minutes') => {
    const raw = values.get(key);
    if (raw === undefined) return DEFAULTS[key];
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? n : undefined;
  };
  const order = number('order');
  const minutes = number('minutes');
  if (order === undefined || minutes === undefined) return undefined;
  return { id, title, order, minutes, summary: values.get('summary') ?? DEFAULTS.summary };
}

/** Listings of the lesson files in `dir` (as catalog.ts finds them), in curriculum order. */
export async function listLessons(dir: string): Promise<LessonListing[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const files = names.filter((n) => !n.startsWith('.') && /\.ya?ml$/.test(n)).sort();
  // The safe reader: a FIFO among the files must not hang the menu's first frame.
  const read = files.map((n) => {
    const r = readTextFile(join(dir, n), { maxBytes: MAX_LESSON_BYTES, normaliseLineEnds: true });
    return r.ok ? readListing(r.text) : undefined;
  });
  const seen = new Set<string>();
  const out: LessonListing[] = [];
  for (const l of read) {
    if (!l || seen.has(l.id)) continue;
    seen.add(l.id);
    out.push(l);
  }
  return out.sort(curriculumOrder);
}
