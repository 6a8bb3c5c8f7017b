// The saved progress as an object for the UI and the lesson runner: reads once on open,
// saves at once on every change. Transitions live in progress-state.ts, disk work in
// progress-file.ts, the lock that serialises saves across processes in progress-lock.ts;
// this file only joins them.
import { randomInt } from 'node:crypto';
import { progressDir, progressFilePath } from './data-dir.js';
import { ProgressError } from './progress-error.js';
import {
  type LoadedProgress,
  loadProgressFile,
  parseProgress,
  readTextIfExists,
  removeStaleTemps,
  serializeProgress,
  writeFileAtomic,
} from './progress-file.js';
import { type LockOptions, processAlive, withFileLock } from './progress-lock.js';
import type {
  ChallengeProgress,
  LessonProgress,
  ProgressData,
  QuizCard,
  QuizDrill,
  QuizProgress,
} from './progress-schema.js';
import * as state from './progress-state.js';

export interface OpenProgressOptions {
  /** Directory for progress.json; wins over REPLICATION_TUTOR_HOME and the platform rule. */
  home?: string;
  /** The clock for `updatedAt` and friends (tests pin it). */
  now?: () => Date;
  /** Called for a warning found after opening, e.g. a file another process left corrupt. */
  onWarning?: (message: string) => void;
  /**
   * For a learner's session: a save that fails (an unwritable home) calls this once with a
   * one-line reason, and the store goes on in memory without touching the disk again, so the
   * session goes on too. Without it a failed save throws ProgressError (e.g. `progress --reset`).
   */
  onSaveFailed?: (message: string) => void;
  /** How long a save waits for another process's lock (tests shorten it). */
  lock?: LockOptions;
  /** Makes a learner seed for a file that has none (tests pin it). */
  newLearnerSeed?: () => number;
}

/** A fresh learner seed: which order of choices this learner sees. */
export function randomLearnerSeed(): number {
  return randomInt(0, 2 ** 31);
}

export interface OpenedProgress {
  store: ProgressStore;
  /** Problems found while opening (a file moved aside), each naming both paths. */
  warnings: string[];
}

/**
 * Opens the progress store. A missing file is an empty store (nothing is written until the
 * first change); a corrupt or unreadable-version file is moved aside and reported in
 * `warnings`. Throws ProgressError if the file cannot be read or moved.
 */
export function openProgress(opts: OpenProgressOptions = {}): OpenedProgress {
  const dir = opts.home ?? progressDir();
  const clock = opts.now ?? (() => new Date());
  const loaded = readOnOpen(progressFilePath(dir), opts.lock);
  const data = loaded.data ?? state.emptyProgress(clock().toISOString());
  const store = new ProgressStore({
    dir,
    data,
    warnings: loaded.warnings,
    clock,
    onWarning: opts.onWarning,
    newLearnerSeed: opts.newLearnerSeed,
    onSaveFailed: opts.onSaveFailed,
    lock: opts.lock,
  });
  return { store, warnings: loaded.warnings };
}

/**
 * A good file is read without the lock (a save replaces the file by a rename, so a reader
 * never sees half of one). A bad one is moved aside under the lock, after reading it again:
 * another process may have just replaced it with a good one.
 */
function readOnOpen(file: string, lock: LockOptions | undefined): LoadedProgress {
  const text = readTextIfExists(file);
  if (text === null) return { data: null, text: null, warnings: [] };
  const parsed = parseProgress(text);
  if (parsed.kind === 'ok') return { data: parsed.data, text, warnings: [] };
  try {
    return withFileLock(file, () => loadProgressFile(file), lock);
  } catch (err) {
    // No lock to be had (an unwritable directory): moving aside says why it cannot either.
    if (!(err instanceof ProgressError)) throw err;
    return loadProgressFile(file);
  }
}

export class ProgressStore {
  readonly path: string;
  /** Where a full reset copies the file first, so it can be undone by hand. */
  readonly backupPath: string;
  readonly dir: string;
  #data: ProgressData;
  #warnings: string[];
  readonly #clock: () => Date;
  readonly #onWarning: ((message: string) => void) | undefined;
  readonly #newLearnerSeed: () => number;
  /** Made for a file without one; saved with the next change. */
  #unsavedSeed: number | undefined;
  readonly #onSaveFailed: ((message: string) => void) | undefined;
  readonly #lock: LockOptions | undefined;
  #unsaved: string | undefined;

