// The table an `experiment` step produced: one row per routing policy, the same workload.
import type { ExperimentRow } from '../../lesson/engine/runner.js';
import { formatDuration } from '../text/format.js';
import { padEnd, padStart } from '../text/text.js';

const POLICY = 20;

export function experimentTable(rows: readonly ExperimentRow[]): string[] {
  const lines = [
    `${padEnd('policy', POLICY)} ${padStart('anomalies', 9)} ${padStart('leader load', 11)} ${padStart('p50', 6)} ${padStart('p99', 6)}`,
  ];
  for (const r of rows) {
    lines.push(
      `${padEnd(r.policy, POLICY)} ${padStart(String(r.anomalies), 9)} ${padStart(`${r.leaderLoad}%`, 11)} ${padStart(formatDuration(r.p50), 6)} ${padStart(formatDuration(r.p99), 6)}`,
    );
  }
  return lines;
}
