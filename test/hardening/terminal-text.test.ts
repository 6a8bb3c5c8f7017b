// Text from a lesson never reaches the terminal raw: window-title and clipboard escapes, CSI,
// C1 controls, BEL, backspace and CR in narration, labels, keys and values are shown visibly,
// in the loaded lesson (so the player shows them safe), in plain mode and in JSON Lines.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/lesson/catalog/answers-file.js';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import {
  isSafeText,
  safeData,
  safeJsonLine,
  safeMessage,
  safeText,
} from '../../src/lesson/format/terminal-text.js';
import { parseBankText } from '../../src/quiz/bank-load.js';
import { runBuiltCli } from '../run-cli.js';

const ESC = '\u001b';
const BEL = '\u0007';

/** Any byte a terminal acts on, other than line feed and tab. */
const CONTROL_CLASS = '[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]';
const RAW_CONTROL = new RegExp(CONTROL_CLASS);

/** The reproducers, as YAML double-quoted escapes. */
const EVIL = `
id: evil
title: "Evil \\e]0;pwned\\a title"
summary: "clears \\e[2J the screen"
objectives: ["learn \\e]0;x\\a"]
cluster:
  nodes:
    - id: primary
      role: leader
    - id: replica-1
      role: replica
steps:
  - say: "Hello \\e]52;c;aGVsbG8=\\a and \\x9b31m and \\u2028 and back\\bspace\\r\\n done\\e"
  - write: { key: "k\\e[1m", value: "v\\e]0;t\\a" }
  - id: q1
    quiz:
      question: "Pick \\e[2J"
      choices: ["a\\e[1m", "b\\x07"]
      answer: 0
      explain: "why \\x1b[0m"
      hint: "hint \\x85 next line"
`;

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      strings(x, out);
    }
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'rt-escapes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('safeText', () => {
  it('shows every control character visibly and keeps line feeds and tabs', () => {
    const raw = `${ESC}]0;title${BEL} ${ESC}]52;c;Zm9v${BEL} ${ESC}[31m \u009b2J \u0085 ${ESC} \b \r a\tb\nc \u2028 \u007f`;
    const safe = safeText(raw);
    expect(safe).not.toMatch(RAW_CONTROL);
    expect(safe).toContain('␛]0;title␇');
    expect(safe).toContain('␛]52;c;Zm9v␇');
    expect(safe).toContain('\\x9b2J');
    expect(safe).toContain('\\x85');
    expect(safe).toContain('␈ ␍');
    expect(safe).toContain('\\u2028');
    expect(safe).toContain('␡');
    expect(safe).toContain('a\tb\nc');
    expect(safeText(safe)).toBe(safe);
    expect(isSafeText(safe)).toBe(true);
  });

  it('shows bidi overrides and isolates, which would reorder the text after them', () => {
    // "Trojan Source": U+202E makes the rest of the line read right to left.
    const raw = `answer: \u202eb tfel\u202c and \u2066isolated\u2069, \u202a\u202b\u202d`;
    const safe = safeText(raw);
    expect(safe).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(safe).toContain('\\u202eb tfel\\u202c');
    expect(safe).toContain('\\u2066isolated\\u2069');
    // Arabic and Hebrew text need no override characters and stay as written.
    expect(safeText('مرحبا שלום')).toBe('مرحبا שלום');
    const json = JSON.stringify({ s: 'a\u202eb\u2067c' });
    expect(safeJsonLine(json)).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(safeJsonLine(json))).toEqual(JSON.parse(json));
  });

  it('makes keys and values of parsed data safe and leaves clean data untouched', () => {
    const clean = { a: ['x', 1, { b: 'y' }] };
    expect(safeData(clean)).toBe(clean);
    const dirty = safeData({ [`k${ESC}`]: [`v${BEL}`, { __proto__: 1 }] });
    expect(strings(dirty).every(isSafeText)).toBe(true);
    expect(Object.keys(dirty)).toEqual(['k␛']);
  });

  it('escapes DEL, C1 controls and U+2028/U+2029 in a JSON line, which stays the same JSON', () => {
    const json = JSON.stringify({ s: `a\u0085b\u009bc\u2028d\u2029e\u007f` });
    const safe = safeJsonLine(json);
    expect(safe).not.toMatch(/[\u007f-\u009f\u2028\u2029]/);
    expect(JSON.parse(safe)).toEqual(JSON.parse(json));
  });

  it('cuts a long quoted value and a long message with an ellipsis', () => {
    const m = safeMessage(`x: expected a number, found "${'z'.repeat(5_000_000)}" (see docs)`);
    expect(m.length).toBeLessThan(300);
    expect(m).toMatch(/"z+…" \(see docs\)$/);
    expect(safeMessage('y'.repeat(5000)).length).toBe(1000);
  });
});

