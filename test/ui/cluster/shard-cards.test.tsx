// A sharded cluster on screen: cards grouped a shard per row and labelled `s1 · node`, the
// header listing each shard's leader, the table form and the status view naming the shard;
// at 80×24 with two shards of two nodes everything fits and nothing is cut that matters.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { type ClusterSnapshot, defaultCluster, Simulation } from '../../../src/sim/index.js';
import { planClusterLayout } from '../../../src/ui/cluster/cluster-layout.js';
import { ClusterPane } from '../../../src/ui/cluster/cluster-pane.js';
import { statusLines } from '../../../src/ui/status-view/status-table.js';
import { frameLines } from '../frame.js';

/** Two shards of two nodes: question on s1 (replica 10 s behind), answer on s2 (100 ms). */
function sharded(): ClusterSnapshot {
  const s = new Simulation(
    defaultCluster(
      [
        { id: 'db1', role: 'leader' },
        { id: 'db2', role: 'follower', lag: 10_000 },
        { id: 'db3', role: 'leader' },
        { id: 'db4', role: 'follower', lag: 100 },
      ],
      {
        shards: [
          { id: 's1', keys: ['question'], nodes: ['db1', 'db2'] },
          { id: 's2', keys: ['answer'], nodes: ['db3', 'db4'] },
        ],
      },
    ),
    { seed: 1 },
  );
  s.apply({ type: 'write', client: 'you', key: 'question', value: 'Q?' });
  s.apply({ type: 'write', client: 'you', key: 'answer', value: 'A.' });
  s.runUntil(500);
  return s.snapshot();
}

function frameOf(snapshot: ClusterSnapshot, width: number, height?: number): string[] {
  const app = render(<ClusterPane snapshot={snapshot} width={width} height={height} />);
  const frame = app.lastFrame() ?? '';
  app.unmount();
  return frameLines(frame);
}

describe('a sharded cluster pane', () => {
  it('gives each shard its own row of cards, leader first, at 80 columns', () => {
    const plan = planClusterLayout(sharded(), 80, 24);
    expect(plan.variant).toBe('cards');
    expect(plan.cardRows.map((r) => r.map((n) => n.id))).toEqual([
      ['db1', 'db2'],
      ['db3', 'db4'],
    ]);
  });

  it("labels the cards with their shard and the header with each shard's leader", () => {
    const lines = frameOf(sharded(), 80, 24);
    expect(lines[0]).toBe('0.500s  leaders s1 db1 · s2 db3  async');
    const cards = lines.join('\n');
    for (const label of ['s1 · db1', 's1 · db2', 's2 · db3', 's2 · db4']) {
      expect(cards).toContain(label);
    }
    expect(lines.every((l) => l.length <= 80)).toBe(true);
  });

  it('falls back to table rows that keep the shard in each label', () => {
    const lines = frameOf(sharded(), 80, 9);
    expect(lines.slice(1, 6).map((l) => l.slice(0, 9))).toEqual([
      'node     ',
      's1 · db1 ',
      's1 · db2 ',
      's2 · db3 ',
      's2 · db4 ',
    ]);
  });

  it("the status view has a shard column and each shard's leader in its title", () => {
    const l = statusLines(sharded(), 80, '0.5s');
    expect(l.title).toBe('replication status at 0.5s · leaders s1 db1 · s2 db3 · t hides');
    expect(l.positions.map((p) => p.split(/\s+/).slice(0, 4).join(' '))).toEqual([
      ' node shard state',
      '◆ db1 s1 leading',
      '◇ db2 s1 streaming',
      '◆ db3 s2 leading',
      '◇ db4 s2 streaming',
    ]);
    expect([...l.positions, ...l.times].every((p) => p.length <= 80)).toBe(true);
  });
});
