import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressError } from '../../src/progress/progress-error.js';
import { openProgress } from '../../src/progress/progress-store.js';
import { isRoot, listDir, tempHome } from './temp-home.js';

const fixedClock = () => new Date('2025-02-03T04:05:06.000Z');

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('progress store on disk', () => {
  it('opens an empty store without writing anything', () => {
    const home = path.join(tempHome(), 'not-yet');
    const { store, warnings } = openProgress({ home });
    expect(warnings).toEqual([]);
    expect(store.path).toBe(path.join(home, 'progress.json'));
    expect(store.lessons()).toEqual([]);
    expect(store.lesson('x').status).toBe('new');
    expect(fs.existsSync(home)).toBe(false);
  });

  it('saves every change at once and reads it back the same', () => {
    const home = tempHome();
    const { store } = openProgress({ home, now: fixedClock });
    store.startLesson('lost-tweet', { max: 3 });
    store.recordAnswer('lost-tweet', 'route', 2, 'leader', { scoreDelta: 1 });
    expect(readJson(store.path)).toMatchObject({
      version: 2,
      lessons: { 'lost-tweet': { status: 'in-progress', score: 1, answers: [{ step: 'route' }] } },
    });
    store.recordStep('lost-tweet', 3, 'wait');
    store.finishLesson('lost-tweet', 2, 3);
    store.startLesson('split-brain', { max: 4 });

    const again = openProgress({ home }).store;
    expect(again.data()).toEqual(store.data());
    expect(again.lesson('lost-tweet')).toMatchObject({
      status: 'done',
      score: 2,
      max: 3,
      best: { score: 2, max: 3, at: '2025-02-03T04:05:06.000Z' },
      lastStep: { index: 3, label: 'wait' },
    });
    expect(listDir(home)).toEqual(['progress.json']);
  });

  it('restart keeps the best score on disk', () => {
    const home = tempHome();
    const { store } = openProgress({ home });
    store.startLesson('a', { max: 2 });
    store.finishLesson('a', 2, 2);
    store.restartLesson('a');
    const l = openProgress({ home }).store.lesson('a');
    expect(l).toMatchObject({ status: 'in-progress', score: 0, answers: [], best: { score: 2 } });
  });

  it('resetLesson forgets one lesson; an unknown one is false and writes nothing', () => {
    const home = tempHome();
    const { store } = openProgress({ home });
    expect(store.resetLesson('nope')).toBe(false);
    expect(listDir(home)).toEqual([]);
    store.startLesson('a', { max: 1 });
    store.startLesson('b', { max: 1 });
    expect(store.resetLesson('a')).toBe(true);
    expect(
      openProgress({ home })
        .store.lessons()
        .map(([id]) => id),
    ).toEqual(['b']);
  });

  it('resetAll backs the file up first, and a second reset keeps that backup', () => {
    const home = tempHome();
    const { store } = openProgress({ home });
    store.startLesson('a', { max: 1 });
    const before = fs.readFileSync(store.path, 'utf8');
    expect(store.resetAll()).toEqual({ backupPath: `${store.path}.bak` });
    expect(fs.readFileSync(`${store.path}.bak`, 'utf8')).toBe(before);
    expect(store.lessons()).toEqual([]);
    expect(readJson(store.path)).toMatchObject({ version: 2, lessons: {} });
    expect(store.resetAll()).toEqual({ backupPath: null });
    expect(fs.readFileSync(`${store.path}.bak`, 'utf8')).toBe(before);
  });

  it('keeps lessons another process saved meanwhile', () => {
    const home = tempHome();
    const first = openProgress({ home }).store;
    const second = openProgress({ home }).store;
    first.startLesson('a', { max: 1 });
    second.startLesson('b', { max: 1 });
    expect(
      openProgress({ home })
        .store.lessons()
        .map(([id]) => id),
    ).toEqual(['a', 'b']);
    expect(second.hasLesson('a')).toBe(true);
  });

  describe('a bad file is moved aside, reported and never lost', () => {
    it.each([
      [
        'corrupt JSON',
        '{"version": 1, "lessons": {"a": ',
        'progress.json.corrupt-1',
        /unusable \(not valid JSON/,
      ],
      [
        'a wrong shape',
        '{"version": 1, "lessons": []}',
        'progress.json.corrupt-1',
        /unusable \(wrong shape/,
      ],
      [
        'a newer version',
        '{"version": 7, "quiz": {"q1": 3}}',
        'progress.json.v7-1',
        /newer replication-tutor \(file version 7/,
      ],
    ])('%s', (_what, bytes, movedName, why) => {
      const home = tempHome();
      const file = path.join(home, 'progress.json');
      fs.writeFileSync(file, bytes);
      const { store, warnings } = openProgress({ home });
      const moved = path.join(home, movedName);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(why);
      expect(warnings[0]).toContain(file);
      expect(warnings[0]).toContain(moved);
      expect(fs.readFileSync(moved, 'utf8')).toBe(bytes);
      expect(store.lessons()).toEqual([]);
      store.startLesson('a', { max: 1 });
      expect(fs.readFileSync(moved, 'utf8')).toBe(bytes);
      expect(listDir(home)).toEqual(['progress.json', movedName].sort());
    });

    it('a file that goes bad while open is moved aside and reported through onWarning', () => {
      const home = tempHome();
      const seen: string[] = [];
      const { store } = openProgress({ home, onWarning: (w) => seen.push(w) });
      store.startLesson('a', { max: 1 });
      fs.writeFileSync(store.path, 'garbage');
      store.startLesson('b', { max: 1 });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toContain(`${store.path}.corrupt-1`);
      expect(store.warnings).toEqual(seen);
      expect(fs.readFileSync(`${store.path}.corrupt-1`, 'utf8')).toBe('garbage');
      // What this process knew is saved again rather than dropped.
      expect(
        openProgress({ home })
          .store.lessons()
          .map(([id]) => id),
      ).toEqual(['a', 'b']);
    });
  });

  describe('a directory that cannot be used gives one clear line', () => {
    it('home below a regular file: reading fails with a ProgressError naming the path', () => {
      const blocker = path.join(tempHome(), 'file');
      fs.writeFileSync(blocker, '');
      const home = path.join(blocker, 'rt');
      expect(() => openProgress({ home })).toThrow(ProgressError);
      expect(() => openProgress({ home })).toThrow(
        `cannot read progress file ${path.join(home, 'progress.json')}: a parent path is a file, not a directory`,
      );
    });

    it('saving fails cleanly and changes nothing in memory', () => {
      const root = tempHome();
      const home = path.join(root, 'rt');
      const { store } = openProgress({ home });
      fs.writeFileSync(home, 'in the way'); // the directory cannot be created now
      let caught: unknown;
      try {
        store.startLesson('a', { max: 1 });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ProgressError);
      expect((caught as Error).message).toMatch(/^cannot (read progress file|save progress to) /);
      expect((caught as Error).message).not.toContain('\n');
      expect(store.lesson('a').status).toBe('new');
      expect(fs.readFileSync(home, 'utf8')).toBe('in the way');
    });

    it.skipIf(isRoot || process.platform === 'win32')('a read-only directory', () => {
      const home = tempHome();
      fs.chmodSync(home, 0o500);
      const { store } = openProgress({ home });
      expect(() => store.startLesson('a', { max: 1 })).toThrow(
        `cannot save progress to ${store.path}: permission denied`,
      );
    });
  });
});
