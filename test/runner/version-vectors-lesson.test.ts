// The version-vectors lesson: the vectors its narration quotes are the ones the replicas
// hold, a blind write in the merge task makes a third sibling (as the narration says), the
// task's checklist names every sibling a read returned, and the phone's stale write in the
// last choice becomes a sibling whose card vector looks newer than the merge it sits beside.
// The narration explains those two cards by the write's dot and what its writer had seen
// (the card shows only each replica's highest count): that is checked on the replicas.
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/lesson/catalog/answers-file.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import type { Lesson } from '../../src/lesson/format/types.js';
import type { Simulation } from '../../src/sim/index.js';

async function load(): Promise<{ lesson: Lesson; answers: Map<string, number> }> {
  const r = await loadLessonFile('lessons/version-vectors.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const a = await loadAnswers('lessons/answers/version-vectors.yaml', r.lesson);
  return { lesson: r.lesson, answers: a.choices };
}

/** Each replica's versions of `cart` as `value [a:1 b:1]`, as the cards show them. */
function cards(sim: Simulation): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const rep of sim.snapshot().leaderless!.replicas) {
    const versions = rep.keys.find((k) => k.key === 'cart')?.versions ?? [];
    out[rep.id] = versions
      .map((v) => {
        const clock = Object.entries(v.clock).map(([n, c]) => `${n}:${c}`);
        return `${String(v.value)} [${clock.join(' ')}]`;
      })
      .sort();
  }
  return out;
}

/**
 * Each replica's versions of `cart` as `value a:3 on [a:1]`: the dot (the replica that
 * counted the write, and its count) and the context, what the writer had seen (the card
 * hides the difference between these and the highest count per replica).
 */
function dots(sim: Simulation): Record<string, string[]> {
  const ll = sim.leaderless!;
  const out: Record<string, string[]> = {};
  sim.nodes.forEach((n, i) => {
    const versions = ll.replicas[i]!.store.get('cart') ?? [];
    out[n.id] = versions
      .map((v) => {
        const seen = v.context.vv
          .map((c, j) => (c > 0 ? `${sim.nodes[j]!.id}:${c}` : ''))
          .filter(Boolean);
        // Every context here is gap-free: what the writer saw is a plain vector.
        expect(v.context.extra).toEqual([]);
        const dot = `${sim.nodes[v.dotNode]!.id}:${v.dotCounter}`;
        return `${String(v.value)} ${dot} on [${seen.join(' ')}]`;
      })
      .sort();
  });
  return out;
}

/** Answers the waiting question with its choice at `fileIndex` (a script, not a person). */
function answer(r: LessonRunner, fileIndex: number): void {
  if (r.state.kind !== 'question') throw new Error(`no question waits (state ${r.state.kind})`);
  r.answer(r.displayIndex(r.state.step.label, fileIndex), { live: false });
  r.advance();
}

/** One line typed at the task, run until its result is in (a script, not a person). */
function type(r: LessonRunner, line: string): void {
  expect(r.taskInput(line, { live: false })).toMatchObject({ ok: true });
  r.advance();
}

function waitingAt(r: LessonRunner): string | undefined {
  return r.state.kind === 'question' || r.state.kind === 'task' ? r.state.step.label : undefined;
}

