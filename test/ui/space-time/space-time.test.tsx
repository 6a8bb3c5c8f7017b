import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { SpaceTime } from '../../../src/ui/space-time/space-time.js';
import { history, ops } from '../fixtures.js';
import { frameLines, frameSize } from '../frame.js';

describe('SpaceTime', () => {
  it('prints the header, one row per time bucket and a legend, within the size', () => {
    const app = render(
      <SpaceTime
        nodes={['primary', 'replica-1', 'replica-2']}
        events={history}
        ops={ops}
        from={0}
        to={12_000}
        width={80}
        height={8}
      />,
    );
    const lines = frameLines(app.lastFrame());
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(/primary +replica-1 +replica-2/);
    // The entry sent at 1.5 s leaves primary on the first row and arrives on the second.
    expect(lines[1]).toMatch(/^ +0\.000s +W─+ +│/);
    expect(lines[2]).toMatch(/│ +─+▸W +R$/);
    expect(lines[7]).toContain('W write');
    expect(frameSize(app.lastFrame()).width).toBeLessThanOrEqual(80);
    app.unmount();
  });

  it('drops the legend when short of rows', () => {
    const app = render(
      <SpaceTime
        nodes={['a', 'b']}
        events={[]}
        ops={[]}
        from={0}
        to={1_000}
        width={40}
        height={3}
      />,
    );
    expect(frameLines(app.lastFrame())).toHaveLength(3);
    app.unmount();
  });
});
