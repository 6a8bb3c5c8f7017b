// The status view's tables: every node with the simulator's figures, NULL where the real
// systems print NULL, lines that fit 80 columns, and nothing computed here.
import { describe, expect, it } from 'vitest';
import { defaultCluster, Simulation } from '../../../src/sim/index.js';
import { statusHeight, statusLines } from '../../../src/ui/status-view/status-table.js';

const MB = 1024 * 1024;

/** A slot-keeping primary with a disk, a cascade, and a replica that went down. */
function cluster(): Simulation {
  const s = new Simulation(
    defaultCluster(
      [
        { id: 'primary', role: 'leader', disk: 100 * MB },
        { id: 'replica-1', role: 'follower', lag: 200 },
        { id: 'replica-2', role: 'follower', lag: 200, upstream: 'replica-1' },
        { id: 'replica-3', role: 'follower', lag: 200 },
      ],
      { slots: true, dataSize: 40 * MB },
    ),
    { seed: 1 },
  );
  const write = (key: string) => {
    const id = s.apply({ type: 'write', client: 'app', key, value: key, size: 2 * MB })!;
    s.runUntilCondition(() => !s.ops.isPending(id), s.now + 10_000);
  };
  write('a');
  s.runUntil(1000);
  s.apply({ type: 'crash', node: 'replica-3' });
  for (const k of ['b', 'c', 'd']) write(k);
  s.runUntil(s.now + 100);
  return s;
}

describe('status table', () => {
  it('lists every node with positions, bytes behind, slot and disk; times per follower', () => {
    const s = cluster();
    const l = statusLines(s.snapshot(), 80, '1.1s');
    expect([l.title, ...l.positions, ...l.disks, l.timeCaption, ...l.times]).toEqual([
      'replication status at 1.1s · leader primary · t hides',
      '  node       state      received  applied  behind  entries  slot keeps',
      '◆ primary    leading           4        4       —        —           —',
      '◇ replica-1  streaming         1        1  6.0 MB        3      6.0 MB',
      '◇ replica-2  streaming         1        1  6.0 MB        3           —',
      '◇ replica-3  down              1        1  6.0 MB        3      6.0 MB',
      'disk primary: 54 MB of 100 MB used (54%), 6.0 MB of it log kept',
      'lag in time: PostgreSQL (write/replay lag, replay age) · MySQL',
      'node       write_lag  replay_lag  replay age  Seconds_Behind_Source',
      // Each hop of the cascade adds its 200 ms; a down replica is not connected: NULL.
      'replica-1      200ms       200ms        1.1s                      0',
      'replica-2      400ms       400ms        1.1s                      0',
      'replica-3       NULL        NULL        1.1s                   NULL',
    ]);
    expect(statusHeight(s.snapshot())).toBe(1 + 5 + 1 + 2 + 3);
  });

  it('shows what the snapshot says, not what it would work out itself', () => {
    const s = cluster();
    const snap = s.snapshot();
    const m = snap.nodes[1]!.metrics!;
    snap.nodes[1]!.metrics = { ...m, appliedBehindBytes: 12345 * MB, secondsBehind: 77 };
    const l = statusLines(snap, 80, 'now');
    expect(l.positions[2]).toMatch(/12 GB/);
    expect(l.times[1]).toMatch(/77$/);
  });

  it('cuts lines to the width instead of wrapping them', () => {
    const l = statusLines(cluster().snapshot(), 40, 'now');
    for (const line of [l.title, ...l.positions, ...l.disks, ...l.times]) {
      expect([...line].length).toBeLessThanOrEqual(40);
    }
  });
});
