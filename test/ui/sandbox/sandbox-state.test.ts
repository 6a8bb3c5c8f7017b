import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../src/lesson/commands/grammar.js';
import { resolveSandboxKey, SANDBOX_KEYS } from '../../../src/ui/sandbox/sandbox-keys.js';
import {
  initialSandboxUi,
  reduceSandboxUi,
  type SandboxUiAction,
} from '../../../src/ui/sandbox/sandbox-state.js';

const run = (...actions: SandboxUiAction[]) => actions.reduce(reduceSandboxUi, initialSandboxUi());

describe('sandbox state', () => {
  it('starts typing, playing at 1×', () => {
    expect(initialSandboxUi()).toMatchObject({ focus: 'type', paused: false, speed: 1 });
  });

  it('changes speed within the player’s steps, and pauses', () => {
    expect(run({ type: 'speed', direction: 1 }, { type: 'speed', direction: 1 }).speed).toBe(5);
    expect(run({ type: 'set-speed', speed: 25 }).speed).toBe(25);
    expect(run({ type: 'toggle-pause' }).paused).toBe(true);
    expect(run({ type: 'pause' }, { type: 'pause' }).paused).toBe(true);
  });

  it('scrolls the help within its bounds and forgets the offset when closed', () => {
    let s = run({ type: 'toggle-help' }, { type: 'help-scroll', delta: 50, max: 12 });
    expect(s.help).toEqual({ offset: 12 });
    s = reduceSandboxUi(s, { type: 'help-scroll', delta: -100, max: 12 });
    expect(s.help).toEqual({ offset: 0 });
    expect(reduceSandboxUi(s, { type: 'toggle-help' }).help).toBeUndefined();
  });

  it('asking to leave closes the help; any answer but y cancels', () => {
    const s = run({ type: 'toggle-help' }, { type: 'ask-leave' });
    expect(s).toMatchObject({ confirmLeave: true, help: undefined });
    expect(reduceSandboxUi(s, { type: 'cancel-leave' }).confirmLeave).toBe(false);
  });
});

describe('sandbox keys', () => {
  it('gives every single key one meaning', () => {
    const seen = new Map<string, string>();
    for (const b of SANDBOX_KEYS) {
      for (const k of b.keys) {
        const id = 'input' in k ? k.input : 'special' in k ? k.special : 'digits';
        expect(seen.get(id), `${id} bound twice`).toBeUndefined();
        seen.set(id, b.display);
      }
    }
  });

  it('fills in commands the grammar knows', () => {
    for (const b of SANDBOX_KEYS.filter((x) => x.action === 'command')) {
      expect(COMMAND_NAMES).toContain(b.command?.trim());
    }
    expect(resolveSandboxKey('c', {})?.binding.command).toBe('crash ');
    expect(resolveSandboxKey('R', { shift: true })?.binding.command).toBe('restart ');
    expect(resolveSandboxKey('', { rightArrow: true })?.binding.action).toBe('step-forward');
    expect(resolveSandboxKey('z', {})).toBeUndefined();
  });
});
