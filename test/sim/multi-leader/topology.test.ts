// How entries travel between leaders and down to followers, with exact times (netDelay 1 ms;
// an entry reaches a node `lag` after it leaves, at least 1 ms), and what faults do to links.
import { describe, expect, it } from 'vitest';
import {
  checkAll,
  countAnomalies,
  type HistoryEvent,
  type Simulation,
} from '../../../src/sim/index.js';
import { runOp } from '../make-cluster.js';
import { mlSim, multiLeader } from './make-multi-leader.js';

const write = (s: Simulation, client: string, key: string, value: string, via?: string) =>
  runOp(s, { type: 'write', client, key, value, ...(via ? { via } : {}) });
const read = (s: Simulation, client: string, key: string, from = 'route') =>
  runOp(s, { type: 'read', client, key, from });
const counts = (s: Simulation) => countAnomalies(checkAll(s));
const notes = (s: Simulation) =>
  s.history.toArray().flatMap((e) => (e.type === 'note' ? [e.text] : []));
/** Entry deliveries as `from>to` in order. */
const deliveries = (s: Simulation) =>
  s.history
    .toArray()
    .flatMap((e: HistoryEvent) => (e.type === 'deliver' ? [`${e.from}>${e.to}@${e.t}`] : []));

const three = (lags: number[] = [100, 100, 100]) =>
  [0, 1, 2].map((i) => ({ id: `dc${i + 1}`, lag: lags[i]! }));

describe('replication topologies', () => {
  it('all-to-all: the accepting leader sends to every other', () => {
    const s = mlSim(multiLeader(three(), 'lww', 'all-to-all'));
    write(s, 'a', 'k', 'A');
    s.runUntil(1000);
    expect(deliveries(s)).toEqual(['dc1>dc2@101', 'dc1>dc3@101']);
  });

  it('ring: each leader passes the entry to the next, and it stops before its origin', () => {
    const s = mlSim(multiLeader(three(), 'lww', 'ring'));
    write(s, 'b', 'k', 'B');
    s.runUntil(1000);
    expect(deliveries(s)).toEqual(['dc2>dc3@101', 'dc3>dc1@201']);
    expect(read(s, 'a', 'k', 'dc1').value).toBe('B');
  });

  it('star: a leaf sends to the hub (the first leader), which sends to the rest', () => {
    const s = mlSim(multiLeader(three(), 'lww', 'star'));
    write(s, 'b', 'k', 'B');
    s.runUntil(1000);
    expect(deliveries(s)).toEqual(['dc2>dc1@101', 'dc1>dc3@201']);
    write(s, 'a', 'k', 'A');
    s.runUntil(2000);
    expect(deliveries(s).slice(2)).toEqual(['dc1>dc2@1101', 'dc1>dc3@1101']);
  });

  it('a hub that is down holds the leaves apart until it restarts', () => {
    const s = mlSim(multiLeader(three(), 'lww', 'star'));
    s.apply({ type: 'crash', node: 'dc1' });
    write(s, 'b', 'k', 'B');
    s.runUntil(5000);
    expect(read(s, 'c', 'k', 'dc3').value).toBe(null);
    s.apply({ type: 'restart', node: 'dc1' });
    s.runUntil(6000);
    expect(read(s, 'c', 'k', 'dc3').value).toBe('B');
  });

  it('set replication switches the topology for entries sent from then on', () => {
    const s = mlSim(multiLeader(three(), 'lww', 'all-to-all'));
    s.apply({ type: 'set-cluster', params: { replication: 'ring' } });
    write(s, 'a', 'k', 'A');
    s.runUntil(1000);
    expect(deliveries(s)).toEqual(['dc1>dc2@101', 'dc2>dc3@201']);
  });
});

describe('followers', () => {
  it('replicate their leader after their own lag, also what it received, and serve reads', () => {
    const s = mlSim(
      multiLeader([
        { id: 'dc1' },
        { id: 'dc2', lag: 1000 },
        { id: 'dc2-r', upstream: 'dc2', lag: 200 },
        { id: 'dc2-r2', upstream: 'dc2-r', lag: 50 },
      ]),
    );
    write(s, 'a', 'k', 'A');
    s.runUntil(1100);
    expect(read(s, 'b', 'k', 'dc2').value).toBe('A');
    expect(read(s, 'b', 'k', 'dc2-r').value).toBe(null);
    s.runUntil(1300);
    const r = read(s, 'b', 'k', 'dc2-r');
    expect([r.value, r.role]).toEqual(['A', 'follower']);
    expect(read(s, 'b', 'k', 'dc2-r2').value).toBe('A');
    expect(s.snapshot().nodes.map((n) => n.status)).toEqual([
      'leading',
      'leading',
      'streaming',
      'streaming',
    ]);
  });

  it('show the same conflict resolution as their leader (none: the leader order)', () => {
    const s = mlSim(
      multiLeader(
        [{ id: 'dc1' }, { id: 'dc2' }, { id: 'dc2-r', upstream: 'dc2', lag: 10 }],
        'none',
      ),
    );
    s.apply({ type: 'write', client: 'a', key: 'k', value: 'A' });
    s.apply({ type: 'write', client: 'b', key: 'k', value: 'B' });
    s.runUntil(1000);
    expect(read(s, 'b', 'k', 'dc2').value).toBe('A');
    expect(read(s, 'b', 'k', 'dc2-r').value).toBe('A');
    expect(read(s, 'a', 'k', 'dc1').value).toBe('B');
  });
});

