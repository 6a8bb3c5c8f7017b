// Reading files: only regular files are read (a FIFO must not hang, /dev/zero must not slip
// past the size cap because its size says 0), every read is capped, problems are one friendly
// line, CR-only line ends are line ends, a huge value is never echoed whole, and 50,000
// unknown keys are reported quickly in a bounded list.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAnswersFile, MAX_ANSWERS_BYTES } from '../../src/lesson/catalog/answers-file.js';
import {
  formatProblem,
  loadLessonFile,
  MAX_PROBLEMS,
  parseLessonText,
} from '../../src/lesson/format/load.js';
import { readTextFile } from '../../src/lesson/format/read-text-file.js';
import { ProgressError } from '../../src/progress/progress-error.js';
import { MAX_PROGRESS_BYTES } from '../../src/progress/progress-file.js';
import { openProgress } from '../../src/progress/progress-store.js';
import { loadBank } from '../../src/quiz/bank.js';
import { repoRoot, runBuiltCli } from '../run-cli.js';

const posix = process.platform !== 'win32';
const linux = process.platform === 'linux';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fifo(name: string): string {
  const file = path.join(dir, name);
  execFileSync('mkfifo', [file]);
  return file;
}

function link(name: string, to: string): string {
  const file = path.join(dir, name);
  fs.symlinkSync(to, file);
  return file;
}

const MINIMAL = fs.readFileSync(path.join(repoRoot, 'test/fixtures/valid/minimal.yaml'), 'utf8');

async function lessonErrors(file: string): Promise<string[]> {
  const r = await loadLessonFile(file);
  return r.ok ? [] : r.errors.map(formatProblem);
}

describe.skipIf(!posix)('what is not a regular file', () => {
  const pipe = fifo('pipe.yaml');
  const zero = link('zero.yaml', '/dev/zero');
  const loop = link('loop.yaml', 'loop.yaml');
  const folder = path.join(dir, 'folder.yaml');
  fs.mkdirSync(folder);

  it('is refused in one line by the reader, without blocking or reading on', () => {
    expect(readTextFile(pipe, { maxBytes: 100 })).toMatchObject({
      ok: false,
      reason: 'it is a named pipe (FIFO), not a regular file',
    });
    expect(readTextFile(zero, { maxBytes: 100 })).toMatchObject({
      ok: false,
      reason: 'it is a device, not a regular file',
    });
    expect(readTextFile(loop, { maxBytes: 100 })).toMatchObject({
      ok: false,
      reason: 'too many levels of symbolic links (a symlink loop?)',
    });
    expect(readTextFile(folder, { maxBytes: 100, what: 'a lesson file' })).toMatchObject({
      ok: false,
      reason: 'it is a directory, not a lesson file',
    });
    expect(readTextFile(path.join(dir, 'nope.yaml'), { maxBytes: 100 })).toMatchObject({
      ok: false,
      reason: 'no such file',
      code: 'ENOENT',
    });
  });

  it('as a lesson: one line each, never a raw EISDIR or ENOENT', async () => {
    expect(await lessonErrors(pipe)).toEqual([
      `${pipe}: cannot read: it is a named pipe (FIFO), not a regular file`,
    ]);
    expect(await lessonErrors(zero)).toEqual([
      `${zero}: cannot read: it is a device, not a regular file`,
    ]);
    expect(await lessonErrors(loop)).toEqual([
      `${loop}: cannot read: too many levels of symbolic links (a symlink loop?)`,
    ]);
    expect(await lessonErrors(folder)).toEqual([
      `${folder}: cannot read: it is a directory, not a lesson file`,
    ]);
  });

  it('as an answers file: one line each', async () => {
    const r = await loadLessonFile(path.join(repoRoot, 'lessons/lost-tweet.yaml'));
    if (!r.ok) throw new Error('lesson does not load');
    const message = (file: string) =>
      loadAnswersFile(file, r.lesson).then(
        () => '',
        (err: Error) => err.message,
      );
    expect(await message(pipe)).toBe(
      `${pipe}: cannot read the answers file: it is a named pipe (FIFO), not a regular file`,
    );
    expect(await message(zero)).toBe(
      `${zero}: cannot read the answers file: it is a device, not a regular file`,
    );
    expect(await message(folder)).toBe(
      `${folder}: cannot read the answers file: it is a directory, not an answers file`,
    );
  });

  it('as a bank file (a FIFO, a symlink loop): reported, not silently skipped', async () => {
    const lessons = path.join(dir, 'curriculum');
    fs.mkdirSync(path.join(lessons, 'quiz'), { recursive: true });
    execFileSync('mkfifo', [path.join(lessons, 'quiz', 'fifo.yaml')]);
    fs.symlinkSync('loop.yaml', path.join(lessons, 'quiz', 'loop.yaml'));
    const bank = await loadBank(lessons);
    expect(bank.errors.map(formatProblem).map((l) => l.replace(`${lessons}/`, ''))).toEqual([
      'quiz/fifo.yaml: cannot read: it is a named pipe (FIFO), not a regular file',
      'quiz/loop.yaml: cannot read: too many levels of symbolic links (a symlink loop?)',
    ]);
  });

  it('as progress.json: a one-line error, nothing moved or read', () => {
    const home = path.join(dir, 'home-fifo');
    fs.mkdirSync(home);
    execFileSync('mkfifo', [path.join(home, 'progress.json')]);
    expect(() => openProgress({ home })).toThrow(ProgressError);
    expect(() => openProgress({ home })).toThrow(
      `cannot read progress file ${home}/progress.json: it is a named pipe (FIFO), not a regular file`,
    );
    expect(fs.readdirSync(home)).toEqual(['progress.json']);
  });

  it('the built CLI: validate and play answer at once, exit non-zero, one line', () => {
    const v = runBuiltCli(['validate', pipe]);
    expect(v.status).toBe(1);
    expect(v.stdout).toContain(`${pipe}: cannot read: it is a named pipe (FIFO)`);
    const p = runBuiltCli(['play', 'lost-tweet', '--answers', zero]);
    expect(p.status).toBe(2);
    expect(p.stderr).toBe(
      `replication-tutor: ${zero}: cannot read the answers file: it is a device, not a regular file\n`,
    );
    const home = path.join(dir, 'home-fifo');
    const q = runBuiltCli(['play', 'lost-tweet', '--plain'], {
      input: '1\n',
      env: { REPLICATION_TUTOR_HOME: home },
    });
    expect(q.status).toBe(0);
    expect(q.stderr).toBe(
      `warning: progress will not be saved: cannot read progress file ${home}/progress.json: it is a named pipe (FIFO), not a regular file\n`,
    );
  });
});

