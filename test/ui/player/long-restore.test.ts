// A day-long restore plays as a progress bar filling over a few seconds of wall time, not
// as a frozen screen: the runner reports the restore's length once it starts, the player
// compresses it like a long wait, and plays it through without jumps so the bar moves.
import { describe, expect, it } from 'vitest';
import { progressText } from '../../../src/ui/cluster/node-card.js';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { LONG_STEP_WALL_MS } from '../../../src/ui/player/time-lapse.js';
import { BIG_RESTORE, miniLesson } from '../mini-lesson.js';

const HOUR = 3_600_000;
const FRAME_MS = 50;

function playRestore(archive: boolean) {
  const d = new LessonDriver(miniLesson(BIG_RESTORE(archive)), undefined, { seed: 1 });
  const shown: string[] = [];
  let started: number | undefined;
  for (let i = 0; i < 10_000 && d.phase === 'running'; i++) {
    d.tick(FRAME_MS, 1);
    const p = d.snapshot().nodes.find((n) => n.id === 'db-02')?.progress;
    if (p) {
      started ??= p.startedAt;
      shown.push(progressText(p, 40));
    }
  }
  return { d, shown, virtual: d.runner.sim.now - (started ?? 0) };
}

describe('a long restore in the player', () => {
  for (const archive of [true, false]) {
    it(`fills its bar over about ${LONG_STEP_WALL_MS / 1000} s of wall time (${archive ? 'with' : 'without'} archive replay)`, () => {
      const { d, shown, virtual } = playRestore(archive);
      expect(d.phase).toBe('say');
      // A day of virtual time...
      expect(virtual).toBeGreaterThan(23 * HOUR);
      expect(virtual).toBeLessThan(26 * HOUR);
      // ...in about 6 s of frames, each showing a little more.
      const frames = shown.length * FRAME_MS;
      expect(frames).toBeGreaterThan(LONG_STEP_WALL_MS - 1000);
      expect(frames).toBeLessThan(LONG_STEP_WALL_MS + 1000);
      const percents = shown.map((s) => Number(/(\d+)%/.exec(s)?.[1]));
      expect(new Set(percents).size).toBeGreaterThan(50);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      expect(shown[0]).toMatch(/^▓*░+ \d+% · \d+h\d*m? left$/);
    });
  }

  it('ends with the data back: the archived write replayed after the base backup', () => {
    const { d } = playRestore(true);
    const db02 = d.snapshot().nodes.find((n) => n.id === 'db-02')!;
    expect(db02).toMatchObject({ appliedLsn: 2, data: { room: '#matrix', msg: 'hello' } });
    expect(db02.progress).toBeUndefined();
  });

  it('plays the story option’s day-long wait compressed after the learner took another option', () => {
    const lesson = miniLesson(`
id: detour
title: Detour
order: 30
minutes: 1
summary: s
cluster:
  archive: {every: 1m}
  dataSize: 51TB
  nodes:
    - {id: db1, role: leader}
    - {id: db2, role: follower}
steps:
  - write: {key: a, value: 1}
  - backup: {from: db2, id: base}
  - write: {key: b, value: 2}
  - wait: 2m
  - crash: db1
  - wipe: db1
  - restart: db1
  - id: c
    choose:
      prompt: Which?
      options:
        - label: base only
          do:
            - restore: {node: db1, from: base, rate: 2200GB/h}
        - label: base and archive
          do:
            - restore: {node: db1, from: base, rate: 2200GB/h, until: latest, background: true}
            - wait: 23h
            - until: {node: db1, status: leading, max: 2h}
      goal: {lost: 0}
  - say: End.
`);
    const d = new LessonDriver(lesson, undefined, { seed: 1 });
    const play = () => {
      let frames = 0;
      for (; frames < 100_000 && d.phase === 'running'; frames++) d.tick(FRAME_MS, 1);
      return frames * FRAME_MS;
    };
    play();
    expect(d.phase).toBe('question');
    const wrong = d.question!.choices.findIndex((c) => c.label === 'base only');
    d.answer(wrong);
    expect(play()).toBeLessThan(LONG_STEP_WALL_MS + 1000);
    expect(d.phase).toBe('feedback');
    d.continue();
    // The story's resume text, then the story option.
    expect(d.phase).toBe('say');
    d.continue();
    const t0 = d.runner.sim.now;
    const wall = play();
    expect(d.phase).toBe('say');
    expect(d.runner.sim.now - t0).toBeGreaterThan(23 * HOUR);
    // The 23 h wait and the until each play as long steps: seconds, not 23 minutes.
    expect(wall).toBeLessThan(3 * LONG_STEP_WALL_MS);
  });
});
