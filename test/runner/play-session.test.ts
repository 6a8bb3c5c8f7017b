// Saved progress agrees with the runner: per-answer points (also for predict and choose,
// graded after their outcome plays), the total, and resuming from the saved answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/lesson/catalog/answers-file.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import type { Lesson } from '../../src/lesson/format/types.js';
import { PlaySession } from '../../src/progress/play-session.js';
import { openProgress } from '../../src/progress/progress-store.js';

let home = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'rt-session-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

interface Reference {
  lesson: Lesson;
  answers: Map<string, number>;
  tasks: Map<string, string[]>;
}

async function lostTweet(): Promise<Reference> {
  const r = await loadLessonFile('lessons/lost-tweet.yaml');
  if (!r.ok) throw new Error('lesson does not load');
  const a = await loadAnswers('lessons/answers/lost-tweet.yaml', r.lesson);
  return { lesson: r.lesson, answers: a.choices, tasks: a.tasks };
}

/**
 * Plays like a person: advance, answer from the map or type a task's next line, save, until
 * `stopAfter` answers and lines.
 */
function play(session: PlaySession, ref: Reference, stopAfter = Number.POSITIVE_INFINITY): void {
  let given = 0;
  const typed = new Map<string, number>();
  for (;;) {
    session.runner.advance();
    session.syncScore();
    session.saveStep();
    const st = session.runner.state;
    if (given >= stopAfter) return;
    if (st.kind === 'task') {
      const n = typed.get(st.step.label) ?? 0;
      typed.set(st.step.label, n + 1);
      session.taskInput(ref.tasks.get(st.step.label)![n]!);
    } else if (st.kind === 'question') session.answer(ref.answers.get(st.step.label)!);
    else return;
    given++;
  }
}

describe('PlaySession', () => {
  it('saves each answer with the points it earned, predict and choose included', async () => {
    const ref = await lostTweet();
    const { lesson } = ref;
    const { store } = openProgress({ home });
    const session = new PlaySession(lesson, store, {});
    play(session, ref);
    expect(session.runner.done).toBe(true);
    const saved = store.lesson('lost-tweet');
    expect(saved.status).toBe('done');
    const graded = session.runner.records.filter((r) => r.points !== undefined);
    expect(saved.answers.map((a) => [a.step, a.points])).toEqual(
      graded.map((r) => [r.step, r.points]),
    );
    expect(saved.best?.score).toBe(session.runner.score);
  });

  it('resumes from saved answers to the same state', async () => {
    const ref = await lostTweet();
    const { lesson } = ref;
    const first = new PlaySession(lesson, openProgress({ home }).store, {});
    play(first, ref, 3);
    const t = first.runner.sim.now;
    const score = first.runner.score;
    const resumed = new PlaySession(lesson, openProgress({ home }).store, {});
    expect(resumed.resumedAnswers).toBe(3);
    resumed.runner.advance();
    expect(resumed.runner.sim.now).toBe(t);
    expect(resumed.runner.score).toBe(score);
    expect(JSON.stringify(resumed.runner.sim.snapshot())).toBe(
      JSON.stringify(first.runner.sim.snapshot()),
    );
  });

  it('replays a finished lesson without touching its progress until the first answer', async () => {
    const ref = await lostTweet();
    const { lesson } = ref;
    const { store } = openProgress({ home });
    play(new PlaySession(lesson, store, {}), ref);
    const done = store.lesson('lost-tweet');
    expect(done.status).toBe('done');
    const again = new PlaySession(lesson, store, {});
    again.runner.advance();
    again.saveStep();
    again.syncScore();
    expect(store.lesson('lost-tweet')).toEqual(done);
    play(again, ref, 1);
    expect(store.lesson('lost-tweet')).toMatchObject({
      status: 'in-progress',
      attempts: done.attempts + 1,
      best: done.best,
    });
    expect(store.lesson('lost-tweet').answers).toHaveLength(1);
  });
});
