// A short lesson for player tests: narration, a write that replicates with 1 s and 5 s of
// lag, a prediction, a routing choice, a long wait, a quiz; and a temporary progress store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import type { Lesson } from '../../src/lesson/format/types.js';
import { openProgress, type ProgressStore } from '../../src/progress/progress-store.js';

export const MINI = `
id: mini
title: Mini lesson
order: 30
minutes: 3
summary: A tweet, two replicas, one stale read.
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 1s}
    - {id: replica-2, role: follower, lag: 5s}
steps:
  - say: "**Welcome.** Watch the cluster."
  - write: {client: you, key: tweet, value: Hello}
  - say: "The write is on its way to both replicas."
  - id: p1
    predict:
      question: You read from replica-2 at once. What comes back?
      choices:
        - {label: Hello, expect: {value: Hello}}
        - {label: nothing, expect: {value: null}}
      then: {read: {client: you, key: tweet, from: replica-2}}
      explain: replica-2 is 5 s behind.
      hint: Look at replica-2's applied LSN.
  - id: c1
    choose:
      prompt: Route your read of tweet.
      client: you
      read: tweet
      goal: read-your-writes
      prefer: replica
      explain: Only the primary had applied LSN 1.
  - wait: 30s
  - id: q1
    quiz:
      question: Why was the first read empty?
      choices: [the write failed, replication lag]
      answer: 1
  - say: The end.
`;

/** 51 TB restored from a base backup (and, with `archive`, the WAL archive): about a day. */
export const BIG_RESTORE = (archive: boolean) => `
id: big-restore
title: A day-long restore
order: 30
minutes: 1
summary: 51 TB come back from a base backup and the WAL archive.
cluster:
${archive ? '  archive: {every: 1m}\n' : ''}  dataSize: 51TB
  nodes:
    - {id: db-02, role: leader}
    - {id: db-01, role: follower, lag: 100ms}
steps:
  - write: {key: room, value: "#matrix", size: 1GB}
  - backup: {from: db-01, id: nightly}
  - write: {key: msg, value: hello, size: 100GB}
  - wait: 2m
  - crash: db-01
  - crash: db-02
  - wipe: db-02
  - restart: db-02
  - restore: {node: db-02, from: nightly, rate: 2200GB/h${archive ? ', until: latest, replayRate: 200GB/h' : ''}}
  - say: Restored.
`;

export function miniLesson(text = MINI): Lesson {
  const r = parseLessonText(text, 'mini.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.lesson;
}

const homes: string[] = [];
afterEach(() => {
  for (const dir of homes.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The learner seed of every temporary home: choices are shuffled per learner, and under this
 * one the mini lesson's questions show their choices in the file's order, so tests that
 * press "2" mean the second choice written above.
 */
export const TEST_LEARNER_SEED = 2;

export function tempHome(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-ui-'));
  homes.push(dir);
  const now = new Date().toISOString();
  fs.writeFileSync(
    path.join(dir, 'progress.json'),
    JSON.stringify({
      version: 2,
      updatedAt: now,
      lessons: {},
      quiz: { cards: {}, drills: [] },
      learnerSeed: TEST_LEARNER_SEED,
    }),
  );
  return dir;
}

export function tempStore(home = tempHome()): ProgressStore {
  return openProgress({ home }).store;
}
