import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { lagText, lsnText, NodeCard } from '../../../src/ui/cluster/node-card.js';
import { nodeRowLine, rowHeader, rowWidths } from '../../../src/ui/cluster/node-row.js';
import { createTheme } from '../../../src/ui/theme/theme.js';
import { sevenNodes, threeNodes } from '../fixtures.js';
import { frameLines, frameSize } from '../frame.js';

const [primary, replica1, replica2] = threeNodes.nodes as [
  (typeof threeNodes.nodes)[number],
  (typeof threeNodes.nodes)[number],
  (typeof threeNodes.nodes)[number],
];

describe('NodeCard', () => {
  it('shows id, epoch, status, LSNs, lag, role and the three newest keys', () => {
    const app = render(<NodeCard node={primary} width={30} />);
    const frame = app.lastFrame() ?? '';
    expect(frame).toContain('primary');
    expect(frame).toContain('epoch 1');
    expect(frame).toContain('● leading');
    expect(frame).toContain('LSN applied 7 · recv 7');
    expect(frame).toContain('◆ leader');
    expect(frame).toContain('tweet:42 = "hello"  @7');
    expect(frame).toContain('bio = "db nerd"  @5');
    // Only the three newest keys.
    expect(frame).not.toContain('old = 1');
    expect(frameSize(frame).width).toBe(30);
    app.unmount();
  });

  it('shows a follower lag in entries, seconds and bytes', () => {
    const app = render(<NodeCard node={replica2} width={34} />);
    expect(app.lastFrame()).toContain('lag 5 entries · 5.0s · 1.5 MB');
    expect(app.lastFrame()).toContain('↻ catching up');
    app.unmount();
  });

  it('names the upstream of a cascading follower', () => {
    const app = render(<NodeCard node={sevenNodes.nodes[4]!} width={30} />);
    expect(app.lastFrame()).toContain('◇ via db-d');
    expect(app.lastFrame()).toContain('⇩ copying snapshot');
    app.unmount();
  });

  it('lists fewer keys when asked, and none at all with keyLines 0', () => {
    const two = render(<NodeCard node={primary} width={30} keyLines={1} />);
    expect(two.lastFrame()).toContain('tweet:42');
    expect(two.lastFrame()).not.toContain('likes');
    expect(frameLines(two.lastFrame())).toHaveLength(8);
    two.unmount();
    const none = render(<NodeCard node={primary} width={30} keyLines={0} />);
    expect(none.lastFrame()).not.toContain('tweet:42');
    expect(frameLines(none.lastFrame())).toHaveLength(7);
    none.unmount();
  });

  it('shortens LSN and lag lines to fit narrow cards', () => {
    expect(lsnText(replica1, 40)).toBe('LSN applied 5 · recv 5');
    expect(lsnText(replica1, 18)).toBe('applied 5 · recv 5');
    expect(lagText(replica1, 40)).toBe('lag 2 entries · 1.2s · 340 B');
    expect(lagText(replica1, 22)).toBe('lag 2 · 1.2s · 340 B');
    expect(lagText(primary, 40)).toBe('lag 0 (the leader)');
  });
});

describe('nodeRowLine (compact)', () => {
  const sgr = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
  const plain = (text: string) => text.replace(sgr, '');

  it('puts one node on one line under the table header', () => {
    const line = nodeRowLine(replica1, rowWidths([replica1], 9), false, createTheme(true));
    expect(plain(line.text)).not.toContain('\n');
    expect(plain(line.text)).toMatch(
      /^replica-1 ▶ streaming +◇ follower +e1 +5\/5 +2 · 1\.2s · 340 B +bio="db nerd" old=1$/,
    );
    expect(rowHeader(rowWidths([replica1], 9))).toMatch(/^node +status +role +ep +LSN a\/r +lag/);
  });

  it('widens the LSN and lag columns to hold every node, lag up to 24 columns', () => {
    const far = {
      ...replica1,
      appliedLsn: 6639,
      receivedLsn: 13000,
      lagEntries: 6639,
      lagMs: 22_200_000,
      lagBytes: 7_676_530_688,
    };
    const w = rowWidths([replica1, far], 9);
    const line = plain(nodeRowLine(far, w, false, createTheme(false)).text);
    expect(line).toContain('6639/13000 6639 · 6h10m · 7.1 GB');
    expect(line).not.toContain('…');
    expect(plain(rowHeader(w)).indexOf('lag')).toBe(line.indexOf('6639 ·'));
  });

  it('marks the highlighted node and keeps the columns aligned', () => {
    const line = plain(
      nodeRowLine(replica1, rowWidths([replica1], 11), true, createTheme(false)).text,
    );
    expect(line).toMatch(/^› replica-1 ▶ streaming/);
    expect(line.indexOf('▶')).toBe(rowHeader(rowWidths([replica1], 11)).indexOf('status'));
  });
});
