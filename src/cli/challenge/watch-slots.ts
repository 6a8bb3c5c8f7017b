// The shared memory through which the main thread watches a grading worker: the worker
// counts calls into the learner's code in and out, and notes the seed and the case it is
// on; the main thread sees a call that does not come back and stops the worker.
import type { CallWatch } from '../../challenge/policy-types.js';

export const SLOT = {
  /** Calls into the learner's code begun, and finished. */
  entered: 0,
  left: 1,
  /** The seed being played, and how many cases have started (shrinking replays a seed). */
  seed: 2,
  cases: 3,
  /** 1 while the learner's module is being loaded. */
  loading: 4,
  /** 1 while shrinking. */
  shrinking: 5,
} as const;

export const SLOT_COUNT = 6;

export function newSlots(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(SLOT_COUNT * Int32Array.BYTES_PER_ELEMENT));
}

export function slotWatch(slots: Int32Array): CallWatch {
  return {
    enter: () => {
      Atomics.add(slots, SLOT.entered, 1);
    },
    leave: () => {
      Atomics.add(slots, SLOT.left, 1);
    },
  };
}
