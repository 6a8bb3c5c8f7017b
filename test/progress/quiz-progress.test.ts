// Version 2 of progress.json: the quiz section, the migration from version 1, and quiz
// changes that keep what another process saved.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProgress, serializeProgress } from '../../src/progress/progress-file.js';
import { CURRENT_VERSION, MIGRATIONS } from '../../src/progress/progress-migrate.js';
import type { QuizCard } from '../../src/progress/progress-schema.js';
import {
  addQuizDrill,
  emptyProgress,
  MAX_DRILLS,
  mergeTouched,
  setQuizCard,
  startLesson,
} from '../../src/progress/progress-state.js';
import { openProgress } from '../../src/progress/progress-store.js';
import { listDir, tempHome } from './temp-home.js';

const t0 = '2025-01-01T10:00:00.000Z';

/** A version-1 file as the previous release wrote it. */
const V1_FILE = `{
  "version": 1,
  "updatedAt": "${t0}",
  "lessons": {
    "lost-tweet": {
      "status": "done", "score": 6, "max": 8,
      "best": { "score": 6, "max": 8, "at": "${t0}" },
      "lastStep": { "index": 12, "label": "q-fix" },
      "answers": [{ "step": "p-reload", "index": 3, "answer": "No tweet at all", "points": 2 }],
      "attempts": 1, "startedAt": "${t0}", "finishedAt": "${t0}", "updatedAt": "${t0}"
    }
  }
}
`;

function card(over: Partial<QuizCard> = {}): QuizCard {
  return {
    topic: 'failover',
    box: 2,
    due: '2025-01-02T10:00:00.000Z',
    seen: 1,
    correct: 1,
    wrong: 0,
    last: t0,
    lastCorrect: true,
    ...over,
  };
}

describe('progress version 2', () => {
  it('is the current version, reached from 1 by adding an empty quiz section', () => {
    expect(CURRENT_VERSION).toBe(2);
    expect(MIGRATIONS[1]!({ version: 1, updatedAt: t0, lessons: {} })).toEqual({
      version: 2,
      updatedAt: t0,
      lessons: {},
      quiz: { cards: {}, drills: [] },
    });
  });

  it('reads a version-1 file: lessons kept as they were, quiz empty', () => {
    const parsed = parseProgress(V1_FILE);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect(parsed.fromVersion).toBe(1);
    expect(parsed.data.version).toBe(2);
    expect(parsed.data.quiz).toEqual({ cards: {}, drills: [] });
    expect(parsed.data.lessons).toEqual(JSON.parse(V1_FILE).lessons);
  });

  it('a store opened on a version-1 file writes nothing until a change, then writes version 2', () => {
    const home = tempHome();
    const file = path.join(home, 'progress.json');
    fs.writeFileSync(file, V1_FILE);
    const { store, warnings } = openProgress({ home });
    expect(warnings).toEqual([]);
    expect(store.lesson('lost-tweet').best).toMatchObject({ score: 6 });
    expect(fs.readFileSync(file, 'utf8')).toBe(V1_FILE);
    store.setQuizCard('quorum-basics', card());
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(saved.version).toBe(2);
    expect(saved.lessons).toEqual(JSON.parse(V1_FILE).lessons);
    expect(saved.quiz.cards['quorum-basics']).toEqual(card());
    expect(listDir(home)).toEqual(['progress.json']);
  });

  it('a version-1 file that already has a quiz key is not ours to upgrade: corrupt', () => {
    const text = V1_FILE.replace(
      '"lessons": {',
      '"quiz": {"cards": {}, "drills": []}, "lessons": {',
    );
    expect(parseProgress(text)).toMatchObject({ kind: 'corrupt' });
  });

  it('a card out of shape makes the file corrupt, naming where', () => {
    const data = setQuizCard(emptyProgress(t0), 'q', card(), t0);
    const text = serializeProgress(data).replace('"box": 2', '"box": 9');
    const parsed = parseProgress(text);
    expect(parsed.kind).toBe('corrupt');
    if (parsed.kind === 'corrupt')
      expect(parsed.reason).toMatch(/wrong shape, quiz\.cards\.q\.box/);
  });

  it('round-trips cards and drills', () => {
    let data = setQuizCard(emptyProgress(t0), 'a', card(), t0);
    data = addQuizDrill(data, { at: t0, seed: 7, score: 3, asked: 5, review: false }, t0);
    expect(parseProgress(serializeProgress(data))).toEqual({ kind: 'ok', data, fromVersion: 2 });
  });

  it('keeps only the most recent drills', () => {
    let data = emptyProgress(t0);
    for (let i = 0; i < MAX_DRILLS + 5; i++) {
      data = addQuizDrill(data, { at: t0, seed: i, score: 0, asked: 1, review: false }, t0);
    }
    expect(data.quiz.drills).toHaveLength(MAX_DRILLS);
    expect(data.quiz.drills[0]!.seed).toBe(5);
  });

  it('a lesson change keeps the quiz section on disk', () => {
    const disk = setQuizCard(emptyProgress(t0), 'theirs', card(), t0);
    const mine = startLesson(emptyProgress(t0), 'a', { max: 1 }, t0);
    expect(mergeTouched(disk, mine, ['a']).quiz.cards).toHaveProperty('theirs');
  });

  it('two terminals drilling at once keep each other’s cards and lessons', () => {
    const home = tempHome();
    const first = openProgress({ home }).store;
    const second = openProgress({ home }).store;
    first.setQuizCard('one', card());
    second.setQuizCard('two', card({ box: 1, lastCorrect: false }));
    second.startLesson('lost-tweet', { max: 2 });
    first.addQuizDrill({ at: t0, seed: 1, score: 1, asked: 2, review: false });
    const again = openProgress({ home }).store;
    expect(Object.keys(again.quiz().cards).sort()).toEqual(['one', 'two']);
    expect(again.quiz().drills).toHaveLength(1);
    expect(again.hasLesson('lost-tweet')).toBe(true);
  });
});
