// Runner rules that every lesson relies on: validation problems, hints, rewind, experiments.
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/lesson/catalog/answers-file.js';
import { validateLesson } from '../../src/lesson/catalog/validate.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import { lesson } from './inline-lesson.js';

const CLUSTER = `
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 1s}
    - {id: replica-2, role: follower, lag: 3s}
`;

describe('validation problems', () => {
  it('flags a predict where two choices match what happened', () => {
    const l = lesson(`id: two-match\ntitle: t${CLUSTER}steps:
  - write: {client: you, key: k, value: v}
  - id: p
    predict:
      question: What does replica-1 return at once?
      choices:
        - {label: nothing, expect: {value: null}}
        - {label: also nothing, expect: {stale: true}}
      then: {read: {client: you, key: k, from: replica-1}}
`);
    const problems = validateLesson(l, [1, 2]);
    expect(problems.map((p) => p.message)).toEqual([
      'predict: more than one choice matches what happened (nothing, also nothing) (on every seed)',
    ]);
    expect(problems[0]).toMatchObject({ line: 10, col: 5, path: 'step p' });
  });

  it('flags an until whose condition is not reached in time', () => {
    const l = lesson(`id: slow\ntitle: t${CLUSTER}steps:
  - write: {client: you, key: k, value: v}
  - until: {node: replica-2, caughtUp: true, max: 1s}
`);
    expect(validateLesson(l, [1]).map((p) => p.message)).toEqual([
      'until: the condition did not hold within 1s (on every seed)',
    ]);
  });

  it('reports seeds when an expectation holds only on some of them', () => {
    const l = lesson(`id: lucky\ntitle: t
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: {min: 0ms, max: 2s}}
steps:
  - write: {client: you, key: k, value: v}
  - wait: 1s
  - read: {client: you, key: k, from: replica-1}
    expect: {value: v}
`);
    const [p] = validateLesson(l, [1, 2, 3, 4, 5, 6, 7, 8]);
    expect(p?.message).toMatch(/^expected value "v", got null \(seeds? [\d, ]+\)$/);
  });
});

describe('hints and points', () => {
  const QUIZ = `id: q\ntitle: t${CLUSTER}steps:
  - id: q1
    quiz: {question: Q?, choices: [a, b], answer: 1, hint: think}
`;
  it('a hint halves the points of a right answer', () => {
    const r = new LessonRunner(lesson(QUIZ));
    r.advance();
    expect(r.hint()).toBe('think');
    r.answer(1);
    r.advance();
    expect(r.records.at(-1)).toMatchObject({ correct: true, points: 1, max: 2 });
    expect(r.score).toBe(1);
  });

  it('rejects an answer out of range without losing the question', () => {
    const r = new LessonRunner(lesson(QUIZ));
    r.advance();
    expect(() => r.answer(2)).toThrow(RangeError);
    expect(r.state.kind).toBe('question');
  });
});

describe('rewind', () => {
  it('re-simulates to an earlier time with the same state and replays answers given', async () => {
    const loaded = await loadLessonFile('lessons/lost-tweet.yaml');
    if (!loaded.ok) throw new Error('lesson does not load');
    const { choices: answers, tasks } = await loadAnswers(
      'lessons/answers/lost-tweet.yaml',
      loaded.lesson,
    );
    const r = new LessonRunner(loaded.lesson, { answers, tasks });
    r.advance(5_000);
    const at5 = JSON.stringify(r.sim.snapshot());
    r.advance(12_000);
    const back = r.rewoundTo(5_000);
    expect(back.sim.now).toBe(5_000);
    expect(JSON.stringify(back.sim.snapshot())).toBe(at5);
    // Only the answers given before t=5s are replayed (q-duplicate comes at t=5.009s).
    expect(back.given.map(([label]) => label)).toEqual(['p-reload']);
    back.advance();
    r.advance();
    expect(back.score).toBe(r.score);
    expect(back.records.map((x) => x.t)).toEqual(r.records.map((x) => x.t));
  });
});

describe('experiment', () => {
  it('compares policies on the same workload without changing the lesson cluster', async () => {
    const loaded = await loadLessonFile('lessons/lost-tweet.yaml');
    if (!loaded.ok) throw new Error('lesson does not load');
    const { choices: answers, tasks } = await loadAnswers(
      'lessons/answers/lost-tweet.yaml',
      loaded.lesson,
    );
    const r = new LessonRunner(loaded.lesson, { answers, tasks });
    r.advance();
    const rec = r.records.find((x) => x.kind === 'experiment')!;
    const byPolicy = new Map(rec.table!.map((row) => [row.policy, row]));
    expect(byPolicy.get('leader')).toMatchObject({ anomalies: 0, leaderLoad: 100 });
    expect(byPolicy.get('random')!.byChecker['read-your-writes']).toBeGreaterThan(0);
    expect(byPolicy.get('read-your-writes')!.byChecker['read-your-writes'] ?? 0).toBe(0);
    expect(byPolicy.get('read-your-writes')!.leaderLoad).toBeLessThan(
      byPolicy.get('window-after-write')!.leaderLoad,
    );
    // The experiment ran on copies: no workload client ever touched the lesson's cluster.
    expect(r.sim.ops.slice().some((o) => o.client.startsWith('exp-'))).toBe(false);
  });
});
