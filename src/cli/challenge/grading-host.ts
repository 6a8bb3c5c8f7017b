// Grading runs two levels away from the tutor: this process forks a *grading host* (the same
// entry file, marked by an environment variable), which runs the worker thread and watches it
// (run-worker.ts). V8 cannot always contain a worker's heap overflow — one huge allocation
// aborts the whole process despite `resourceLimits` — so the host may die; the tutor does
// not, and still names the seed: the worker writes each seed, as it starts, into a small file
// the tutor reads when the host dies (a message could die with it).
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entryUrl, HOST_ENV } from './entry-url.js';
import { DEFAULT_LIMITS, type GradeJob, gradeInWorker, type WorkerOutcome } from './run-worker.js';

type HostJob = Omit<GradeJob, 'onProgress' | 'onShrinking' | 'onComparing'>;

type HostMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'shrinking' }
  | { type: 'comparing' }
  | { type: 'outcome'; outcome: WorkerOutcome };

/** In the grading host: take the job, grade, report, exit. */
export function runGradingHost(): void {
  const send = (m: HostMessage) => process.send?.(m);
  process.once('message', (job: HostJob) => {
    gradeInWorker({
      ...job,
      onProgress: (done, total) => send({ type: 'progress', done, total }),
      onShrinking: () => send({ type: 'shrinking' }),
      onComparing: () => send({ type: 'comparing' }),
    }).then(
      (outcome) => {
        send({ type: 'outcome', outcome });
        process.disconnect?.();
      },
      (err: Error) => {
        send({
          type: 'outcome',
          outcome: { status: 'broken', message: `grading failed: ${err.message}` },
        });
        process.disconnect?.();
      },
    );
  });
}

/** Marks where V8's crash report begins: from there on the host's standard error is not shown. */
const CRASH_REPORT = /^(<--- Last few GCs --->|FATAL ERROR:|#\s*Fatal)/m;

/** In the tutor: grade in a forked host; whatever becomes of it, one outcome comes back. */
export function gradeInHost(job: GradeJob): Promise<WorkerOutcome> {
  const { onProgress, onShrinking, onComparing, ...rest } = job;
  const seedFile = join(tmpdir(), `replication-tutor-grading-${process.pid}-${randomUUID()}`);
  const data: HostJob = { ...rest, seedFile };
  const child = fork(fileURLToPath(entryUrl()), [], {
    env: { ...process.env, [HOST_ENV]: '1' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  let crashing = false;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
    if (crashing) return;
    const at = chunk.search(CRASH_REPORT);
    if (at >= 0) {
      crashing = true;
      if (chunk.slice(0, at).trim() !== '') process.stderr.write(chunk.slice(0, at));
    } else process.stderr.write(chunk);
  });
  let outcome: WorkerOutcome | undefined;
  child.on('message', (m: HostMessage) => {
    if (m.type === 'progress') onProgress?.(m.done, m.total);
    else if (m.type === 'shrinking') onShrinking?.();
    else if (m.type === 'comparing') onComparing?.();
    else outcome = m.outcome;
  });
  child.send(data);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      const seed = lastSeed(seedFile);
      rmSync(seedFile, { force: true });
      if (outcome) return resolve(outcome);
      const where = seed > 0 ? `seed ${seed}: ` : '';
      const memoryMb = job.limits?.memoryMb ?? DEFAULT_LIMITS.memoryMb;
      resolve({
        status: 'broken',
        seed: seed || undefined,
        message: /heap out of memory|allocation failed/i.test(stderr)
          ? `${where}your policy ran out of memory (limit ${memoryMb} MB)`
          : `${where}grading crashed (${signal ?? `exit code ${code}`})`,
      });
    });
  });
}

/** The seed the worker noted last (0 if none: it died loading the policy). */
function lastSeed(file: string): number {
  try {
    const n = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isFinite(n) ? n : 0;
  } catch {
    return 0;
  }
}
