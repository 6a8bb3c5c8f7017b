// Keys in a real terminal (tmux): two keys sent at once ("jj") both count, and Enter on a
// quiz shows its feedback instead of skipping it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from '../run-cli.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-e2e-keys-'));
const sessions: string[] = [];

const QUIZ_FIRST = `id: quiz-first
title: Quiz first
order: 990
minutes: 1
summary: One quiz, then the end.
cluster:
  nodes:
    - {id: primary, role: leader}
steps:
  - id: q1
    quiz:
      question: Which one is right?
      choices: [alpha, beta]
      answer: 1
      explain: Beta it is.
  - say: The end of the quiz lesson.
`;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(name: string, ...args: string[]): string {
  const session = `rt-e2e-keys-${name}-${process.pid}`;
  sessions.push(session);
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const cmd = `env CI=false REPLICATION_TUTOR_HOME='${home}' '${process.execPath}' '${cliPath}' ${quoted}; sleep 60`;
  tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', '-c', repoRoot, cmd);
  return session;
}

async function waitFor(session: string, test: (s: string) => boolean, what: string) {
  const start = Date.now();
  let last = '';
  while (Date.now() - start < 15_000) {
    last = tmux('capture-pane', '-p', '-t', session);
    if (test(last)) return last;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
}

describe.skipIf(!hasTmux)('keys in a real terminal (tmux)', () => {
  beforeAll(() => {
    if (!fs.existsSync(cliPath))
      spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot });
    fs.writeFileSync(path.join(home, 'quiz-first.yaml'), QUIZ_FIRST);
  });

  afterAll(() => {
    for (const s of sessions) spawnSync('tmux', ['kill-session', '-t', s]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('"jj" sent at once moves the menu twice', async () => {
    const s = start('menu');
    await waitFor(s, (x) => x.includes('lessons done'), 'the menu');
    const focused = (x: string) => x.split('\n').find((l) => l.startsWith('›')) ?? '';
    const first = focused(await waitFor(s, (x) => focused(x) !== '', 'the highlight'));
    tmux('send-keys', '-t', s, '-l', 'jj');
    const moved = await waitFor(s, (x) => focused(x) !== first, 'the highlight to move');
    // Two entries down: the lesson listed two after the first highlighted one.
    const entries = moved.split('\n').filter((l) => /^[› ] +\d+\. /.test(l));
    const title = (l: string) => l.replace(/^[› ] +/, '').split(/ {2,}/)[0];
    const at = entries.findIndex((l) => title(l) === title(first));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(title(focused(moved))).toBe(title(entries[at + 2] ?? ''));
  }, 30_000);

  it('Enter on a quiz shows its feedback, and only the next Enter moves on', async () => {
    const s = start('quiz', 'play', path.join(home, 'quiz-first.yaml'));
    await waitFor(s, (x) => x.includes('Which one is right?'), 'the quiz');
    tmux('send-keys', '-t', s, 'Enter');
    const feedback = await waitFor(s, (x) => x.includes('Points:'), 'the feedback');
    // Enter chose the highlighted first choice, whichever order this learner sees.
    expect(feedback).toMatch(/[✓✗] 1\. (alpha|beta) \(your answer\)/);
    expect(feedback).toContain('Enter ▸ continue');
    await sleep(300);
    expect(tmux('capture-pane', '-p', '-t', s)).not.toContain('The end of the quiz lesson.');
    tmux('send-keys', '-t', s, 'Enter');
    await waitFor(s, (x) => x.includes('The end of the quiz lesson.'), 'the next narration');
  }, 30_000);
});

if (!hasTmux) {
  describe('keys in a real terminal (tmux)', () => {
    it.skip('skipped: tmux is not installed', () => {});
  });
}
