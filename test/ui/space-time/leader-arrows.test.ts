// Multi-leader runs on the space-time diagram: each leader's write crosses to the other
// leader as an arrow as long as the receiver's lag, in both directions, and an entry still
// on its way (the snapshot's) is drawn up to now. Drawn from a real simulation's history.
import { describe, expect, it } from 'vitest';
import { defaultCluster, Simulation } from '../../../src/sim/index.js';
import { laneCenters, layoutSpaceTime } from '../../../src/ui/space-time/space-time-layout.js';

function run(until: number) {
  const sim = new Simulation(
    defaultCluster(
      [
        { id: 'dc1', role: 'leader', lag: 3000 },
        { id: 'dc2', role: 'leader', lag: 2000 },
      ],
      { topology: 'multi-leader', conflict: 'siblings' },
    ),
    {
      seed: 1,
      clients: [
        { id: 'a', policy: 'leader', home: 'dc1' },
        { id: 'b', policy: 'leader', home: 'dc2' },
      ],
    },
  );
  sim.apply({ type: 'write', client: 'a', key: 'k', value: 'A' });
  sim.apply({ type: 'write', client: 'b', key: 'k', value: 'B' });
  sim.runUntil(until);
  return sim;
}

function grid(sim: Simulation, to: number) {
  return layoutSpaceTime({
    nodes: ['dc1', 'dc2'],
    events: sim.history.toArray(),
    ops: new Map(sim.ops.slice().map((o) => [o.id, o])),
    from: 0,
    to,
    rows: 6,
    width: 60,
    inFlight: sim.snapshot().inFlight,
  });
}

describe('leader-to-leader arrows', () => {
  const { centers } = laneCenters(2, 60);
  const [dc1, dc2] = centers as [number, number];
  const rowsWith = (g: ReturnType<typeof grid>, col: number, ch: string) =>
    g.rows.flatMap((row, r) => (row[col]?.ch === ch ? [r] : []));

  it('dc1 → dc2 arrives after dc2’s lag (2 s), dc2 → dc1 after dc1’s (3 s)', () => {
    const sim = run(6000);
    const g = grid(sim, 6000);
    // One row per second: dc2 hears of A on row 2, dc1 of B on row 3.
    expect(rowsWith(g, dc2 - 1, '▸')).toContain(2);
    expect(rowsWith(g, dc1 + 1, '◂')).toContain(3);
  });

  it('an entry still on its way is drawn up to now', () => {
    const sim = run(2500);
    expect(sim.snapshot().inFlight.map((m) => [m.from, m.to, m.kind])).toEqual([
      ['dc2', 'dc1', 'entry'],
    ]);
    const g = grid(sim, 2500);
    // Its head, heading left towards dc1, is on the last row (now), between the lanes.
    const last = g.rows.at(-1)!.slice(dc1 + 1, dc2);
    expect(last.some((c) => c.ch === '◂')).toBe(true);
  });
});
