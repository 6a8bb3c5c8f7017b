// Entry point. Keep imports here cheap: commander, and a small module naming the challenge
// workers. Every command module (and with it React, Ink, the simulator) is imported lazily
// when that command runs. The same file also starts as a code challenge's grading host or
// grading worker (src/cli/challenge/), which it recognises before anything else.
import { isMainThread, workerData } from 'node:worker_threads';
import { HOST_ENV, setEntryUrl, WORKER_TAG } from './cli/challenge/entry-url.js';
import { runCli } from './cli/program.js';

// Code challenges grade the learner's code in a worker thread started from this same file.
const challengeWorker =
  !isMainThread &&
  typeof workerData === 'object' &&
  workerData !== null &&
  (workerData as { tag?: unknown }).tag === WORKER_TAG;

// A reader that stops early (`| head`) closes the pipe: stop quietly. Progress is saved after
// every step, so nothing is lost.
if (challengeWorker) {
  await (await import('./cli/challenge/worker-main.js')).runWorker();
} else if (process.env[HOST_ENV] === '1' && process.send) {
  setEntryUrl(import.meta.url);
  (await import('./cli/challenge/grading-host.js')).runGradingHost();
} else {
  setEntryUrl(import.meta.url);
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
  process.exitCode = await runCli(process.argv.slice(2));
}
