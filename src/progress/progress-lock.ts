// One writer at a time for progress.json, across processes (two terminals, a script and the
// TUI). A save re-reads the file, merges its change and renames the new file into place; two
// saves interleaving would each merge into what the other is about to replace, and one change
// would be lost. So every save holds `progress.json.lock`, a file created exclusively.
//
// A process killed while holding the lock leaves it behind. A lock is stale, and is broken,
// when its holder is a process of this machine that no longer exists, or when it is older than
// LOCK_STALE_MS whoever holds it (a save takes milliseconds; a pid may have been reused).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readTextFile } from '../lesson/format/read-text-file.js';
import { describeFsError, ProgressError } from './progress-error.js';

/** A lock older than this is stale whoever holds it. */
export const LOCK_STALE_MS = 10_000;
/** How long a save waits for another process's lock before giving up. */
export const LOCK_WAIT_MS = 15_000;

export interface LockOptions {
  /** How long to wait for the lock (tests shorten it). */
  waitMs?: number;
  staleMs?: number;
}

interface Holder {
  pid: number;
  host: string;
  token: string;
}

export function lockPath(file: string): string {
  return `${file}.lock`;
}

/** Runs `fn` holding the lock of `file`; the directory is created if needed. */
export function withFileLock<T>(file: string, fn: () => T, opts: LockOptions = {}): T {
  const lock = lockPath(file);
  const token = acquire(file, lock, opts);
  try {
    return fn();
  } finally {
    release(lock, token);
  }
}

function acquire(file: string, lock: string, opts: LockOptions): string {
  const waitMs = opts.waitMs ?? LOCK_WAIT_MS;
  const staleMs = opts.staleMs ?? LOCK_STALE_MS;
  const me: Holder = {
    pid: process.pid,
    host: os.hostname(),
    token: randomBytes(8).toString('hex'),
  };
  const start = Date.now();
  try {
    fs.mkdirSync(path.dirname(lock), { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new ProgressError(`cannot save progress to ${file}: ${describeFsError(err)}`, file);
  }
  // The lock appears with its holder already written in it (a hard link of a finished temp
  // file), so a process killed while taking it never leaves an empty lock that only age can
  // break. Where links are not supported, the lock is created and then written.
  const body = JSON.stringify(me);
  const tmp = `${lock}.tmp-${process.pid}-${me.token}`;
  let linking = true;
  try {
    fs.writeFileSync(tmp, body, { mode: 0o600 });
  } catch {
    linking = false;
  }
  const wroteTmp = linking;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        if (linking) fs.linkSync(tmp, lock);
        else createAndWrite(lock, body);
        return me.token;
      } catch (err) {
        if (linking && !isCode(err, 'EEXIST') && !isCode(err, 'ENOENT')) {
          linking = false; // no hard links here: create and write instead
          continue;
        }
        if (!isCode(err, 'EEXIST')) {
          throw new ProgressError(`cannot save progress to ${file}: ${describeFsError(err)}`, file);
        }
      }
      if (breakIfStale(lock, staleMs)) continue;
      if (Date.now() - start > waitMs) {
        const holder = readHolder(lock);
        const who = holder ? `process ${holder.pid} on ${holder.host}` : 'another process';
        throw new ProgressError(
          `cannot save progress to ${file}: ${who} holds ${lock}; if no replication-tutor is running, delete that file`,
          file,
        );
      }
      // Short and jittered, so two waiting processes do not keep colliding.
      sleep(Math.min(50, 2 + attempt) + Math.floor(Math.random() * 5));
    }
  } finally {
    if (wroteTmp) fs.rmSync(tmp, { force: true });
  }
}

function createAndWrite(lock: string, body: string): void {
  const fd = fs.openSync(lock, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, body);
  } finally {
    fs.closeSync(fd);
  }
}

function release(lock: string, token: string): void {
  // Only our own lock: one taken as stale from a very slow save belongs to someone else now.
  if (readHolder(lock)?.token !== token) return;
  try {
    fs.unlinkSync(lock);
  } catch {
    // Gone already; nothing to release.
  }
}

function readHolder(lock: string): Holder | undefined {
  try {
    // A lock file is a line of JSON; anything else there is read no further than that.
    const read = readTextFile(lock, { maxBytes: 4096 });
    if (!read.ok) return undefined;
    const h = JSON.parse(read.text) as Partial<Holder>;
    if (typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.token === 'string')
      return { pid: h.pid, host: h.host, token: h.token };
  } catch {
    // Being written this instant, or not ours to read: judged by its age alone.
  }
  return undefined;
}

/** True when a process of this machine with that pid exists (or may: not ours to signal). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isCode(err, 'EPERM');
  }
}

/**
 * Removes the lock if it is stale; true if it did (or the lock vanished meanwhile). The lock is
 * renamed away first and checked to be the same file, so two processes breaking one stale lock
 * cannot remove a fresh lock the other has just taken.
 */
function breakIfStale(lock: string, staleMs: number): boolean {
  let before: fs.Stats;
  try {
    before = fs.statSync(lock);
  } catch (err) {
    return isCode(err, 'ENOENT');
  }
  const holder = readHolder(lock);
  const old = Date.now() - before.mtimeMs > staleMs;
  const dead = holder !== undefined && holder.host === os.hostname() && !processAlive(holder.pid);
  if (!old && !dead) return false;
  const aside = `${lock}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lock, aside);
  } catch (err) {
    return isCode(err, 'ENOENT');
  }
  const moved = fs.statSync(aside);
  if (moved.ino !== before.ino || moved.dev !== before.dev) {
    // Another process broke the stale lock and took a new one just before our rename: put
    // theirs back (link fails only if a third took the name, which then holds the lock).
    try {
      fs.linkSync(aside, lock);
    } catch {
      // See above.
    }
  }
  fs.rmSync(aside, { force: true });
  return true;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread: saves are synchronous so that a change is on disk when a call returns. */
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function isCode(err: unknown, code: string): boolean {
  return err instanceof Error && 'code' in err && err.code === code;
}
