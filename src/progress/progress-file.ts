// progress.json on disk: read and classify, move a bad file aside, write atomically.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readTextFile } from '../lesson/format/read-text-file.js';
import { describeFsError, ProgressError } from './progress-error.js';
import { CURRENT_VERSION, isKnownVersion, type JsonObject, migrate } from './progress-migrate.js';
import { PROGRESS_SCHEMAS, type ProgressData, progressSchema } from './progress-schema.js';

/** What a file's text turned out to be. */
export type ParsedProgress =
  | { kind: 'ok'; data: ProgressData; fromVersion: number }
  | { kind: 'corrupt'; reason: string }
  | { kind: 'unknown-version'; version: number };

export function parseProgress(text: string): ParsedProgress {
  let raw: unknown;
  try {
    // A BOM is what a hand edit in some Windows editors leaves behind; it is not corruption.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const reason = text.trim() === '' ? 'the file is empty' : `not valid JSON (${errText(err)})`;
    return { kind: 'corrupt', reason };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { kind: 'corrupt', reason: 'not a JSON object' };
  }
  const obj = raw as JsonObject;
  const version = obj.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { kind: 'corrupt', reason: 'no integer "version" field' };
  }
  if (!isKnownVersion(version)) return { kind: 'unknown-version', version };

  // An old file must be a good file of its own version before it is upgraded: a migration
  // would otherwise paper over keys that version never had.
  const own = PROGRESS_SCHEMAS[version as keyof typeof PROGRESS_SCHEMAS];
  const asWritten = own?.safeParse(obj);
  if (asWritten && !asWritten.success) return wrongShape(asWritten.error.issues);

  let migrated: JsonObject;
  try {
    migrated = migrate(version, obj);
  } catch (err) {
    return { kind: 'corrupt', reason: `cannot upgrade from version ${version} (${errText(err)})` };
  }
  const result = progressSchema.safeParse(migrated);
  if (!result.success) return wrongShape(result.error.issues);
  return { kind: 'ok', data: result.data, fromVersion: version };
}

