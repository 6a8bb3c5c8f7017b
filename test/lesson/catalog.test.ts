import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  displayPath,
  lessonFiles,
  loadCatalog,
  resolveLesson,
} from '../../src/lesson/catalog/catalog.js';
import {
  findPackageRoot,
  LESSONS_DIR_ENV,
  lessonsDir,
} from '../../src/lesson/catalog/lesson-paths.js';
import { formatProblem } from '../../src/lesson/format/load.js';
import { repoRoot } from '../run-cli.js';
import { lessonText } from './lesson-text.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rt-catalog-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

describe('lessons directory', () => {
  it('finds the package root (package.json named replication-tutor, with lessons/)', () => {
    expect(findPackageRoot()).toBe(repoRoot.replace(/\/$/, ''));
    expect(lessonsDir({})).toBe(join(repoRoot, 'lessons'));
  });

  it('can be overridden by $REPLICATION_TUTOR_LESSONS', () => {
    expect(lessonsDir({ [LESSONS_DIR_ENV]: dir })).toBe(dir);
  });
});

describe('catalog', () => {
  it('lists top-level .yaml files only, by name', async () => {
    write('b.yaml', lessonText({ id: 'b' }));
    write('a.yml', lessonText({ id: 'a' }));
    write('notes.md', '# not a lesson');
    write('.hidden.yaml', 'garbage: [');
    mkdirSync(join(dir, 'answers'));
    writeFileSync(join(dir, 'answers', 'a.yaml'), 'q1: 0\n');
    mkdirSync(join(dir, 'folder.yaml'));
    expect(await lessonFiles(dir)).toEqual([join(dir, 'a.yml'), join(dir, 'b.yaml')]);
  });

  it('sorts lessons by order, then id', async () => {
    write('one.yaml', lessonText({ id: 'zeta', order: 10 }));
    write('two.yaml', lessonText({ id: 'alpha', order: 20 }));
    write('three.yaml', lessonText({ id: 'beta', order: 10 }));
    write('four.yaml', lessonText({ id: 'omega' }));
    const catalog = await loadCatalog(dir);
    expect(catalog.broken).toEqual([]);
    expect(catalog.lessons.map((l) => l.lesson.id)).toEqual(['beta', 'zeta', 'alpha', 'omega']);
  });

  it('keeps broken files apart with their errors', async () => {
    write('good.yaml', lessonText({ id: 'good' }));
    write('bad.yaml', lessonText({ id: 'bad' }).replace('lag: 2s', 'lag: soon'));
    const catalog = await loadCatalog(dir);
    expect(catalog.lessons.map((l) => l.lesson.id)).toEqual(['good']);
    expect(catalog.broken.flatMap((b) => b.errors.map((e) => e.message))).toEqual([
      'expected a duration like 250ms, 2s, 1m or 6h, found "soon"',
    ]);
  });

  it('rejects a lesson id used by two files, pointing at the second', async () => {
    write('a.yaml', lessonText({ id: 'same' }));
    write('b.yaml', lessonText({ id: 'same' }));
    const catalog = await loadCatalog(dir);
    expect(catalog.lessons).toHaveLength(1);
    const [problem] = catalog.broken.flatMap((b) => b.errors);
    expect(problem && formatProblem(problem)).toBe(
      `${displayPath(join(dir, 'b.yaml'))}:1:5: id: lesson id "same" is already used by ${displayPath(join(dir, 'a.yaml'))}`,
    );
  });

  it('reports a missing directory as empty, and says why', async () => {
    const catalog = await loadCatalog(join(dir, 'missing'));
    expect(catalog).toMatchObject({
      exists: false,
      problem: 'the directory does not exist',
      lessons: [],
      broken: [],
    });
    write('file.yaml', lessonText({ id: 'a' }));
    expect((await loadCatalog(join(dir, 'file.yaml'))).problem).toBe('it is not a directory');
  });
});

describe('resolving a lesson argument', () => {
  it('takes a lesson id', async () => {
    write('first.yaml', lessonText({ id: 'lost-tweet' }));
    const r = await resolveLesson('lost-tweet', dir);
    expect(r.ok && r.lesson.id).toBe('lost-tweet');
  });

  it('takes a path', async () => {
    const file = join(dir, 'x.yaml');
    writeFileSync(file, lessonText({ id: 'by-path' }));
    const r = await resolveLesson(file, join(dir, 'elsewhere'));
    expect(r.ok && r.lesson.id).toBe('by-path');
  });

  it('suggests the nearest id for an unknown one', async () => {
    write('a.yaml', lessonText({ id: 'lost-tweet' }));
    write('b.yaml', lessonText({ id: 'split-brain' }));
    const r = await resolveLesson('lost-twet', dir);
    expect(r.ok ? [] : r.errors.map(formatProblem)).toEqual([
      'unknown lesson "lost-twet" (did you mean "lost-tweet"? lessons: lost-tweet, split-brain)',
    ]);
  });

  it("shows a broken file's own errors when it is named after the id", async () => {
    write(
      'lost-tweet.yaml',
      lessonText({ id: 'lost-tweet' }).replace('say: Hello.', 'sya: Hello.'),
    );
    const r = await resolveLesson('lost-tweet', dir);
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('unknown step kind "sya" (did you mean "say"?)'),
    ]);
  });
});
