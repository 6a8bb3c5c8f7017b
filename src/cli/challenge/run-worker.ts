// The watching side of grading: start the grading worker, watch every call into the learner's code,
// and turn whatever goes wrong — a call or a case that overruns its time, memory running
// out, a crash of the worker — into one line naming the seed. The tutor itself never hangs
// or crashes on the learner's code.
import { Worker } from 'node:worker_threads';
import type { GradeResult } from '../../challenge/grade.js';
import { entryUrl, WORKER_TAG } from './entry-url.js';
import { newSlots, SLOT } from './watch-slots.js';
import type { WorkerJob, WorkerMessage } from './worker-main.js';

export interface Limits {
  /** One call into the learner's code (route, observe, choose). */
  callMs: number;
  /** One case (one seed's run, or one shrinking attempt). */
  caseMs: number;
  /** Loading the learner's file. */
  loadMs: number;
  /** The whole grading, shrinking included. */
  totalMs: number;
  /** The worker's heap. */
  memoryMb: number;
}

export const DEFAULT_LIMITS: Limits = {
  callMs: 1000,
  caseMs: 10_000,
  loadMs: 10_000,
  totalMs: 300_000,
  memoryMb: 256,
};

export type WorkerOutcome =
  | { status: 'graded'; result: GradeResult }
  /** The policy could not be graded (load error, overrun, out of memory): one line. */
  | { status: 'broken'; message: string; seed?: number };

export interface GradeJob {
  challenge: string;
  policyFile: string;
  seeds: number;
  firstSeed: number;
  /** Also compute the reference's cost (for a pass). */
  compare: boolean;
  limits?: Partial<Limits>;
  onProgress?(done: number, total: number): void;
  onShrinking?(): void;
  /** Every seed passed: the reference solution runs now. */
  onComparing?(): void;
  /** A file the worker writes each seed into as it starts (read if the process dies). */
  seedFile?: string;
}

const POLL_MS = 20;

export function gradeInWorker(job: GradeJob): Promise<WorkerOutcome> {
  const limits = { ...DEFAULT_LIMITS, ...job.limits };
  const slots = newSlots();
  const data: WorkerJob = {
    tag: WORKER_TAG,
    challenge: job.challenge,
    policyFile: job.policyFile,
    compare: job.compare,
    seedFile: job.seedFile,
    seeds: job.seeds,
    firstSeed: job.firstSeed,
    slots,
  };
  const worker = new Worker(entryUrl(), {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 32 },
    stdout: true,
    stderr: true,
  });
  // What the learner's code prints goes to standard error: standard output is the result.
  worker.stdout.pipe(process.stderr);
  worker.stderr.pipe(process.stderr);
  const started = Date.now();
  const rssAtStart = process.memoryUsage.rss();
  return new Promise<WorkerOutcome>((resolve) => {
    let settled = false;
    let shrinking = false;
    const finish = (o: WorkerOutcome) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      void worker.terminate();
      resolve(o);
    };
    const seedNow = () => Atomics.load(slots, SLOT.seed);
    const during = () =>
      Atomics.load(slots, SLOT.shrinking) ? ' while shrinking its failure' : '';
    // The call (or case) seen running at the last poll, and since when.
    let call = { id: -1, since: started };
    let kase = { id: -1, since: started };
    const timer = setInterval(() => {
      const now = Date.now();
      const seed = seedNow();
      if (Atomics.load(slots, SLOT.loading) === 1) {
        if (now - started > limits.loadMs) {
          finish({
            status: 'broken',
            message: `${job.policyFile}: loading it took over ${limits.loadMs} ms (a loop at the top of the file?)`,
          });
        }
        return;
      }
      const entered = Atomics.load(slots, SLOT.entered);
      const inCall = entered !== Atomics.load(slots, SLOT.left);
      if (!inCall) call = { id: -1, since: now };
      else if (call.id !== entered) call = { id: entered, since: now };
      else if (now - call.since > limits.callMs) {
        // A heap filling up makes every call crawl before it overflows: tell the two apart.
        const grown = process.memoryUsage.rss() - rssAtStart;
        const full = grown > 0.6 * limits.memoryMb * 1024 * 1024;
        return finish({
          status: 'broken',
          seed,
          message: full
            ? `seed ${seed}: your policy ran out of memory (limit ${limits.memoryMb} MB)${during()}`
            : `seed ${seed}: a call into your policy did not return within ${limits.callMs} ms${during()} (an endless loop?)`,
        });
      }
      const cases = Atomics.load(slots, SLOT.cases);
      if (kase.id !== cases) kase = { id: cases, since: now };
      else if (now - kase.since > limits.caseMs) {
        return finish({
          status: 'broken',
          seed,
          message: `seed ${seed}: one run took over ${limits.caseMs} ms${during()} (your policy is too slow)`,
        });
      }
      if (now - started > limits.totalMs) {
        finish({
          status: 'broken',
          seed,
          message: `grading took over ${limits.totalMs} ms (stopped at seed ${seedNow()})`,
        });
      }
    }, POLL_MS);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') job.onProgress?.(m.done, m.total);
      else if (m.type === 'comparing') job.onComparing?.();
      else if (m.type === 'load-error') finish({ status: 'broken', message: m.message });
      else if (m.type === 'result') finish({ status: 'graded', result: m.result });
      if (Atomics.load(slots, SLOT.shrinking) && !shrinking) {
        shrinking = true;
        job.onShrinking?.();
      }
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const seed = seedNow();
      const where = seed > 0 ? `seed ${seed}: ` : `${job.policyFile}: `;
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish({
          status: 'broken',
          seed,
          message: `${where}your policy ran out of memory (limit ${limits.memoryMb} MB)${during()}`,
        });
      } else {
        finish({
          status: 'broken',
          seed,
          message: `${where}grading stopped: ${err.name}: ${err.message}`,
        });
      }
    });
    worker.on('exit', (code) => {
      finish({
        status: 'broken',
        seed: seedNow(),
        message: `grading stopped: the worker exited (code ${code}) at seed ${seedNow()}${during()}`,
      });
    });
  });
}
