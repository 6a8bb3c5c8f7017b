// The building blocks stacked the way a lesson player could stack them at 80×24: together
// they must stay inside the root box (rows - 1, or Ink clears the screen every frame) and keep their content.
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ClusterPane } from '../../src/ui/cluster/cluster-pane.js';
import { EventLog } from '../../src/ui/event-log/event-log.js';
import { LagChart } from '../../src/ui/lag-chart/lag-chart.js';
import { Footer } from '../../src/ui/screen/footer.js';
import { fivePartitioned, history, ops, sevenNodes, threeNodes } from './fixtures.js';
import { frameSize } from './frame.js';

describe('a player-like screen at 80×24', () => {
  it.each([
    ['3 nodes', threeNodes],
    ['5 nodes, partitioned', fivePartitioned],
    ['7 nodes', sevenNodes],
  ] as const)('fits with %s', (_name, snapshot) => {
    const app = render(
      <Box flexDirection="column" width={80} height={23} overflow="hidden">
        <ClusterPane snapshot={snapshot} width={80} height={12} />
        <LagChart
          series={[{ node: 'replica-1', samples: [0, 300, 1_200] }]}
          width={80}
          height={2}
          unit="ms"
        />
        <EventLog events={history} ops={ops} width={80} height={7} />
        <Footer context="player" width={80} status="⏸ paused · 1×" />
      </Box>,
    );
    const frame = app.lastFrame() ?? '';
    expect(frameSize(frame).height).toBeLessThanOrEqual(23);
    expect(frameSize(frame).width).toBeLessThanOrEqual(80);
    expect(frame).toContain(`leader ${snapshot.leader}`);
    expect(frame).toContain('lag · scale 0 – 1.2s');
    expect(frame).toContain('the tweet is gone');
    expect(frame).toContain('? help');
    app.unmount();
  });
});
