// The built binary's player in a real terminal (tmux, 80×24) at each shipped lesson's task:
// the questions before it are answered in plain mode (progress saved at the task), the player
// resumes there, and the task is solved by typing commands into its command line (a wrong
// word refused with carets first, a hint asked for). Then Enter continues the story, and the
// saved progress holds the task's lines and points. Polls the screen instead of fixed sleeps.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/lesson/catalog/answers-file.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import { cliNode, cliPath, repoRoot, runBuiltCli } from '../run-cli.js';
import { hasTmux, screenOf, tmux, waitForScreen } from './tmux-driver.js';

const SEED = 5;
let session = '';
let home = '';

const screen = () => screenOf(session);

const waitFor = (test: (s: string) => boolean, what: string, timeout = 20000) =>
  waitForScreen(session, test, what, timeout);

/** Types a command into the task's line and runs it. */
async function run(command: string): Promise<void> {
  tmux('send-keys', '-t', session, '-l', command);
  await waitFor((s) => s.includes(`task> ${command}`), `"${command}" in the line`);
  tmux('send-keys', '-t', session, 'Enter');
  await waitFor((s) => s.includes(`> ${command}\n`), `"${command}" taken`);
}

/**
 * Answers the questions before the lesson's first task in plain mode (as displayed with
 * --seed), so that progress is saved at the task; the player then resumes there.
 */
async function reachTask(id: string): Promise<void> {
  const r = await loadLessonFile(`lessons/${id}.yaml`);
  if (!r.ok) throw new Error('lesson does not load');
  const { choices } = await loadAnswers(`lessons/answers/${id}.yaml`, r.lesson);
  const shown = new LessonRunner(r.lesson, { seed: SEED, choiceSeed: SEED });
  const task = r.lesson.steps.findIndex((s) => s.kind === 'task');
  const typed = r.lesson.steps
    .slice(0, task)
    .flatMap((s) =>
      choices.has(s.label) ? [String(shown.displayIndex(s.label, choices.get(s.label)!) + 1)] : [],
    );
  const plain = runBuiltCli(['play', id, '--plain', '--seed', String(SEED)], {
    input: `${typed.join('\n')}\n`,
    env: { REPLICATION_TUTOR_HOME: home },
  });
  expect(plain.stdout).toContain('Input ended at task');
  const cmd = `env CI=false REPLICATION_TUTOR_HOME='${home}' '${cliNode}' '${cliPath}' play ${id} --seed ${SEED}; sleep 60`;
  session = `rt-e2e-task-${id}-${process.pid}`;
  tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', '-c', repoRoot, cmd);
  await waitFor((s) => s.includes('task> '), 'the task and its command line');
}

function saved(id: string): { step: string; answer: string; points: number }[] {
  const file = JSON.parse(fs.readFileSync(path.join(home, 'progress.json'), 'utf8'));
  return file.lessons[id].answers;
}

describe.skipIf(!hasTmux)('tasks in the player, typed in a real terminal (tmux)', () => {
  afterEach(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('lost-tweet: a refused word, a stale read, then the read that shows the tweet', async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-e2e-task-'));
    if (!fs.existsSync(cliPath))
      spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot });
    await reachTask('lost-tweet');
    let s = screen();
    expect(s).toContain('You are the app now.');
    expect(s).toContain('Goal (0/2 met) · 0 commands (par 1)');
    expect(s.trimEnd().split('\n').length).toBeLessThanOrEqual(24);
    // Single-key bindings do not fire while typing: q, r and d are letters of the command.
    tmux('send-keys', '-t', session, '-l', 'read tweet-101 from replica-9');
    tmux('send-keys', '-t', session, 'Enter');
    s = await waitFor((x) => x.includes('^^^^^^^^^ unknown node "replica-9"'), 'the refusal');
    tmux('send-keys', '-t', session, 'C-u');
    await run('read tweet-101 from replica-2');
    s = await waitFor((x) => x.includes('(now: the newest one showed nothing'), 'the stale read');
    expect(s).toContain('Goal (0/2 met) · 1 command (par 1)');
    await run('read tweet-101 from primary');
    s = await waitFor((x) => x.includes('✓ Goal reached'), 'the goal reached');
    expect(s).toContain('✓ Goal reached with 2 commands (par 1), over par: 2/3 points.');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor((x) => x.includes("Back to the story: Alice's app knows none"), 'the story');
    const task = saved('lost-tweet').find((a) => a.step === 't-find-tweet');
    expect(task).toMatchObject({ points: 2 });
    expect(JSON.parse(task!.answer)).toEqual([
      'read tweet-101 from replica-2',
      'read tweet-101 from primary',
    ]);
  }, 60_000);

  it('disappearing-comment: restart, wait, and the sticky read shows the correction at par', async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-e2e-task-'));
    await reachTask('disappearing-comment');
    await run('restart replica-1');
    await waitFor((x) => x.includes('replica-1 restarted'), 'the restart');
    await run('wait 6s');
    await waitFor((x) => x.includes('waited 6s'), 'the wait');
    await run('read answer-3 as alice-sticky');
    const s = await waitFor((x) => x.includes('✓ Goal reached'), 'the goal reached');
    expect(s).toContain('✓ Goal reached with 3 commands (par 3): 3/3 points.');
    expect(s).toContain('✓ replica-1 is streaming');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor((x) => !x.includes('task> '), 'the story going on');
    expect(saved('disappearing-comment').find((a) => a.step === 't-careful-restart')).toMatchObject(
      { points: 3 },
    );
  }, 60_000);

  it('consistent-prefix: a read sent to the wrong shard, then the replica of s2 that has the question', async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-e2e-task-'));
    await reachTask('consistent-prefix');
    expect(screen()).toContain('Goal (0/2 met) · 0 commands (par 1)');
    await run('read poons-1 from s1-replica');
    await waitFor((x) => x.includes('wrong-shard'), 'the wrong-shard refusal');
    await run('read poons-1 from s2-replica-1');
    const s = await waitFor((x) => x.includes('✓ Goal reached'), 'the goal reached');
    expect(s).toContain('✓ Goal reached with 2 commands (par 1), over par: 2/3 points.');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor((x) => x.includes('In the story, the question loads'), 'the story');
    expect(saved('consistent-prefix').find((a) => a.step === 't-show-question')).toMatchObject({
      points: 2,
    });
  }, 60_000);

  it('gitlab-2017: a hint, then a base backup of db1 restored onto db2', async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-e2e-task-'));
    await reachTask('gitlab-2017');
    tmux('send-keys', '-t', session, 'C-t');
    await waitFor((x) => x.includes('task> hint'), 'hint filled in');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor((x) => x.includes('Hint 1:'), 'the first hint');
    await run('backup db1 as base');
    await run('restore db2 from base');
    const s = await waitFor((x) => x.includes('✓ Goal reached'), 'the goal reached', 40_000);
    expect(s).toContain('✓ Goal reached with 2 commands (par 2), 1 hint used: 2/3 points.');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor((x) => !x.includes('task> '), 'the story going on');
    expect(saved('gitlab-2017').find((a) => a.step === 't-reseed')).toMatchObject({ points: 2 });
  }, 90_000);
});
