// Simulator throughput, lesson-sized runs, rewind latency and memory.
//
// The baseline is a bare binary-heap event loop (1,000 pending events, each popped event
// pushes one successor carrying a small object), measured in the same process, alternating
// with the simulator so that machine noise hits both alike. Memory is measured in a child
// process (this bundle re-run with --memory-child), so the parent's heap does not count: the
// figure is the RSS growth from before the simulation is created to after the 1M-event run
// (after a full GC), next to the child's peak RSS, which includes Node itself (~43 MB).
// Lesson-sized runs are measured in a child process too (--lesson-child), as grading runs
// them: a process doing many short runs, not one that just ran a 100-client workload.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ClusterConfig, WorkloadSpec } from '../src/sim/index.js';
import { defaultCluster, rewind, Simulation } from '../src/sim/index.js';
import { heapLoop } from './heap-loop.js';
import { type BenchContext, type BenchResult, median } from './measure.js';

// ---- the workloads ---------------------------------------------------------------------

function cluster(followers: number, lagMax: number): ClusterConfig {
  return defaultCluster(
    [
      { id: 'primary', role: 'leader' },
      ...Array.from({ length: followers }, (_, i) => ({
        id: `replica-${i + 1}`,
        role: 'follower' as const,
        lag: { min: 5, max: lagMax },
      })),
    ],
    { failover: { auto: true, heartbeat: 1000, timeout: 5000, fencing: false, quorum: false } },
  );
}

/** 1 leader + 4 followers, 100 clients: the figure the targets are about. */
const BIG: WorkloadSpec = {
  clients: 100,
  duration: 1e12,
  writes: 0.3,
  readAfterWrite: 0.3,
  keys: 100,
  rate: 20,
  policy: 'read-your-writes',
};

/** A lesson's cluster: 3 nodes, a few clients, a short workload (about 2,000 events). */
const LESSON: WorkloadSpec = {
  clients: 4,
  duration: 10_000,
  writes: 0.3,
  readAfterWrite: 0.5,
  keys: 5,
  rate: 12,
  policy: 'read-your-writes',
};

function bigSim(recordMessages: boolean): Simulation {
  const sim = new Simulation(cluster(4, 50), { seed: 1, recordMessages });
  sim.apply({ type: 'workload', tag: 'w', spec: BIG });
  return sim;
}

function lessonRun(seed: number): Simulation {
  const sim = new Simulation(cluster(2, 500), { seed });
  sim.apply({ type: 'workload', tag: 'w', spec: LESSON });
  sim.runUntil(20_000);
  return sim;
}

// ---- measurements ----------------------------------------------------------------------

/** Simulator events per second on the big workload, for about `ms` of wall time. */
function simulatorLoop(ms: number, recordMessages: boolean): number {
  const sim = bigSim(recordMessages);
  sim.runUntil(2000); // warm up: every client busy, links full
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

function lessonRuns(ms: number): { perSecond: number; events: number } {
  let runs = 0;
  let events = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    events += lessonRun(runs + 1).eventsProcessed;
    runs++;
    elapsed = performance.now() - t0;
  }
  return { perSecond: (runs / elapsed) * 1000, events: events / runs };
}

/** Median ms to rewind a 50,000-event run to points spread across it. */
function rewindMs(): { ms: number; events: number } {
  const sim = bigSim(true);
  while (sim.eventsProcessed < 50_000) sim.runUntil(sim.now + 10);
  const end = sim.now;
  const times: number[] = [];
  for (const f of [0.1, 0.3, 0.5, 0.7, 0.9, 1]) {
    const t0 = performance.now();
    rewind(sim, Math.round(end * f));
    times.push(performance.now() - t0);
  }
  return { ms: median(times), events: sim.eventsProcessed };
}

// ---- memory, in a child process ------------------------------------------------------------

interface MemoryFigures {
  peakMb: number;
  growthMb: number;
  events: number;
  history: number;
}

function memoryChild(recordMessages: boolean): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  const sim = bigSim(recordMessages);
  while (sim.eventsProcessed < 1_000_000) sim.runUntil(sim.now + 100);
  gc?.();
  const after = process.memoryUsage().rss;
  const figures: MemoryFigures = {
    peakMb: process.resourceUsage().maxRSS / 1024,
    growthMb: (after - before) / 1024 / 1024,
    events: sim.eventsProcessed,
    history: sim.history.length,
  };
  process.stdout.write(JSON.stringify(figures));
}

function measureMemory(recordMessages: boolean): MemoryFigures {
  return inChild<MemoryFigures>(['--memory-child', String(recordMessages)]);
}

// ---- lesson-sized runs, in a child process ------------------------------------------------