describe('faults', () => {
  it('a partition holds entries on the sender side; heal sends them, each after the lag again', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2', lag: 300 }], 'siblings'));
    s.apply({ type: 'partition', groups: [['dc1'], ['dc2']] });
    write(s, 'a', 'k', 'A');
    write(s, 'b', 'k', 'B');
    s.runUntil(5000);
    const snap = s.snapshot().multiLeader!;
    expect(snap.links.map((l) => [l.from, l.to, l.queued, l.held])).toEqual([
      ['dc1', 'dc2', 1, true],
      ['dc2', 'dc1', 1, true],
    ]);
    // Both writes are still on their way: neither is lost nor a divergence yet.
    const c = counts(s);
    expect([c['lost-writes'], c.divergence]).toEqual([0, 0]);
    s.apply({ type: 'heal' });
    s.runUntil(5299);
    expect(read(s, 'b', 'k', 'dc2').value).toBe('B');
    s.runUntil(6000);
    expect(deliveries(s)).toEqual(['dc2>dc1@5001', 'dc1>dc2@5300']);
    expect(counts(s).conflicts).toBe(1);
  });

  it('a crashed leader keeps its data and its queue; a restart sends and receives again', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2', lag: 100 }]));
    write(s, 'a', 'k', 'A');
    s.apply({ type: 'crash', node: 'dc2' });
    s.runUntil(1000);
    expect(counts(s)['lost-writes']).toBe(0);
    s.apply({ type: 'restart', node: 'dc2' });
    s.runUntil(1200);
    expect(read(s, 'b', 'k', 'dc2').value).toBe('A');
  });

  it('a paused leader takes its entries when it resumes, in order', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2', lag: 10 }], 'none'));
    s.apply({ type: 'pause', node: 'dc2', for: 1000 });
    write(s, 'a', 'k', 'A1');
    write(s, 'a', 'k', 'A2');
    s.runUntil(999);
    expect(deliveries(s)).toEqual([]);
    s.runUntil(1500);
    expect(deliveries(s)).toEqual(['dc1>dc2@1000', 'dc1>dc2@1000']);
    expect(read(s, 'b', 'k', 'dc2').value).toBe('A2');
  });

  it('refuses commands that need a single leader', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2' }]));
    expect(() => s.apply({ type: 'promote', node: 'dc2' })).toThrow(/needs a single leader/);
    expect(() => s.apply({ type: 'set-node', node: 'dc2', params: { replay: 5 } })).toThrow(
      /set replay does not apply to a multi-leader node/,
    );
  });
});

describe('causality across leaders', () => {
  // A question on dc1; bob reads it there and answers at his home dc2 before dc2 has the
  // question. Round the ring dc1 > dc2 > dc3 the question reaches dc3 through dc2, behind the
  // answer: carol on dc3 sees the answer, then no question.
  function answerOvertakesQuestion(sameKey: boolean) {
    const s = mlSim(
      multiLeader(
        [{ id: 'dc1' }, { id: 'dc2', lag: 2000 }, { id: 'dc3', lag: 100 }],
        'none',
        'ring',
      ),
    );
    write(s, 'a', 'question', 'Q');
    expect(read(s, 'b', 'question', 'dc1').value).toBe('Q');
    write(s, 'b', sameKey ? 'question' : 'answer', 'A');
    s.runUntil(300);
    return s;
  }

  it('an answer that overtakes its question breaks consistent prefix', () => {
    const s = answerOvertakesQuestion(false);
    expect(read(s, 'c', 'answer', 'dc3').value).toBe('A');
    expect(read(s, 'c', 'question', 'dc3').value).toBe(null);
    const prefix = checkAll(s)['consistent-prefix'];
    expect(prefix.length).toBe(1);
    expect(prefix[0]!.message).toContain('c saw "A" ("answer"');
    s.runUntil(10_000);
    expect(read(s, 'c', 'question', 'dc3').value).toBe('Q');
  });

  it('an update that reaches a leader before its insert is named; with no conflict handling it is undone', () => {
    const s = answerOvertakesQuestion(true);
    expect(read(s, 'c', 'question', 'dc3').value).toBe('A');
    s.runUntil(10_000);
    expect(notes(s).some((t) => t.startsWith('causality violation on dc3: "question" = "A"'))).toBe(
      true,
    );
    // The insert arrived last on dc2 and dc3 and overwrote the update there.
    expect(read(s, 'c', 'question', 'dc3').value).toBe('Q');
    const c = counts(s);
    expect([c.divergence, c['monotonic-reads']]).toEqual([1, 1]);
  });
});

describe('caught up', () => {
  it('a node is caught up when nothing waits on a link into it', async () => {
    const { multiLeaderCaughtUp } = await import('../../../src/sim/index.js');
    const s = mlSim(
      multiLeader([{ id: 'dc1' }, { id: 'dc2', lag: 1000 }, { id: 'r', upstream: 'dc2', lag: 50 }]),
    );
    write(s, 'a', 'k', 'A');
    expect(multiLeaderCaughtUp(s, 'dc2')).toBe(false);
    // Nothing on dc2 → r yet, but r is behind what waits for dc2.
    expect(multiLeaderCaughtUp(s, 'r')).toBe(false);
    expect(multiLeaderCaughtUp(s, 'dc1')).toBe(true);
    s.runUntil(1001);
    expect(multiLeaderCaughtUp(s, 'dc2')).toBe(true);
    expect(multiLeaderCaughtUp(s, 'r')).toBe(false);
    s.runUntil(1051);
    expect(multiLeaderCaughtUp(s, 'r')).toBe(true);
    s.apply({ type: 'partition', groups: [['dc1'], ['dc2']] });
    write(s, 'a', 'k', 'A2');
    s.runUntil(5000);
    expect(multiLeaderCaughtUp(s, 'dc2')).toBe(false);
    // r, in neither group, is cut off from dc2 too.
    expect(s.snapshot().nodes.map((n) => n.status)).toEqual(['leading', 'leading', 'disconnected']);
  });
});
