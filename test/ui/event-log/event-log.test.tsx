import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { EventLog } from '../../../src/ui/event-log/event-log.js';
import { history, ops } from '../fixtures.js';
import { frameLines, frameSize } from '../frame.js';

const labels = new Map([[2, ['stale', 'read-your-writes']]]);

describe('EventLog', () => {
  it('prints the newest events first with aligned times, bounded to the height', () => {
    const app = render(
      <EventLog events={history} ops={ops} labels={labels} width={80} height={5} />,
    );
    const lines = frameLines(app.lastFrame());
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('11.000s »  the tweet is gone');
    expect(lines[1]).toContain('✗  primary truncated LSN 8..9');
    expect(lines[4]).toBe(' 8.000s ★  replica-1 elected leader, epoch 2 (was primary)');
    app.unmount();
  });

  it('shows the engine labels of an anomalous read before its text, so they are never cut', () => {
    const app = render(
      <EventLog events={history} ops={ops} labels={labels} width={60} height={20} />,
    );
    const read = frameLines(app.lastFrame()).find((l) => l.includes('alice read'));
    expect(read).toMatch(/⚠ stale, read-your-writes — alice read/);
    expect(frameSize(app.lastFrame()).width).toBeLessThanOrEqual(60);
    app.unmount();
  });

  it('says so when nothing happened yet', () => {
    const app = render(<EventLog events={[]} ops={[]} width={40} height={5} />);
    expect(app.lastFrame()).toBe('No events yet.');
    app.unmount();
  });
});
