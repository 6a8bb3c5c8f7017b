import { describe, expect, it } from 'vitest';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { lesson } from './inline-lesson.js';

const TWEET = `
id: mini-tweet
title: Mini tweet
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 1s}
    - {id: replica-2, role: follower, lag: 5s}
steps:
  - say: "Post a tweet."
  - write: {client: you, key: tweet, value: Hello}
    expect: {ok: true, lsn: 1}
  - read: {client: you, key: tweet, from: replica-2}
    expect: {value: null, stale: true, anomalies: {read-your-writes: 1}}
  - id: q1
    quiz:
      question: Why?
      choices: [failed, lag, wrong key]
      answer: 1
      hint: look at LSNs
  - wait: 1500ms
  - id: p1
    predict:
      question: Read replica-1 now?
      choices:
        - {label: Hello, expect: {value: Hello}}
        - {label: nothing, expect: {value: null}}
      then: {read: {client: you, key: tweet, from: replica-1}}
  - id: c1
    choose:
      prompt: Route your read.
      client: you
      read: tweet
      goal: read-your-writes
      prefer: replica
`;

describe('runner on a small lesson', () => {
  it('runs headless with preset answers and grades by outcome', () => {
    const r = new LessonRunner(lesson(TWEET), {
      answers: new Map([
        ['q1', 1],
        ['p1', 0],
        ['c1', 0],
      ]),
    });
    r.advance();
    expect(r.done).toBe(true);
    expect(r.problems).toEqual([]);
    const c1 = r.records.find((x) => x.step === 'c1' && x.kind === 'choose')!;
    expect(c1.correct).toBe(true);
    // The leader was right but not needed: replica-1 had caught up (prefer: replica).
    expect(c1.points).toBe(1);
    expect(c1.feedback?.[1]).toContain('replica-1 had already caught up');
    expect(c1.outcomes?.map((o) => o.correct)).toEqual([true, true, false]);
    expect(r.score).toBe(2 + 2 + 1);
    expect(r.maxScore).toBe(6);
  });
});