describe('version-vectors lesson', () => {
  it('the replicas hold the vectors the narration quotes, step by step', async () => {
    const { lesson, answers } = await load();
    const keep = new Map([...answers].filter(([k]) => k !== 'p-ordered' && k !== 'p-concurrent'));
    const r = new LessonRunner(lesson, { answers: keep });
    r.advance();
    expect(waitingAt(r)).toBe('p-ordered');
    expect(cards(r.sim)).toEqual({ a: ['tea [a:1]'], b: ['tea [a:1]'] });
    answer(r, 0);
    expect(waitingAt(r)).toBe('p-concurrent');
    expect(cards(r.sim)).toEqual({ a: ['tea,eggs [a:2]'], b: ['tea,eggs [a:2]'] });
    answer(r, 1);
    // The laptop's write, coordinated by b while a was down, sits beside Sam's on b; the
    // siblings read repaired a, and the task starts with both replicas holding both.
    expect(waitingAt(r)).toBe('t-merge');
    const siblings = ['tea,eggs [a:2]', 'tea,jam [a:1 b:1]'];
    expect(cards(r.sim)).toEqual({ a: siblings, b: siblings });
    for (const line of ['read cart', 'write cart tea,eggs,jam', 'read cart']) type(r, line);
    expect(waitingAt(r)).toBeUndefined();
    expect(r.done).toBe(true);
    expect(r.problems).toEqual([]);
    // Merge [a:3 b:1], then the phone's read-first removal [a:4 b:1]: one value each time.
    expect(cards(r.sim)).toEqual({ a: ['eggs,jam [a:4 b:1]'], b: ['eggs,jam [a:4 b:1]'] });
    // The narration: Sam's write is dot a:4 on [a:3 b:1] (written at once: a:4 on [a:2 b:1],
    // the same card, checked in the last test).
    expect(dots(r.sim)).toEqual({
      a: ['eggs,jam a:4 on [a:3 b:1]'],
      b: ['eggs,jam a:4 on [a:3 b:1]'],
    });
    const merged = r.records.find((x) => x.kind === 'read' && x.value === 'tea,eggs,jam');
    expect(merged).toBeDefined();
  });

  it('a write without reading first makes a third sibling, and the checklist names all three', async () => {
    const { lesson, answers } = await load();
    const r = new LessonRunner(lesson, { answers });
    r.advance();
    expect(waitingAt(r)).toBe('t-merge');
    type(r, 'write cart tea,eggs,jam');
    type(r, 'read cart');
    const blind = ['tea,eggs [a:2]', 'tea,eggs,jam [a:3]', 'tea,jam [a:1 b:1]'];
    expect(cards(r.sim)).toEqual({ a: blind, b: blind });
    // Its card reads [a:3], beside [a:2]: a counted it a:3, but its writer had seen a:1 only.
    const seen = ['tea,eggs a:2 on [a:1]', 'tea,eggs,jam a:3 on [a:1]', 'tea,jam b:1 on [a:1]'];
    expect(dots(r.sim)).toEqual({ a: seen, b: seen });
    const value = r.currentTask!.conditions.find((c) => c.key === 'value')!;
    expect(value.met).toBe(false);
    expect(value.now).toBe(
      'the newest one showed "tea,eggs" and "tea,jam" and "tea,eggs,jam" (siblings)',
    );
    // Reading first, then writing again, merges all three.
    type(r, 'write cart tea,eggs,jam');
    type(r, 'read cart');
    const rec = r.records.find((x) => x.step === 't-merge' && x.kind === 'task');
    // Solved, over par (4 commands for 3): one point less.
    expect(rec?.task).toMatchObject({ outcome: 'solved' });
    expect(rec?.points).toBe(2);
  });

  it('the phone writing at once, or a minute later, adds a sibling beside the merge', async () => {
    const { lesson, answers } = await load();
    const rest = new Map([...answers].filter(([k]) => k !== 'c-remove'));
    const tasks = new Map([['t-merge', ['read cart', 'write cart tea,eggs,jam', 'read cart']]]);
    for (const wrong of [0, 1]) {
      const r = new LessonRunner(lesson, { answers: rest, tasks });
      r.advance();
      expect(waitingAt(r)).toBe('c-remove');
      // A person's answer: the runner holds on the learner's own outcome.
      r.answer(r.displayIndex('c-remove', wrong));
      r.advance();
      expect(r.inDetour).toBe(true);
      // The stale write is counted a:4 by a, so its card reads [a:4 b:1] beside the merge.
      const both = ['eggs,jam [a:4 b:1]', 'tea,eggs,jam [a:3 b:1]'];
      expect(cards(r.sim)).toEqual({ a: both, b: both });
      // What the narration says of it: dot a:4 on [a:2 b:1]; the merge is a:3, never seen.
      const seen = ['eggs,jam a:4 on [a:2 b:1]', 'tea,eggs,jam a:3 on [a:2 b:1]'];
      expect(dots(r.sim)).toEqual({ a: seen, b: seen });
      const rec = r.records.find((x) => x.step === 'c-remove' && x.correct !== undefined)!;
      expect(rec.correct).toBe(false);
      expect((rec.outcomes ?? []).filter((o) => o.correct).map((o) => o.index)).toEqual([2]);
      // The story goes on with the read-first option: one value, eggs and jam.
      r.advance();
      expect(r.done).toBe(true);
      expect(r.problems).toEqual([]);
      expect(cards(r.sim)).toEqual({ a: ['eggs,jam [a:4 b:1]'], b: ['eggs,jam [a:4 b:1]'] });
    }
  });
});
