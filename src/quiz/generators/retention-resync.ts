// Scenario (numeric): the leader keeps only the last `retain` log entries. A follower goes
// down having received LSN x while the leader is at L. How many more writes can the leader
// take before the follower can no longer catch up from the log (and needs a full resync)?
// Answer: x + retain − L, because the follower needs entry x + 1 to still be kept.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { Prng, Simulation } from '../../sim/index.js';
import {
  ASK_OFFSET_MS,
  backgroundWrites,
  GRID_MS,
  leaderCluster,
  receivedLsns,
} from './cluster.js';
import { intRange, msRange, sample, sampleStep } from './params.js';
import { defineTemplate } from './template.js';

export const retentionResync = defineTemplate({
  id: 'retention-resync',
  kind: 'scenario',
  summary: 'how many writes a down follower can miss and still catch up from the log',
  params: strictMap({
    retain: intRange(5, 10_000, { min: 20, max: 80 }),
    lag: msRange(100, 30_000, { min: 300, max: 2000 }),
  }),
  generate(p, seed) {
    const rng = new Prng(seed);
    const lag = sampleStep(rng, p.lag, GRID_MS);
    const gap = sampleStep(rng, { min: 100, max: 200 }, GRID_MS);
    const crashAt = sampleStep(rng, { min: lag + 500, max: lag + 2500 }, GRID_MS) + ASK_OFFSET_MS;
    // Written before the retention limit is known, so the limit can be fitted to the backlog.
    const cfg = (retain: number) =>
      leaderCluster(
        [
          { id: 'replica-1', lag },
          { id: 'replica-2', lag: GRID_MS },
        ],
        { retain },
      );
    const probe = new Simulation(cfg(1_000_000), { seed });
    backgroundWrites(probe, {
      from: GRID_MS,
      to: crashAt,
      gap,
      client: 'app',
      key: (n) => `row-${n}`,
    });
    probe.runUntil(crashAt);
    const before = receivedLsns(probe);
    const leaderLsn = before.get('primary') ?? 0;
    const x = before.get('replica-1') ?? 0;
    // The limit must still cover the follower's current backlog, or the answer is "none".
    const retain = Math.max(sample(rng, p.retain), leaderLsn - x + 3);
    const sim = new Simulation(cfg(retain), { seed });
    backgroundWrites(sim, {
      from: GRID_MS,
      to: crashAt,
      gap,
      client: 'app',
      key: (n) => `row-${n}`,
    });
    sim.runUntil(crashAt);
    sim.apply({ type: 'crash', node: 'replica-1' });
    const answer = x + retain - leaderLsn;
    return {
      form: 'numeric',
      prompt: `The leader keeps only its last **${retain}** log entries for followers to catch up from. replica-1 has just crashed. How many more writes can the leader accept while replica-1 is down, so that replica-1 can still catch up from the log when it restarts (rather than needing a full resync)?`,
      facts: [
        `primary (leader): last LSN ${leaderLsn}, keeps the last ${retain} entries`,
        `replica-1 (down): had received LSN ${x}`,
      ],
      answer,
      tolerance: 0,
      unit: 'writes',
      why: `On restart replica-1 asks for LSN ${x + 1} onwards. The leader keeps its newest ${retain} entries, so LSN ${x + 1} is still there while its log is at most ${x} + ${retain} = ${x + retain} entries long. It is at ${leaderLsn} now: ${answer} more writes fit. One more, and replica-1 needs a full resync.`,
      sim,
    };
  },
});
