import { describe, expect, it } from 'vitest';
import {
  readCommand,
  valueWord,
  writeCommand,
} from '../../src/lesson/commands/command-builders.js';
import type { CommandContext } from '../../src/lesson/commands/command-context.js';
import { parseCommand } from '../../src/lesson/commands/parse-command.js';

const ctx: CommandContext = {
  nodes: ['primary', 'replica-1'],
  clients: ['you'],
  keys: [],
  backups: [],
};

describe('reads and writes built without parsing', () => {
  it('are what the parser makes of their text', () => {
    const cases = [
      writeCommand({ client: 'curl', key: 'tweet', value: 'hello', via: 'primary' }),
      writeCommand({ client: 'curl', key: 'my key', value: 'two words', via: 'replica-1' }),
      writeCommand({ client: 'node', key: 'n', value: 42 }),
      writeCommand({ client: 'node', key: 'n', value: '42' }),
      writeCommand({ client: 'node', key: 'n', value: 'true' }),
      writeCommand({ client: 'node', key: 'n', value: null }),
      writeCommand({ client: 'node', key: 'q', value: 'say "hi" | bye' }),
      writeCommand({ client: 'node', key: 't', value: 'NOW()' }),
      readCommand({ client: 'curl', key: 'tweet', from: 'replica-1' }),
      readCommand({ client: 'curl', key: 'a "quoted" key', from: 'primary' }),
    ];
    for (const built of cases) {
      const parsed = parseCommand(built.text, ctx);
      expect(parsed.ok, built.text).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.command.raw, built.text).toEqual(built.raw);
      expect(parsed.command.step, built.text).toEqual(built.step);
      expect(parsed.command.name).toBe(built.name);
    }
  });

  it('quotes values that would read back as something else', () => {
    expect(valueWord('hello')).toBe('hello');
    expect(valueWord('42')).toBe('"42"');
    expect(valueWord(42)).toBe('42');
    expect(valueWord('null')).toBe('"null"');
    expect(valueWord('')).toBe('""');
  });
});
