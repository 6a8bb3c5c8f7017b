import { describe, expect, it } from 'vitest';
import {
  describeLinks,
  formatLink,
  formatPartition,
  isCut,
} from '../../../src/ui/cluster/links.js';
import { fivePartitioned, sevenNodes, threeNodes } from '../fixtures.js';

describe('describeLinks', () => {
  it('groups entries in flight per link with their LSN range and next arrival', () => {
    const links = describeLinks(threeNodes);
    expect(links.map((l) => `${l.from}>${l.to}`)).toEqual([
      'primary>replica-1',
      'primary>replica-2',
    ]);
    const toR2 = links[1];
    expect(toR2).toMatchObject({ entries: 3, firstLsn: 4, lastLsn: 6, nextIn: 1_200, cut: false });
    expect(formatLink(toR2!)).toBe(
      'primary ──▸ replica-2  3 entries in flight (LSN 4..6), next in 1.2s',
    );
  });

  it('shows acks on the link they acknowledge', () => {
    const toR1 = describeLinks(threeNodes)[0]!;
    expect(toR1.control).toEqual({ ack: 1 });
    expect(formatLink(toR1)).toContain('1 ack');
  });

  it('follows upstream chains for cascading followers', () => {
    const pairs = describeLinks(sevenNodes).map((l) => `${l.from}>${l.to}`);
    expect(pairs).toContain('db-d>db-e');
    expect(pairs).toContain('db-d>db-f');
    expect(pairs).not.toContain('db-a>db-e');
  });

  it('draws a link with an end down as down, not idle', () => {
    const downLeader = {
      ...threeNodes,
      inFlight: [],
      nodes: threeNodes.nodes.map((n) =>
        n.id === 'primary' ? { ...n, status: 'down' as const } : n,
      ),
    };
    const links = describeLinks(downLeader);
    expect(links.map((l) => l.down)).toEqual([['primary'], ['primary']]);
    expect(formatLink(links[0]!)).toBe('primary ─✕▸ replica-1  primary is down · idle');
    const bothDown = {
      ...downLeader,
      nodes: downLeader.nodes.map((n) =>
        n.id === 'replica-2' ? { ...n, status: 'down' as const } : n,
      ),
    };
    expect(formatLink(describeLinks(bothDown)[1]!)).toBe(
      'primary ─✕▸ replica-2  primary and replica-2 are down · idle',
    );
    expect(describeLinks(threeNodes).map((l) => l.down)).toEqual([[], []]);
  });

  it('marks links the partition cuts, including messages across the cut', () => {
    const links = describeLinks(fivePartitioned);
    const cut = links.find((l) => l.from === 'primary' && l.to === 'replica-3');
    expect(cut?.cut).toBe(true);
    expect(formatLink(cut!)).toMatch(/^primary ─✂▸ replica-3 {2}cut by partition · 1 entry/);
    expect(links.find((l) => l.to === 'replica-3' && l.from === 'replica-2')?.cut).toBe(false);
  });

  it('says idle when nothing is in flight', () => {
    const link = describeLinks(fivePartitioned).find((l) => l.to === 'replica-4')!;
    expect(formatLink(link)).toBe('replica-2 ──▸ replica-4  idle');
  });
});

describe('partition', () => {
  it('is cut between groups and for nodes in no group, never when whole', () => {
    const groups = [['a', 'b'], ['c']];
    expect(isCut(groups, 'a', 'b')).toBe(false);
    expect(isCut(groups, 'a', 'c')).toBe(true);
    expect(isCut(groups, 'a', 'x')).toBe(true);
    expect(isCut([], 'a', 'c')).toBe(false);
  });

  it('prints the groups', () => {
    expect(formatPartition([['primary'], ['replica-1', 'replica-2']])).toBe(
      '✂ partition: [primary] | [replica-1, replica-2]',
    );
    expect(formatPartition([])).toBeUndefined();
  });
});
