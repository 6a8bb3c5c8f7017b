// Bank files that are wrong are reported as `file:line:col: path: message`, with the
// lesson loader's wording and "did you mean"; they never throw.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lesson/format/load.js';
import { loadBankFiles } from '../../src/quiz/bank.js';
import { parseBankText } from '../../src/quiz/bank-load.js';
import { validateBankFiles } from '../../src/quiz/bank-validate.js';

const FILE = 'lessons/quiz/test.yaml';

const GOOD = `topic: leaderless
questions:
  - id: q-one
    difficulty: easy
    kind: choice
    question: Which condition makes quorums overlap?
    choices: [w + r > n, w = r]
    answer: 0
    model: The sum of the quorums must exceed n.
    explain: Then every read set meets every write set.
  - id: q-two
    difficulty: 2
    kind: numeric
    question: n = 5, w = 3. Smallest r?
    answer: 3
    model: Three, since three plus three exceeds five.
    explain: r = n - w + 1.
  - id: q-three
    difficulty: hard
    kind: scenario
    template: quorum-overlap
    params: {n: {min: 3, max: 5}}
    question: Generated quorum arithmetic.
    model: Overlap needs w + r > n.
    explain: Count the nodes.
`;

function problems(text: string): string[] {
  return parseBankText(text, FILE, []).errors.map(formatProblem);
}

describe('parseBankText', () => {
  it('loads a good file, filling topic and lesson from the file', () => {
    const r = parseBankText(GOOD, FILE, []);
    expect(r.errors).toEqual([]);
    expect(r.questions.map((q) => [q.id, q.kind, q.difficulty, q.topic, q.lesson])).toEqual([
      ['q-one', 'choice', 1, 'leaderless', 'leaderless'],
      ['q-two', 'numeric', 2, 'leaderless', 'leaderless'],
      ['q-three', 'scenario', 3, 'leaderless', 'leaderless'],
    ]);
    expect(r.questions[0]).toMatchObject({ file: FILE, line: 3, col: 5, answer: [0] });
  });

  it('points at a misspelt key with a suggestion, and does not also call it missing', () => {
    expect(problems(GOOD.replace('    model: The sum', '    modle: The sum'))).toEqual([
      `${FILE}:9:5: questions[0].modle: unknown key "modle" (did you mean "model"?)`,
    ]);
  });

  it('names a missing key at the question', () => {
    expect(
      problems(GOOD.replace('    explain: Then every read set meets every write set.\n', '')),
    ).toEqual([`${FILE}:3:5: questions[0].explain: missing required key "explain"`]);
  });

  it('rejects an unknown kind, topic and difficulty with suggestions', () => {
    const text = GOOD.replace('kind: choice', 'kind: chioce')
      .replace('topic: leaderless', 'topic: leaderles')
      .replace('difficulty: 2', 'difficulty: extreme');
    const out = problems(text);
    expect(out).toContain(
      `${FILE}:1:8: topic: expected one of why-replicate, sync-async, lost-tweet, disappearing-comment, consistent-prefix, adding-follower, replication-logs, monitoring-lag, failover, github-2012, split-brain, gitlab-2017, matrix-2025, multi-leader, leaderless, version-vectors, found "leaderles" (did you mean "leaderless"?)`,
    );
    expect(out).toContain(
      `${FILE}:5:11: questions[0].kind: expected one of choice, numeric, scenario, routing, found "chioce" (did you mean "choice"?)`,
    );
    expect(out).toContain(
      `${FILE}:12:17: questions[1].difficulty: expected 1, 2, 3, easy, medium or hard, found "extreme"`,
    );
  });

  it('rejects an answer out of range', () => {
    expect(problems(GOOD.replace('    answer: 0', '    answer: 2'))).toEqual([
      `${FILE}:8:13: questions[0].answer: answer 2 is out of range: the 2 choices are numbered 0 to 1`,
    ]);
  });

  it('enforces the model-answer word limit', () => {
    const long = Array.from({ length: 61 }, () => 'word').join(' ');
    expect(problems(GOOD.replace('The sum of the quorums must exceed n.', long))).toEqual([
      `${FILE}:9:12: questions[0].model: the model answer has 61 words; keep it to at most 60, what you would say in 20 seconds`,
    ]);
  });

  it('checks templates: known, the right kind, and their parameters', () => {
    expect(problems(GOOD.replace('template: quorum-overlap', 'template: quorum-overlp'))[0]).toBe(
      `${FILE}:21:15: questions[2].template: unknown scenario template "quorum-overlp" (did you mean "quorum-overlap"? templates: ryw-nodes, monotonic-nodes, async-loss, failover-winner, retention-resync, cascade-delay, quorum-overlap, version-vector-order, commit-latency, log-divergence, seconds-behind, lww-skew)`,
    );
    expect(
      problems(GOOD.replace('template: quorum-overlap', 'template: route-own-read'))[0],
    ).toMatch(
      /template "route-own-read" makes routing questions, not scenario ones; set kind: routing/,
    );
    expect(problems(GOOD.replace('{n: {min: 3, max: 5}}', '{n: {min: 6, max: 5}}'))).toEqual([
      `${FILE}:22:31: questions[2].params.n.max: max must not be below min`,
    ]);
    expect(problems(GOOD.replace('{n: {min: 3, max: 5}}', '{nodes: 5}'))).toEqual([
      `${FILE}:22:14: questions[2].params.nodes: unknown key "nodes" (allowed here: n, asks)`,
    ]);
  });

  it('rejects duplicate ids and unknown lessons', () => {
    expect(problems(GOOD.replace('id: q-two', 'id: q-one'))).toEqual([
      `${FILE}:11:9: questions[1].id: duplicate question id "q-one" (first used by questions[0])`,
    ]);
    expect(
      problems(
        GOOD.replace('    difficulty: easy\n', '    difficulty: easy\n    lesson: failovr\n'),
      ),
    ).toEqual([
      `${FILE}:5:13: questions[0].lesson: unknown lesson or topic "failovr" (did you mean "failover"?)`,
    ]);
  });

  it('reports YAML syntax and an empty file in one line, never throwing', () => {
    expect(problems('topic: [')).toHaveLength(1);
    expect(
      problems(GOOD.replace('    kind: numeric\n', '    kind: numeric\n    kind: numeric\n')),
    ).toEqual([`${FILE}:14:5: duplicate key "kind"`]);
    expect(problems('')).toEqual([
      `${FILE}: the file is empty; a bank is a map with topic and questions`,
    ]);
    expect(problems('- just\n- a list\n')[0]).toMatch(
      /expected a question bank: a map with topic and questions/,
    );
  });
});

describe('bank files together', () => {
  it('rejects an id used in an earlier file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-bank-'));
    writeFileSync(join(dir, 'a.yaml'), GOOD);
    writeFileSync(
      join(dir, 'b.yaml'),
      GOOD.replace(/ {2}- id: q-two[\s\S]*/, '').replace('topic: leaderless', 'topic: failover'),
    );
    const [a, b] = await loadBankFiles([join(dir, 'a.yaml'), join(dir, 'b.yaml')], []);
    expect(a!.errors).toEqual([]);
    expect(b!.errors.map(formatProblem)).toEqual([
      `${join(dir, 'b.yaml')}:3:5: duplicate question id "q-one" (already used in ${join(dir, 'a.yaml')})`,
    ]);
  });

  it('validation generates template questions on 20 seeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-bank-'));
    writeFileSync(join(dir, 'a.yaml'), GOOD);
    const [r] = await validateBankFiles([join(dir, 'a.yaml')]);
    expect(r).toMatchObject({ questions: 3, errors: [] });
  });
});
