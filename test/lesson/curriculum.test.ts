import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CurriculumError,
  curriculum,
  curriculumOrder,
  lessonForTopic,
  parseCurriculum,
  placeOf,
} from '../../src/lesson/catalog/curriculum.js';

const LESSONS = join(import.meta.dirname, '../../lessons');

describe('the curriculum manifest', () => {
  const c = curriculum();

  it('numbers the lessons across parts and names their part', () => {
    expect(c.parts.map((p) => p.title)).toEqual([
      'Part 1 — Leaders and followers',
      'Part 2 — When the leader fails',
      'Part 3 — Many leaders, no leader',
    ]);
    expect(c.lessons).toHaveLength(16);
    expect(placeOf('lost-tweet')).toMatchObject({
      number: 3,
      part: 'Part 1 — Leaders and followers',
    });
    expect(placeOf('gitlab-2017')).toMatchObject({
      number: 12,
      part: 'Part 2 — When the leader fails',
    });
    expect(placeOf('my-own-lesson')).toBeUndefined();
  });

  it('lists every bundled lesson file', () => {
    const files = readdirSync(LESSONS)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''));
    for (const id of files) expect(placeOf(id), id).toBeDefined();
  });

  it('maps bank topics to the lesson that covers them', () => {
    expect(lessonForTopic('adding-follower')?.id).toBe('adding-a-follower');
    expect(lessonForTopic('failover')?.id).toBe('failover');
    expect(lessonForTopic('nothing-like-it')).toBeUndefined();
  });

  it('orders lessons of the manifest first, then the others by order and id', () => {
    const ids = [
      { id: 'zz-extra', order: 5 },
      { id: 'gitlab-2017', order: 1 },
      { id: 'aa-extra', order: 5 },
      { id: 'lost-tweet', order: 999 },
    ]
      .sort(curriculumOrder)
      .map((l) => l.id);
    expect(ids).toEqual(['lost-tweet', 'gitlab-2017', 'aa-extra', 'zz-extra']);
  });

  it('reports a broken manifest in one line with the place and what was expected', () => {
    const bad = (text: string) => () => parseCurriculum(text, 'c.json');
    expect(bad('{')).toThrow(CurriculumError);
    expect(bad('{"parts": []}')).toThrow('c.json: parts: expected a non-empty list of parts');
    expect(bad('{"parts": [{"title": "P", "lessons": [{"id": "Bad Id", "title": "x"}]}]}')).toThrow(
      'c.json: parts[0].lessons[0].id: expected a kebab-case lesson id',
    );
    expect(
      bad(
        '{"parts": [{"title": "P", "lessons": [{"id": "a", "title": "x"}, {"id": "a", "title": "y"}]}]}',
      ),
    ).toThrow('parts[0].lessons[1].id: expected an id not listed before ("a" is)');
    expect(
      bad('{"parts": [{"title": "P", "lessons": [{"id": "a", "title": "x", "quizTopics": [3]}]}]}'),
    ).toThrow('parts[0].lessons[0].quizTopics: expected a list of kebab-case topic ids');
  });
});
