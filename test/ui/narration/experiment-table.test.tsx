// Experiment tables count anomalies per checker (the hints ask about read-your-writes
// violations), show the columns the step measures, fit 80 columns and the 50-column
// narration of a 120-column player, and sit above the narration that talks about them.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { ExperimentRow } from '../../../src/lesson/engine/runner.js';
import { experimentTable } from '../../../src/ui/narration/experiment-table.js';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { Player } from '../../../src/ui/player/player.js';
import { textWidth } from '../../../src/ui/text/text.js';
import { flat, frameLines, frameSize } from '../frame.js';
import { KEY, press, tick, untilMatch } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

const row = (
  policy: string,
  byChecker: Record<string, number>,
  leaderLoad: number,
): ExperimentRow => ({
  policy,
  ops: 1000,
  anomalies: Object.values(byChecker).reduce((a, b) => a + b, 0),
  byChecker,
  leaderLoad,
  p50: 2,
  p99: 1500,
});

const ROWS = [
  row('random', { 'stale-read': 258, 'read-your-writes': 164, 'monotonic-reads': 1 }, 33),
  row('leader', {}, 100),
  row('window-after-write', { 'stale-read': 17 }, 84),
  row('read-your-writes', { 'stale-read': 87 }, 26),
];

describe('experimentTable', () => {
  it('counts anomalies per checker, with full headers when they fit', () => {
    const t = experimentTable(ROWS, 100, ['anomalies', 'leaderLoad', 'p99']);
    expect(t.lines[0]).toMatch(
      /^policy +stale reads +read-your-writes +monotonic reads +leader load +p99$/,
    );
    expect(t.lines[1]).toMatch(/^random +258 +164 +1 +33% +1\.5s$/);
    expect(t.lines[4]).toMatch(/^read-your-writes +87 +0 +0 +26% +1\.5s$/);
    expect(t.legend).toBeUndefined();
  });

  it('shows only what the step measures, and other checkers only when they found something', () => {
    const t = experimentTable(ROWS, 100, ['anomalies', 'leaderLoad']);
    expect(t.lines[0]).not.toMatch(/p50|p99|prefix|lost/);
    const lost = experimentTable([row('random', { 'lost-writes': 3 }, 0)], 100, ['anomalies']);
    expect(lost.lines[0]).toMatch(/lost writes/);
  });

  it.each([80, 50, 48])('fits %i columns, spelling out what it shortens', (width) => {
    const t = experimentTable(ROWS, width, ['anomalies', 'leaderLoad', 'p50', 'p99']);
    for (const l of t.lines) expect(textWidth(l)).toBeLessThanOrEqual(width);
    // Every policy and every read checker's column are there, nothing cut with …
    for (const p of ['random', 'leader', 'window-after-write', 'read-your-writes']) {
      expect(t.lines.some((l) => l.startsWith(p))).toBe(true);
    }
    expect(t.lines.join('\n')).not.toContain('…');
    expect(t.lines[0]).toMatch(/read-your-writes|ryw/);
    if (t.lines[0]?.includes('ryw')) expect(t.legend).toContain('ryw = read-your-writes');
  });
});

const EXPERIMENT = `
id: exp
title: Experiment
order: 30
minutes: 1
summary: Four policies compared.
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 1s}
    - {id: replica-2, role: follower, lag: 3s}
steps:
  - say: Run it.
  - experiment:
      workload: {clients: 10, duration: 5s, writes: 0.2, readAfterWrite: 0.8, rate: 50/s, keys: 20}
      policies: [random, leader, window-after-write, read-your-writes]
      measure: [anomalies, leaderLoad]
  - say: |
      Notice the read-your-writes column: only random and the window let users miss their
      own writes here.

      What you saw. A long paragraph follows, long enough that a short pane cannot show it
      all: routing reads by what each user wrote keeps their own writes visible, and the
      leader serves only the reads that need it. Everything else goes to the replicas, as
      before, and the table says how much load that takes off the leader.
`;

async function atNarration(columns: number, rows: number) {
  const driver = new LessonDriver(miniLesson(EXPERIMENT), tempStore());
  const app = render(<Player driver={driver} onBack={vi.fn()} initial={{ paused: false }} />);
  Object.defineProperty(app.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(app.stdout, 'rows', { value: rows, configurable: true });
  app.stdout.emit('resize');
  await tick(20);
  await press(app, KEY.enter);
  return { app, frame: await untilMatch(app, /Notice the read-your-writes/, 15_000) };
}

describe('an experiment in the player', () => {
  it.each([
    [80, 24],
    [120, 40],
  ])('at %i×%i shows the whole table with the narration about it', async (columns, rows) => {
    const { app, frame } = await atNarration(columns, rows);
    expect(frameSize(frame).width).toBeLessThanOrEqual(columns);
    expect(frameLines(frame)).toHaveLength(rows - 1);
    for (const p of ['random', 'leader', 'window-after-write', 'read-your-writes']) {
      expect(frame).toMatch(new RegExp(`${p}( +\\d+)+%`));
    }
    expect(frame).toMatch(/policy +stale( reads)? +(read-your-writes|ryw) +/);
    expect(flat(frame)).toContain('Notice the read-your-writes column');
    expect(frame).not.toMatch(/policy.*…/);
    app.unmount();
  });
});

const EXPERIMENT_QUIZ = `${EXPERIMENT.slice(0, EXPERIMENT.indexOf('  - say: |'))}  - id: q-fit
    quiz:
      question: A feed where users re-read their own posts, with the primary's load kept low. Which policy fits best?
      choices:
        - random, with a retry
        - leader for every read
        - the primary for a window after each write
        - the LSN-aware router, per user
      answer: 3
      hint: Which row has no read-your-writes violations and the smallest leader share?
`;

describe('a question about an experiment', () => {
  it('shows the prompt, the whole table and the choices at 80×24 (the hint takes rows only when shown)', async () => {
    const driver = new LessonDriver(miniLesson(EXPERIMENT_QUIZ), tempStore());
    const app = render(<Player driver={driver} onBack={vi.fn()} initial={{ paused: false }} />);
    await press(app, KEY.enter);
    const frame = await untilMatch(app, /4\. the LSN-aware router/, 15_000);
    for (const p of ['random', 'leader', 'window-after-write', 'read-your-writes']) {
      expect(frame).toMatch(new RegExp(`${p}( +\\d+)+%`));
    }
    expect(frame).not.toContain('more lines');
    expect(frame).toContain('4. the LSN-aware router, per user');
    const hinted = await press(app, 'h');
    expect(flat(hinted)).toContain('Hint: Which row has no read-your-writes violations');
    expect(hinted).toContain('4. the LSN-aware router, per user');
    app.unmount();
  });
});
