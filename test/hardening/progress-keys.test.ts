// Progress keyed by where a lesson comes from: a stranger's lesson file that says
// `id: lost-tweet` never resumes, overwrites or outscores the curriculum's lost-tweet; a record
// an older version saved under a file lesson's bare id is taken over by that lesson. And
// `--answers` never discards an attempt in progress without saying so.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonsDir } from '../../src/lesson/catalog/lesson-paths.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import { progressKey } from '../../src/progress/lesson-key.js';
import { PlaySession } from '../../src/progress/play-session.js';
import { openProgress } from '../../src/progress/progress-store.js';
import { tempHome } from '../progress/temp-home.js';
import { repoRoot, runBuiltCli } from '../run-cli.js';

const BUNDLED = path.join(repoRoot, 'lessons/lost-tweet.yaml');
const ANSWERS = path.join(repoRoot, 'lessons/answers/lost-tweet.yaml');

interface Saved {
  lessons: Record<
    string,
    { status: string; score: number; attempts: number; answers: unknown[]; best: unknown }
  >;
}

function saved(home: string): Saved {
  return JSON.parse(fs.readFileSync(path.join(home, 'progress.json'), 'utf8')) as Saved;
}

/** A copy of lost-tweet in a folder of its own: same id, another file. */
function strangersCopy(): string {
  const file = path.join(tempHome(), 'lost-tweet.yaml');
  fs.copyFileSync(BUNDLED, file);
  return file;
}

describe('progressKey', () => {
  it('is the id for the curriculum, and id@hash of the real path for any other file', () => {
    expect(progressKey({ id: 'lost-tweet', file: BUNDLED })).toBe('lost-tweet');
    expect(progressKey({ id: 'lost-tweet', file: 'lessons/lost-tweet.yaml' })).toBe('lost-tweet');
    expect(progressKey({ id: 'mini', file: '' })).toBe('mini');
    const a = strangersCopy();
    const b = strangersCopy();
    const ka = progressKey({ id: 'lost-tweet', file: a });
    expect(ka).toMatch(/^lost-tweet@[0-9a-f]{10}$/);
    expect(progressKey({ id: 'lost-tweet', file: b })).not.toBe(ka);
    const link = path.join(tempHome(), 'link.yaml');
    fs.symlinkSync(a, link);
    expect(progressKey({ id: 'lost-tweet', file: link })).toBe(ka);
    expect(lessonsDir()).toBe(path.join(repoRoot, 'lessons'));
  });
});

describe('a stranger’s lesson with a curriculum id', () => {
  it('neither resumes nor overwrites the curriculum lesson’s progress and best score', () => {
    const home = tempHome();
    const env = { REPLICATION_TUTOR_HOME: home };
    const done = runBuiltCli(['play', 'lost-tweet', '--answers', ANSWERS], { env });
    expect(done.status).toBe(0);
    const best = saved(home).lessons['lost-tweet']!.best;
    expect(best).not.toBeNull();
    // The curriculum lesson in progress with one answer.
    expect(runBuiltCli(['play', 'lost-tweet', '--plain'], { input: '1\n', env }).status).toBe(0);
    const before = saved(home).lessons['lost-tweet']!;
    expect(before).toMatchObject({ status: 'in-progress', attempts: 2 });
    expect(before.answers).toHaveLength(1);

    const copy = strangersCopy();
    const r = runBuiltCli(['play', copy, '--plain'], { input: '2\n', env });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('Resuming');
    const after = saved(home).lessons;
    expect(after['lost-tweet']).toEqual(before);
    const key = progressKey({ id: 'lost-tweet', file: copy });
    expect(after[key]).toMatchObject({ status: 'in-progress', attempts: 1, best: null });
    expect(after[key]!.answers).toHaveLength(1);

    // The stranger's copy played to the end with a worse score leaves the best alone too.
    const end = runBuiltCli(['play', copy, '--plain', '--restart'], {
      input: '1\n'.repeat(40),
      env,
    });
    expect(end.stdout).toContain('Lesson complete.');
    expect(saved(home).lessons['lost-tweet']!.best).toEqual(best);
  });

  it('takes over a record an older version saved under its bare id, when the curriculum has no such lesson', () => {
    const home = tempHome();
    const env = { REPLICATION_TUTOR_HOME: home };
    const mine = path.join(tempHome(), 'my-lesson.yaml');
    fs.writeFileSync(mine, fs.readFileSync(BUNDLED, 'utf8').replace(/^id: .*$/m, 'id: my-lesson'));
    // As an older version saved it: under the bare id.
    const old = runBuiltCli(['play', 'lost-tweet', '--plain'], { input: '1\n', env });
    expect(old.status).toBe(0);
    const data = saved(home);
    data.lessons['my-lesson'] = data.lessons['lost-tweet']!;
    fs.writeFileSync(path.join(home, 'progress.json'), JSON.stringify(data));

    const r = runBuiltCli(['play', mine, '--plain'], { input: '', env });
    expect(r.stdout).toContain('Resuming: replaying your 1 earlier answer(s).');
    const lessons = saved(home).lessons;
    const key = progressKey({ id: 'my-lesson', file: mine });
    expect(Object.keys(lessons).sort()).toEqual([key, 'lost-tweet'].sort());

    // A bare record of a curriculum id stays the curriculum's.
    const copy = strangersCopy();
    const s = runBuiltCli(['play', copy, '--plain'], { input: '', env });
    expect(s.stdout).not.toContain('Resuming');
    expect(saved(home).lessons['lost-tweet']!.answers).toHaveLength(1);
  });
});

describe('the player’s session', () => {
  it('resumes the curriculum lesson at its step, and a stranger’s copy from the start', async () => {
    const home = tempHome();
    const { store } = openProgress({ home });
    const bundled = await loadLessonFile(BUNDLED);
    const copy = await loadLessonFile(strangersCopy());
    if (!bundled.ok || !copy.ok) throw new Error('lesson does not load');
    store.startLesson('lost-tweet', { max: 10 });
    store.recordStep('lost-tweet', 4, 'somewhere');
    expect(new PlaySession(bundled.lesson, store).resumeStep).toBe(4);
    const stranger = new PlaySession(copy.lesson, store);
    expect(stranger.resumeStep).toBeUndefined();
    expect(stranger.key).toMatch(/^lost-tweet@/);
    expect(store.lesson('lost-tweet').lastStep).toEqual({ index: 4, label: 'somewhere' });
  });
});

describe('--answers and an attempt in progress', () => {
  it('asks for --restart in one line rather than discard saved answers', () => {
    const home = tempHome();
    const env = { REPLICATION_TUTOR_HOME: home };
    expect(runBuiltCli(['play', 'lost-tweet', '--plain'], { input: '1\n', env }).status).toBe(0);
    const before = fs.readFileSync(path.join(home, 'progress.json'), 'utf8');

    const r = runBuiltCli(['play', 'lost-tweet', '--answers', ANSWERS], { env });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'replication-tutor: lesson "lost-tweet" has an attempt in progress with 1 answer saved, which --answers would discard; add --restart to start over, or leave out --answers to continue it\n',
    );
    expect(fs.readFileSync(path.join(home, 'progress.json'), 'utf8')).toBe(before);

    const again = runBuiltCli(['play', 'lost-tweet', '--answers', ANSWERS, '--restart'], { env });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Lesson complete.');
    expect(saved(home).lessons['lost-tweet']).toMatchObject({ status: 'done', attempts: 2 });

    // A finished lesson has nothing in progress to lose.
    const third = runBuiltCli(['play', 'lost-tweet', '--answers', ANSWERS], { env });
    expect(third.status).toBe(0);
  });
});
