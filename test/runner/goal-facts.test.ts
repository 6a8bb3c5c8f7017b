// A choose's feedback puts each goal key in words: `diverged` reads as a sentence, not as
// `diverged: false`.
import { describe, expect, it } from 'vitest';
import { Observation } from '../../src/lesson/engine/expect-check.js';
import { goalFacts } from '../../src/lesson/engine/grading.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import { lesson } from './inline-lesson.js';

describe('goalFacts', () => {
  it('says no nodes diverged when the replicas agree', () => {
    const r = new LessonRunner(
      lesson(`
id: agree
title: Agree
order: 1
minutes: 1
summary: One write that every replica applies.
cluster:
  nodes:
    - {id: db1, role: leader}
    - {id: db2, role: follower, lag: 10ms}
steps:
  - write: {client: web, key: k, value: 1}
  - wait: 1s
`),
    );
    r.advance();
    expect(r.done).toBe(true);
    const facts = goalFacts(new Observation(r.sim), { diverged: false, lost: 0 });
    expect(facts).toBe('no nodes diverged, no acknowledged write lost');
  });

  it('says nodes diverged when they did', async () => {
    // In replication-logs each node runs RAND() itself: the three coupons differ.
    const file = await loadLessonFile('lessons/replication-logs.yaml');
    if (!file.ok) throw new Error(file.errors.map((e) => e.message).join('\n'));
    const r = new LessonRunner(file.lesson, { pauseOnSay: true });
    for (let i = 0; i < 20; i++) {
      r.advance();
      if (r.state.kind !== 'say' || r.state.step.text.includes('they differ')) break;
      r.continueSay();
    }
    expect(r.state.kind === 'say' && r.state.step.text).toContain('they differ');
    const facts = goalFacts(new Observation(r.sim), { diverged: true });
    expect(facts).toBe('nodes diverged');
  });
});
