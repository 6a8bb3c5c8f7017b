// The footer says what space does now: continue where the lesson waits for a key, play when
// paused (after stepping back too), pause while playing.
import { render } from 'ink-testing-library';
import { expect, it, vi } from 'vitest';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { Player } from '../../../src/ui/player/player.js';
import { frameLines } from '../frame.js';
import { KEY, press } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

const WAITING = `
id: waiting
title: Waiting
order: 30
minutes: 1
summary: A wait between two narrations.
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 1s}
steps:
  - say: Watch.
  - write: {client: you, key: k, value: 1}
  - wait: 1h
  - say: Done.
`;

const footer = (frame: string) => frameLines(frame).at(-1) ?? '';

it('names what space will do in the footer', async () => {
  const driver = new LessonDriver(miniLesson(WAITING), tempStore());
  const app = render(<Player driver={driver} onBack={vi.fn()} initial={{ paused: true }} />);
  expect(footer(app.lastFrame() ?? '')).toContain('space continue');
  let frame = await press(app, KEY.enter);
  expect(driver.phase).toBe('running');
  expect(footer(frame)).toContain('space play');
  frame = await press(app, ' ');
  expect(footer(frame)).toContain('▶ playing');
  expect(footer(frame)).toContain('space pause');
  frame = await press(app, KEY.left);
  expect(driver.phase).toBe('running');
  expect(footer(frame)).toContain('⏸ paused');
  expect(footer(frame)).toContain('space play');
  expect(footer(frame)).not.toContain('space pause');
  app.unmount();
});
