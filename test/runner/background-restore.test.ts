// A background restore is recorded when it starts: its record must not claim the data is in.
import { describe, expect, it } from 'vitest';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { lesson } from './inline-lesson.js';

const RESTORE = (background: boolean) => `id: bg-restore
title: t
cluster:
  dataSize: 10GB
  nodes:
    - {id: primary, role: leader}
steps:
  - backup: {from: primary, id: snap}
  - restore: {node: primary, from: snap, rate: 10GB/h, background: ${background}}
  - wait: 30m
    expect: {status: {primary: restoring}}
`;

describe('restore records', () => {
  it('a background restore says it is under way, a blocking one that it is done', () => {
    for (const background of [true, false]) {
      const r = new LessonRunner(lesson(RESTORE(background)));
      r.advance();
      const rec = r.records.find((x) => x.kind === 'restore')!;
      if (background) {
        expect(rec).toMatchObject({
          t: 0,
          summary: 'primary restoring from snap (in the background)',
        });
        expect(r.problems).toEqual([]);
      } else {
        expect(rec).toMatchObject({ t: 3_600_000, summary: 'primary restored from snap' });
      }
    }
  });
});
