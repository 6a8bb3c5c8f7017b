// Multi-leader simulator throughput against the bare heap loop, by the method of
// leaderless.bench.ts: rounds alternating the heap loop (the baseline) and a 100-client
// workload on three leaders (one per datacenter, all-to-all, LWW, a follower each), the
// ratio the median of per-round ratios. Then a lesson-sized multi-leader run: 100 scripted
// operations on two leaders and a follower (concurrent writes, a partition and a heal, a
// crash and a restart), in ms of simulation per 100 operations.
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
  policy: 'leader',
};

/** Three leaders (all-to-all, LWW, skewed clocks), each with a follower. */
function multiLeaderCluster(): ClusterConfig {
  return defaultCluster(
    [
      { id: 'dc1', role: 'leader', lag: { min: 20, max: 80 } },
      { id: 'dc2', role: 'leader', lag: { min: 20, max: 80 }, clockSkew: -300 },
      { id: 'dc3', role: 'leader', lag: { min: 20, max: 80 }, clockSkew: 200 },
      ...['dc1', 'dc2', 'dc3'].map((dc) => ({
        id: `${dc}-r`,
        role: 'follower' as const,
        upstream: dc,
        lag: { min: 5, max: 50 },
      })),
    ],
    { topology: 'multi-leader', conflict: 'lww', replication: 'all-to-all' },
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

/** A lesson's worth of multi-leader operations: 100 reads and writes on two datacenters. */
function lessonRun(seed: number): Simulation {
  const cfg = defaultCluster(
    [
      { id: 'dc1', role: 'leader', lag: 1000 },
      { id: 'dc2', role: 'leader', lag: { min: 200, max: 1500 }, clockSkew: -2000 },
      { id: 'dc2-r', role: 'follower', upstream: 'dc2', lag: 200 },
    ],
    { topology: 'multi-leader', conflict: 'siblings' },
  );
  const sim = new Simulation(cfg, {
    seed,
    clients: [
      { id: 'ann', policy: 'leader', home: 'dc1' },
      { id: 'bob', policy: 'leader', home: 'dc2' },
    ],
  });
  for (let i = 0; i < 100; i++) {
    if (i === 20) sim.apply({ type: 'partition', groups: [['dc1'], ['dc2', 'dc2-r']] });
    if (i === 40) sim.apply({ type: 'heal' });
    if (i === 60) sim.apply({ type: 'crash', node: 'dc2' });
    if (i === 70) sim.apply({ type: 'restart', node: 'dc2' });
    const key = `k${i % 7}`;
    const client = i % 2 ? 'ann' : 'bob';
    const cmd: Command =
      i % 3 === 0
        ? { type: 'write', client, key, value: i }
        : { type: 'read', client, key, from: i % 5 === 0 ? 'dc2-r' : 'route' };
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
  loop(multiLeaderCluster(), 300);
  const heap: number[] = [];
  const multi: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < 5; i++) {
    heap.push(heapLoop(400));
    multi.push(loop(multiLeaderCluster(), 700));
    ratios.push(multi[i]! / heap[i]!);
  }
  ctx.log(`heap loop events/s per round: ${heap.map((x) => Math.round(x)).join(', ')}`);
  ctx.log(`multi-leader events/s per round: ${multi.map((x) => Math.round(x)).join(', ')}`);
  const lesson = lessonMs();
  ctx.log(`lesson-sized multi-leader run: ${lesson.ms.toFixed(2)} ms per 100 operations`);
  return {
    figures: [
      { name: 'baseline heap loop', value: Math.round(median(heap)), unit: 'events/s' },
      { name: 'multi-leader simulator', value: Math.round(median(multi)), unit: 'events/s' },
      { name: 'multi-leader lesson-sized run (100 ops)', value: lesson.ms, unit: 'ms' },
      { name: 'multi-leader lesson-sized run', value: lesson.events, unit: 'events' },
    ],
    ratios: [
      { name: 'multi-leader vs heap loop', value: median(ratios), target: 0.25, cmp: '>=' },
      { name: 'multi-leader lesson-sized run ms vs 1', value: lesson.ms, target: 1, cmp: '<=' },
    ],
  };
}
