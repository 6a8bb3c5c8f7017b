// A time-lapse notice says how much time was skipped; a jump that skipped none (the next
// event was due at once) is not reported as "≫ +0ms".
import { describe, expect, it } from 'vitest';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

const STORM = `
id: storm
title: Storm
order: 30
minutes: 1
summary: A long wait, then a burst of writes.
cluster:
  nodes:
    - {id: db1, role: leader}
    - {id: db2, role: follower, lag: 200ms, throughput: 25}
steps:
  - wait: 2h
  - id: p
    predict:
      question: What state is db2 in after the burst?
      choices:
        - {label: streaming, expect: {status: {db2: streaming}}}
        - {label: catching up, expect: {status: {db2: catching-up}}}
      then:
        workload: {clients: 10, duration: 30s, writes: 1, rate: 125/s, keys: 10, size: 2MB}
  - say: Done.
`;

describe('time-lapse notices', () => {
  it('never report a jump of no time', () => {
    const d = new LessonDriver(miniLesson(STORM), tempStore());
    const lapses: number[] = [];
    const run = () => {
      for (let i = 0; i < 20_000 && d.phase === 'running'; i++) {
        const r = d.tick(250, 100);
        if (r.lapsed !== undefined) lapses.push(r.lapsed);
      }
    };
    run();
    expect(d.phase).toBe('question');
    d.answer(0);
    run();
    expect(d.phase).toBe('feedback');
    expect(lapses.length).toBeGreaterThan(0);
    expect(lapses.filter((l) => l <= 0)).toEqual([]);
  });
});
