// The built binary in a real terminal (tmux): the menu opens, `lost-tweet` starts from the
// filter, the lesson is stepped to its first `choose`, answered, the feedback checked, the
// window resized (smaller, too small, back), then Ctrl-C: exit status 130, cursor shown
// again, progress saved. Polls the screen with timeouts instead of fixed sleeps.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choiceOrder } from '../../src/lesson/engine/choice-order.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import { cliNode, cliPath, repoRoot } from '../run-cli.js';
import { hasTmux, screenOf, sleep, tmux, waitForScreen } from './tmux-driver.js';

const session = `rt-e2e-${process.pid}-${Date.now()}`;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-e2e-'));
const exitFile = path.join(home, 'exit');
// Choices are shuffled per learner: a known learner seed makes "choice 2" a known choice.
const LEARNER_SEED = 7;

const screen = () => screenOf(session);

const waitFor = (test: (s: string) => boolean, what: string, timeout = 15000) =>
  waitForScreen(session, test, what, timeout);

/** Sends keys and waits for the screen to change (or a short while, for keys that do not). */
async function send(...keys: string[]): Promise<string> {
  const before = screen();
  tmux('send-keys', '-t', session, ...keys);
  const start = Date.now();
  while (Date.now() - start < 2_000) {
    await sleep(30);
    const now = screen();
    if (now !== before) return now;
  }
  return screen();
}

const CHOOSE_PROMPT = 'Send the reload of your own profile';

describe.skipIf(!hasTmux)('the player in a real terminal (tmux)', () => {
  beforeAll(() => {
    if (!fs.existsSync(cliPath))
      spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot });
    fs.writeFileSync(
      path.join(home, 'progress.json'),
      JSON.stringify({
        version: 2,
        updatedAt: new Date().toISOString(),
        lessons: {},
        quiz: { cards: {}, drills: [] },
        learnerSeed: LEARNER_SEED,
      }),
    );
    const cmd = `env CI=false REPLICATION_TUTOR_HOME='${home}' '${cliNode}' '${cliPath}'; echo EXIT=$? > '${exitFile}'; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', '-c', repoRoot, cmd);
  });

  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('menu → lost-tweet → first choose → feedback → resize → Ctrl-C (130), progress saved', async () => {
    await waitFor((s) => s.includes('lessons done') && s.includes('The Lost Tweet'), 'the menu');
    await send('/');
    await send('-l', 'lost-tweet');
    await send('Enter');
    await waitFor(
      (s) => s.includes('You are Alice.') && s.includes('Enter ▸ continue'),
      'the first narration',
    );
    await send('+');
    await send('+');

    // Continue narration, answer every question with choice 2 and type the task's solution,
    // until the first choose.
    let s = screen();
    for (let i = 0; i < 60 && !s.includes(CHOOSE_PROMPT); i++) {
      if (s.includes('task> ')) {
        await send('-l', 'read tweet-101 from primary');
        await send('Enter');
        // Keys typed while the read runs would reach the line, or the player once it ends.
        s = await waitFor((x) => x.includes('Goal reached'), "the task's verdict");
      } else if (s.includes('1-9 pick')) s = await send('2');
      else if (s.includes('Enter ▸ continue')) s = await send('Enter');
      else s = await waitFor((x) => x !== s, 'the lesson to move on');
    }
    expect(s).toContain(CHOOSE_PROMPT);
    expect(s).toMatch(/› +1\. primary/);

    // replica-1 had not applied LSN 3 yet: a wrong answer, with the other options run too.
    await send('2');
    s = await waitFor((x) => x.includes('The other options'), 'the feedback');
    expect(s).toContain('✗ Not this time');
    expect(s).toContain('replica-1');
    expect(s).toMatch(/✓ primary: read "tweet-103" on primary/);
    expect(s).toContain('Points: 0/2');

    // Smaller: still the player, within 24 lines; too small: the notice; back again.
    tmux('resize-window', '-t', session, '-x', '80', '-y', '24');
    s = await waitFor(
      (x) =>
        x.trimEnd().split('\n').length <= 23 && x.includes('? help') && x.includes('Points: 0/2'),
      'the 80×24 frame',
    );
    expect(s).toContain('leader primary');
    tmux('resize-window', '-t', session, '-x', '60', '-y', '20');
    s = await waitFor((x) => x.includes('Enlarge the window'), 'the too-small notice');
    expect(s).toContain('(now 60×20)');
    tmux('resize-window', '-t', session, '-x', '100', '-y', '30');
    await waitFor((x) => x.includes('Points: 0/2'), 'the player again');

    tmux('send-keys', '-t', session, 'C-c');
    for (let i = 0; i < 200 && !fs.existsSync(exitFile); i++) await sleep(50);
    expect(fs.readFileSync(exitFile, 'utf8').trim()).toBe('EXIT=130');
    // Ink showed the cursor again on the way out.
    expect(tmux('display-message', '-p', '-t', session, '#{cursor_flag}').trim()).toBe('1');

    // "2" picked the second choice as shown; progress keeps its place in the file.
    const loaded = await loadLessonFile(path.join(repoRoot, 'lessons/lost-tweet.yaml'));
    if (!loaded.ok) throw new Error('lost-tweet does not load');
    const second = (label: string) => {
      const step = loaded.lesson.steps.find((x) => x.label === label);
      if (!step || !('choices' in step)) throw new Error(`no question ${label}`);
      return choiceOrder(LEARNER_SEED, `lost-tweet/${label}`, step.choices)[1]!;
    };
    const reload = second('p-reload');
    const duplicate = second('q-duplicate');
    const saved = JSON.parse(fs.readFileSync(path.join(home, 'progress.json'), 'utf8'));
    const lesson = saved.lessons['lost-tweet'];
    expect(lesson.status).toBe('in-progress');
    expect(lesson.answers.map((a: { step: string; answer: string }) => [a.step, a.answer])).toEqual(
      [
        ['p-reload', String(reload)],
        ['t-find-tweet', '["read tweet-101 from primary"]'],
        ['q-duplicate', String(duplicate)],
        ['c-own-profile', '1'],
      ],
    );
    // The right answers are the second choice in the file of both questions.
    // The task, solved at par, is worth 3.
    expect(lesson.score).toBe((reload === 1 ? 2 : 0) + 3 + (duplicate === 1 ? 2 : 0));
  }, 90_000);
});

if (!hasTmux) {
  describe('the player in a real terminal (tmux)', () => {
    it.skip('skipped: tmux is not installed, so the end-to-end terminal test cannot run', () => {});
  });
}
