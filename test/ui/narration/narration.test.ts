import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../../src/lesson/engine/runner.js';
import { stepSpan } from '../../../src/lesson/engine/step-span.js';
import type { InteractiveStep } from '../../../src/lesson/format/types.js';
import { narrationKey, narrationOf } from '../../../src/ui/narration/narration.js';
import {
  feedbackLines,
  narrationLines,
  questionLines,
} from '../../../src/ui/narration/narration-lines.js';
import { spansText } from '../../../src/ui/text/markdown.js';
import { miniLesson } from '../mini-lesson.js';

const lesson = miniLesson();
const say = (text: string, index: number): StepRecord => ({
  t: 0,
  step: `#${index}`,
  kind: 'say',
  index,
  text,
});
const p1 = lesson.steps[3] as InteractiveStep;
const graded: StepRecord = {
  t: 4,
  step: 'p1',
  kind: 'predict',
  index: 3,
  answer: 0,
  answerLabel: 'Hello',
  correct: false,
  correctChoices: [1],
  points: 0,
  max: 2,
  explain: 'replica-2 is 5 s behind.',
  feedback: [
    '✗ Not quite: read "tweet" on replica-2 → nothing.',
    'What happened matches: nothing.',
  ],
};
const base = { records: [] as StepRecord[], steps: lesson.steps, score: 0, maxScore: 6 };
const text = (lines: ReturnType<typeof narrationLines>) =>
  lines.map((l) => `${l.lead ?? ''}${spansText(l.spans)}`).join('\n');

describe('narration', () => {
  it('shows the waiting narration, then keeps it while the cluster plays', () => {
    const records = [say('Hi', 0)];
    expect(narrationOf({ ...base, records, phase: 'say' })).toEqual({
      kind: 'say',
      text: 'Hi',
      waiting: true,
    });
    expect(narrationOf({ ...base, records, phase: 'running' })).toEqual({
      kind: 'say',
      text: 'Hi',
      waiting: false,
    });
  });

  it('shows a question, the answer while its outcome plays, then the feedback', () => {
    expect(narrationOf({ ...base, phase: 'question', question: p1 })).toMatchObject({
      kind: 'question',
      step: { label: 'p1' },
    });
    expect(
      narrationOf({ ...base, phase: 'running', outcome: { step: p1, answer: 0 } }),
    ).toMatchObject({ kind: 'outcome', answer: 0 });
    expect(
      narrationOf({ ...base, records: [graded], phase: 'feedback', feedback: graded }),
    ).toMatchObject({ kind: 'feedback', waiting: true });
  });

  it('says the lesson is over with the score', () => {
    const n = narrationOf({ ...base, records: [say('Bye', 9)], phase: 'done', score: 4 });
    expect(n).toEqual({ kind: 'done', text: 'Bye', score: 4, max: 6 });
    expect(text(narrationLines(n, 60, true))).toContain('✓ Lesson complete. Score: 4/6.');
  });

  it('keys change with what is shown and with the runner generation', () => {
    const a = narrationOf({ ...base, phase: 'question', question: p1 });
    expect(narrationKey(a, 1)).not.toBe(narrationKey(a, 2));
    expect(narrationKey(a, 1)).not.toBe(narrationKey({ kind: 'say', text: 'x', waiting: true }, 1));
  });

  it('lays out feedback: verdicts per choice, what happened, why, points', () => {
    const out = text(feedbackLines(p1, graded, 70, true));
    expect(out).toMatch(/✗ 1\. Hello \(your answer\)/);
    expect(out).toMatch(/✓ 2\. nothing/);
    expect(out).toContain('✗ Not quite: read "tweet" on replica-2 → nothing.');
    expect(out).toContain('Why: replica-2 is 5 s behind.');
    expect(out).toContain('Points: 0/2');
  });
});

describe('stepSpan', () => {
  it('is the stated length of waits, workloads, limits and predictions', () => {
    expect(stepSpan(lesson.steps[5]!)).toBe(30_000);
    expect(stepSpan(p1)).toBeUndefined();
    expect(stepSpan(lesson.steps[0]!)).toBeUndefined();
  });
});

describe('a question about an experiment', () => {
  it('puts the prompt first and the table under it', () => {
    const q = lesson.steps[6] as InteractiveStep;
    const experiment: StepRecord = {
      t: 0,
      step: 'x',
      kind: 'experiment',
      index: 0,
      table: [
        { policy: 'random', ops: 10, anomalies: 4, byChecker: {}, leaderLoad: 33, p50: 2, p99: 3 },
      ],
    };
    const out = questionLines(q, { record: experiment }, 70, true).map((l) => spansText(l.spans));
    expect(out[0]).toBe('Why was the first read empty?');
    expect(out.join('\n')).toMatch(/random +0 +0 +0 +33% +2ms +3ms/);
  });
});

describe('narration after an experiment', () => {
  it('keeps the table in view above the text that talks about it', () => {
    const experiment: StepRecord = {
      t: 0,
      step: 'x',
      kind: 'experiment',
      index: 1,
      table: [
        { policy: 'sticky', ops: 10, anomalies: 0, byChecker: {}, leaderLoad: 0, p50: 2, p99: 2 },
      ],
    };
    const records = [say('Run it.', 0), experiment, say('Notice the table.', 2)];
    const n = narrationOf({ ...base, records, phase: 'say' });
    expect(n).toMatchObject({
      kind: 'say',
      text: 'Notice the table.',
      experiment: { record: { step: 'x' } },
    });
    const out = text(narrationLines(n, 70, true));
    expect(out.indexOf('sticky')).toBeLessThan(out.indexOf('Notice the table.'));
    // Not once another narration came between.
    const later = narrationOf({ ...base, records: [...records, say('Next.', 3)], phase: 'say' });
    expect(later).toEqual({ kind: 'say', text: 'Next.', waiting: true });
  });
});
