import { describe, expect, it } from 'vitest';
import { planClusterLayout } from '../../../src/ui/cluster/cluster-layout.js';
import {
  clusterTopLines,
  linkLines,
  nodeTableLines,
} from '../../../src/ui/cluster/cluster-lines.js';
import { createTheme } from '../../../src/ui/theme/theme.js';
import { fivePartitioned, sevenNodes, threeNodes } from '../fixtures.js';

const theme = createTheme(true);
const sgr = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const plain = (lines: { text: string }[]) => lines.map((l) => l.text.replace(sgr, ''));

describe('cluster pane lines', () => {
  it('heads the pane with time, epoch, leader and mode', () => {
    expect(plain(clusterTopLines(threeNodes, theme))).toEqual([
      '12.345s  epoch 1  leader primary  async',
    ]);
    const leaderless = { ...threeNodes, leader: undefined };
    expect(plain(clusterTopLines(leaderless, theme))[0]).toContain('no leader');
  });

  it('adds the partition in the danger colour when there is one', () => {
    const lines = clusterTopLines(fivePartitioned, theme);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.text).toMatch(/^✂ partition: \[primary, replica-1\] \| \[replica-2/);
    expect(lines[1]?.paint?.color).toBe(theme.color('danger'));
  });

  it('lists the nodes under the table header, and how many did not fit', () => {
    const layout = planClusterLayout(sevenNodes, 80, 8);
    expect(layout.variant).toBe('rows');
    const lines = plain(nodeTableLines(layout, undefined, theme));
    expect(lines[0]).toMatch(/^node +status +role/);
    expect(lines.slice(1, -1).map((l) => l.split(' ')[0])).toEqual(
      (layout.cardRows[0] ?? []).map((n) => n.id),
    );
    expect(lines.at(-1)).toBe(`+${layout.hiddenNodes} more nodes`);
  });

  it('shows the links that fit and says how many more there are', () => {
    const layout = { ...planClusterLayout(sevenNodes, 80), linkLines: 2 };
    const lines = linkLines(layout, theme);
    expect(lines).toHaveLength(2);
    expect(lines[0]?.text).toMatch(/──▸/);
    expect(lines[1]?.text).toBe(`+${layout.links.length - 1} more links`);
    expect(lines[1]?.paint?.dimColor).toBe(true);
  });

  it('colours a cut link as danger and an idle one as muted', () => {
    const layout = planClusterLayout(fivePartitioned, 80);
    const lines = linkLines(layout, theme);
    expect(lines.map((l) => [l.text, l.paint?.color])).toEqual([
      ['replica-2 ─✂▸ replica-1  cut by partition · idle', theme.color('danger')],
      ['replica-2 ──▸ replica-3  idle', theme.color('muted')],
      ['replica-2 ──▸ replica-4  idle', theme.color('muted')],
      [
        'primary ─✂▸ replica-3  cut by partition · 1 entry in flight (LSN 12), next in 1.0s',
        theme.color('danger'),
      ],
    ]);
  });
});