interface LessonFigures {
  rounds: number[];
  events: number;
}

/**
 * Lesson-sized runs as grading runs them (`validate`, many seeds): in a process of their own.
 * Measured after the 100-client runs in the same heap they were 30–40 % slower, a cost of
 * this benchmark's order (V8 collecting a large old generation), not of grading.
 */
function lessonChild(): void {
  lessonRuns(500);
  const rounds: number[] = [];
  let events = 0;
  for (let i = 0; i < 5; i++) {
    const r = lessonRuns(400);
    rounds.push(r.perSecond);
    events = r.events;
  }
  const figures: LessonFigures = { rounds, events };
  process.stdout.write(JSON.stringify(figures));
}

function inChild<T>(args: string[]): T {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--expose-gc', self, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0)
    throw new Error(`simulator bench child ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

const childArg = process.argv.indexOf('--memory-child');
if (childArg >= 0) memoryChild(process.argv[childArg + 1] === 'true');
if (process.argv.includes('--lesson-child')) lessonChild();

// ---- the report ----------------------------------------------------------------------------

export async function run(ctx: BenchContext): Promise<BenchResult> {
  // Throughput: five rounds, each the heap loop then the simulator, so that a change in the
  // machine's load hits both; the ratio is the median of the per-round ratios. (No forced
  // GCs between phases: a full GC makes V8 drop optimized code, and runs restart cold.)
  heapLoop(200);
  simulatorLoop(300, true);
  const heap: number[] = [];
  const simulator: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < 5; i++) {
    heap.push(heapLoop(400));
    simulator.push(simulatorLoop(1000, true));
    ratios.push(simulator[i]! / heap[i]!);
  }
  const quiet: number[] = [];
  for (let i = 0; i < 3; i++) {
    quiet.push(simulatorLoop(700, false));
  }
  const heapRate = median(heap);
  const simRate = median(simulator);
  ctx.log(`heap loop events/s per round: ${heap.map((x) => Math.round(x)).join(', ')}`);
  ctx.log(`simulator events/s per round: ${simulator.map((x) => Math.round(x)).join(', ')}`);
  const lessonFigures = inChild<LessonFigures>(['--lesson-child']);
  const lessons = lessonFigures.rounds;
  const lessonEvents = lessonFigures.events;
  ctx.log(`lesson-sized runs/s per round: ${lessons.map((x) => Math.round(x)).join(', ')}`);
  const rw = rewindMs();
  const memory = measureMemory(true);
  const memoryQuiet = measureMemory(false);
  ctx.log(
    `memory: ${memory.events} events, ${memory.history} history events (${memoryQuiet.history} without messages)`,
  );
  const lessonRate = median(lessons);
  return {
    figures: [
      { name: 'baseline heap loop', value: Math.round(heapRate), unit: 'events/s' },
      { name: 'simulator', value: Math.round(simRate), unit: 'events/s' },
      {
        name: 'simulator (recordMessages: false)',
        value: Math.round(median(quiet)),
        unit: 'events/s',
      },
      { name: 'lesson-sized runs', value: Math.round(lessonRate), unit: 'runs/s' },
      { name: 'lesson-sized run', value: Math.round(lessonEvents), unit: 'events' },
      { name: 'rewind (50,000-event run, median)', value: rw.ms, unit: 'ms' },
      {
        name: '1M-event run RSS growth (recordMessages: false)',
        value: memoryQuiet.growthMb,
        unit: 'MB',
      },
      {
        name: '1M-event run RSS growth (recordMessages: true)',
        value: memory.growthMb,
        unit: 'MB',
      },
      {
        name: '1M-event run peak process RSS (recordMessages: false)',
        value: memoryQuiet.peakMb,
        unit: 'MB',
      },
      {
        name: '1M-event run peak process RSS (recordMessages: true)',
        value: memory.peakMb,
        unit: 'MB',
      },
    ],
    ratios: [
      { name: 'simulator vs heap loop', value: median(ratios), target: 0.25, cmp: '>=' },
      { name: 'simulator events/s vs 2M', value: simRate / 2_000_000, target: 1, cmp: '>=' },
      { name: 'lesson-sized runs/s vs 1000', value: lessonRate / 1000, target: 1, cmp: '>=' },
      { name: 'rewind ms vs 100', value: rw.ms / 100, target: 1, cmp: '<=' },
      {
        name: '1M-event run RSS growth (recordMessages: false) vs 150 MB',
        value: memoryQuiet.growthMb / 150,
        target: 1,
        cmp: '<=',
      },
      {
        name: '1M-event run RSS growth (recordMessages: true) vs 150 MB',
        value: memory.growthMb / 150,
        target: 1,
        cmp: '<=',
      },
    ],
  };
}
