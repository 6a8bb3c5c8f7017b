// A task in plain mode and in --json: commands read line by line, errors pointing at the
// wrong word, hint, give up, the goal's checklist, and the task's result.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../run-cli.js';

let home = '';
let answers = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'rt-task-'));
  // The questions answered from the file; the task is typed.
  answers = join(home, 'answers.yaml');
  writeFileSync(
    answers,
    readFileSync('lessons/answers/lost-tweet.yaml', 'utf8').replace(/^t-find-tweet: .*\n/m, ''),
  );
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const play = (input: string, ...flags: string[]) =>
  runBuiltCli(['play', 'lost-tweet', '--answers', answers, ...flags], {
    input,
    env: { REPLICATION_TUTOR_HOME: home },
  });

describe('a task in plain mode', () => {
  it('reads commands, points at a wrong word, gives hints, and gives up to the solution', () => {
    const r = play(
      [
        'read tweet-101 from replica-9',
        'hint',
        'read tweet-101 from replica-2',
        'give up',
        '',
      ].join('\n'),
      '--plain',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Task: You are the app now.');
    expect(out).toContain(
      '  [ ] a read of tweet-101 shows "Landed in Lisbon! First pastel de nata incoming."  (now: no read of tweet-101 yet)',
    );
    expect(out).toContain('Par: 1 command.');
    // The unknown node is underlined, and nothing ran.
    expect(out).toContain(
      '  read tweet-101 from replica-9\n                      ^^^^^^^^^\nNot run: unknown node "replica-9"',
    );
    expect(out).toContain('Hint 1 of 3: Which node has already applied LSN 1');
    expect(out).toContain('> read tweet-101 from replica-2');
    expect(out).toContain('(now: the newest one showed nothing (LSN 0))');
    expect(out).toContain('You gave up after 1 command (par 1): 0/3 points.');
    expect(out).toContain("Back to the story: Alice's app knows none of this.");
    // The story's read after give-up: the primary's answer, at the task's start time.
    expect(out).toMatch(/t=0\.00\ds {2}read "tweet-101" on primary → "Landed/);
    expect(out).toContain('Lesson complete. Score: 16/19.');
  });

  it('scores a solution at par in full, and stops at the end of input at the task', () => {
    const solved = play('read tweet-101 from primary\n', '--plain');
    expect(solved.stdout).toContain('✓ Goal reached with 1 command (par 1): 3/3 points.');
    expect(solved.stdout).toContain('Lesson complete. Score: 19/19.');
    const stopped = play('wait 1s\n', '--plain');
    expect(stopped.stdout).toContain('Input ended at task t-find-tweet');
    expect(stopped.status).toBe(0);
  });

  it('reports the task in --json: waiting with its checklist, then its result', () => {
    const r = play('wait 5s\nread tweet-101 from replica-2\n', '--json');
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const waiting = lines.filter((l) => l.kind === 'task-waiting');
    expect(waiting[0]).toMatchObject({
      step: 't-find-tweet',
      par: { commands: 1 },
      commands: 0,
      goal: [
        { met: false, now: 'no read of tweet-101 yet' },
        { met: false, now: 'no read of tweet-101 yet' },
      ],
    });
    const result = lines.find((l) => l.kind === 'task')!;
    expect(result).toMatchObject({
      step: 't-find-tweet',
      points: 2,
      max: 3,
      correct: true,
      task: {
        outcome: 'solved',
        commands: ['wait 5s', 'read tweet-101 from replica-2'],
        hints: 0,
        par: { commands: 1 },
      },
    });
    expect(lines.at(-1)).toMatchObject({ kind: 'summary', score: 18, max: 19, complete: true });
  });
});