describe('size caps', () => {
  it.skipIf(!linux)('hold for a file whose size says 0 but which has more (/proc)', () => {
    const r = readTextFile('/proc/self/status', { maxBytes: 16 });
    expect(r).toEqual({ ok: false, kind: 'too-large', bytes: 17 });
  });

  it('hold for an answers file: 1 MB of 100,000 keys is refused at once', async () => {
    const file = path.join(dir, 'answers-big.yaml');
    fs.writeFileSync(file, Array.from({ length: 100_000 }, (_, i) => `q${i}: 1\n`).join(''));
    const r = await loadLessonFile(path.join(repoRoot, 'lessons/lost-tweet.yaml'));
    if (!r.ok) throw new Error('lesson does not load');
    await expect(loadAnswersFile(file, r.lesson)).rejects.toThrow(
      `${file}: cannot read the answers file: it is larger than ${MAX_ANSWERS_BYTES / 1024} KiB, far more than one answer per question`,
    );
  });

  it('hold for progress.json: a file over the cap is neither read nor touched', () => {
    const home = path.join(dir, 'home-big');
    fs.mkdirSync(home);
    const file = path.join(home, 'progress.json');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_PROGRESS_BYTES + 1);
    expect(() => openProgress({ home })).toThrow(
      /^cannot read progress file .*: it is larger than 16 MiB/,
    );
    expect(fs.readdirSync(home)).toEqual(['progress.json']);
  });
});

describe('text and problems', () => {
  it('reads CR-only and CRLF line ends as line ends', async () => {
    for (const [name, eol] of [
      ['cr.yaml', '\r'],
      ['crlf.yaml', '\r\n'],
    ] as const) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, MINIMAL.replaceAll('\n', eol));
      const r = await loadLessonFile(file);
      expect(r.ok ? r.lesson.id : r.errors.map(formatProblem)).toBe('minimal');
    }
  });

  it('never echoes a huge value whole into an error line', () => {
    const steps = `steps:\n  - crash: "${'x'.repeat(400_000)}"\n`;
    const r = parseLessonText(`${MINIMAL.slice(0, MINIMAL.indexOf('steps:'))}${steps}`, 'big.yaml');
    expect(r.ok ? [] : r.errors.map(formatProblem)).toEqual([
      `big.yaml:10:12: steps[0].crash: unknown node "${'x'.repeat(120)}…" (nodes: primary, replica-1)`,
    ]);
  });

  it('reports 50,000 unknown keys quickly, as a bounded list that counts the rest', () => {
    // Took over a minute before: the parser's duplicate-key check and locating each key were
    // both quadratic. The test's own time limit is the guard.
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: 1`).join('\n');
    const r = parseLessonText(`${MINIMAL}${keys}\n`, 'many.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(MAX_PROBLEMS + 1);
    expect(formatProblem(r.errors[0]!)).toMatch(/^many\.yaml:\d+:1: k0: unknown key "k0"/);
    expect(formatProblem(r.errors.at(-1)!)).toBe('many.yaml: and 49,900 more (50,000 in all)');
  }, 20_000);

  it('still finds a duplicate key, where it is', () => {
    const r = parseLessonText(`${MINIMAL}title: Again\n`, 'dup.yaml');
    expect(r.ok ? [] : r.errors.map(formatProblem)).toEqual([
      `dup.yaml:${MINIMAL.split('\n').length}:1: duplicate key "title"`,
    ]);
  });
});
