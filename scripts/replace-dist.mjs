// Puts a fresh build into dist/ so that a process reading dist/ at the same moment (a test
// running `node dist/cli.js` in another vitest run, a second build) never sees half of it.
//
// Chunk names carry a hash of their contents, so a new build adds files beside the old ones
// instead of overwriting them. Every file is written under a temporary name and renamed into
// place (a rename is atomic), the chunks first and the entry last: once the new entry is
// visible, everything it imports is already there. Files that were part of a build put in
// place recently stay (a process started from that build's entry may still load its chunks
// lazily, and another build may be running right now); older ones go.
import {
  chmod,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

const ENTRY = 'cli.js';
/** How long the files of a replaced build (or a build's temporary files) are kept. */
export const KEEP_MS = 10 * 60_000;

async function readOrNull(path) {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

async function listFiles(dir, base = dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(path, base)));
    else out.push(relative(base, path).split(sep).join('/'));
  }
  return out;
}

async function writeAtomically(path, contents, mode) {
  const tmp = `${path}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(tmp, contents, { mode });
    // writeFile's mode is filtered by the umask; the entry must be executable regardless.
    await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes `files` (dist-relative path → contents) into `dir`, the entry (cli.js) last, and
 * removes files of other builds last put in place more than KEEP_MS ago (all of them with
 * `clean`, for a package about to be published). Returns what it wrote and removed.
 */
export async function replaceDist(dir, files, { clean = false } = {}) {
  if (!files.has(ENTRY)) throw new Error(`a build of dist/ must contain ${ENTRY}`);
  const written = [];
  const order = [...files.keys()].filter((f) => f !== ENTRY).sort();
  order.push(ENTRY);
  const now = new Date();
  for (const rel of order) {
    const path = join(dir, rel);
    const contents = files.get(rel);
    const mode = rel === ENTRY ? 0o755 : 0o644;
    const current = await readOrNull(path);
    if (current?.equals(contents) && ((await stat(path)).mode & 0o777) === mode) {
      // Already there: its time says it belongs to a build put in place just now.
      await utimes(path, now, now);
      continue;
    }
    await mkdir(dirname(path), { recursive: true });
    await writeAtomically(path, contents, mode);
    written.push(rel);
  }
  const removed = [];
  for (const rel of await listFiles(dir)) {
    if (files.has(rel)) continue;
    const path = join(dir, rel);
    if (!clean || rel.endsWith('.tmp')) {
      // A file gone meanwhile (another build removed it) counts as recent: nothing to do.
      const age = await stat(path).then(
        (s) => now.getTime() - s.mtimeMs,
        () => 0,
      );
      if (age < KEEP_MS) continue;
    }
    await rm(path, { force: true });
    removed.push(rel);
  }
  return { written, removed };
}
