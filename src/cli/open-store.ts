// Opens saved progress for a command. A store that cannot be read, or whose first save fails
// (an unwritable home), is reported in one line and the command still runs without saving,
// rather than failing the learner's session.
import { openProgress, type ProgressStore } from '../progress/progress-store.js';

const toStderr = (m: string) => process.stderr.write(`warning: ${m}\n`);

/** `warn` receives each warning (default: standard error, for commands without a screen). */
export function openStoreOrWarn(
  warn: (message: string) => void = toStderr,
): ProgressStore | undefined {
  try {
    const { store, warnings } = openProgress({
      onWarning: warn,
      onSaveFailed: (m) => warn(`progress will not be saved: ${m}`),
    });
    for (const w of warnings) warn(w);
    return store;
  } catch (err) {
    warn(`progress will not be saved: ${(err as Error).message}`);
    return undefined;
  }
}
