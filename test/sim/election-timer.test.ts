// An election timer due at a fractional time (throughput limits make times fractional) fires
// once. The check used to compute `now - lastHeard < timeout` while the timer was set for
// `lastHeard + timeout`; where the two roundings disagree the timer re-armed itself at the
// same instant forever (found by the fuzzer). The event loop also stops such a loop.
import { describe, expect, it } from 'vitest';
import { scheduleElectionCheck } from '../../src/sim/leader/failover.js';
import { failover, node, sim, threeNodes } from './make-cluster.js';

const TIMEOUT = 442;

/** A time L whose difference from L + TIMEOUT rounds to less than TIMEOUT. */
function awkwardTime(): number {
  for (let k = 1; ; k++) {
    const l = 3000 + k / 3;
    if (l + TIMEOUT - l < TIMEOUT) return l;
  }
}

describe('election timers at fractional times', () => {
  it('fire once and start the election', () => {
    const l = awkwardTime();
    const s = sim(threeNodes([0, 0], { failover: failover({ timeout: TIMEOUT }) }));
    // The primary becomes a follower (index 0: its timer has no margin), its new leader dies.
    s.apply({ type: 'promote', node: 'replica-1' });
    s.runUntil(10);
    s.apply({ type: 'crash', node: 'replica-1' });
    s.runUntil(l);
    const p = node(s, 'primary');
    expect(p.role).toBe('follower');
    p.lastHeard = l;
    p.electionTimer++;
    node(s, 'replica-2').lastHeard = l + 10_000;
    scheduleElectionCheck(s, p);
    const before = s.eventsProcessed;
    s.runUntil(l + TIMEOUT + 10);
    expect(s.eventsProcessed - before).toBeLessThan(20);
    const election = s.history.toArray().findLast((e) => e.type === 'election');
    expect(election).toMatchObject({ leader: 'primary', t: l + TIMEOUT + 2 });
  });
});
