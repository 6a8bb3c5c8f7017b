// Scenario (numeric): MySQL's Seconds_Behind_Source on a replica whose entries arrive after a
// network/sender delay and are applied after a replay delay, while the source commits one
// write a second. What does it read? Answer: the simulator's own figure (lag-metrics.ts):
// now minus the commit time of the oldest entry the replica has received but not applied,
// in whole seconds; 0 when its applier has caught up with what arrived, however long the
// entries took to arrive. The time an entry took to arrive counts only once it waits in the
// relay log; the entries still on their way never count.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { Prng, Simulation } from '../../sim/index.js';
import { leaderCluster } from './cluster.js';
import { msRange, sampleStep } from './params.js';
import { defineTemplate } from './template.js';

/** The source commits one write a second, at 1 s, 2 s, … (plus the 1 ms request). */
const WRITE_EVERY_MS = 1000;
const STEP_MS = 1000;

export const secondsBehind = defineTemplate({
  id: 'seconds-behind',
  kind: 'scenario',
  summary: "what MySQL's Seconds_Behind_Source reads for a replica with receive and replay delay",
  params: strictMap({
    lag: msRange(1000, 120_000, { min: 3000, max: 30_000 }),
    replay: msRange(0, 30_000, { min: 0, max: 5000 }),
  }),
  generate(p, seed) {
    const rng = new Prng(seed);
    const lag = sampleStep(rng, p.lag, STEP_MS);
    // 0 is a replay delay worth drawing (an applier that keeps up): sampleStep never gives it.
    const replay =
      rng.int(Math.ceil(p.replay.min / STEP_MS), Math.floor(p.replay.max / STEP_MS)) * STEP_MS;
    const sim = new Simulation(leaderCluster([{ id: 'replica-1', lag, replay }]), { seed });
    // Asked half a second past a write, once the stream has settled into its pattern.
    const askAt = lag + replay + 20 * WRITE_EVERY_MS + 500;
    for (let t = WRITE_EVERY_MS; t < askAt; t += WRITE_EVERY_MS) {
      sim.runUntil(t);
      sim.apply({ type: 'write', client: 'app', key: `k${t / WRITE_EVERY_MS}`, value: t });
    }
    sim.runUntil(askAt);
    const leader = sim.currentLeader();
    const replica = sim.snapshot().nodes.find((n) => n.id === 'replica-1')!;
    const m = replica.metrics!;
    const answer = m.secondsBehind ?? 0;
    const top = leader?.log.length ?? 0;
    const pending = m.receivedLsn - m.appliedLsn;
    const oldest = sim.node('replica-1').log[m.appliedLsn];
    const why =
      pending === 0
        ? `replica-1 has applied everything it received (LSN ${m.appliedLsn}), so its applier has nothing to work on and Seconds_Behind_Source reads 0, although it is ${top - m.receivedLsn} entries and about ${lag / 1000} s behind the source: the entries still on their way count for nothing.`
        : `The oldest entry replica-1 has received but not applied is LSN ${m.appliedLsn + 1}, committed at ${((oldest?.at ?? 0) / 1000).toFixed(1)} s; now is ${(askAt / 1000).toFixed(1)} s, so the figure is ${answer} s. That covers the time the entry spent arriving (${lag / 1000} s) and waiting in the relay log, but not the ${top - m.receivedLsn} entries not yet received.`;
    return {
      form: 'numeric',
      prompt: `A MySQL source commits one write every second. replica-1 receives each entry **${lag / 1000} s** after its commit and applies it ${replay === 0 ? '**as soon as it arrives**' : `**${replay / 1000} s** after receiving it`}. Half a second after the latest write, what does \`Seconds_Behind_Source\` read on replica-1?`,
      facts: [
        `source: last committed LSN ${top}`,
        `replica-1: received up to LSN ${m.receivedLsn}, applied up to LSN ${m.appliedLsn}`,
      ],
      answer,
      tolerance: 0,
      unit: 's',
      why,
      sim,
    };
  },
});
