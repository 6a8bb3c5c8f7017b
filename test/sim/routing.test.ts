// Routing policies are pure functions of what a router can know: hand-built views in, a
// node id out.
import { describe, expect, it } from 'vitest';
import { policies, type RouteView } from '../../src/sim/index.js';
import { read, sim, threeNodes, write } from './make-cluster.js';

function view(over: Partial<RouteView> = {}): RouteView {
  return {
    now: 10_000,
    leader: 'primary',
    followers: [
      { id: 'r1', applied: 10, lagMs: 0, available: true },
      { id: 'r2', applied: 7, lagMs: 3000, available: true },
      { id: 'r3', applied: 4, lagMs: 6000, available: true },
    ],
    userHash: 0,
    random: 0,
    lastWriteLsn: 0,
    lastWriteAt: -1,
    maxReadLsn: 0,
    causalLsn: 0,
    window: 5000,
    maxLag: 1000,
    ...over,
  };
}

const down = (v: RouteView, ...ids: string[]): RouteView => ({
  ...v,
  followers: v.followers.map((f) => (ids.includes(f.id) ? { ...f, available: false } : f)),
});

describe('routing policies', () => {
  it('leader: always the leader', () => {
    expect(policies.leader(view())).toBe('primary');
  });

  it('random: uniform over the leader and the available followers', () => {
    expect([0, 0.26, 0.5, 0.99].map((random) => policies.random(view({ random })))).toEqual([
      'primary',
      'r1',
      'r2',
      'r3',
    ]);
    expect(policies.random(down(view({ random: 0.99 }), 'r3'))).toBe('r2');
  });

  it('sticky: one follower per user, the next one when it is unavailable', () => {
    expect([0, 1, 2, 3, 4].map((userHash) => policies.sticky(view({ userHash })))).toEqual([
      'r1',
      'r2',
      'r3',
      'r1',
      'r2',
    ]);
    expect(policies.sticky(down(view({ userHash: 1 }), 'r2'))).toBe('r3');
    expect(policies.sticky(down(view({ userHash: 2 }), 'r3'))).toBe('r1');
    expect(policies.sticky(down(view(), 'r1', 'r2', 'r3'))).toBe('primary');
    expect(policies.sticky(view({ followers: [] }))).toBe('primary');
  });

  it('read-your-writes: a follower that applied the last write, else the leader', () => {
    expect(policies['read-your-writes'](view({ lastWriteLsn: 5, userHash: 1 }))).toBe('r2');
    expect(policies['read-your-writes'](view({ lastWriteLsn: 8, userHash: 1 }))).toBe('r1');
    expect(policies['read-your-writes'](view({ lastWriteLsn: 11 }))).toBe('primary');
    expect(policies['read-your-writes'](down(view({ lastWriteLsn: 8 }), 'r1'))).toBe('primary');
  });

  it('monotonic: a follower at least as far as anything the client read', () => {
    expect(policies.monotonic(view({ maxReadLsn: 7, userHash: 1 }))).toBe('r2');
    expect(policies.monotonic(view({ maxReadLsn: 9, userHash: 5 }))).toBe('r1');
    expect(policies.monotonic(view({ maxReadLsn: 12 }))).toBe('primary');
  });

  it('window-after-write: the leader for a while after a write, then any follower', () => {
    expect(policies['window-after-write'](view({ lastWriteAt: 6000 }))).toBe('primary');
    expect(policies['window-after-write'](view({ lastWriteAt: 5000, userHash: 2 }))).toBe('r3');
    expect(policies['window-after-write'](view({ userHash: 2 }))).toBe('r3');
  });

  it('bounded-lag: only followers at most maxLag behind', () => {
    expect(policies['bounded-lag'](view({ userHash: 7 }))).toBe('r1');
    expect(policies['bounded-lag'](view({ maxLag: 3000, userHash: 1 }))).toBe('r2');
    expect(policies['bounded-lag'](down(view(), 'r1'))).toBe('primary');
  });

  it('in the simulator: read-your-writes memory per device, or per user', () => {
    const clients = [
      { id: 'phone', user: 'ann', policy: 'read-your-writes' as const },
      { id: 'laptop', user: 'ann', policy: 'read-your-writes' as const },
      { id: 'tablet', user: 'ann', policy: 'read-your-writes' as const, memory: 'user' as const },
    ];
    const s = sim(threeNodes([1000, 5000]), 1, clients);
    s.runUntil(6000);
    write(s, 'k', 'v', { client: 'phone' });
    // The laptop does not know about the phone's write: it reads a replica (stale for ann).
    const laptop = read(s, 'k', 'route', 'laptop');
    expect(laptop.role).toBe('follower');
    expect(laptop.value).toBe(null);
    const tablet = read(s, 'k', 'route', 'tablet');
    expect([tablet.node, tablet.value]).toEqual(['primary', 'v']);
    expect(read(s, 'k', 'route', 'phone').node).toBe('primary');
  });
});
