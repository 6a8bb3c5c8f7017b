// The story on every path: a choose's other option plays on the learner's own copy of the
// cluster, then the story takes up again from before the choice with the story's option;
// `branch: true` keeps the learner's option; predicts and quizzes never touch the cluster.
// Rewind and resuming replay it all the same way.
import { describe, expect, it } from 'vitest';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { traceHash } from '../../src/sim/index.js';
import { lesson } from './inline-lesson.js';

const CLUSTER = `
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 1s}
    - {id: replica-2, role: follower, lag: 5s}
`;

/** A routing choose whose wrong option (replica-2) leaves a stale read in the history. */
function routeLesson(chooseExtra = '', stepExtra = ''): ReturnType<typeof lesson> {
  return lesson(`id: story\ntitle: t${CLUSTER}steps:
  - write: {client: you, key: k, value: v}
  - wait: 2s
  - id: c-read
    choose:
      prompt: Read k so that you see your write.
      client: you
      read: k
      options: [primary, replica-1, replica-2]
      goal: latest${chooseExtra}
${stepExtra}  - say: The read saw the write, and nothing stale was ever read.
  - id: r-after
    read: {client: you, key: k, from: replica-1}
    expect: {value: v, anomalies: {stale-read: 0}}
`);
}

function answered(l: ReturnType<typeof lesson>, answer: number, pauseOnSay = false): LessonRunner {
  const r = new LessonRunner(l, { pauseOnSay });
  r.advance();
  expect(r.state.kind).toBe('question');
  r.answer(answer, { live: false });
  for (let i = 0; i < 20 && !r.done; i++) {
    r.advance();
    r.continueSay();
  }
  expect(r.done).toBe(true);
  return r;
}

describe('after a choose, the story takes up again', () => {
  it('plays the learner’s option on a copy, then the story’s option from before the choice', () => {
    const r = answered(routeLesson(), 2);
    expect(r.problems).toEqual([]);
    const graded = r.records.find((x) => x.step === 'c-read' && x.answer !== undefined);
    expect(graded).toMatchObject({ answer: 2, correct: false, detour: true });
    expect(graded?.feedback?.[0]).toContain('replica-2');
    const resume = r.records.find((x) => x.resume);
    expect(resume).toMatchObject({
      kind: 'say',
      step: 'c-read',
      text: 'Back to the story: the lesson goes on as if you had chosen primary.',
    });
    // The story's read ran on the cluster the detour never touched: no phantom events.
    const reads = [...r.sim.ops].filter((op) => op.kind === 'read');
    expect(reads.map((op) => op.node)).toEqual(['primary', 'replica-1']);
    // The detour's read (on replica-2) is in the records, marked as such, before the resume.
    const detourRead = r.records.find((x) => x.kind === 'read' && x.node === 'replica-2');
    expect(detourRead).toMatchObject({ detour: true, within: 'c-read' });
    expect(r.records.indexOf(detourRead!)).toBeLessThan(r.records.indexOf(resume!));
    // The clock went back to the choice (2 s after the write was acknowledged).
    expect(r.resets).toEqual([
      r.records.find((x) => x.step === 'c-read' && x.kind === 'read' && !x.detour)!.t - 2,
    ]);
  });

  it('ends in the same state as a run that chose the story’s option', () => {
    const wrong = answered(routeLesson(), 2);
    const right = answered(routeLesson(), 0);
    expect(right.resets).toEqual([]);
    expect(right.records.some((x) => x.resume)).toBe(false);
    expect(traceHash(wrong.sim)).toBe(traceHash(right.sim));
  });

  it('says the step’s own resume text, and takes the story option it names', () => {
    const byLabel = answered(
      routeLesson('\n      story: replica-1\n      resume: "Say it **like this**."'),
      2,
    );
    expect(byLabel.records.find((x) => x.resume)?.text).toBe('Say it **like this**.');
    expect([...byLabel.sim.ops].filter((op) => op.kind === 'read').map((op) => op.node)).toEqual([
      'replica-1',
      'replica-1',
    ]);
    // By index, beside the step's id: the same story.
    const byIndex = answered(routeLesson('', '    story: 1\n'), 0);
    expect(byIndex.records.find((x) => x.resume)?.text).toContain('as if you had chosen replica-1');
    expect(traceHash(byIndex.sim)).toBe(traceHash(byLabel.sim));
  });

  it('with branch: true the learner’s option stands, and a later expect can break', () => {
    const r = answered(routeLesson('\n      branch: true'), 2);
    expect(r.records.some((x) => x.resume || x.detour)).toBe(false);
    expect(r.problems.map((p) => `${p.step}: ${p.message}`)).toEqual([
      'r-after: expected anomalies.stale-read 0, got 1',
    ]);
  });

  it('holds a person’s answer on their outcome until they continue, then narrates the way back', () => {
    const r = new LessonRunner(routeLesson(), { pauseOnSay: true });
    r.advance();
    r.answer(2);
    r.advance();
    // Held: the cards show the learner's cluster, with their read on replica-2.
    expect(r.state.kind).toBe('running');
    expect(r.inDetour).toBe(true);
    expect([...r.sim.ops].some((op) => op.node === 'replica-2')).toBe(true);
    expect(r.records.at(-1)).toMatchObject({ step: 'c-read', correct: false });
    // Continuing: back to the story's cluster at the moment of the choice, narrated.
    r.advance();
    expect(r.inDetour).toBe(false);
    expect(r.state).toMatchObject({ kind: 'say', step: { label: 'c-read' } });
    expect(r.sim.now).toBe(r.resets[0]);
    expect(r.sim.now).toBeLessThan(r.records.at(-2)!.t);
    expect([...r.sim.ops].some((op) => op.node === 'replica-2')).toBe(false);
    r.continueSay();
    r.advance();
    expect([...r.sim.ops].filter((op) => op.kind === 'read').map((op) => op.node)).toEqual([
      'primary',
    ]);
  });

  it('plays an action option’s steps on the detour, the story’s after the way back', () => {
    const l = lesson(`id: actions\ntitle: t${CLUSTER}steps:
  - write: {client: you, key: k, value: v}
  - wait: 6s
  - id: c-wipe
    choose:
      prompt: Which node do you empty?
      options:
        - {label: the leader, do: [{wipe: primary}]}
        - {label: the slow replica, do: [{wipe: replica-2}]}
      goal: {lost: 0}
  - read: {client: you, key: k, from: primary}
    expect: {value: v, lost: 0}
`);
    const r = answered(l, 0);
    expect(r.problems).toEqual([]);
    expect(r.records.find((x) => x.step === 'c-wipe.options[0].do[0]')).toMatchObject({
      detour: true,
      within: 'c-wipe',
    });
    expect(r.records.find((x) => x.step === 'c-wipe.options[1].do[0]')?.detour).toBeUndefined();
    expect(r.records.find((x) => x.resume)?.text).toContain(
      'as if you had chosen the slow replica',
    );
  });
});

