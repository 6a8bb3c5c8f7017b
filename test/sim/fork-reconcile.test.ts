// A follower whose source became leader (or followed a new one) while the follower was cut
// off holds entries of the old history below where the new stream continues. On reconnect
// it must drop them first, as PostgreSQL's timeline check or Raft's previous-entry check
// make it: found by the fuzzer (a cascade pointed at a follower across a partition, which
// then won an election on its side).
import { describe, expect, it } from 'vitest';
import { checkAll, logMatchingViolation, type Simulation } from '../../src/sim/index.js';
import { failover, node, sim, threeNodes, write } from './make-cluster.js';

function scenario(): Simulation {
  const s = sim(threeNodes([20, 20], { failover: failover({ heartbeat: 100, timeout: 500 }) }));
  s.apply({ type: 'partition', groups: [['replica-1']] });
  // Written on the old leader's side, received by replica-2 (and not by replica-1).
  write(s, 'k', 'old');
  s.runUntil(100);
  // replica-2 now streams from replica-1, which it cannot reach...
  s.apply({ type: 'set-node', node: 'replica-2', params: { upstream: 'replica-1' } });
  // ...and replica-1, alone, is elected leader of epoch 2 and takes a write of its own.
  s.runUntil(2000);
  expect(s.currentLeader()?.id).toBe('replica-1');
  s.apply({ type: 'write', client: 'b', key: 'k', value: 'new', via: 'replica-1' });
  s.runUntil(2100);
  s.apply({ type: 'write', client: 'b', key: 'j', value: 'next', via: 'replica-1' });
  s.runUntil(2200);
  return s;
}

describe('reconnecting to a source whose history forked', () => {
  it('drops the old history first: logs match at every moment, and the follower converges', () => {
    const s = scenario();
    const r2 = node(s, 'replica-2');
    expect(r2.log.map((e) => [e.epoch, e.lsn])).toEqual([[1, 1]]);
    s.apply({ type: 'heal' });
    for (let t = s.now; t <= 4000; t += 5) {
      s.runUntil(t);
      expect(logMatchingViolation(s.nodes), `t=${t}`).toBeUndefined();
    }
    const leader = node(s, 'replica-1');
    expect(r2.log).toEqual(leader.log);
    expect(r2.applied).toBe(2);
    expect(s.snapshot().nodes.find((n) => n.id === 'replica-2')!.data).toEqual({
      k: 'new',
      j: 'next',
    });
    expect(checkAll(s).divergence).toEqual([]);
    const truncations = s.history
      .toArray()
      .filter((e) => e.type === 'truncate' && e.node === 'replica-2');
    expect(truncations).toHaveLength(1);
    expect(truncations[0]).toMatchObject({ fromLsn: 1, toLsn: 1 });
  });
});
