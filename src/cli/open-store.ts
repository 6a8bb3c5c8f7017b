// Opens saved progress for a command. A store that cannot be used is reported on stderr and
// the command still runs (without saving), rather than failing the learner's session.
import { openProgress, type ProgressStore } from '../progress/progress-store.js';

export function openStoreOrWarn(): ProgressStore | undefined {
  try {
    const { store, warnings } = openProgress({
      onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
    });
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    return store;
  } catch (err) {
    process.stderr.write(`warning: progress will not be saved: ${(err as Error).message}\n`);
    return undefined;
  }
}
