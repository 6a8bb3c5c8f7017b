// GitLab, 2017, its last part: the same storm with a WAL archive. db2 falls as far behind,
// but takes what db1 recycled from the archive (restore_command) on every seed tried, and catches
// up without a resync; the narration says the event log shows it.
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/lesson/catalog/answers-file.js';
import { seedsFor } from '../../src/lesson/catalog/validate.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';

describe('gitlab-2017 with a WAL archive', () => {
  it('db2 fetches recycled log from the archive, then streams from db1 again, on three of its seeds', async () => {
    const loaded = await loadLessonFile('lessons/gitlab-2017.yaml');
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const { choices: answers, tasks } = await loadAnswers(
      'lessons/answers/gitlab-2017.yaml',
      loaded.lesson,
    );
    // Three of validate's seeds (each run plays the whole lesson: about a second each).
    for (const seed of seedsFor(loaded.lesson).slice(0, 3)) {
      const r = new LessonRunner(loaded.lesson, { answers, tasks, seed });
      r.advance();
      expect(r.problems, `seed ${seed}`).toEqual([]);
      // The whole lesson played (a task short of typed lines would stop it early).
      expect(r.done, `seed ${seed}`).toBe(true);
      const notes = r.sim.history
        .toArray()
        .flatMap((e) => (e.type === 'note' ? [e.text] : []))
        .filter((t) => t.includes('WAL archive'));
      expect(notes[0], `seed ${seed}`).toMatch(
        /^db2 fetches LSN \d+ onwards from the WAL archive: db1 has recycled it/,
      );
      expect(notes[notes.length - 1], `seed ${seed}`).toMatch(/^db2 streams from db1's log again/);
      // Since the archive was switched on, nothing needed a resync.
      const events = r.sim.history.toArray();
      const on = events.find(
        (e) => e.type === 'fault' && e.fault === 'set' && e.detail?.includes('archive'),
      );
      expect(on, `seed ${seed}`).toBeDefined();
      const after = events.filter(
        (e) => e.t >= on!.t && e.type === 'fault' && e.fault === 'needs-resync',
      );
      expect(after, `seed ${seed}`).toEqual([]);
    }
  });
});