  /** Use openProgress, which reads the file first. */
  constructor(init: {
    dir: string;
    data: ProgressData;
    /** Found while reading `data`; kept in `warnings`, not reported again. */
    warnings?: readonly string[];
    clock: () => Date;
    onWarning?: ((message: string) => void) | undefined;
    newLearnerSeed?: (() => number) | undefined;
    onSaveFailed?: ((message: string) => void) | undefined;
    lock?: LockOptions | undefined;
  }) {
    this.dir = init.dir;
    this.path = progressFilePath(init.dir);
    this.backupPath = `${this.path}.bak`;
    this.#data = init.data;
    this.#warnings = [...(init.warnings ?? [])];
    this.#clock = init.clock;
    this.#onWarning = init.onWarning;
    this.#onSaveFailed = init.onSaveFailed;
    this.#lock = init.lock;
    this.#newLearnerSeed = init.newLearnerSeed ?? randomLearnerSeed;
  }

  /**
   * Seeds the order of each question's choices for this learner, so they see the same order
   * again. Made once; saved with the first change (a file that had none gets it then).
   */
  learnerSeed(): number {
    const saved = this.#data.learnerSeed;
    if (saved !== undefined) return saved;
    this.#unsavedSeed ??= this.#newLearnerSeed();
    return this.#unsavedSeed;
  }

  /** False once a save failed in a store opened with `onSaveFailed`: changes stay in memory. */
  get saving(): boolean {
    return this.#unsaved === undefined;
  }

  /** Why saving stopped, when it did. */
  get unsavedReason(): string | undefined {
    return this.#unsaved;
  }

  /** Every warning so far, those from opening included. */
  get warnings(): readonly string[] {
    return this.#warnings;
  }

  /** The whole store as saved (version, updatedAt, lessons). */
  data(): ProgressData {
    return this.#data;
  }

