import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/lesson/commands/command-context.js';
import { complete } from '../../src/lesson/commands/complete.js';
import { parseCommand } from '../../src/lesson/commands/parse-command.js';

const ctx: CommandContext = {
  nodes: ['primary', 'replica-1', 'replica-2'],
  clients: ['you', 'bob'],
  keys: ['tweet', 'tweet-2', 'profile'],
  backups: ['nightly'],
};

function raw(line: string, c: CommandContext = ctx) {
  const r = parseCommand(line, c);
  if (!r.ok) throw new Error(r.error.message);
  return r.command.raw;
}

function error(line: string, c: CommandContext = ctx) {
  const r = parseCommand(line, c);
  if (r.ok) throw new Error(`expected an error for ${line}`);
  return r.error.message;
}

describe('sandbox commands → lesson steps', () => {
  it('writes, with a value of one or more words, via a node and as a client', () => {
    expect(raw('write tweet hello')).toEqual({ write: { key: 'tweet', value: 'hello' } });
    expect(raw('write tweet hello world')).toEqual({
      write: { key: 'tweet', value: 'hello world' },
    });
    expect(raw('write tweet "hello  world" via replica-1 as bob')).toEqual({
      write: { key: 'tweet', value: 'hello  world', via: 'replica-1', client: 'bob' },
    });
    expect(raw('write count 5')).toEqual({ write: { key: 'count', value: 5 } });
    expect(raw('write count "5"')).toEqual({ write: { key: 'count', value: '5' } });
    expect(raw('write flag true size 2KB')).toEqual({
      write: { key: 'flag', value: true, size: '2KB' },
    });
    // A key may be a keyword: the required word comes first.
    expect(raw('write from x')).toEqual({ write: { key: 'from', value: 'x' } });
  });

  it('writes statement shapes: auto-increment inserts, UPDATE/DELETE … LIMIT 1, SQL functions', () => {
    expect(raw('write jobs open auto-id')).toEqual({
      write: { key: 'jobs', value: 'open', autoId: true },
    });
    expect(raw('write jobs ana limit 1 where open')).toEqual({
      write: { key: 'jobs', value: 'ana', limit: 1, where: 'open' },
    });
    expect(raw('write jobs null limit 1')).toEqual({
      write: { key: 'jobs', value: null, limit: 1 },
    });
    expect(raw('write created NOW()')).toEqual({ write: { key: 'created', value: 'NOW()' } });
    const parsed = parseCommand('write seen SYSDATE()', ctx);
    expect(
      parsed.ok && parsed.command.step.kind === 'write' && parsed.command.step.functions,
    ).toEqual(['SYSDATE']);
    expect(error('write jobs ana limit 5')).toBe('expected limit 1, found "5"');
    expect(error('write jobs ana where open')).toContain('where needs limit 1');
  });

  it('reads from a node, or by the client policy', () => {
    expect(raw('read tweet from replica-2')).toEqual({
      read: { key: 'tweet', from: 'replica-2' },
    });
    expect(raw('read tweet')).toEqual({ read: { key: 'tweet' } });
    expect(raw('read tweet from route as bob')).toEqual({
      read: { key: 'tweet', from: 'route', client: 'bob' },
    });
  });

  it('turns faults into their step kinds', () => {
    expect(raw('crash replica-1')).toEqual({ crash: 'replica-1' });
    expect(raw('restart replica-1')).toEqual({ restart: 'replica-1' });
    expect(raw('promote replica-1')).toEqual({ promote: 'replica-1' });
    expect(raw('wipe replica-2')).toEqual({ wipe: 'replica-2' });
    expect(raw('pause primary 12s')).toEqual({ pause: { node: 'primary', for: '12s' } });
    expect(raw('pause primary for 12s')).toEqual({ pause: { node: 'primary', for: '12s' } });
    expect(raw('partition primary | replica-1 replica-2')).toEqual({
      partition: [['primary'], ['replica-1', 'replica-2']],
    });
    expect(raw('partition primary|replica-1')).toEqual({
      partition: [['primary'], ['replica-1']],
    });
    expect(raw('partition primary bob | replica-1')).toEqual({
      partition: [['primary', 'bob'], ['replica-1']],
    });
    expect(raw('heal')).toEqual({ heal: true });
    expect(raw('wait 3s')).toEqual({ wait: '3s' });
  });

  it('sets node and cluster settings by their lesson names or kebab-case', () => {
    expect(raw('set replica-1 lag 5s')).toEqual({ set: { node: 'replica-1', lag: '5s' } });
    expect(raw('set replica-1 lag 1s..3s replay 500ms')).toEqual({
      set: { node: 'replica-1', lag: { min: '1s', max: '3s' }, replay: '500ms' },
    });
    expect(raw('set replica-2 upstream replica-1')).toEqual({
      set: { node: 'replica-2', upstream: 'replica-1' },
    });
    expect(raw('set replica-2 upstream leader')).toEqual({
      set: { node: 'replica-2', upstream: null },
    });
    expect(raw('set replica-1 clock-skew -2s')).toEqual({
      set: { node: 'replica-1', clockSkew: '-2s' },
    });
    expect(raw('set mode sync')).toEqual({ set: { mode: 'sync' } });
    expect(raw('set mode semi-sync min-acks 1 fencing on')).toEqual({
      set: { mode: 'semi-sync', minAcks: 1, fencing: true },
    });
    expect(raw('set ackTimeout 10s')).toEqual({ set: { ackTimeout: '10s' } });
    expect(raw('set replica-2 version 17')).toEqual({ set: { node: 'replica-2', version: 17 } });
    expect(raw('set log statement-pinned')).toEqual({ set: { log: 'statement-pinned' } });
    expect(error('set log rows')).toBe(
      'expected one of row, statement, statement-pinned, wal, found "rows" (did you mean "row"?)',
    );
  });

  it('drops a replication slot, turns slots on and sizes a disk', () => {
    expect(raw('drop-slot replica-2')).toEqual({ dropSlot: 'replica-2' });
    expect(raw('set slots on')).toEqual({ set: { slots: true } });
    expect(raw('set primary disk 500GB')).toEqual({ set: { node: 'primary', disk: '500GB' } });
    const d = parseCommand('drop-slot replica-2', ctx);
    expect(d.ok && d.command.step).toMatchObject({ kind: 'dropSlot', node: 'replica-2' });
    const s = parseCommand('set primary disk 500GB', ctx);
    expect(s.ok && s.command.step).toMatchObject({
      kind: 'set',
      node: 'primary',
      nodeParams: { disk: 500 * 1024 ** 3 },
    });
    expect(error('drop-slot replica-9')).toMatch(/replica-9/);
    expect(error('set slots maybe')).toMatch(/true or false/);
  });

  it('takes backups, restores them and adds followers', () => {
    expect(raw('backup primary')).toEqual({ backup: { from: 'primary', id: 'backup-1' } });
    expect(raw('backup primary', { ...ctx, backups: ['backup-1'] })).toEqual({
      backup: { from: 'primary', id: 'backup-2' },
    });
    expect(raw('backup primary as weekly at 50MB/s fails')).toEqual({
      backup: { from: 'primary', id: 'weekly', fails: true, rate: '50MB/s' },
    });
    expect(raw('restore primary from nightly at 600GB/h')).toEqual({
      restore: { node: 'primary', from: 'nightly', rate: '600GB/h' },
    });
    expect(raw('restore primary')).toEqual({
      restore: { node: 'primary', from: 'latest-backup', rate: '100MB/s' },
    });
    expect(raw('add-follower replica-3')).toEqual({
      addFollower: { id: 'replica-3', rate: '100MB/s' },
    });
    expect(raw('add-follower replica-3 from replica-1 at 1GB/s lag 2s')).toEqual({
      addFollower: { id: 'replica-3', from: 'replica-1', rate: '1GB/s', lag: '2s' },
    });
    expect(raw('workload 50 clients 60s writes 0.2')).toEqual({
      workload: { clients: 50, duration: '60s', writes: 0.2 },
    });
    expect(raw('workload 10 30s policy sticky rate 500/s keys 100')).toEqual({
      workload: {
        clients: 10,
        duration: '30s',
        writes: 0.2,
        policy: 'sticky',
        rate: '500/s',
        keys: 100,
      },
    });
  });

  it('gives the engine the same step a lesson file would', () => {
    const r = parseCommand('pause primary 12s', ctx);
    expect(r.ok && r.command.step).toMatchObject({
      kind: 'pause',
      node: 'primary',
      duration: 12_000,
    });
    const s = parseCommand('set replica-1 lag 1s..3s', ctx);
    expect(s.ok && s.command.step).toMatchObject({
      kind: 'set',
      node: 'replica-1',
      nodeParams: { lag: { min: 1000, max: 3000 } },
    });
    const w = parseCommand('write tweet "a b"', ctx);
    expect(w.ok && w.command.text).toBe('write tweet "a b"');
  });

  it('says what was expected, with did-you-mean', () => {
    expect(error('crash replca-1')).toBe('unknown node "replca-1" (did you mean "replica-1"?)');
    expect(error('crsh replica-1')).toBe('unknown command "crsh" (did you mean "crash"?)');
    expect(error('frobnicate')).toMatch(/^unknown command "frobnicate" \(commands: write, read/);
    expect(error('crash')).toBe('crash: expected a node (usage: crash <node>)');
    expect(error('crash primary replica-1')).toBe(
      'crash: unexpected "replica-1" (usage: crash <node>)',
    );
    expect(error('read tweet form replica-1')).toBe(
      'read: unexpected "form" (did you mean "from"?) (usage: read <key> [from <node>|route] [as <client>])',
    );
    expect(error('pause primary 12')).toBe(
      'expected a duration like 250ms, 2s, 1m or 6h, found "12"',
    );
    expect(error('write tweet')).toMatch(/^write: expected a value/);
    expect(error('set replica-1 lagg 5s')).toBe(
      'unknown setting "lagg" for replica-1 (did you mean "lag"?); settings: lag, replay, throughput, clock-skew, upstream, version, disk',
    );
    expect(error('set replica-1 mode sync')).toBe(
      '"mode" is a cluster setting; leave out the node: set mode <value>',
    );
    expect(error('set lag 5s')).toBe(
      '"lag" is a node setting; say which node: set <node> lag <value>',
    );
    expect(error('set mode fast')).toBe('expected one of async, sync, semi-sync, found "fast"');
    expect(error('partition primary | | replica-1')).toBe(
      'partition: a group is empty (usage: partition <nodes> | <nodes> [| <nodes>…])',
    );
    expect(error('partition primary | primary')).toBe('"primary" is named in two groups');
    expect(error('restore primary from nightlyy')).toBe(
      'unknown backup "nightlyy" (did you mean "nightly"? backups: nightly)',
    );
    expect(error('restore primary', { ...ctx, backups: [] })).toBe(
      'there is no backup to restore from (take one with: backup <node>)',
    );
    expect(error('add-follower replica-1')).toBe('node "replica-1" already exists');
    expect(error('workload 0 clients 10s')).toBe('expected a whole number from 1, found "0"');
    expect(error('workload 5 clients 10s writes 2')).toBe(
      'expected a fraction from 0 to 1, like 0.2, found "2"',
    );
    expect(error('write tweet "hello')).toBe('the quote opened at column 13 is not closed');
    expect(error('')).toBe('type a command, e.g. write tweet hello');
  });

  it('points at the wrong word', () => {
    const r = parseCommand('crash replca-1', ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.from, r.error.to]).toEqual([6, 14]);
  });
});

