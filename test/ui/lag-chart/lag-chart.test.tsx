import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { LagChart } from '../../../src/ui/lag-chart/lag-chart.js';
import { frameLines, frameSize } from '../frame.js';

const series = [
  { node: 'replica-1', samples: [0, 500, 1_000, 1_200] },
  { node: 'replica-2', samples: [0, 1_000, 3_000, 5_000] },
];

describe('LagChart', () => {
  it('draws a sparkline per follower on one scale, labelled with its max', () => {
    const app = render(<LagChart series={series} width={60} unit="ms" span={30_000} />);
    const lines = frameLines(app.lastFrame());
    expect(lines[0]).toBe('lag over the last 30.0s · scale 0 – 5.0s');
    expect(lines[1]).toMatch(/^replica-1 +▁▂▂▃ +1\.2s$/);
    expect(lines[2]).toMatch(/^replica-2 +▁▂▅█ +5\.0s$/);
    expect(frameSize(app.lastFrame()).width).toBeLessThanOrEqual(60);
    app.unmount();
  });

  it('counts entries when the unit is entries', () => {
    const app = render(
      <LagChart series={[{ node: 'r1', samples: [0, 4, 8] }]} width={40} unit="entries" />,
    );
    expect(app.lastFrame()).toContain('scale 0 – 8 ent');
    app.unmount();
  });

  it('cuts series to the height and says how many are left out', () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ node: `r${i}`, samples: [i] }));
    const app = render(<LagChart series={many} width={40} height={4} unit="ms" />);
    const lines = frameLines(app.lastFrame());
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('+4 more');
    app.unmount();
  });

  it('shows a dash for a node with no current sample', () => {
    const app = render(
      <LagChart series={[{ node: 'down-1', samples: [100, null] }]} width={40} unit="ms" />,
    );
    expect(frameLines(app.lastFrame())[1]).toMatch(/█ +—$/);
    app.unmount();
  });
});
