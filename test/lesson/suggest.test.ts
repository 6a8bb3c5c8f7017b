import { describe, expect, it } from 'vitest';
import { nearest, typoDistance, unknownKeyMessage } from '../../src/lesson/format/suggest.js';

describe('did you mean', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(typoDistance('sya', 'say')).toBe(1);
    expect(typoDistance('raed', 'read')).toBe(1);
    expect(typoDistance('lagg', 'lag')).toBe(1);
    expect(typoDistance('abc', 'abc')).toBe(0);
  });

  it('suggests the single nearest name, ignoring case', () => {
    expect(nearest('primray', ['primary', 'replica-1'])).toBe('primary');
    expect(nearest('AddFollower', ['addFollower', 'wipe'])).toBe('addFollower');
  });

  it('suggests nothing on a tie or when nothing is close', () => {
    expect(nearest('replica-9', ['primary', 'replica-1', 'replica-2'])).toBeUndefined();
    expect(nearest('zzz', ['primary'])).toBeUndefined();
  });

  it('lists the allowed keys when no key is close', () => {
    expect(unknownKeyMessage('colour', ['id', 'role'])).toBe(
      'unknown key "colour" (allowed here: id, role)',
    );
  });
});
