// The wall-clock ticker of the player: while playing, every frame hands the wall time that
// passed to the driver, which advances the lesson. The timer lives in this effect, so it
// stops when the player unmounts or pauses (a timer left running would keep the process alive); the simulator has none.
import { useEffect } from 'react';
import type { LessonDriver } from './lesson-driver.js';
import type { PlayerAction } from './player-state.js';

/** One frame every 50 ms: Ink draws at most 30 per second anyway. */
export const FRAME_MS = 50;

export interface PlaybackOptions {
  driver: LessonDriver;
  playing: boolean;
  speed: number;
  /** Called after a frame changed the lesson. */
  refresh: () => void;
  dispatch: (action: PlayerAction) => void;
  /** Wall clock in ms (tests pass their own). */
  clock?: () => number;
  frameMs?: number;
  /** An engine error during a frame (playback stops). */
  onError?: (error: unknown) => void;
}

export function usePlayback({
  driver,
  playing,
  speed,
  refresh,
  dispatch,
  clock = () => performance.now(),
  frameMs = FRAME_MS,
  onError,
}: PlaybackOptions): void {
  useEffect(() => {
    if (!playing) return;
    let last = clock();
    const timer = setInterval(() => {
      const now = clock();
      let result: ReturnType<LessonDriver['tick']>;
      try {
        result = driver.tick(now - last, speed);
      } catch (err) {
        clearInterval(timer);
        onError?.(err);
        return;
      }
      last = now;
      dispatch({ type: 'clock', wallNow: now });
      if (result.lapsed !== undefined)
        dispatch({ type: 'lapse', skipped: result.lapsed, wallNow: now });
      if (result.changed) refresh();
    }, frameMs);
    return () => clearInterval(timer);
  }, [driver, playing, speed, refresh, dispatch, clock, frameMs, onError]);
}
