import { describe, expect, it } from 'vitest';
import {
  initialPlayer,
  LAPSE_NOTICE_MS,
  type PlayerAction,
  reducePlayer,
  scrollOffset,
} from '../../../src/ui/player/player-state.js';

const run = (...actions: PlayerAction[]) => actions.reduce(reducePlayer, initialPlayer());

describe('player reducer', () => {
  it('starts playing at 1× with nothing open', () => {
    expect(initialPlayer()).toMatchObject({
      speed: 1,
      paused: false,
      help: false,
      diagram: false,
      confirmRestart: false,
    });
    expect(initialPlayer({ paused: true }).paused).toBe(true);
  });

  it('pauses and plays', () => {
    expect(run({ type: 'toggle-pause' }).paused).toBe(true);
    expect(run({ type: 'toggle-pause' }, { type: 'toggle-pause' }).paused).toBe(false);
    expect(run({ type: 'pause' }, { type: 'pause' }).paused).toBe(true);
    expect(run({ type: 'pause' }, { type: 'play' }).paused).toBe(false);
  });

  it('changes speed in steps and stays within 0.1× … 100×', () => {
    expect(run({ type: 'speed', direction: 1 }).speed).toBe(2);
    expect(run({ type: 'speed', direction: -1 }).speed).toBe(0.5);
    const fast = Array.from({ length: 20 }, (): PlayerAction => ({ type: 'speed', direction: 1 }));
    expect(run(...fast).speed).toBe(100);
    const slow = Array.from({ length: 20 }, (): PlayerAction => ({ type: 'speed', direction: -1 }));
    expect(run(...slow).speed).toBe(0.1);
  });

  it('toggles help and the diagram; asking to restart closes help', () => {
    expect(run({ type: 'toggle-help' }).help).toBe(true);
    expect(run({ type: 'toggle-diagram' }, { type: 'toggle-diagram' }).diagram).toBe(false);
    // The status table and the diagram take the same place: one replaces the other.
    expect(run({ type: 'toggle-status' })).toMatchObject({ status: true, diagram: false });
    expect(run({ type: 'toggle-diagram' }, { type: 'toggle-status' })).toMatchObject({
      status: true,
      diagram: false,
    });
    expect(run({ type: 'toggle-status' }, { type: 'toggle-diagram' })).toMatchObject({
      status: false,
      diagram: true,
    });
    const asked = run({ type: 'toggle-help' }, { type: 'ask-restart' });
    expect(asked).toMatchObject({ confirmRestart: true, help: false });
    expect(reducePlayer(asked, { type: 'cancel-restart' }).confirmRestart).toBe(false);
    expect(reducePlayer(asked, { type: 'restarted' }).confirmRestart).toBe(false);
  });

  it('scrolls within bounds, and forgets the offset when the narration changes', () => {
    const s = run(
      { type: 'scroll', key: 'a', delta: 1, max: 3 },
      { type: 'scroll', key: 'a', delta: 5, max: 3 },
    );
    expect(scrollOffset(s, 'a')).toBe(3);
    expect(
      scrollOffset(reducePlayer(s, { type: 'scroll', key: 'a', delta: -9, max: 3 }), 'a'),
    ).toBe(0);
    expect(scrollOffset(s, 'b')).toBe(0);
    expect(scrollOffset(reducePlayer(s, { type: 'scroll', key: 'b', delta: 1, max: 3 }), 'b')).toBe(
      1,
    );
  });

  it('shows a time-lapse notice for a while, then drops it', () => {
    const s = run({ type: 'lapse', skipped: 60_000, wallNow: 1_000 });
    expect(s.lapse?.skipped).toBe(60_000);
    expect(reducePlayer(s, { type: 'clock', wallNow: 1_000 + LAPSE_NOTICE_MS - 1 })).toBe(s);
    expect(
      reducePlayer(s, { type: 'clock', wallNow: 1_000 + LAPSE_NOTICE_MS }).lapse,
    ).toBeUndefined();
  });

  it('returns the same state for a message already shown (no re-render)', () => {
    const s = run({ type: 'message', text: 'hi' });
    expect(reducePlayer(s, { type: 'message', text: 'hi' })).toBe(s);
    expect(reducePlayer(s, { type: 'toggle-pause' }).message).toBeUndefined();
  });
});
