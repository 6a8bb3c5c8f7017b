// Inside a grading worker (started from the CLI's own entry file): load the learner's policy,
// grade it, and post progress and the result to the main thread, which watches every call
// into the learner's code through shared memory (watch-slots.ts) and stops the worker when
// one does not return. A policy that passes is then compared with the reference solution
// on the same seeds, in the same (by then warm) worker.
import { openSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { challengeById } from '../../challenge/challenges/index.js';
import { type GradeResult, grade } from '../../challenge/grade.js';
import { Prng } from '../../sim/index.js';
import { loadPolicy, PolicyLoadError } from './policy-file.js';
import { SLOT, slotWatch } from './watch-slots.js';

export interface WorkerJob {
  tag: string;
  challenge: string;
  policyFile: string;
  /** Also compute the reference solution's cost when every seed passes. */
  compare: boolean;
  /** Where to note each seed as it starts (see grading-host.ts). */
  seedFile?: string;
  seeds: number;
  firstSeed: number;
  slots: Int32Array;
  shrinkAttempts?: number;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'comparing' }
  | { type: 'result'; result: GradeResult }
  | { type: 'load-error'; message: string };

function post(m: WorkerMessage): void {
  parentPort?.postMessage(m);
}

export async function runWorker(): Promise<void> {
  const job = workerData as WorkerJob;
  const challenge = challengeById(job.challenge);
  if (!challenge) throw new Error(`unknown challenge ${job.challenge}`);
  const slots = job.slots;
  const file = job.policyFile;
  Atomics.store(slots, SLOT.loading, 1);
  let policy: Awaited<ReturnType<typeof loadPolicy>>;
  try {
    policy = await loadPolicy(file, challenge);
  } catch (err) {
    if (!(err instanceof PolicyLoadError)) throw err;
    post({ type: 'load-error', message: err.message });
    return;
  }
  Atomics.store(slots, SLOT.loading, 0);
  // Written in place, synchronously: it must be on disk before the learner's code runs.
  const fd = job.seedFile === undefined ? undefined : openSync(job.seedFile, 'w');
  const noteSeed = (seed: number) => {
    if (fd !== undefined) writeSync(fd, `${String(seed).padEnd(12)}\n`, 0);
  };
  // The learner's Math.random, seeded per run: a replay draws the same numbers.
  let rng = new Prng(1);
  Math.random = () => rng.next();
  let step = Math.max(1, Math.floor(job.seeds / 100));
  const result = grade(challenge, policy, {
    seeds: job.seeds,
    firstSeed: job.firstSeed,
    compare: job.compare,
    watch: slotWatch(slots),
    sourceHint: file.split(/[/\\]/).pop(),
    shrinkAttempts: job.shrinkAttempts,
    beforeRun: (seed) => {
      rng = new Prng(seed);
      if (seed !== Atomics.load(slots, SLOT.seed)) noteSeed(seed);
      Atomics.store(slots, SLOT.seed, seed);
      Atomics.add(slots, SLOT.cases, 1);
    },
    onProgress: (done, total) => {
      if (done % step === 0 || done === total) post({ type: 'progress', done, total });
    },
    onCompare: () => post({ type: 'comparing' }),
    onShrink: () => {
      step = Number.POSITIVE_INFINITY;
      Atomics.store(slots, SLOT.shrinking, 1);
    },
  });
  post({ type: 'result', result });
}