describe('predicts and quizzes never change the cluster by their answer', () => {
  const l = lesson(`id: guesses\ntitle: t${CLUSTER}steps:
  - write: {client: you, key: k, value: v}
  - id: q
    quiz:
      question: Where is the write first?
      choices: [primary, replica-1, replica-2]
      answer: 0
  - id: p
    predict:
      question: What does replica-2 return at once?
      choices:
        - {label: v, expect: {value: v}}
        - {label: nothing, expect: {value: null}}
      then: {read: {client: you, key: k, from: replica-2}}
  - wait: 1s
`);

  it('runs the same then and ends in the same state whatever is answered', () => {
    const hashes = new Set<string>();
    for (const q of [0, 1, 2])
      for (const p of [0, 1]) {
        const r = new LessonRunner(l, {
          answers: new Map([
            ['q', q],
            ['p', p],
          ]),
        });
        r.advance();
        expect(r.done).toBe(true);
        expect(r.records.some((x) => x.resume || x.detour)).toBe(false);
        hashes.add(traceHash(r.sim));
      }
    expect(hashes.size).toBe(1);
  });
});

describe('rewind and resume replay the story the same way', () => {
  it('a rewind into the detour, or into the story after it, replays to the same end', () => {
    const full = answered(routeLesson(), 2);
    const end = traceHash(full.sim);
    const back = full.resets[0]!;
    // Before the choice, at it, on the detour (after it) and on the story after the reset.
    for (const t of [0, back - 1, back, back + 1, back + 3]) {
      const r = new LessonRunner(routeLesson(), { pauseOnSay: true });
      r.advance();
      r.answer(2);
      r.advance(); // the detour, held on the learner's outcome
      // A rewind goes back, never forward: at most to where the detour is held.
      const inDetour = r.rewoundTo(t);
      expect(inDetour.sim.now).toBe(Math.min(t, r.sim.now));
      expect(inDetour.resets).toEqual([]);
      for (let i = 0; i < 20 && !inDetour.done; i++) {
        inDetour.advance();
        inDetour.continueSay();
      }
      expect(traceHash(inDetour.sim)).toBe(end);
      r.advance(); // back to the story
      r.continueSay();
      r.advance(back + 4);
      const inStory = r.rewoundTo(t);
      expect(inStory.sim.now).toBe(t);
      expect(inStory.resets).toEqual(t >= back ? [back] : []);
      for (let i = 0; i < 20 && !inStory.done; i++) {
        inStory.advance();
        inStory.continueSay();
      }
      expect(traceHash(inStory.sim)).toBe(end);
      expect(inStory.records.map((x) => x.step)).toEqual(full.records.map((x) => x.step));
    }
  });

  it('resuming with the saved answer (by its place in the file) replays the detour', () => {
    const full = answered(routeLesson(), 2);
    const resumed = new LessonRunner(routeLesson(), { answers: new Map([['c-read', 2]]) });
    resumed.advance();
    expect(resumed.done).toBe(true);
    expect(traceHash(resumed.sim)).toBe(traceHash(full.sim));
    expect(resumed.records).toEqual(full.records);
  });
});
