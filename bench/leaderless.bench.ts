// Leaderless simulator throughput next to the leader-based figure, by the same method as
// simulator.bench.ts: rounds alternating the bare heap loop (the baseline), the leader-based
// 100-client workload and the leaderless one, ratios the median of per-round ratios. Then a
// lesson-sized leaderless run: 100 scripted operations on three replicas (with a crash, a
// restart, read repair and anti-entropy), in ms of simulation per run.
import { performance } from 'node:perf_hooks';
import type { ClusterConfig, Command, WorkloadSpec } from '../src/sim/index.js';
import { defaultCluster, Simulation } from '../src/sim/index.js';
import { heapLoop } from './heap-loop.js';
import { type BenchContext, type BenchResult, median } from './measure.js';

const WORKLOAD: WorkloadSpec = {
  clients: 100,
  duration: 1e12,
  writes: 0.3,
  readAfterWrite: 0.3,
  keys: 100,
  rate: 20,
  policy: 'read-your-writes',
};

function leaderCluster(): ClusterConfig {
  return defaultCluster(
    [
      { id: 'primary', role: 'leader' },
      ...Array.from({ length: 4 }, (_, i) => ({
        id: `replica-${i + 1}`,
        role: 'follower' as const,
        lag: { min: 5, max: 50 },
      })),
    ],
    { failover: { auto: true, heartbeat: 1000, timeout: 5000, fencing: false, quorum: false } },
  );
}

/** Five replicas, n = 3, w = r = 2, read repair and anti-entropy on. */
function leaderlessCluster(): ClusterConfig {
  return defaultCluster(
    Array.from({ length: 5 }, (_, i) => ({
      id: `r${i + 1}`,
      role: 'follower' as const,
      lag: { min: 5, max: 50 },
    })),
    {
      topology: 'leaderless',
      quorum: { n: 3, w: 2, r: 2, readRepair: true, antiEntropy: 1000 },
    },
  );
}

function loop(cfg: ClusterConfig, ms: number): number {
  const sim = new Simulation(cfg, { seed: 1, recordMessages: true });
  sim.apply({ type: 'workload', tag: 'w', spec: WORKLOAD });
  sim.runUntil(2000);
  const e0 = sim.eventsProcessed;
  const t0 = performance.now();
  let elapsed = 0;
  let vt = sim.now;
  while (elapsed < ms) {
    vt += 50;
    sim.runUntil(vt);
    elapsed = performance.now() - t0;
  }
  return ((sim.eventsProcessed - e0) / elapsed) * 1000;
}

/** A lesson's worth of leaderless operations: 100 reads and writes, a crash, a restart. */
function lessonRun(seed: number): Simulation {
  const cfg = defaultCluster(
    [
      { id: 'a', role: 'follower' },
      { id: 'b', role: 'follower', lag: 300 },
      { id: 'c', role: 'follower', lag: { min: 10, max: 900 } },
    ],
    {
      topology: 'leaderless',
      quorum: { n: 3, w: 2, r: 2, readRepair: true, antiEntropy: 5000 },
    },
  );
  const sim = new Simulation(cfg, { seed });
  for (let i = 0; i < 100; i++) {
    if (i === 30) sim.apply({ type: 'crash', node: 'c' });
    if (i === 60) sim.apply({ type: 'restart', node: 'c' });
    const key = `k${i % 7}`;
    const cmd: Command =
      i % 3 === 0
        ? { type: 'write', client: i % 2 ? 'ann' : 'bob', key, value: i }
        : { type: 'read', client: i % 2 ? 'bob' : 'ann', key, from: 'route' };
    const id = sim.apply(cmd)!;
    sim.runUntilCondition(() => !sim.ops.isPending(id), sim.now + 20_000);
    sim.runUntil(sim.now + 50);
  }
  sim.runUntil(sim.now + 6000);
  return sim;
}

function lessonMs(): { ms: number; events: number } {
  for (let i = 0; i < 50; i++) lessonRun(i + 1);
  const rounds: number[] = [];
  let events = 0;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) events = lessonRun(i + 1).eventsProcessed;
    rounds.push((performance.now() - t0) / 100);
  }
  return { ms: median(rounds), events };
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  heapLoop(200);
  loop(leaderCluster(), 300);
  loop(leaderlessCluster(), 300);
  const heap: number[] = [];
  const leader: number[] = [];
  const leaderless: number[] = [];
  const leaderRatios: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < 5; i++) {
    heap.push(heapLoop(400));
    leader.push(loop(leaderCluster(), 700));
    leaderless.push(loop(leaderlessCluster(), 700));
    leaderRatios.push(leader[i]! / heap[i]!);
    ratios.push(leaderless[i]! / heap[i]!);
  }
  ctx.log(`heap loop events/s per round: ${heap.map((x) => Math.round(x)).join(', ')}`);
  ctx.log(`leader-based events/s per round: ${leader.map((x) => Math.round(x)).join(', ')}`);
  ctx.log(`leaderless events/s per round: ${leaderless.map((x) => Math.round(x)).join(', ')}`);
  const lesson = lessonMs();
  return {
    figures: [
      { name: 'baseline heap loop', value: Math.round(median(heap)), unit: 'events/s' },
      { name: 'leader-based simulator', value: Math.round(median(leader)), unit: 'events/s' },
      { name: 'leaderless simulator', value: Math.round(median(leaderless)), unit: 'events/s' },
      { name: 'leaderless lesson-sized run (100 ops)', value: lesson.ms, unit: 'ms' },
      { name: 'leaderless lesson-sized run', value: lesson.events, unit: 'events' },
    ],
    ratios: [
      { name: 'leader-based vs heap loop', value: median(leaderRatios), target: 0.25, cmp: '>=' },
      { name: 'leaderless vs heap loop', value: median(ratios), target: 0.25, cmp: '>=' },
      { name: 'leaderless lesson-sized run ms vs 1', value: lesson.ms, target: 1, cmp: '<=' },
    ],
  };
}
