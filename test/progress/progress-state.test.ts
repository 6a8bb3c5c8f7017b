import { describe, expect, it } from 'vitest';
import type { ProgressData } from '../../src/progress/progress-schema.js';
import {
  answersByStep,
  beatsBest,
  emptyProgress,
  finishLesson,
  lessonEntries,
  lessonProgress,
  mergeTouched,
  ProgressStateError,
  recordAnswer,
  recordStep,
  resetAll,
  resetLesson,
  restartLesson,
  startLesson,
  updateLesson,
} from '../../src/progress/progress-state.js';

const t0 = '2025-01-01T10:00:00.000Z';
const t1 = '2025-01-01T10:01:00.000Z';
const t2 = '2025-01-01T10:02:00.000Z';
const t3 = '2025-01-01T10:03:00.000Z';

function played(): ProgressData {
  let d = startLesson(emptyProgress(t0), 'lost-tweet', { max: 3 }, t0);
  d = recordAnswer(
    d,
    'lost-tweet',
    { stepLabel: 'route', stepIndex: 2, answer: 'leader', scoreDelta: 1 },
    t1,
  );
  d = recordAnswer(
    d,
    'lost-tweet',
    { stepLabel: 'predict', stepIndex: 4, answer: 'b', scoreDelta: 0 },
    t2,
  );
  return d;
}

