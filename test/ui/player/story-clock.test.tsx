// A lesson with a clock shows the story's time of day in the header and the event log; one
// without shows time from the start compactly, never t=17970.248s.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { Player } from '../../../src/ui/player/player.js';
import { KEY, press, untilMatch } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

const lesson = (clock: string) => `
id: evening
title: Evening
order: 30
minutes: 1
summary: A write, five hours, a write.
${clock}
cluster:
  nodes:
    - {id: db1, role: leader}
    - {id: db2, role: follower, lag: 200ms}
steps:
  - say: Afternoon.
  - write: {client: web, key: a, value: 1}
  - wait: 5h
  - write: {client: web, key: b, value: 2}
  - say: Evening.
`;

function play(clock: string) {
  const driver = new LessonDriver(miniLesson(lesson(clock)), tempStore());
  const app = render(<Player driver={driver} onBack={vi.fn()} initial={{ paused: false }} />);
  return { app, driver };
}

describe('the story clock', () => {
  it('shows the time of day when the lesson sets a clock', async () => {
    const { app } = play('clock: {start: "2017-01-31T17:00:00Z"}');
    expect(app.lastFrame()).toContain('Tue 31 Jan 17:00:00  epoch 1  leader db1');
    await press(app, KEY.enter);
    for (let i = 0; i < 3; i++) await press(app, '+');
    const frame = await untilMatch(app, /Evening\./, 15_000);
    expect(frame).toMatch(/Tue 31 Jan 22:00:00 {2}epoch 1/);
    expect(frame).toMatch(/22:00:00\.\d{3} ✓ +web wrote b = 2 on db1/);
    expect(frame).toMatch(/17:00:00\.\d{3} ✓ +web wrote a = 1 on db1/);
    expect(frame).not.toMatch(/t=\d/);
    app.unmount();
  });

  it('shows time from the start compactly without one', async () => {
    const { app } = play('');
    expect(app.lastFrame()).toContain('0.000s  epoch 1  leader db1');
    await press(app, KEY.enter);
    for (let i = 0; i < 3; i++) await press(app, '+');
    const frame = await untilMatch(app, /Evening\./, 15_000);
    expect(frame).toMatch(/5h00m00s {2}epoch 1/);
    expect(frame).toMatch(/5h00m00\.\d{3}s ✓ +web wrote b = 2 on db1/);
    expect(frame).not.toMatch(/t=\d/);
    app.unmount();
  });
});
