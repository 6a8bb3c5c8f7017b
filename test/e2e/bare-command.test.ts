// The bare command where there is no terminal (pipes, CI): a plain numbered menu, a lesson
// played in line mode, end of input exits 0, never a raw-mode error.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineInput } from '../../src/cli/line-input.js';
import { plainMenu } from '../../src/cli/plain-menu.js';
import type { LoadedLesson } from '../../src/lesson/catalog/catalog.js';
import { openProgress } from '../../src/progress/progress-store.js';
import { runBuiltCli } from '../run-cli.js';
import { miniLesson, tempHome } from '../ui/mini-lesson.js';

function io(input: string) {
  const lines: string[] = [];
  return {
    lines,
    io: { write: (l: string) => lines.push(l), input: new LineInput(Readable.from([input])) },
  };
}

const loaded = (): LoadedLesson[] => [{ ok: true, lesson: miniLesson() } as LoadedLesson];

describe('plain menu', () => {
  it('lists lessons by number, plays the one picked and stops at the end of input', async () => {
    const home = tempHome();
    const store = openProgress({ home }).store;
    const { lines, io: x } = io('2\n1\n2\n');
    await plainMenu(loaded(), store, x);
    const out = lines.join('\n');
    expect(out).toContain('  1. Mini lesson (3 min) — new');
    expect(out).toContain('Type a lesson number (1-1)');
    expect(out).toContain('Please type a number from 1 to 1, or q.');
    expect(out).toContain('Question: You read from replica-2 at once. What comes back?');
    expect(out).toContain('Your answer: 2. nothing');
    expect(out).toMatch(/Input ended at c1/);
    expect(openProgress({ home }).store.lesson('mini').status).toBe('in-progress');
  });

  it('shows the menu again after a finished lesson, with its status; q quits', async () => {
    const home = tempHome();
    const store = openProgress({ home }).store;
    const { lines, io: x } = io('1\n2\n1\n2\nq\n');
    await plainMenu(loaded(), store, x);
    const out = lines.join('\n');
    expect(out).toContain('Lesson complete. Score: 6/6.');
    expect(out).toMatch(/1\. Mini lesson \(3 min\) — done, best 6\/6/);
  });
});

describe('the built CLI without a terminal', () => {
  it('prints the numbered menu and exits 0 at the end of input, with no raw-mode error', () => {
    const home = tempHome();
    const r = runBuiltCli([], { input: '', env: { REPLICATION_TUTOR_HOME: home } });
    expect(r.stderr).not.toMatch(/Raw mode/i);
    expect(r.stdout).toContain('replication-tutor — lessons');
    expect(r.stdout).toMatch(/\d+\. The Lost Tweet \(10 min\) — new/);
    expect(r.status).toBe(0);
  });

  it('plays the lesson picked on standard input', () => {
    const home = tempHome();
    const menu = runBuiltCli([], { input: '', env: { REPLICATION_TUTOR_HOME: home } }).stdout;
    const n = /(\d+)\. The Lost Tweet/.exec(menu)?.[1];
    const r = runBuiltCli([], { input: `${n}\n`, env: { REPLICATION_TUTOR_HOME: home } });
    expect(r.stdout).toContain('The Lost Tweet  (10 min, seed 7)');
    expect(r.stdout).toContain('Question: You pull to refresh your profile at once.');
    expect(r.status).toBe(0);
  });
});
