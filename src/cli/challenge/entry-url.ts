// The URL of the file the CLI started from (dist/cli.js when installed). Grading runs the
// learner's code in a worker thread started from this same file: the build ships one entry,
// and src/cli.ts sends a worker to worker-main.ts instead of the command line.
let entry: URL | undefined;

export function setEntryUrl(url: string | URL): void {
  entry = new URL(url);
}

export function entryUrl(): URL {
  if (!entry) throw new Error('the CLI entry URL was not set (src/cli.ts sets it)');
  return entry;
}

/** What marks a worker as a grading worker (src/cli.ts checks it before anything else). */
export const WORKER_TAG = 'replication-tutor/challenge-worker';

/** Set in the environment of the forked grading host (grading-host.ts). */
export const HOST_ENV = 'REPLICATION_TUTOR_GRADING_HOST';