describe('Tab completion', () => {
  const words = (line: string) => complete(line, ctx).candidates;

  it('completes command names', () => {
    expect(words('')).toContain('add-follower');
    expect(words('re')).toEqual(['read', 'restart', 'restore']);
    expect(complete('cr', ctx)).toMatchObject({
      from: 0,
      to: 2,
      candidates: ['crash'],
      common: 'crash',
    });
  });

  it('completes node ids, keys, options and backup ids where they fit', () => {
    expect(words('crash ')).toEqual(['primary', 'replica-1', 'replica-2']);
    expect(words('crash rep')).toEqual(['replica-1', 'replica-2']);
    expect(complete('crash rep', ctx).common).toBe('replica-');
    expect(words('read tw')).toEqual(['tweet', 'tweet-2']);
    expect(words('read tweet ')).toEqual(['from', 'as']);
    expect(words('read tweet from ')).toEqual(['primary', 'replica-1', 'replica-2', 'route']);
    expect(words('read tweet from replica-1 ')).toEqual(['as']);
    expect(words('read tweet from replica-1 as ')).toEqual(['you', 'bob']);
    expect(words('write tweet hello ')).toEqual(['via', 'as', 'size', 'limit', 'where', 'auto-id']);
    expect(words('write tweet ')).toEqual([]);
    expect(words('restore primary from ')).toEqual(['nightly', 'latest-backup']);
    expect(words('workload 5 clients 10s policy ')).toContain('causal');
    expect(words('workload 5 clients 10s policy ca')).toEqual(['causal']);
    expect(words('pause primary ')).toEqual(['for']);
    expect(words('add-follower ')).toEqual(['replica-3']);
    expect(words('workload 5 ')).toEqual(['clients']);
    expect(words('workload 5 clients 10s ')).toEqual([
      'writes',
      'read-after-write',
      'policy',
      'rate',
      'keys',
    ]);
    expect(words('workload 5 clients 10s policy s')).toEqual(['sticky']);
    expect(words('backup primary ')).toEqual(['as', 'at', 'fails']);
  });

  it('completes partitions and settings', () => {
    expect(words('partition ')).toEqual(['primary', 'replica-1', 'replica-2', 'you', 'bob']);
    expect(words('partition primary ')).toEqual(['replica-1', 'replica-2', 'you', 'bob', '|']);
    expect(words('partition primary | ')).toEqual(['replica-1', 'replica-2', 'you', 'bob']);
    expect(words('set ')).toContain('replica-1');
    expect(words('set ')).toContain('mode');
    expect(words('set replica-1 ')).toEqual([
      'lag',
      'replay',
      'throughput',
      'clock-skew',
      'upstream',
      'version',
      'disk',
    ]);
    expect(words('set replica-1 lag 5s ')).toEqual([
      'replay',
      'throughput',
      'clock-skew',
      'upstream',
      'version',
      'disk',
    ]);
    expect(words('set log ')).toEqual(['row', 'statement', 'statement-pinned', 'wal']);
    expect(words('set mode ')).toEqual(['async', 'sync', 'semi-sync']);
    expect(words('set fencing ')).toEqual(['true', 'false']);
    expect(words('set replica-2 upstream ')).toEqual([
      'primary',
      'replica-1',
      'replica-2',
      'leader',
    ]);
  });

  it('quotes a key with spaces and completes inside the line', () => {
    const c = { ...ctx, keys: ['my tweet'] };
    expect(complete('read m', c).candidates).toEqual(['"my tweet"']);
    expect(complete('crash rep and more', ctx, 9)).toMatchObject({ from: 6, to: 9 });
  });
});
