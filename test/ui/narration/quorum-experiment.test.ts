// A leaderless experiment's table: rows labelled by quorum, stale reads next to the reads.
import { describe, expect, it } from 'vitest';
import { experimentTable as plainTable } from '../../../src/cli/plain-text.js';
import type { ExperimentRow } from '../../../src/lesson/engine/experiment.js';
import { experimentTable } from '../../../src/ui/narration/experiment-table.js';

const row = (label: string, staleReads: number): ExperimentRow => ({
  policy: label,
  quorum: label,
  staleReads,
  ops: 500,
  reads: 350,
  writes: 150,
  failed: 0,
  anomalies: staleReads,
  byChecker: staleReads > 0 ? { 'stale-read': staleReads } : {},
  leaderLoad: 0,
  p50: 2,
  p99: 2,
});

describe('quorum experiment table', () => {
  const rows = [row('w1r1', 69), row('w2r2', 0)];

  it('player: a quorum column, reads and stale reads', () => {
    const t = experimentTable(rows, 80, ['staleReads']);
    expect(t.lines[0]!.trim().split(/\s{2,}/)).toEqual(['quorum', 'reads', 'stale reads']);
    expect(t.lines[1]!.trim().split(/\s+/)).toEqual(['w1r1', '350', '69']);
    expect(t.lines[2]!.trim().split(/\s+/)).toEqual(['w2r2', '350', '0']);
  });

  it('plain mode: the same figures', () => {
    const lines = plainTable(rows);
    expect(lines[0]).toContain('each quorum');
    expect(lines[2]!.trim().split(/\s+/)).toEqual(['w1r1', '350', '69', '0', '2ms', '2ms']);
  });
});
