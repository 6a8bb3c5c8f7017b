// The footer says what space does now: continue where the lesson waits for a key, play when
// paused (after stepping back too), pause while playing.
import { render } from 'ink-testing-library';
import { expect, it, vi } from 'vitest';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { Player } from '../../../src/ui/player/player.js';
import { frameLines } from '../frame.js';
import { KEY, press, untilMatch } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

const footer = (frame: string) => frameLines(frame).at(-1) ?? '';

it('names what space will do in the footer', async () => {
  const driver = new LessonDriver(miniLesson(), tempStore());
  const app = render(<Player driver={driver} onBack={vi.fn()} initial={{ paused: true }} />);
  expect(footer(app.lastFrame() ?? '')).toContain('space continue');
  let frame = await press(app, KEY.enter);
  expect(driver.phase).toBe('running');
  expect(footer(frame)).toContain('space play');
  frame = await press(app, ' ');
  expect(footer(frame)).toContain('▶ playing');
  expect(footer(frame)).toContain('space pause');
  frame = await untilMatch(app, /on its way/);
  expect(footer(frame)).toContain('space continue');
  frame = await press(app, KEY.left);
  expect(driver.phase).toBe('running');
  expect(footer(frame)).toContain('⏸ paused');
  expect(footer(frame)).toContain('space play');
  expect(footer(frame)).not.toContain('space pause');
  app.unmount();
});
