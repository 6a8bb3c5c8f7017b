import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/lesson/catalog/catalog.js';
import { listLessons, readListing } from '../../src/lesson/catalog/lesson-listing.js';
import { lessonsDir } from '../../src/lesson/catalog/lesson-paths.js';

describe('readListing (the menu facts without the YAML library)', () => {
  it('reads plain, quoted and folded values, with defaults for what is missing', () => {
    const text = [
      '# comment',
      'id: lost-tweet',
      'title: "GitLab, January 2017: the wrong terminal"',
      'order: 120',
      'topics: [a, b]',
      'summary: >-',
      '  You post a tweet,',
      '  and it is gone.',
      '',
      'cluster:',
      '  nodes: []',
    ].join('\n');
    expect(readListing(text)).toEqual({
      id: 'lost-tweet',
      title: 'GitLab, January 2017: the wrong terminal',
      order: 120,
      minutes: 5,
      summary: 'You post a tweet, and it is gone.',
    });
    expect(readListing("id: x\ntitle: 'It''s here' # note\nminutes: 3\n")).toMatchObject({
      title: "It's here",
      minutes: 3,
      order: 1000,
      summary: '',
    });
  });

  it('gives up on forms it does not read, and without an id or a title', () => {
    expect(readListing('id: x\ntitle: &a anchored\n')).toBeUndefined();
    expect(readListing('id: x\ntitle: t\norder: ten\n')).toBeUndefined();
    expect(readListing('title: t\n')).toBeUndefined();
    expect(readListing('id: x\ntitle:\n  plain\n  continued\n')).toBeUndefined();
  });

  it('agrees with the full loader on every shipped lesson', async () => {
    const catalog = await loadCatalog();
    const listed = await listLessons(lessonsDir());
    for (const { lesson, file } of catalog.lessons) {
      const quick = readListing(readFileSync(file, 'utf8'));
      expect(quick).toEqual({
        id: lesson.id,
        title: lesson.title,
        order: lesson.order,
        minutes: lesson.minutes,
        summary: lesson.summary,
      });
    }
    expect(listed.map((l) => l.id)).toEqual(
      expect.arrayContaining(catalog.lessons.map((l) => l.lesson.id)),
    );
  });
});
