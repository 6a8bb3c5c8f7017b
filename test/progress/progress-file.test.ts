import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressError } from '../../src/progress/progress-error.js';
import {
  moveAside,
  parseProgress,
  serializeProgress,
  writeFileAtomic,
} from '../../src/progress/progress-file.js';
import { emptyProgress, startLesson } from '../../src/progress/progress-state.js';
import { listDir, tempHome } from './temp-home.js';

const t0 = '2025-01-01T10:00:00.000Z';

describe('parseProgress', () => {
  it('accepts what serializeProgress writes, and a leading BOM', () => {
    const data = startLesson(emptyProgress(t0), 'a', { max: 2 }, t0);
    const text = serializeProgress(data);
    expect(parseProgress(text)).toEqual({ kind: 'ok', data, fromVersion: 2 });
    expect(parseProgress(`\uFEFF${text}`).kind).toBe('ok');
  });

  it.each([
    ['', /empty/],
    ['{"version": 1, "lessons": {', /not valid JSON/],
    ['[1]', /not a JSON object/],
    ['null', /not a JSON object/],
    ['{"lessons": {}}', /version/],
    ['{"version": "1", "updatedAt": "2025-01-01T10:00:00.000Z", "lessons": {}}', /version/],
    ['{"version": 1.5}', /version/],
    ['{"version": 1, "updatedAt": "yesterday", "lessons": {}}', /wrong shape, updatedAt/],
    ['{"version": 1, "updatedAt": "2025-01-01T10:00:00.000Z"}', /wrong shape, lessons/],
    [
      '{"version": 1, "updatedAt": "2025-01-01T10:00:00.000Z", "lessons": {"a": {"status": "won"}}}',
      /wrong shape, lessons\.a\./,
    ],
    // A key this version does not know is not ours to drop on the next save.
    [
      '{"version": 1, "updatedAt": "2025-01-01T10:00:00.000Z", "lessons": {}, "quiz": {}}',
      /wrong shape/,
    ],
  ])('calls %j corrupt (%s)', (text, reason) => {
    const parsed = parseProgress(text);
    expect(parsed.kind).toBe('corrupt');
    if (parsed.kind === 'corrupt') expect(parsed.reason).toMatch(reason);
  });

  it('reports a newer or nonsense integer version as unknown, not corrupt', () => {
    expect(parseProgress('{"version": 3, "quiz": {}}')).toEqual({
      kind: 'unknown-version',
      version: 3,
    });
    expect(parseProgress('{"version": 0}')).toEqual({ kind: 'unknown-version', version: 0 });
  });
});

describe('moveAside', () => {
  it('takes the first free number and never overwrites an earlier one', () => {
    const dir = tempHome();
    const file = path.join(dir, 'progress.json');
    fs.writeFileSync(`${file}.corrupt-1`, 'older');
    fs.writeFileSync(file, 'bad bytes');
    expect(moveAside(file, 'corrupt')).toBe(`${file}.corrupt-2`);
    expect(fs.readFileSync(`${file}.corrupt-1`, 'utf8')).toBe('older');
    expect(fs.readFileSync(`${file}.corrupt-2`, 'utf8')).toBe('bad bytes');
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('writeFileAtomic', () => {
  it('creates the directory, writes the text, and leaves no temp file', () => {
    const dir = path.join(tempHome(), 'a', 'b');
    const file = path.join(dir, 'progress.json');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
    expect(listDir(dir)).toEqual(['progress.json']);
  });

  it.skipIf(process.platform === 'win32')('keeps the file and directory private', () => {
    const dir = path.join(tempHome(), 'new');
    const file = path.join(dir, 'progress.json');
    writeFileAtomic(file, '{}');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('on failure keeps the old content, removes its temp file and says why in one line', () => {
    const dir = tempHome();
    const file = path.join(dir, 'progress.json');
    // A non-empty directory where the file should be: rename over it must fail.
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, 'keep'), 'x');
    let caught: unknown;
    try {
      writeFileAtomic(file, 'new');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ProgressError);
    expect((caught as Error).message).toContain(`cannot save progress to ${file}`);
    expect((caught as Error).message).not.toContain('\n');
    expect(listDir(dir)).toEqual(['progress.json']);
    expect(listDir(file)).toEqual(['keep']);
  });
});
