// The recovery commands: a point-in-time restore (until, replay), a delayed replica promoted
// to a moment, and the WAL archive switched on, each the step a lesson file would hold.
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/lesson/commands/command-context.js';
import { parseCommand } from '../../src/lesson/commands/parse-command.js';

const ctx: CommandContext = {
  nodes: ['db1', 'db2', 'db3'],
  clients: ['you'],
  keys: ['rooms'],
  backups: ['base'],
};

function parsed(line: string) {
  const r = parseCommand(line, ctx);
  if (!r.ok) throw new Error(r.error.message);
  return r.command;
}

function error(line: string): string {
  const r = parseCommand(line, ctx);
  if (r.ok) throw new Error(`expected an error for ${line}`);
  return r.error.message;
}

describe('recovery commands', () => {
  it('restore until a time or latest, with a replay rate', () => {
    const c = parsed('restore db1 from base until 1040m at 600GB/h replay 200GB/h');
    expect(c.raw).toEqual({
      restore: {
        node: 'db1',
        from: 'base',
        rate: '600GB/h',
        until: '1040m',
        replayRate: '200GB/h',
      },
    });
    expect(c.step).toMatchObject({ kind: 'restore', until: 1040 * 60_000 });
    expect(parsed('restore db1 until latest').raw).toEqual({
      restore: { node: 'db1', from: 'latest-backup', rate: '100MB/s', until: 'latest' },
    });
    expect(parsed('restore db1').raw).toEqual({
      restore: { node: 'db1', from: 'latest-backup', rate: '100MB/s' },
    });
    expect(error('restore db1 until soon')).toMatch(/duration|latest/);
    expect(error('restore db1 replay 200GB/h')).toMatch(/replay <rate> needs until/);
  });

  it('promote a delayed replica until a time', () => {
    expect(parsed('promote db3 until 9h').raw).toEqual({ promote: { node: 'db3', until: '9h' } });
    expect(parsed('promote db3 until 9h').step).toMatchObject({
      kind: 'promote',
      node: 'db3',
      until: 9 * 3_600_000,
    });
    expect(parsed('promote db3').raw).toEqual({ promote: 'db3' });
  });

  it('set archive every 1m (or set archive 1m)', () => {
    expect(parsed('set archive every 1m').raw).toEqual({ set: { archive: { every: '1m' } } });
    expect(parsed('set archive 30s').step).toMatchObject({
      kind: 'set',
      clusterParams: { archive: { every: 30_000 } },
    });
    expect(error('set archive every')).toMatch(/expected an interval/);
  });
});
