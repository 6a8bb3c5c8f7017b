// The event log in the player: f cycles all / faults and anomalies / operations, PgDn and
// PgUp (or ] and [) scroll it, so a line under generated traffic can be found.
import { render } from 'ink-testing-library';
import { expect, it, vi } from 'vitest';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { Player } from '../../../src/ui/player/player.js';
import { flat, frameLines } from '../frame.js';
import { KEY, press, untilMatch } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

const BUSY = `
id: busy
title: Busy
order: 30
minutes: 1
summary: A setting changed under a busy workload.
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 100ms}
steps:
  - say: Watch.
  - set: {node: replica-1, lag: 15s}
  - workload: {clients: 4, duration: 10s, writes: 1, rate: 20/s, keys: 5}
  - say: What changed?
`;

const PAGE_DOWN = '\u001B[6~';
const PAGE_UP = '\u001B[5~';

it('filters and scrolls the event log', async () => {
  const driver = new LessonDriver(miniLesson(BUSY), tempStore());
  const app = render(<Player driver={driver} onBack={vi.fn()} initial={{ paused: false }} />);
  await press(app, KEY.enter);
  for (let i = 0; i < 4; i++) await press(app, '+');
  let frame = await untilMatch(app, /What changed\?/, 15_000);
  // Buried: only writes in the log.
  expect(frame).not.toContain('set replica-1: lag 15.0s');
  frame = await press(app, 'f');
  expect(frame).toContain('faults and anomalies only');
  expect(frame).toMatch(/!\s+set replica-1: lag 15\.0s/);
  expect(frame).not.toMatch(/wrote k\d/);
  frame = await press(app, 'f');
  expect(frame).toContain('operations only');
  expect(frame).toMatch(/wrote k\d/);
  frame = await press(app, 'f');
  expect(frame).not.toContain('only (f: next)');
  // Back in time: the heading says how many newer lines are above.
  const newest = frameLines(frame).find((l) => l.includes('wrote k')) ?? '';
  frame = await press(app, PAGE_DOWN);
  expect(flat(frame)).toMatch(/\d+ newer above \(PgUp\)/);
  expect(frame).not.toContain(newest);
  frame = await press(app, ']');
  expect(flat(frame)).toMatch(/\d+ newer above/);
  await press(app, '[');
  frame = await press(app, PAGE_UP);
  expect(frame).not.toContain('newer above');
  expect(frame).toContain(newest);
  app.unmount();
});
