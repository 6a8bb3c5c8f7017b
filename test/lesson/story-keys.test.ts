// The keys for the story on every path (story, resume, branch), `last` on choices and
// `expect.rows` on experiments: how they load, and what a mistake in them says.
import { describe, expect, it } from 'vitest';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import type { ChooseStep, Lesson } from '../../src/lesson/format/types.js';

const HEAD = `id: keys
title: Keys
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 1s}
steps:
  - write: {client: you, key: k, value: v}
`;

function load(steps: string): Lesson {
  const r = parseLessonText(HEAD + steps, 'keys.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.lesson;
}

function problems(steps: string): string[] {
  const r = parseLessonText(HEAD + steps, 'keys.yaml');
  return r.ok ? [] : r.errors.map(formatProblem);
}

const ROUTE = `  - id: c
    choose:
      prompt: Where?
      client: you
      read: k
      goal: latest`;

const ACTION = `  - id: c
    choose:
      prompt: Which?
      options:
        - {label: Empty the replica, do: [{wipe: replica-1}]}
        - {label: Do nothing, do: [{wait: 1s}], last: true}
      goal: {lost: 0}`;

describe('story, resume and branch', () => {
  it('name the story option by node id, label or index, inside choose or beside the id', () => {
    const choose = (l: Lesson) => l.steps[1] as ChooseStep;
    expect(choose(load(`${ROUTE}\n      story: replica-1\n`))).toMatchObject({
      story: 1,
      branch: false,
    });
    expect(
      choose(load(`${ACTION}\n    story: do nothing\n    resume: Back, as **it was**.\n`)),
    ).toMatchObject({ story: 1, resume: 'Back, as **it was**.' });
    expect(choose(load(`${ACTION}\n      story: 0\n`)).story).toBe(0);
    expect(choose(load(`${ROUTE}\n      branch: true\n`))).toMatchObject({ branch: true });
    expect(choose(load(`${ROUTE}\n`)).story).toBeUndefined();
  });

  it('say which option was meant, and where the keys do not belong', () => {
    expect(problems(`${ROUTE}\n      story: replica-2\n`)).toEqual([
      'keys.yaml:15:14: steps[1].choose.story: unknown option "replica-2" (did you mean "replica-1"? options: primary, replica-1)',
    ]);
    expect(problems(`${ACTION}\n      story: 2\n`)).toEqual([
      'keys.yaml:16:14: steps[1].choose.story: option 2 does not exist: there are 2 options, numbered 0 to 1',
    ]);
    expect(problems(`${ROUTE}\n      branch: true\n      story: primary\n`)).toEqual([
      "keys.yaml:16:7: steps[1].choose.story: story has no effect with branch: true (the learner's option stands)",
    ]);
    expect(problems(`  - wait: 1s\n    branch: true\n`)).toEqual([
      'keys.yaml:10:13: steps[1].branch: branch applies only to choose steps',
    ]);
    expect(problems(`${ROUTE}\n      branch: true\n    branch: true\n`)).toEqual([
      'keys.yaml:16:13: steps[1].branch: branch is given twice: here and inside choose; keep one',
    ]);
  });
});

describe('last', () => {
  it('marks a quiz, predict or action choice to stay last', () => {
    const l = load(`  - id: q
    quiz:
      question: Which?
      choices: [a, b, {label: none of these, last: true}]
      answer: 0
${ACTION}
`);
    expect(l.steps[1]).toMatchObject({
      choices: [{ label: 'a' }, { label: 'b' }, { label: 'none of these', last: true }],
    });
    expect((l.steps[2] as ChooseStep).choices.map((c) => c.last)).toEqual([undefined, true]);
  });
});

describe('expect.rows', () => {
  const EXPERIMENT = `  - id: x
    experiment:
      workload: {clients: 10, duration: 5s, writes: 0.2, readAfterWrite: 0.8, rate: 100/s}
      policies: [leader, random]
    expect:
      rows:
`;

  it('loads exact figures and ranges, durations in ms', () => {
    const l = load(
      `${EXPERIMENT}        leader: {anomalies: {read-your-writes: 0}, leaderLoad: 100, p99: 2ms}\n        random: {anomalies: {stale-read: {min: 1}}, p50: {max: 1s}}\n`,
    );
    expect(l.steps[1]?.expect?.rows).toEqual({
      leader: { anomalies: { 'read-your-writes': 0 }, leaderLoad: 100, p99: 2 },
      random: { anomalies: { 'stale-read': { min: 1 } }, p50: { max: 1000 } },
    });
  });

  it('names unknown policies and checkers with a suggestion, and bad ranges', () => {
    expect(
      problems(
        `${EXPERIMENT}        leadr: {leaderLoad: 100}\n        monotonic: {ops: 1}\n        random: {anomalies: {read-your-write: 1, stale-read: {min: 3, max: 1}}, leaderLoad: 140}\n`,
      ),
    ).toEqual([
      'keys.yaml:15:9: steps[1].expect.rows.leadr: unknown policy "leadr" (did you mean "leader"?)',
      'keys.yaml:16:9: steps[1].expect.rows.monotonic: unknown policy "monotonic" (policies of this experiment: leader, random)',
      'keys.yaml:17:30: steps[1].expect.rows.random.anomalies.read-your-write: unknown checker "read-your-write" (did you mean "read-your-writes"?)',
      'keys.yaml:17:76: steps[1].expect.rows.random.anomalies.stale-read.max: max must not be below min',
      'keys.yaml:17:93: steps[1].expect.rows.random.leaderLoad: expected a percentage from 0 to 100, found 140',
    ]);
    expect(
      problems(
        `  - read: {client: you, key: k, from: primary}\n    expect: {rows: {leader: {ops: 1}}}\n`,
      ),
    ).toEqual([
      'keys.yaml:10:14: steps[1].expect.rows: rows applies only to experiment steps (the comparison table)',
    ]);
  });
});
