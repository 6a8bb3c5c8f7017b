import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { bindingsFor, isText, KEYMAP, resolveKey } from '../../../src/ui/keys/keymap.js';
import { changeSpeed, formatSpeed, MAX_SPEED, MIN_SPEED } from '../../../src/ui/player/speed.js';

const k = (special: Partial<Key>) => special;

describe('resolveKey (player)', () => {
  it.each([
    [' ', {}, 'toggle-pause', undefined],
    ['', k({ rightArrow: true }), 'step-forward', undefined],
    ['n', {}, 'step-forward', undefined],
    ['', k({ leftArrow: true }), 'step-back', undefined],
    ['p', {}, 'step-back', undefined],
    ['+', {}, 'speed', 1],
    ['-', {}, 'speed', -1],
    ['r', {}, 'restart', undefined],
    ['?', {}, 'help', undefined],
    ['q', {}, 'back', undefined],
    ['', k({ escape: true, meta: true }), 'back', undefined],
    ['h', {}, 'hint', undefined],
    ['d', {}, 'toggle-diagram', undefined],
    ['t', {}, 'toggle-status', undefined],
    ['', k({ return: true }), 'select', undefined],
  ] as const)('%j %j means %s', (input, key, action, arg) => {
    expect(resolveKey(input, key, 'player')).toEqual(
      arg === undefined ? { action } : { action, arg },
    );
  });

  it('ignores keys the player does not bind, and ctrl chords', () => {
    expect(resolveKey('x', {}, 'player')).toBeUndefined();
    expect(resolveKey('/', {}, 'player')).toBeUndefined();
    expect(resolveKey('r', { ctrl: true }, 'player')).toBeUndefined();
  });
});

describe('resolveKey (lists)', () => {
  it('moves with arrows and j/k in the menu and in choices', () => {
    for (const ctx of ['menu', 'choice'] as const) {
      expect(resolveKey('j', {}, ctx)).toEqual({ action: 'move', arg: 1 });
      expect(resolveKey('k', {}, ctx)).toEqual({ action: 'move', arg: -1 });
      expect(resolveKey('', { downArrow: true }, ctx)).toEqual({ action: 'move', arg: 1 });
      expect(resolveKey('', { upArrow: true }, ctx)).toEqual({ action: 'move', arg: -1 });
    }
  });

  it('picks choices 1-9 by number (0-based arg)', () => {
    expect(resolveKey('1', {}, 'choice')).toEqual({ action: 'pick', arg: 0 });
    expect(resolveKey('9', {}, 'choice')).toEqual({ action: 'pick', arg: 8 });
    expect(resolveKey('0', {}, 'choice')).toBeUndefined();
    expect(resolveKey('1', {}, 'menu')).toBeUndefined();
  });

  it('in the filter, Esc clears and letters are not actions', () => {
    expect(resolveKey('', { escape: true, meta: true }, 'filter')).toEqual({
      action: 'clear-filter',
    });
    expect(resolveKey('j', {}, 'filter')).toBeUndefined();
    expect(resolveKey('q', {}, 'filter')).toBeUndefined();
    expect(resolveKey('', { upArrow: true }, 'filter')).toEqual({ action: 'move', arg: -1 });
  });

  it('tells typed text from control keys', () => {
    expect(isText('a', {})).toBe(true);
    expect(isText('', { upArrow: true })).toBe(false);
    expect(isText('\r', {})).toBe(false);
    expect(isText('c', { ctrl: true })).toBe(false);
  });
});

describe('the keymap table', () => {
  it('binds no key twice within one context', () => {
    for (const ctx of ['player', 'menu', 'filter', 'choice'] as const) {
      const seen = new Set<string>();
      for (const b of bindingsFor(ctx)) {
        for (const m of b.keys) {
          const id = JSON.stringify({ ...m, arg: undefined });
          expect(seen.has(id), `${ctx}: ${id}`).toBe(false);
          seen.add(id);
        }
      }
    }
  });

  it('describes every binding', () => {
    for (const b of KEYMAP) {
      expect(b.display).not.toBe('');
      expect(b.description).not.toBe('');
    }
  });
});

describe('speed', () => {
  it('steps through the listed speeds and stays within 0.1× … 100×', () => {
    expect(changeSpeed(1, 1)).toBe(2);
    expect(changeSpeed(1, -1)).toBe(0.5);
    expect(changeSpeed(MAX_SPEED, 1)).toBe(100);
    expect(changeSpeed(MIN_SPEED, -1)).toBe(0.1);
    expect(changeSpeed(3, 1)).toBe(5);
    expect(changeSpeed(3, -1)).toBe(2);
    expect(formatSpeed(0.25)).toBe('0.25×');
  });
});
