// Start-up: `replication-tutor --help` against a bare `node -e 0`, median of 15 runs each,
// alternating so that machine noise hits both alike.
import { type BenchContext, type BenchResult, median, spawnMs } from './measure.js';

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const node: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < 15; i++) {
    node.push(spawnMs(['-e', '0']));
    help.push(spawnMs([ctx.cli, '--help']));
  }
  const nodeMs = Math.round(median(node));
  const helpMs = Math.round(median(help));
  return {
    figures: [
      { name: 'startup --help', value: helpMs, unit: 'ms' },
      { name: 'startup node -e 0', value: nodeMs, unit: 'ms' },
    ],
    ratios: [{ name: 'startup --help', value: helpMs / nodeMs, target: 1.5, cmp: '<=' }],
  };
}
