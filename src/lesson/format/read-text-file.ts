// The one way the tutor reads a file it did not write itself (a lesson, a question bank, an
// answers file) or that anyone could have replaced (progress.json). A path may name anything:
// a FIFO that blocks forever, /dev/zero or /dev/urandom (size 0, endless), a directory, a
// symlink loop. So only regular files are read, the file is opened without blocking and
// checked on the open descriptor (no window between a check and the read), and at most
// `maxBytes` + 1 bytes are ever read, whatever the file's size says.
import fs from 'node:fs';

export type ReadText =
  | { ok: true; text: string }
  /** `reason` is a short phrase for "cannot read: <reason>". */
  | { ok: false; kind: 'unreadable'; reason: string; code?: string }
  /** More than maxBytes; `bytes` is the size when known, else maxBytes + 1. */
  | { ok: false; kind: 'too-large'; bytes: number };

export interface ReadTextOptions {
  maxBytes: number;
  /**
   * Turn CRLF and lone CR line ends into LF (text formats such as YAML, where a lone CR is a
   * line break too). Off for formats that keep a CR as it is.
   */
  normaliseLineEnds?: boolean;
  /** What the file should be, for "it is a directory, not a lesson file" (default "a file"). */
  what?: string;
}

/**
 * The size cap of a lesson or question-bank file. Here rather than in load.ts so that the
 * menu's quick listing (lesson-listing.ts) can use it without loading the YAML library.
 */
export const MAX_LESSON_BYTES = 512 * 1024;

// O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever. Not on Windows,
// which has no FIFOs of this kind; there it is 0.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
const CHUNK = 64 * 1024;

export function readTextFile(file: string, opts: ReadTextOptions): ReadText {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (err) {
    return unreadable(err, opts.what ?? 'a file');
  }
  try {
    const info = fs.fstatSync(fd);
    const kind = notRegular(info, opts.what ?? 'a file');
    if (kind !== undefined) return { ok: false, kind: 'unreadable', reason: kind };
    if (info.size > opts.maxBytes) return { ok: false, kind: 'too-large', bytes: info.size };
    const text = readAtMost(fd, opts.maxBytes);
    if (text === undefined) return { ok: false, kind: 'too-large', bytes: opts.maxBytes + 1 };
    return { ok: true, text: opts.normaliseLineEnds ? text.replace(/\r\n?/g, '\n') : text };
  } catch (err) {
    return unreadable(err, opts.what ?? 'a file');
  } finally {
    fs.closeSync(fd);
  }
}

/** The file's text, or undefined if it holds more than `max` bytes (a size of 0 proves nothing). */
function readAtMost(fd: number, max: number): string | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, max + 1 - total));
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
    if (total > max) return undefined;
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

function notRegular(info: fs.Stats, what: string): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return `it is a directory, not ${what}`;
  if (info.isFIFO()) return 'it is a named pipe (FIFO), not a regular file';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'it is a device, not a regular file';
  if (info.isSocket()) return 'it is a socket, not a regular file';
  return 'it is not a regular file';
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a parent path is a file, not a directory',
  ELOOP: 'too many levels of symbolic links (a symlink loop?)',
  ENAMETOOLONG: 'the file name is too long',
  ENXIO: 'it is not a regular file',
  EAGAIN: 'it is not a regular file',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

function unreadable(err: unknown, what: string): ReadText {
  const code = (err as { code?: unknown }).code;
  if (code === 'EISDIR') {
    return { ok: false, kind: 'unreadable', reason: `it is a directory, not ${what}`, code };
  }
  if (typeof code === 'string') {
    return { ok: false, kind: 'unreadable', reason: REASONS[code] ?? code, code };
  }
  return {
    ok: false,
    kind: 'unreadable',
    reason: err instanceof Error ? err.message : String(err),
  };
}

/** "512 KiB", for size messages. */
export function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KiB`;
}
