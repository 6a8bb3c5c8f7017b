import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../../src/sim/types.js';
import { ClusterPane } from '../../../src/ui/cluster/cluster-pane.js';
import { fivePartitioned, sevenNodes, threeNodes } from '../fixtures.js';
import { frameLines, frameSize } from '../frame.js';

function frameOf(snapshot: ClusterSnapshot, width: number, height?: number): string {
  const app = render(<ClusterPane snapshot={snapshot} width={width} height={height} />);
  const frame = app.lastFrame() ?? '';
  app.unmount();
  return frame;
}

describe('ClusterPane', () => {
  it('shows time, epoch, leader and mode, then cards with the leader first', () => {
    const frame = frameOf(threeNodes, 80, 20);
    const lines = frameLines(frame);
    expect(lines[0]).toBe('12.345s  epoch 1  leader primary  async');
    const cards = lines[2] ?? '';
    expect(cards.indexOf('primary')).toBeLessThan(cards.indexOf('replica-1'));
    expect(cards.indexOf('replica-1')).toBeLessThan(cards.indexOf('replica-2'));
  });

  it('shows what is in flight on each link', () => {
    const frame = frameOf(threeNodes, 80, 20);
    expect(frame).toContain('primary ──▸ replica-1  2 entries in flight (LSN 6..7), next in 55ms');
    expect(frame).toContain('primary ──▸ replica-2  3 entries in flight (LSN 4..6), next in 1.2s');
  });

  it('shows the partition groups and the links it cuts', () => {
    const frame = frameOf(fivePartitioned, 80, 24);
    expect(frame).toContain(
      '✂ partition: [primary, replica-1] | [replica-2, replica-3, replica-4]',
    );
    expect(frame).toContain('replica-2 ─✂▸ replica-1  cut by partition');
    expect(frame).toContain('⋯ disconnected');
  });

  it('switches to one line per node when cards do not fit the height', () => {
    const frame = frameOf(sevenNodes, 80, 14);
    const lines = frameLines(frame);
    expect(lines[1]).toMatch(/^node +status/);
    for (const label of ['⊘ fenced', '✕ down', '⏸ paused', '⚠ needs resync', '⟳ restoring']) {
      expect(frame).toContain(label);
    }
    expect(lines.slice(2, 9).map((l) => l.split(' ')[0])).toEqual(
      sevenNodes.nodes.map((n) => n.id),
    );
    expect(lines).toHaveLength(14);
    expect(lines[13]).toMatch(/^\+\d more links$/);
  });

  it('never exceeds the width and height it is given', () => {
    for (const snapshot of [threeNodes, fivePartitioned, sevenNodes]) {
      for (const height of [6, 9, 12, 16, 20, 24]) {
        const size = frameSize(frameOf(snapshot, 80, height));
        expect(size.width, `${snapshot.nodes.length} nodes, ${height} rows`).toBeLessThanOrEqual(
          80,
        );
        expect(size.height, `${snapshot.nodes.length} nodes, ${height} rows`).toBeLessThanOrEqual(
          height,
        );
      }
    }
  });

  it('uses more room when there is more', () => {
    const small = frameOf(fivePartitioned, 80, 12);
    const large = frameOf(fivePartitioned, 80, 40);
    expect(small).not.toContain('balance = 70');
    expect(large).toContain('balance = 70');
    expect(frameSize(frameOf(threeNodes, 100, 24)).width).toBeGreaterThan(80);
  });

  it('fits a narrow terminal with the compact rows', () => {
    const frame = frameOf(threeNodes, 24, 10);
    expect(frameSize(frame).width).toBeLessThanOrEqual(24);
    expect(frame).toContain('primary');
  });
});

describe('ClusterPane highlight', () => {
  it('marks the node a routing choice points at, on cards and in the table', () => {
    const cards = render(
      <ClusterPane snapshot={threeNodes} width={100} height={20} highlight="replica-1" />,
    );
    expect(cards.lastFrame()).toMatch(/┃ › replica-1 +epoch 1 ┃/);
    cards.unmount();
    const rows = render(
      <ClusterPane snapshot={threeNodes} width={80} height={7} highlight="replica-1" />,
    );
    expect(rows.lastFrame()).toMatch(/^› replica-1 +▶ streaming/m);
    expect(rows.lastFrame()).toMatch(/^primary +● leading/m);
    rows.unmount();
  });
});
