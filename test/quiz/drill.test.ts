// A drill session in plain line mode, driven by scripted input and a fake clock: answers
// graded and recorded, skips count as wrong, the time limit is checked between questions,
// the end of input ends the drill, and the report gives k/N, topics and what to revisit.
import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/quiz/drill.js';
import { runPlainDrill } from '../../src/quiz/plain-drill.js';
import { drillReport, reportLines } from '../../src/quiz/report.js';
import type { BankQuestion } from '../../src/quiz/types.js';
import { choiceQ, numericQ } from './fixtures.js';

function scripted(lines: string[]) {
  const queue = [...lines];
  return { next: async () => queue.shift() };
}

async function play(
  questions: BankQuestion[],
  input: string[],
  opts: { limit?: number; step?: number } = {},
) {
  let t = 1000;
  const out: string[] = [];
  const recorded: string[] = [];
  const drill = new Drill(questions, {
    seed: 1,
    startedAt: t,
    timeLimitMs: opts.limit,
    onResult: (r) => recorded.push(`${r.id}:${r.correct ? 'right' : 'wrong'}`),
  });
  await runPlainDrill(drill, {
    write: (l) => out.push(l),
    input: scripted(input),
    now: () => {
      t += opts.step ?? 0;
      return t;
    },
  });
  return { drill, out: out.join('\n'), recorded };
}

describe('a plain drill', () => {
  const qs = [choiceQ('a'), numericQ('n', 3), choiceQ('b', 'split-brain')];

  it('grades choices and numbers, shows the model answer, and reports k/N', async () => {
    const { drill, out, recorded } = await play(qs, ['2', '3 replicas', '1']);
    expect(recorded).toEqual(['a:right', 'n:right', 'b:wrong']);
    expect(out).toContain('[1/3] easy · choice');
    expect(out).not.toContain('[1/3] lesson 9');
    expect(out).toContain('  2. right');
    expect(out).toContain('Type a number (replicas).');
    expect(out).toContain('✓ Correct: 3 replicas');
    expect(out).toContain('✗ Not quite. Your answer: 1. wrong. The answer: 2. right');
    expect(out).toContain('Model answer: Model answer of b.');
    expect(out).toContain('Revisit: lesson 11, Split brain');
    expect(drill.ended).toBe('done');
    expect(drill.report()).toMatchObject({ score: 2, asked: 3, planned: 3, end: 'done' });
  });

  it('asks again after input it cannot read, and counts a skip as wrong', async () => {
    const { out, recorded } = await play(qs, ['7', 'two', 's', 'x', '3.0', 'skip']);
    expect(out).toContain('Please type a number from 1 to 3, s to skip or q to stop.');
    expect(out).toContain('Please type a number (like 3 or 1.5), s to skip or q to stop.');
    expect(out).toContain('Your answer: skipped.');
    expect(recorded).toEqual(['a:wrong', 'n:right', 'b:wrong']);
  });

  it('ends at the end of input, counting only what was answered', async () => {
    const { drill } = await play(qs, ['2']);
    expect(drill.ended).toBe('input');
    expect(drill.report()).toMatchObject({ score: 1, asked: 1, planned: 3 });
  });

  it('q ends the drill early', async () => {
    const { drill } = await play(qs, ['2', 'q', '1']);
    expect(drill.ended).toBe('quit');
    expect(drill.results).toHaveLength(1);
  });

  it('checks the clock between questions and stops when time is up', async () => {
    // Each clock reading advances 400 ms; the limit is 1 s.
    const { drill } = await play(qs, ['2', '3', '2'], { limit: 1000, step: 400 });
    expect(drill.ended).toBe('time');
    expect(drill.results.length).toBeGreaterThan(0);
    expect(drill.results.length).toBeLessThan(3);
  });

  it('with a numeric tolerance, a close answer counts', async () => {
    const { recorded } = await play([numericQ('t', 23.6, 0.5)], ['24']);
    expect(recorded).toEqual(['t:right']);
  });
});

describe('the report', () => {
  const results = [
    {
      id: 'a',
      topic: 'failover',
      lesson: 'failover',
      kind: 'choice',
      difficulty: 1,
      correct: false,
      skipped: false,
    },
    {
      id: 'b',
      topic: 'failover',
      lesson: 'failover',
      kind: 'choice',
      difficulty: 1,
      correct: true,
      skipped: false,
    },
    {
      id: 'c',
      topic: 'lost-tweet',
      lesson: 'lost-tweet',
      kind: 'routing',
      difficulty: 2,
      correct: false,
      skipped: true,
    },
    {
      id: 'd',
      topic: 'why-replicate',
      lesson: 'why-replicate',
      kind: 'choice',
      difficulty: 1,
      correct: true,
      skipped: false,
    },
  ] as const;

  it('gives k/N, topics in curriculum order, the weakest first with their lesson', () => {
    const r = drillReport([...results], 'done', 4);
    expect(r.score).toBe(2);
    expect(r.asked).toBe(4);
    expect(r.byTopic.map((t) => t.topic)).toEqual(['why-replicate', 'lost-tweet', 'failover']);
    expect(r.weakest.map((t) => [t.topic, t.correct, t.asked, t.lesson])).toEqual([
      ['lost-tweet', 0, 1, 'lost-tweet'],
      ['failover', 1, 2, 'failover'],
    ]);
    const lines = reportLines(r, { lessonAvailable: (id) => id === 'lost-tweet' });
    expect(lines).toContain('Score: 2/4');
    expect(lines).toContain(
      '  lesson 3, The Lost Tweet (read-your-writes): replication-tutor play lost-tweet',
    );
    expect(lines).toContain(
      '  lesson 9, Failover (curriculum topic "failover"; its lesson is not in this version yet)',
    );
  });

  it('says when time ran out, and that nothing was weak when all was right', () => {
    const r = drillReport([results[1], results[3]], 'time', 10);
    const lines = reportLines(r, { lessonAvailable: () => true, timeLimit: '10m' });
    expect(lines[0]).toBe('Time is up (10m).');
    expect(lines).toContain('Score: 2/2');
    expect(lines).toContain('Weakest topics: none, every topic answered right.');
  });
});