  /** Lessons with saved progress, sorted by id. */
  lessons(): [string, LessonProgress][] {
    return state.lessonEntries(this.#data);
  }

  /** A lesson's progress; a lesson with nothing saved reads as status `new`. */
  lesson(id: string): LessonProgress {
    return state.lessonProgress(this.#data, id);
  }

  hasLesson(id: string): boolean {
    return state.hasLesson(this.#data, id);
  }

  /** New or done: a fresh attempt. In progress: resumed, answers kept for replay. */
  startLesson(id: string, opts: { max: number }): LessonProgress {
    return this.#change(id, state.startLesson(this.#data, id, opts, this.#now()));
  }

  /** Start again from step 0: answers and score cleared, status in-progress, best kept. */
  restartLesson(id: string, opts: { max?: number } = {}): LessonProgress {
    return this.#change(id, state.restartLesson(this.#data, id, opts, this.#now()));
  }

  /** The learner reached a step that takes no answer. */
  recordStep(id: string, stepIndex: number, stepLabel: string): LessonProgress {
    const step = { index: stepIndex, label: stepLabel };
    return this.#change(id, state.recordStep(this.#data, id, step, this.#now()));
  }

  recordAnswer(
    id: string,
    stepLabel: string,
    stepIndex: number,
    answer: string,
    opts: { scoreDelta?: number } = {},
  ): LessonProgress {
    const input = { stepLabel, stepIndex, answer, scoreDelta: opts.scoreDelta ?? 0 };
    return this.#change(id, state.recordAnswer(this.#data, id, input, this.#now()));
  }

  /** Status done with this score; the best score is kept if it was better. */
  finishLesson(id: string, score: number, max: number): LessonProgress {
    return this.#change(id, state.finishLesson(this.#data, id, { score, max }, this.#now()));
  }

  updateLesson(id: string, fn: (lesson: LessonProgress) => LessonProgress): LessonProgress {
    return this.#change(id, state.updateLesson(this.#data, id, fn, this.#now()));
  }

  /** Forgets one lesson. False (and nothing written) if it had no saved progress. */
  resetLesson(id: string): boolean {
    if (!this.hasLesson(id)) return false;
    this.#change(id, state.resetLesson(this.#data, id, this.#now()));
    return true;
  }

  /**
   * Forgets every lesson. If the file held any progress it is first copied to
   * `backupPath` (returned), replacing an older backup; an empty file is not backed up, so
   * resetting twice does not overwrite a useful backup with an empty one.
   */
  resetAll(): { backupPath: string | null } {
    return this.#locked(() => {
      const disk = this.#readDisk();
      let backupPath: string | null = null;
      if (disk.data !== null && disk.text !== null && Object.keys(disk.data.lessons).length > 0) {
        writeFileAtomic(this.backupPath, disk.text);
        backupPath = this.backupPath;
      }
      // The quiz section as on disk: resetting lessons never touches it.
      this.#save(state.resetAll(disk.data ?? this.#data, this.#now()));
      return { backupPath };
    });
  }

  /**
   * Moves lesson `from`'s record to `to` (a record saved under a lesson's bare id before
   * lessons from files were saved under their own key); false if there is nothing to move or
   * `to` already has a record.
   */
  renameLesson(from: string, to: string): boolean {
    if (!this.hasLesson(from) || this.hasLesson(to)) return false;
    const now = this.#now();
    const moved = state.updateLesson(this.#data, to, () => this.lesson(from), now);
    this.#change([from, to], state.resetLesson(moved, from, now));
    return true;
  }

  /** The quiz section: a card per question drilled, and past drills. */
  quiz(): QuizProgress {
    return this.#data.quiz;
  }

  /** Saves one question's card; other cards (another terminal's too) are kept. */
  setQuizCard(id: string, card: QuizCard): void {
    this.#changeData((data, now) => state.setQuizCard(data, id, card, now));
  }

  /** Records a finished drill. */
  addQuizDrill(drill: QuizDrill): void {
    this.#changeData((data, now) => state.addQuizDrill(data, drill, now));
  }

  /** Code challenges passed, by id. */
  challenges(): Readonly<Record<string, ChallengeProgress>> {
    return this.#data.challenges ?? {};
  }

  /** Records a passing run of a code challenge. */
  recordChallengePass(id: string, seeds: number): void {
    this.#changeData((data, now) => state.passChallenge(data, id, seeds, now));
  }

  /**
   * Applies a quiz or challenge change to the file as it is on disk now (read holding the lock), so
   * whatever another process saved meanwhile (lessons, other cards) is kept; then memory
   * follows the file.
   */
  #changeData(fn: (data: ProgressData, now: string) => ProgressData): void {
    const now = this.#now();
    if (!this.saving) {
      this.#data = fn(this.#data, now);
      return;
    }
    this.#guarded(
      () =>
        this.#locked(() => {
          const base = this.#readDisk().data ?? this.#data;
          this.#save(fn(base, now));
        }),
      fn(this.#data, now),
    );
  }

  /**
   * Saves a change to lesson `id` (or to several). Holding the lock, the file is re-read so
   * that lessons another process saved meanwhile (a second terminal) are kept; only these
   * lessons are replaced. A change from another process to this same lesson is overwritten:
   * last writer wins. Memory changes only once the file is written, so a failed save changes
   * nothing.
   */
  #change(id: string | readonly string[], next: ProgressData): LessonProgress {
    const ids = typeof id === 'string' ? [id] : id;
    const shown = ids[ids.length - 1] ?? '';
    if (!this.saving) {
      this.#data = next;
      return this.lesson(shown);
    }
    this.#guarded(
      () =>
        this.#locked(() => {
          // No usable file (deleted, or moved aside just now): our copy is the best there is.
          const base = this.#readDisk().data ?? next;
          this.#save(state.mergeTouched(base, next, ids));
        }),
      next,
    );
    return this.lesson(shown);
  }

  /** Runs a read-merge-write holding the file's lock; clears temp files left by kills. */
  #locked<T>(fn: () => T): T {
    return withFileLock(
      this.path,
      () => {
        removeStaleTemps(this.path, processAlive);
        return fn();
      },
      this.#lock,
    );
  }

  /**
   * Runs a save. With `onSaveFailed`, a ProgressError stops saving for good (said once) and
   * `inMemory` becomes the data; without it, the error is thrown and memory is unchanged.
   */
  #guarded(save: () => void, inMemory: ProgressData): void {
    try {
      save();
    } catch (err) {
      if (!(err instanceof ProgressError) || this.#onSaveFailed === undefined) throw err;
      this.#unsaved = err.message;
      this.#data = inMemory;
      this.#onSaveFailed(err.message);
    }
  }

  #now(): string {
    return this.#clock().toISOString();
  }

  #readDisk(): ReturnType<typeof loadProgressFile> {
    const disk = loadProgressFile(this.path);
    for (const w of disk.warnings) {
      this.#warnings.push(w);
      this.#onWarning?.(w);
    }
    return disk;
  }

  #save(next: ProgressData): void {
    const data = { ...next, learnerSeed: next.learnerSeed ?? this.learnerSeed() };
    writeFileAtomic(this.path, serializeProgress(data));
    this.#data = data;
  }
}
