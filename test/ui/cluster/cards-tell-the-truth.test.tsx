// The cards agree with what the cluster holds: a node restored from a backup lists the keys
// it holds (the simulator has no recently applied keys for it), a follower that cannot
// receive anything is not "caught up" even with nothing missing, and an empty node says so.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { NodeSnapshot } from '../../../src/sim/types.js';
import {
  cardKeys,
  keyLinesText,
  lagText,
  NodeCard,
  roleText,
} from '../../../src/ui/cluster/node-card.js';
import { nodeRowLine, rowWidths } from '../../../src/ui/cluster/node-row.js';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { Player } from '../../../src/ui/player/player.js';
import { createTheme } from '../../../src/ui/theme/theme.js';
import { threeNodes } from '../fixtures.js';
import { flat } from '../frame.js';
import { KEY, press, untilMatch } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

const base = threeNodes.nodes[1] as NodeSnapshot;
const zero = { lagEntries: 0, lagBytes: 0, lagMs: 0 };

describe('node cards', () => {
  it('list the keys a restored node holds, and how many in all', () => {
    const restored: NodeSnapshot = {
      ...base,
      recentKeys: [],
      data: { 'issue:1': 'gitlab-ce#1', k1: 7, k2: 9, k3: 4 },
    };
    expect(cardKeys(restored).map((k) => k.key)).toEqual(['issue:1', 'k1', 'k2', 'k3']);
    expect(keyLinesText(cardKeys(restored), 3, true)).toEqual([
      'issue:1 = "gitlab-ce#1"',
      'k1 = 7',
      '… 4 keys in all',
    ]);
    const app = render(<NodeCard node={restored} width={34} />);
    expect(app.lastFrame()).toContain('issue:1 = "gitlab-ce#1"');
    expect(app.lastFrame()).not.toContain('no data');
    app.unmount();
  });

  it('say "(no data)" for an empty node, not "yet"', () => {
    const empty: NodeSnapshot = { ...base, recentKeys: [], data: {} };
    const app = render(<NodeCard node={empty} width={34} />);
    expect(app.lastFrame()).toContain('(no data)');
    expect(app.lastFrame()).not.toContain('yet');
    app.unmount();
    expect(flat(nodeRowLine(empty, rowWidths([empty]), false, createTheme(false)).text)).toContain(
      '(no data)',
    );
  });

  it('call a follower that cannot receive "not streaming", not "caught up"', () => {
    for (const status of ['needs-resync', 'down', 'disconnected', 'restoring'] as const) {
      const node: NodeSnapshot = { ...base, ...zero, status };
      expect(lagText(node, 40)).toBe('lag 0 entries · not streaming');
      expect(lagText(node, 24)).toBe('lag 0 · not streaming');
      expect(nodeRowLine(node, rowWidths([node]), false, createTheme(false)).text).toContain(
        '0 · not streaming',
      );
    }
    expect(lagText({ ...base, ...zero, status: 'streaming' }, 40)).toBe('lag 0 (caught up)');
    expect(lagText({ ...base, ...zero, role: 'leader', status: 'leading' }, 40)).toBe(
      'lag 0 (the leader)',
    );
  });

  it('do not call a down leader "the leader"', () => {
    const down: NodeSnapshot = { ...base, ...zero, role: 'leader', status: 'down' };
    expect(roleText(down)).toBe('◇ was leader');
    expect(lagText(down, 40)).toBe('lag 0 entries · not streaming');
    expect(roleText({ ...down, status: 'leading' })).toBe('◆ leader');
  });

  it('call an old leader what it is: fenced, or leading a stale epoch', () => {
    const old: NodeSnapshot = {
      ...base,
      ...zero,
      role: 'leader',
      epoch: 1,
      staleLeader: { newestEpoch: 2 },
    };
    const fenced: NodeSnapshot = { ...old, status: 'fenced' };
    expect(roleText(fenced)).toBe('◆ old leader (fenced)');
    expect(roleText(fenced, 12)).toBe('◆ old leader');
    expect(lagText(fenced, 40)).toBe('lag 0 entries · not streaming');
    const stale: NodeSnapshot = { ...old, status: 'leading' };
    expect(roleText(stale)).toBe('◆ stale leader, epoch 1 (now 2)');
    expect(roleText(stale, 22)).toBe('◆ stale leader');
    expect(lagText(stale, 40)).toBe('lag 0 entries · not streaming');
    const row = nodeRowLine(stale, rowWidths([stale]), false, createTheme(false)).text;
    expect(flat(row)).toContain('◆ old leader');
    expect(flat(row)).not.toMatch(/◆ leader/);
    // The current leader is still "the leader".
    const current: NodeSnapshot = { ...base, ...zero, role: 'leader', status: 'leading' };
    expect(roleText(current)).toBe('◆ leader');
    const app = render(<NodeCard node={fenced} width={26} />);
    expect(app.lastFrame()).toContain('◆ old leader (fenced)');
    expect(app.lastFrame()).not.toContain('(the leader)');
    app.unmount();
  });

  it('measure lag against the newest log while no leader is up', () => {
    const node: NodeSnapshot = {
      ...base,
      ...zero,
      status: 'disconnected',
      lagToNewest: {
        newestLsn: 5,
        receivedEntries: 0,
        appliedEntries: 1,
        appliedBytes: 60 * 1024 ** 3,
        appliedMs: 30 * 60_000,
      },
    };
    expect(lagText(node, 40)).toBe('lag 1 entry · 30m00s · 60 GB');
  });
});

const WIPE_AND_RESTORE = `
id: wipe-restore
title: Wipe and restore
order: 30
minutes: 1
summary: A follower falls off the retained log; the leader is wiped and restored.
cluster:
  retain: 5
  dataSize: 1GB
  nodes:
    - {id: db1, role: leader}
    - {id: db2, role: follower, lag: 200ms, throughput: 5}
steps:
  - write: {client: web, key: "issue:1", value: first}
  - until: {node: db2, caughtUp: true, max: 10s}
  - backup: {from: db1, id: snap}
  - workload: {clients: 2, duration: 5s, writes: 1, rate: 20/s, keys: 3}
  - wipe: db1
  - say: Wiped.
  - restore: {node: db1, from: snap, rate: 1GB/s}
  - say: Restored.
`;

describe('cards after a wipe and a restore (a lesson played)', () => {
  it('agree with the story', async () => {
    const driver = new LessonDriver(miniLesson(WIPE_AND_RESTORE), tempStore());
    const app = render(<Player driver={driver} onBack={vi.fn()} initial={{ paused: false }} />);
    for (let i = 0; i < 6; i++) await press(app, '+');
    let frame = await untilMatch(app, /Wiped\./, 15_000);
    const db2 = driver.snapshot().nodes.find((n) => n.id === 'db2');
    expect(db2).toMatchObject({ status: 'needs-resync', lagEntries: 0 });
    expect(frame).toContain('not streaming');
    expect(frame).not.toContain('caught up');
    await press(app, KEY.enter);
    frame = await untilMatch(app, /Restored\./, 15_000);
    const db1 = driver.snapshot().nodes.find((n) => n.id === 'db1');
    expect(db1?.recentKeys).toEqual([]);
    expect(db1?.appliedLsn).toBe(1);
    expect(frame).toContain('issue:1 = "first"');
    app.unmount();
  });
});
