// A leaderless cluster in words: replicas have no LSN and hold versions of keys, not log
// entries, so plain mode's cluster line and a task's divergence condition say what they hold.
import { describe, expect, it } from 'vitest';
import { clusterLine } from '../../src/cli/plain-text.js';
import { checkGoal, taskStart } from '../../src/lesson/engine/task-goal.js';
import { Simulation } from '../../src/sim/index.js';
import { abc } from '../sim/leaderless/make-leaderless.js';

/** a, b, c home replicas and a fallback d; c missed the wishlist while it was down. */
function cMissedAWrite(): Simulation {
  const sim = new Simulation(
    abc({ sloppy: true, readRepair: true }, {}, {}, ['a', 'b', 'c', 'd']),
    { seed: 1 },
  );
  sim.apply({ type: 'write', client: 'you', key: 'cart', value: 'book' });
  sim.runUntil(sim.now + 10);
  sim.apply({ type: 'crash', node: 'c' });
  sim.apply({ type: 'write', client: 'you', key: 'wishlist', value: 'tent' });
  sim.runUntil(sim.now + 10);
  sim.apply({ type: 'restart', node: 'c' });
  return sim;
}

describe('a leaderless cluster in words', () => {
  it('plain mode lists what each replica holds instead of an LSN', () => {
    const sim = cMissedAWrite();
    expect(clusterLine(sim.snapshot())).toBe(
      'Cluster at t=0.020s — a: up, 2 keys; b: up, 2 keys; c: up, 1 key; d: up, 0 keys',
    );
    sim.apply({
      type: 'partition',
      groups: [
        ['you', 'c', 'd'],
        ['a', 'b'],
      ],
    });
    sim.apply({ type: 'write', client: 'you', key: 'cart', value: 'book, lamp' });
    sim.runUntil(sim.now + 10);
    expect(clusterLine(sim.snapshot())).toContain('d: up, 0 keys, 1 hint');
  });

  it("a task's divergence condition speaks of versions of keys", () => {
    const sim = cMissedAWrite();
    const start = taskStart(sim);
    const [before] = checkGoal(sim, { diverged: false }, start);
    expect(before).toEqual({
      key: 'diverged',
      text: 'the home replicas agree on every key',
      met: false,
      now: 'they disagree',
    });
    sim.apply({ type: 'read', client: 'you', key: 'wishlist', from: 'route' });
    sim.runUntil(sim.now + 10);
    expect(checkGoal(sim, { diverged: false }, start)[0]?.met).toBe(true);
  });
});
