/**
 * A progress file or directory that cannot be read or written. The message is one line that
 * names the path and the reason, so the CLI can print it as is (exit 2) and the UI can show it.
 */
export class ProgressError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ProgressError';
  }
}

/** "permission denied" rather than "EACCES: permission denied, open '/x/y'". */
export function describeFsError(err: unknown): string {
  if (err instanceof Error && 'code' in err && typeof err.code === 'string') {
    return FS_REASONS[err.code] ?? err.code;
  }
  return err instanceof Error ? err.message : String(err);
}

const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a parent path is a file, not a directory',
  EISDIR: 'it is a directory, not a file',
  ENOENT: 'no such file or directory',
  EEXIST: 'a file is in the way',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};
