import { describe, expect, it } from 'vitest';
import { isColonLine, parseColon } from '../../../src/ui/sandbox/colon-commands.js';

describe('colon commands', () => {
  it('reads :save, :save! and a quoted file name', () => {
    expect(parseColon(':save my.yaml')).toEqual({
      ok: true,
      command: { kind: 'save', file: 'my.yaml', overwrite: false },
    });
    expect(parseColon(' :save!  "my file.yaml" ')).toEqual({
      ok: true,
      command: { kind: 'save', file: 'my file.yaml', overwrite: true },
    });
    expect(parseColon(':save')).toEqual({
      ok: false,
      message: expect.stringContaining('file name'),
    });
  });

  it('reads :rewind with a duration, :speed with a number, :help and :quit', () => {
    expect(parseColon(':rewind 5s')).toEqual({ ok: true, command: { kind: 'rewind', by: 5000 } });
    expect(parseColon(':rewind -250ms')).toEqual({
      ok: true,
      command: { kind: 'rewind', by: 250 },
    });
    expect(parseColon(':rewind soon')).toMatchObject({
      ok: false,
      message: expect.stringContaining('"soon"'),
    });
    expect(parseColon(':speed 10x')).toEqual({ ok: true, command: { kind: 'speed', speed: 10 } });
    expect(parseColon(':speed 1000')).toMatchObject({ ok: false });
    expect(parseColon(':help')).toEqual({ ok: true, command: { kind: 'help' } });
    expect(parseColon(':q')).toEqual({ ok: true, command: { kind: 'quit' } });
  });

  it('suggests the nearest name for a typo', () => {
    expect(parseColon(':sav x.yaml')).toEqual({
      ok: false,
      message: 'unknown command ":sav" (did you mean ":save"?)',
    });
  });

  it('tells colon lines from cluster commands', () => {
    expect(isColonLine('  :save x')).toBe(true);
    expect(isColonLine('write k :v')).toBe(false);
  });
});