describe('a lesson with escape sequences', () => {
  it('loads with every string made safe, so the player and plain mode show them visibly', () => {
    const r = parseLessonText(EVIL, 'evil.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
    const all = strings(r.lesson);
    expect(all.filter((s) => !isSafeText(s))).toEqual([]);
    expect(r.lesson.title).toBe('Evil ␛]0;pwned␇ title');
  });

  it('reports a bad key or value with the escape visible, still at its line and column', () => {
    const bad = EVIL.replace('summary:', '"bogus\\e]0;x\\a":').replace(
      'role: replica',
      'role: "rep\\e[1mlica"',
    );
    const r = parseLessonText(bad, 'evil.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.errors.map(formatProblem);
    expect(lines.join('\n')).not.toMatch(RAW_CONTROL);
    expect(lines.some((l) => /^evil\.yaml:4:1: .*bogus␛\]0;x␇/.test(l))).toBe(true);
    expect(
      lines.some((l) => /^evil\.yaml:\d+:\d+: cluster\.nodes\[1\]\.role: .*rep␛\[1mlica/.test(l)),
    ).toBe(true);
  });

  it('in a question bank loads with every string safe', () => {
    const bank = `topic: failover
questions:
  - id: q-evil
    difficulty: easy
    kind: choice
    question: "Why \\e]0;x\\a?"
    choices: ["a\\e[2J", "b"]
    answer: 0
    model: "m\\x9b"
    explain: "e\\a"
`;
    const r = parseBankText(bank, 'bank.yaml', []);
    expect(r.errors).toEqual([]);
    expect(r.questions).toHaveLength(1);
    expect(strings(r.questions).filter((s) => !isSafeText(s))).toEqual([]);
  });

  it('answers-file values are echoed safe and short in errors', () => {
    const r = parseLessonText(EVIL, 'evil.yaml');
    if (!r.ok) throw new Error('does not load');
    const attempt = (text: string) => {
      try {
        parseAnswers(text, 'a.yaml', r.lesson);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    };
    const value = attempt(`q1: "x\\e]0;t\\a${'y'.repeat(100_000)}"\n`);
    expect(value).toMatch(/^a\.yaml:1:5: q1: "x␛\]0;t␇y+…" is not an option/);
    expect(value.length).toBeLessThan(400);
    const key = attempt(`"q\\e[2J": 1\n`);
    expect(key).toMatch(/^a\.yaml:1:1: no question or task "q␛\[2J"/);
  });
});

describe('the built CLI', () => {
  const file = join(dir, 'evil.yaml');
  writeFileSync(file, EVIL);
  const env = { REPLICATION_TUTOR_HOME: join(dir, 'home') };

  it('prints no control sequence in plain mode', () => {
    const r = runBuiltCli(['play', file, '--plain'], { input: 'h\n1\n', env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Evil ␛]0;pwned␇ title');
    expect(r.stdout).toContain('Hello ␛]52;c;aGVsbG8=␇');
    expect(r.stdout).toContain('Lesson complete.');
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  it('prints JSON Lines with no raw control, C1 or line-separator character', () => {
    const r = runBuiltCli(['play', file, '--json', '--restart'], { input: '1\n', env });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).not.toMatch(/[\u2028\u2029]/);
    const lines = r.stdout.trimEnd().split('\n');
    for (const line of lines) JSON.parse(line);
    expect(lines[0]).toContain('␛]52;c;aGVsbG8=␇');
  });

  it('prints validate errors with escapes visible', () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, EVIL.replace('summary:', '"bogus\\e]0;x\\a":'));
    const r = runBuiltCli(['validate', broken], { env });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('bogus␛]0;x␇');
    expect(`${r.stdout}${r.stderr}`).not.toMatch(RAW_CONTROL);
  });
});
