// The simulator's hooks (hooks.ts): a caller's router and election chooser decide instead of
// the built-in rules, seeing plain views of the nodes; completions are reported; without
// hooks nothing changes (golden-hashes.test.ts pins that).
import { describe, expect, it } from 'vitest';
import {
  type ElectionRequest,
  type RouteRequest,
  Simulation,
  traceHash,
} from '../../src/sim/index.js';
import { failover, runOp, threeNodes } from './make-cluster.js';

describe('simulator hooks', () => {
  it('routeRead chooses the node of every routed read, from views of every node', () => {
    const seen: RouteRequest[] = [];
    const done: number[] = [];
    const s = new Simulation(threeNodes([1000, 5000]), {
      seed: 1,
      clients: [{ id: 'c', user: 'ana', policy: 'leader' }],
      hooks: {
        routeRead: (req) => {
          seen.push(req);
          return 'replica-2';
        },
        opDone: (op) => done.push(op),
      },
    });
    const w = runOp(s, { type: 'write', client: 'c', key: 'k', value: 1 });
    s.runUntil(s.now + 1500);
    const r = runOp(s, { type: 'read', client: 'c', key: 'k', from: 'route' });
    expect(r.node).toBe('replica-2');
    expect(r.value).toBeNull(); // replica-2 is 5 s behind
    expect(done).toEqual([w.id, r.id]);
    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(req).toMatchObject({ client: 'c', user: 'ana', key: 'k', leader: 'primary' });
    expect(req.nodes.map((n) => [n.id, n.role, n.appliedLsn, n.lagEntries, n.health])).toEqual([
      ['primary', 'leader', 1, 0, 'ok'],
      ['replica-1', 'follower', 1, 0, 'ok'],
      ['replica-2', 'follower', 0, 1, 'ok'],
    ]);
    expect(req.nodes[2]!.lagMs).toBeGreaterThan(1000);
  });

  it('chooseLeader picks the promoted follower; an impossible choice promotes nobody', () => {
    const run = (choice: (req: ElectionRequest) => string | undefined) => {
      const asked: ElectionRequest[] = [];
      const s = new Simulation(threeNodes([100, 100], { failover: failover() }), {
        seed: 1,
        hooks: {
          chooseLeader: (req) => {
            asked.push(req);
            return choice(req);
          },
        },
      });
      runOp(s, { type: 'write', client: 'c', key: 'k', value: 1 });
      s.runUntil(s.now + 1500);
      s.apply({ type: 'crash', node: 'primary' });
      s.runUntil(s.now + 8000);
      return { s, asked };
    };
    const chosen = run(() => 'replica-2');
    expect(chosen.s.snapshot().leader).toBe('replica-2');
    expect(chosen.asked[0]!.nodes.find((n) => n.id === 'primary')!.health).toBe('down');
    expect(chosen.asked[0]!.knownLsn).toBe(1);

    const down = run(() => 'primary');
    expect(down.s.history.toArray().some((e) => e.type === 'election')).toBe(false);
    expect(
      down.s.history
        .toArray()
        .some(
          (e) => e.type === 'note' && e.text.includes('primary was chosen but cannot be promoted'),
        ),
    ).toBe(true);
    const nobody = run(() => undefined);
    expect(nobody.asked.length).toBeGreaterThan(1); // asked again at every timeout
    expect(nobody.s.history.toArray().some((e) => e.type === 'election')).toBe(false);
  });

  it('a run with hooks that decide as the built-in rules do has the same trace', () => {
    const cfg = threeNodes([100, 300]);
    const plain = new Simulation(cfg, { seed: 3, clients: [{ id: 'c', policy: 'leader' }] });
    const hooked = new Simulation(cfg, {
      seed: 3,
      clients: [{ id: 'c', policy: 'leader' }],
      hooks: { routeRead: (req) => req.leader, opDone: () => {} },
    });
    for (const s of [plain, hooked]) {
      runOp(s, { type: 'write', client: 'c', key: 'k', value: 1 });
      runOp(s, { type: 'read', client: 'c', key: 'k', from: 'route' });
    }
    expect(traceHash(hooked)).toBe(traceHash(plain));
  });
});
