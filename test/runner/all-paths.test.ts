// validate plays every answer of every graded step on every seed: a path that breaks an
// expect or the grading is reported as `step = answer`; a path that rejoins the reference
// run is not played further.
import { describe, expect, it } from 'vitest';
import { type PathStats, playAllPaths, validateLesson } from '../../src/lesson/catalog/validate.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import { lesson } from './inline-lesson.js';

const CLUSTER = `
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 1s}
    - {id: replica-2, role: follower, lag: 5s}
`;

/** A routing choose whose replica-2 option reads stale data, then claims nothing was stale. */
function storyLesson(branch: boolean) {
  return lesson(`id: paths\ntitle: t${CLUSTER}steps:
  - write: {client: you, key: k, value: v}
  - wait: 2s
  - id: c-read
    choose:
      prompt: Read k so that you see your write.
      client: you
      read: k
      options: [primary, replica-1, replica-2]
      goal: latest${branch ? '\n      branch: true' : ''}
  - id: q-why
    quiz:
      question: Why was replica-2 stale?
      choices: [It was 5 s behind, It was down, {label: None of these, last: true}]
      answer: 0
  - say: Nothing stale was ever read.
  - id: r-after
    read: {client: you, key: k, from: replica-1}
    expect: {value: v, anomalies: {stale-read: 0}}
`);
}

describe('validate on every path', () => {
  it('fails a branch whose wrong option breaks a later expect, naming the path', () => {
    const problems = validateLesson(storyLesson(true), [1, 2, 3]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      line: 27,
      col: 13,
      path: 'step r-after',
      message: 'expected anomalies.stale-read 0, got 1 (path c-read = replica-2, on every seed)',
    });
  });

  it('passes the same lesson without the branch: the story takes up again', () => {
    expect(validateLesson(storyLesson(false), [1, 2, 3])).toEqual([]);
  });

  it('stops a path that rejoins the reference run; a branch plays to the end', () => {
    const story: PathStats = { paths: 0, rejoined: 0 };
    expect(playAllPaths(storyLesson(false), 1, story)).toEqual([]);
    // Two other routes, two other quiz answers.
    expect(story).toEqual({ paths: 4, rejoined: 4 });
    const branch: PathStats = { paths: 0, rejoined: 0 };
    playAllPaths(storyLesson(true), 1, branch);
    expect(branch).toEqual({ paths: 4, rejoined: 2 });
  });

  it('holds a story that takes an option other than the best one, on every path', () => {
    // The story is the mistake that was made: the stale read on replica-2 happened.
    const l = lesson(`id: mistake\ntitle: t${CLUSTER}steps:
  - write: {client: you, key: k, value: v}
  - wait: 2s
  - id: c-read
    choose:
      prompt: Read k so that you see your write.
      client: you
      read: k
      options: [primary, replica-1, replica-2]
      goal: latest
      story: replica-2
      resume: That night the read went to replica-2.
  - read: {client: you, key: k, from: primary}
    expect: {value: v, anomalies: {stale-read: 1}}
`);
    const stats: PathStats = { paths: 0, rejoined: 0 };
    expect(playAllPaths(l, 1, stats)).toEqual([]);
    expect(stats).toEqual({ paths: 2, rejoined: 2 });
    expect(validateLesson(l, [1, 2])).toEqual([]);
  });

  it('reports grading that breaks on a path only: a predict with no matching choice', () => {
    const l = lesson(`id: predict-path\ntitle: t${CLUSTER}steps:
  - write: {client: you, key: k, value: v}
  - wait: 2s
  - id: c-read
    choose:
      prompt: Read k.
      client: you
      read: k
      options: [primary, replica-2]
      goal: latest
      branch: true
  - id: p-count
    predict:
      question: How many stale reads so far?
      choices:
        - {label: none, expect: {anomalies: {stale-read: 0}}}
        - {label: two, expect: {anomalies: {stale-read: 2}}}
      then: {wait: 1s}
`);
    const messages = validateLesson(l, [1]).map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual([
      'step p-count: predict: no choice matches what happened (path c-read = replica-2, on every seed)',
    ]);
  });

  it('names an action option by its label, quoted when it has spaces', () => {
    const l = lesson(`id: action-path\ntitle: t${CLUSTER}steps:
  - write: {client: you, key: k, value: v}
  - wait: 6s
  - id: c-wipe
    branch: true
    choose:
      prompt: Which node do you empty?
      options:
        - {label: the leader, do: [{wipe: primary}]}
        - {label: replica-2, do: [{wipe: replica-2}]}
      goal: {lost: 0}
  - read: {client: you, key: k, from: primary}
    expect: {value: v}
`);
    const [p] = validateLesson(l, [1]);
    expect(p?.message).toBe(
      'expected value "v", got null (path c-wipe = "the leader", on every seed)',
    );
  });

  it('plays every answer of the bundled lessons on one seed, each rejoining the story', async () => {
    for (const id of ['lost-tweet', 'disappearing-comment', 'gitlab-2017']) {
      const r = await loadLessonFile(`lessons/${id}.yaml`);
      if (!r.ok) throw new Error(`${id} does not load`);
      const branches = r.lesson.steps.filter((s) => s.kind === 'choose' && s.branch).length;
      const stats: PathStats = { paths: 0, rejoined: 0 };
      const found = playAllPaths(r.lesson, r.lesson.seed, stats);
      expect(found.map((f) => `${f.path}: ${f.problem.step}: ${f.problem.message}`)).toEqual([]);
      expect(stats.paths).toBeGreaterThan(10);
      if (branches === 0) expect(stats.rejoined).toBe(stats.paths);
    }
  });
});
