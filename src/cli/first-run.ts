// Whether this is a first run, with no progress file yet. Cheap on purpose (no schema, no
// store): the bare command asks before its first frame.
import { existsSync } from 'node:fs';
import { progressDir, progressFilePath } from '../progress/data-dir.js';

/**
 * True when there is no progress file yet. Then the menu's first frame has no progress to
 * show, and the store (with its schema) can be opened just after it.
 */
export function noProgressYet(): boolean {
  try {
    return !existsSync(progressFilePath(progressDir()));
  } catch {
    return false; // no usable directory: open the store at once, which reports it
  }
}
