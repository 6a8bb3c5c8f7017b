// Leaderless runs on the space-time diagram: a client's write fans out from the clients'
// column at the left edge to every replica it reaches, each arrow as long as that replica's
// lag; read repair arrives in a tone of its own. Drawn from a real simulation's history.
import { describe, expect, it } from 'vitest';
import { defaultCluster, Simulation } from '../../../src/sim/index.js';
import {
  cellsText,
  laneCenters,
  layoutSpaceTime,
  TIME_COLUMN,
} from '../../../src/ui/space-time/space-time-layout.js';

function run() {
  const sim = new Simulation(
    defaultCluster(
      [
        { id: 'a', role: 'follower' },
        { id: 'b', role: 'follower', lag: 2000 },
        { id: 'c', role: 'follower', lag: 4000 },
      ],
      { topology: 'leaderless', quorum: { n: 3, w: 1, r: 3, readRepair: true } },
    ),
    { seed: 1 },
  );
  sim.apply({ type: 'write', client: 'you', key: 'k', value: 'v1' });
  sim.runUntil(1000);
  sim.apply({ type: 'read', client: 'you', key: 'k', from: 'route' });
  sim.runUntil(12_000);
  return sim;
}

describe('quorum arrows', () => {
  const sim = run();
  const { centers } = laneCenters(3, 80);
  const [a, b, c] = centers as [number, number, number];
  const g = layoutSpaceTime({
    nodes: ['a', 'b', 'c'],
    events: sim.history.toArray(),
    ops: new Map(sim.ops.slice().map((o) => [o.id, o])),
    from: 0,
    to: 12_000,
    rows: 12,
    width: 80,
  });

  it('a write fans out from the clients column: to b over two rows, to c over four', () => {
    const heads = (col: number) =>
      g.rows.flatMap((row, r) => (row[col - 1]?.ch === '▸' ? [r] : []));
    // b's copy arrives at 2 s (row 2), c's at 4 s (row 4); a's at 1 ms, on row 0.
    expect(heads(b)).toContain(2);
    expect(heads(c)).toContain(4);
    expect(heads(a)).toContain(0);
    expect(g.rows[0]![TIME_COLUMN]!.ch).toBe('─');
  });

  it('read repair is drawn in its own tone', () => {
    // The read at 1 s found b and c without v1 (their copies were still travelling): both
    // were repaired, each arrival after its lag, behind the write on the same link.
    const repairCells = g.rows.flatMap((row) => row.filter((cell) => cell.tone === 'warn'));
    expect(repairCells.length).toBeGreaterThan(0);
    expect(cellsText(g.header).trim().split(/\s+/)).toEqual(['a', 'b', 'c']);
  });
});
