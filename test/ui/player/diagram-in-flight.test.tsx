// The space-time diagram shows an entry while it travels, not only once it arrives.
import { render } from 'ink-testing-library';
import { expect, it, vi } from 'vitest';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { Player } from '../../../src/ui/player/player.js';
import { frameLines } from '../frame.js';
import { KEY, press } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

it('draws the write to replica-2 on its way, before it arrives', async () => {
  const driver = new LessonDriver(miniLesson(), tempStore());
  const app = render(<Player driver={driver} onBack={vi.fn()} initial={{ paused: true }} />);
  await press(app, KEY.enter);
  // Step until the write is acknowledged: both entries are still on their way (1 s and 5 s).
  for (
    let i = 0;
    i < 10 && driver.snapshot().inFlight.filter((m) => m.kind === 'entry').length < 2;
    i++
  )
    await press(app, 'n');
  expect(driver.snapshot().nodes.map((n) => n.appliedLsn)).toEqual([1, 0, 0]);
  const frame = await press(app, 'd');
  const rows = frameLines(frame).filter((l) => /^ *\d+\.\d{3}s /.test(l));
  expect(rows.length).toBeGreaterThan(0);
  // An arrow head on the diagram's last rows, short of replica-2's lane.
  expect(rows.some((l) => /─▸|▸/.test(l))).toBe(true);
  app.unmount();
});