describe('progress state', () => {
  it('a lesson with nothing saved reads as new', () => {
    const l = lessonProgress(emptyProgress(t0), 'x');
    expect(l).toMatchObject({ status: 'new', score: 0, best: null, lastStep: null, answers: [] });
  });

  it('start: a new lesson begins attempt 1 at step 0', () => {
    const d = startLesson(emptyProgress(t0), 'a', { max: 5 }, t1);
    expect(lessonProgress(d, 'a')).toMatchObject({
      status: 'in-progress',
      score: 0,
      max: 5,
      attempts: 1,
      startedAt: t1,
      updatedAt: t1,
      lastStep: null,
    });
    expect(d.updatedAt).toBe(t1);
  });

  it('never mutates its input', () => {
    const before = played();
    const copy = structuredClone(before);
    finishLesson(before, 'lost-tweet', { score: 1, max: 3 }, t3);
    restartLesson(before, 'lost-tweet', {}, t3);
    resetAll(before, t3);
    expect(before).toEqual(copy);
  });

  it('answers: score, last step and the answers in the order given', () => {
    const l = lessonProgress(played(), 'lost-tweet');
    expect(l.score).toBe(1);
    expect(l.lastStep).toEqual({ index: 4, label: 'predict' });
    expect([...answersByStep(l)]).toEqual([
      ['route', 'leader'],
      ['predict', 'b'],
    ]);
  });

  it('keeps the order of labels that look like integers', () => {
    let d = startLesson(emptyProgress(t0), 'a', { max: 2 }, t0);
    d = recordAnswer(d, 'a', { stepLabel: '10', stepIndex: 0, answer: 'x' }, t1);
    d = recordAnswer(d, 'a', { stepLabel: '2', stepIndex: 1, answer: 'y' }, t1);
    const roundTripped = JSON.parse(JSON.stringify(d)) as ProgressData;
    expect(lessonProgress(roundTripped, 'a').answers.map((a) => a.step)).toEqual(['10', '2']);
  });

  it('answering a step again replaces its answer and its points', () => {
    const d = recordAnswer(
      played(),
      'lost-tweet',
      { stepLabel: 'route', stepIndex: 2, answer: 'replica-1', scoreDelta: 0 },
      t3,
    );
    const l = lessonProgress(d, 'lost-tweet');
    expect(l.score).toBe(0);
    expect(l.answers.map((a) => [a.step, a.answer])).toEqual([
      ['predict', 'b'],
      ['route', 'replica-1'],
    ]);
    expect(l.lastStep).toEqual({ index: 2, label: 'route' });
  });

  it('recordStep moves the last step without an answer', () => {
    const d = recordStep(played(), 'lost-tweet', { index: 5, label: 'wait' }, t3);
    const l = lessonProgress(d, 'lost-tweet');
    expect(l.lastStep).toEqual({ index: 5, label: 'wait' });
    expect(l.answers).toHaveLength(2);
  });

  it('refuses answers and steps for a lesson not in progress', () => {
    const e = emptyProgress(t0);
    expect(() => recordAnswer(e, 'a', { stepLabel: 's', stepIndex: 0, answer: 'x' }, t1)).toThrow(
      ProgressStateError,
    );
    const done = finishLesson(played(), 'lost-tweet', { score: 1, max: 3 }, t3);
    expect(() => recordStep(done, 'lost-tweet', { index: 0, label: 's' }, t3)).toThrow(/is done/);
  });

  it('start on a lesson in progress resumes it as saved, updating max', () => {
    const d = startLesson(played(), 'lost-tweet', { max: 4 }, t3);
    const l = lessonProgress(d, 'lost-tweet');
    expect(l).toMatchObject({
      status: 'in-progress',
      score: 1,
      max: 4,
      attempts: 1,
      startedAt: t0,
    });
    expect(l.answers).toHaveLength(2);
  });

  it('finish: status done, score kept, best set', () => {
    const d = finishLesson(played(), 'lost-tweet', { score: 2, max: 3 }, t3);
    expect(lessonProgress(d, 'lost-tweet')).toMatchObject({
      status: 'done',
      score: 2,
      max: 3,
      finishedAt: t3,
      best: { score: 2, max: 3, at: t3 },
    });
  });

  it('a worse later run keeps the best score; a better one replaces it', () => {
    let d = finishLesson(played(), 'lost-tweet', { score: 2, max: 3 }, t1);
    d = startLesson(d, 'lost-tweet', { max: 3 }, t2);
    d = finishLesson(d, 'lost-tweet', { score: 1, max: 3 }, t2);
    expect(lessonProgress(d, 'lost-tweet')).toMatchObject({ score: 1, best: { score: 2, at: t1 } });
    d = finishLesson(d, 'lost-tweet', { score: 3, max: 3 }, t3);
    expect(lessonProgress(d, 'lost-tweet').best).toEqual({ score: 3, max: 3, at: t3 });
  });

  it('start on a finished lesson begins a fresh attempt, keeping the best', () => {
    let d = finishLesson(played(), 'lost-tweet', { score: 2, max: 3 }, t1);
    d = startLesson(d, 'lost-tweet', { max: 3 }, t2);
    expect(lessonProgress(d, 'lost-tweet')).toMatchObject({
      status: 'in-progress',
      score: 0,
      answers: [],
      lastStep: null,
      attempts: 2,
      finishedAt: null,
      best: { score: 2, max: 3 },
    });
  });

  it('restart: from step 0 even in progress, answers cleared, best kept', () => {
    let d = finishLesson(played(), 'lost-tweet', { score: 2, max: 3 }, t1);
    d = startLesson(d, 'lost-tweet', { max: 3 }, t2);
    d = recordAnswer(
      d,
      'lost-tweet',
      { stepLabel: 'route', stepIndex: 2, answer: 'l', scoreDelta: 1 },
      t2,
    );
    d = restartLesson(d, 'lost-tweet', {}, t3);
    expect(lessonProgress(d, 'lost-tweet')).toMatchObject({
      status: 'in-progress',
      score: 0,
      max: 3,
      answers: [],
      lastStep: null,
      attempts: 3,
      startedAt: t3,
      best: { score: 2, max: 3 },
    });
  });

  it('compares best scores by ratio when max changed', () => {
    expect(beatsBest(3, 4, { score: 2, max: 3, at: t0 })).toBe(true); // 0.75 > 0.67
    expect(beatsBest(3, 5, { score: 2, max: 3, at: t0 })).toBe(false); // 0.6 < 0.67
    expect(beatsBest(2, 3, { score: 2, max: 3, at: t0 })).toBe(false); // a tie keeps the first
    expect(beatsBest(0, 0, null)).toBe(true);
  });

  it('reset one lesson forgets only it; reset all forgets every lesson', () => {
    let d = played();
    d = startLesson(d, 'other', { max: 1 }, t1);
    const one = resetLesson(d, 'lost-tweet', t3);
    expect(lessonEntries(one).map(([id]) => id)).toEqual(['other']);
    expect(lessonProgress(one, 'lost-tweet').status).toBe('new');
    expect(lessonEntries(resetAll(d, t3))).toEqual([]);
  });

  it('updateLesson applies any function and stamps the time', () => {
    const d = updateLesson(played(), 'lost-tweet', (l) => ({ ...l, max: 9 }), t3);
    expect(lessonProgress(d, 'lost-tweet')).toMatchObject({ max: 9, updatedAt: t3 });
  });

  it('lesson entries are sorted by id', () => {
    let d = startLesson(emptyProgress(t0), 'b', { max: 1 }, t0);
    d = startLesson(d, 'a', { max: 1 }, t0);
    expect(lessonEntries(d).map(([id]) => id)).toEqual(['a', 'b']);
  });

  it('mergeTouched keeps other lessons from disk and takes touched ones from mine', () => {
    const disk = startLesson(
      startLesson(emptyProgress(t0), 'theirs', { max: 7 }, t0),
      'mine',
      { max: 1 },
      t0,
    );
    let mine = startLesson(emptyProgress(t0), 'mine', { max: 2 }, t1);
    mine = startLesson(mine, 'stale', { max: 1 }, t1);
    const merged = mergeTouched(disk, mine, ['mine']);
    expect(lessonEntries(merged).map(([id]) => id)).toEqual(['mine', 'theirs']);
    expect(lessonProgress(merged, 'mine').max).toBe(2);
    // Touched and absent from mine: removed (a reset of that lesson).
    const removed = mergeTouched(disk, resetLesson(mine, 'mine', t2), ['mine']);
    expect(lessonEntries(removed).map(([id]) => id)).toEqual(['theirs']);
  });
});
