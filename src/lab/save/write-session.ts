// `:save my.yaml`: the session as a lesson file on disk. Written to a temporary file first
// and renamed, so an interrupted save never leaves half a lesson; an existing file is only
// replaced when the caller says so.
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LiveCluster } from '../live-cluster.js';
import { lessonIdFromFileName, type SavedSession, saveSession } from './save-session.js';

/** Why a save did not happen, in one line. */
export class SaveError extends Error {
  override name = 'SaveError';
}

export interface WriteOptions {
  overwrite?: boolean;
  title?: string;
}

/** Saves the session to `file` (the lesson id comes from the file name). */
export function writeSessionFile(
  live: LiveCluster,
  file: string,
  options: WriteOptions = {},
): SavedSession {
  if (!/\.ya?ml$/i.test(file)) throw new SaveError(`${file}: a lesson file ends in .yaml`);
  if (!options.overwrite && existsSync(file)) {
    throw new SaveError(`${file} already exists; choose another name or overwrite it`);
  }
  const saved = saveSession(live, { id: lessonIdFromFileName(file), title: options.title });
  const tmp = join(dirname(file), `.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, saved.yaml, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'the folder does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (err as Error).message;
    throw new SaveError(`cannot save ${file}: ${why}`);
  }
  return saved;
}