function wrongShape(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): ParsedProgress {
  const first = issues[0];
  const where = first && first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return { kind: 'corrupt', reason: `wrong shape, ${where}${first?.message ?? ''}${more}` };
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function serializeProgress(data: ProgressData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * Far more than this build ever writes (lessons, a card per bank question, 100 drills): a
 * larger file is not read, and not touched either.
 */
export const MAX_PROGRESS_BYTES = 16 * 1024 * 1024;

/**
 * The file's text, or null if there is no file. Unreadable is an error, never "corrupt": so is
 * anything but a regular file (a FIFO must not hang the tutor) and a file over the size cap.
 */
export function readTextIfExists(file: string): string | null {
  const read = readTextFile(file, { maxBytes: MAX_PROGRESS_BYTES });
  if (read.ok) return read.text;
  if (read.kind === 'too-large') {
    throw new ProgressError(
      `cannot read progress file ${file}: it is larger than ${MAX_PROGRESS_BYTES / (1024 * 1024)} MiB, which no replication-tutor writes; move it away to start fresh`,
      file,
    );
  }
  if (read.code === 'ENOENT') return null;
  throw new ProgressError(`cannot read progress file ${file}: ${read.reason}`, file);
}

export interface LoadedProgress {
  /** null when there is no file, or the file was bad and has been moved aside. */
  data: ProgressData | null;
  /** The file's text as read, when it was good (for a backup). */
  text: string | null;
  warnings: string[];
}

/**
 * Reads progress.json. A corrupt file or one of a version this build cannot read is moved
 * aside (never deleted, never overwritten) and reported, and the caller starts fresh.
 */
export function loadProgressFile(file: string): LoadedProgress {
  const text = readTextIfExists(file);
  if (text === null) return { data: null, text: null, warnings: [] };
  const parsed = parseProgress(text);
  if (parsed.kind === 'ok') return { data: parsed.data, text, warnings: [] };

  if (parsed.kind === 'corrupt') {
    const moved = moveAside(file, 'corrupt');
    return {
      data: null,
      text: null,
      warnings: [
        `progress file ${file} is unusable (${parsed.reason}); moved it to ${moved} and started fresh progress`,
      ],
    };
  }
  const moved = moveAside(file, `v${parsed.version}`);
  const why =
    parsed.version > CURRENT_VERSION
      ? `was written by a newer replication-tutor (file version ${parsed.version}, this one reads up to ${CURRENT_VERSION}); upgrade to use it`
      : `has unknown version ${parsed.version}`;
  return {
    data: null,
    text: null,
    warnings: [`progress file ${file} ${why}; moved it to ${moved} and started fresh progress`],
  };
}

/**
 * Renames `file` to `<file>.<tag>-<n>` with the first free n. A hard link claims the new
 * name without ever replacing an existing file (rename would); where links are not
 * supported an exclusive copy does the same.
 */
export function moveAside(file: string, tag: string): string {
  for (let n = 1; ; n++) {
    const target = `${file}.${tag}-${n}`;
    try {
      claimName(file, target);
    } catch (err) {
      if (isCode(err, 'EEXIST')) continue;
      throw new ProgressError(
        `cannot move unusable progress file ${file} aside to ${target}: ${describeFsError(err)}`,
        file,
      );
    }
    try {
      fs.unlinkSync(file);
    } catch (err) {
      throw new ProgressError(
        `copied unusable progress file ${file} to ${target} but cannot remove it: ${describeFsError(err)}`,
        file,
      );
    }
    return target;
  }
}

function claimName(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (err) {
    if (isCode(err, 'EEXIST') || isCode(err, 'ENOENT') || isCode(err, 'EACCES')) throw err;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
  }
}

/**
 * Writes `text` to `file` so that a crash leaves either the old or the new file, never a
 * mix: a temp file in the same directory (so rename stays on one file system), fsync, rename
 * over the target, then fsync the directory so the rename itself is durable.
 */
export function writeFileAtomic(file: string, text: string): void {
  // A symlinked progress.json (kept in a synced folder, say) stays a symlink: the new file
  // replaces the link's target, in the target's directory.
  const target = symlinkTarget(file);
  const dir = path.dirname(target);
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (err) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing was created, or the directory refuses even that; the error below says why.
    }
    throw new ProgressError(`cannot save progress to ${file}: ${describeFsError(err)}`, file);
  }
  syncDir(dir);
}

/** The file a path names after following symlinks, even to a target that does not exist yet. */
function symlinkTarget(file: string): string {
  let target = file;
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!fs.lstatSync(target).isSymbolicLink()) return target;
      link = fs.readlinkSync(target);
    } catch {
      return target; // nothing there yet: written as a new file
    }
    target = path.resolve(path.dirname(target), link);
  }
  throw new ProgressError(
    `cannot save progress to ${file}: too many levels of symbolic links (a symlink loop?)`,
    file,
  );
}

/** A temp file a save leaves only when killed mid-write: `progress.json.tmp-<pid>-<hex>`. */
const TEMP_NAME = /\.tmp-(\d+)-[0-9a-f]+$/;
/** A temp file older than this is left over whoever wrote it. */
export const STALE_TEMP_MS = 60_000;

/**
 * Removes temp files of `file` (and of its backup) left by a process killed mid-save: those of
 * a process of this machine that no longer exists, and any older than STALE_TEMP_MS. Called
 * holding the lock, when no save of this build is under way.
 */
export function removeStaleTemps(file: string, alive: (pid: number) => boolean): void {
  const target = symlinkTarget(file);
  const dir = path.dirname(target);
  const base = path.basename(target);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(`${base}.`)) continue;
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const full = path.join(dir, name);
    try {
      const st = fs.lstatSync(full);
      if (!st.isFile()) continue;
      if (Number(m[1]) === process.pid) continue;
      if (alive(Number(m[1])) && now - st.mtimeMs < STALE_TEMP_MS) continue;
      fs.unlinkSync(full);
    } catch {
      // Removed by someone else, or not ours to remove: harmless either way.
    }
  }
}

function syncDir(dir: string): void {
  // Best effort: Windows cannot open a directory, and some file systems refuse fsync on one.
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // The data itself is already fsynced and renamed.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function isCode(err: unknown, code: string): boolean {
  return err instanceof Error && 'code' in err && err.code === code;
}
