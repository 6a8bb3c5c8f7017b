// `replication-tutor serve` with real HTTP: the built CLI on free ports, curl and Node's
// fetch against it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../run-cli.js';
import { type Served, sleep, startServe } from './serve-process.js';

const running: Served[] = [];
afterEach(() => {
  for (const s of running.splice(0)) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
});

async function serve(args: string[] = []): Promise<Served> {
  const s = await startServe(args);
  running.push(s);
  return s;
}

const hasCurl = spawnSync('curl', ['--version']).status === 0;

/** curl, returning the status and the JSON body. */
function curl(args: string[]): { status: number; body: Record<string, unknown> } {
  const r = spawnSync('curl', ['-s', '-w', '\n%{http_code}', ...args], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  const lines = r.stdout.trimEnd().split('\n');
  const status = Number(lines.pop());
  return { status, body: JSON.parse(lines.join('\n')) };
}

/** Listening TCP sockets of a process as "address:port" (Linux /proc). */
function listeningSockets(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  const out: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A' || !inodes.has(cols[9]!)) continue;
      const [hexAddr, hexPort] = cols[1]!.split(':');
      const addr =
        hexAddr!.length === 8
          ? hexAddr!
              .match(/../g)!
              .reverse()
              .map((b) => Number.parseInt(b, 16))
              .join('.')
          : `[${hexAddr}]`;
      out.push(`${addr}:${Number.parseInt(hexPort!, 16)}`);
    }
  }
  return out.sort();
}

describe('replication-tutor serve', () => {
  it.skipIf(!hasCurl)(
    'plays the lost tweet with curl: missing on the replica at once, there after its delay',
    async () => {
      const s = await serve(['--delay', '300ms,1500ms']);
      expect(s.first.cluster).toBe('three-node-async');
      expect(s.first.serving.map((n) => [n.node, n.role])).toEqual([
        ['primary', 'leader'],
        ['replica-1', 'follower'],
        ['replica-2', 'follower'],
      ]);
      const jar = join(mkdtempSync(join(tmpdir(), 'serve-')), 'jar');
      const write = curl([
        '-c',
        jar,
        '-d',
        '{"key":"tweet","value":"Landed in Lisbon"}',
        `${s.urls.primary}/write`,
      ]);
      expect(write).toMatchObject({ status: 200, body: { ok: true, lsn: 1, node: 'primary' } });
      const t0 = write.body.t as number;
      const atOnce = curl(['-b', jar, `${s.urls['replica-2']}/data/tweet`]);
      expect(atOnce).toMatchObject({
        status: 404,
        body: { value: null, found: false, appliedLsn: 0, stale: true, lastWriteLsn: 1 },
      });
      expect(atOnce.body.t as number).toBeLessThan(t0 + 1500);
      const status = curl([`${s.urls.primary}/status`]);
      expect(status.status).toBe(200);
      expect(status.body).toMatchObject({
        node: 'primary',
        role: 'leader',
        state: 'leading',
        receivedLsn: 1,
        appliedLsn: 1,
      });
      const r2 = (status.body.followers as Record<string, unknown>[]).find(
        (f) => f.node === 'replica-2',
      );
      expect(r2).toMatchObject({
        receivedLsn: 0,
        appliedLsn: 0,
        lagEntries: 1,
        lagBytes: 1024,
        url: s.urls['replica-2'],
      });
      expect(r2!.lagSeconds as number).toBeGreaterThan(0);
      expect(r2!.lagSeconds as number).toBeLessThan(1.5);
      await sleep(1700);
      const after = curl(['-b', jar, `${s.urls['replica-2']}/data/tweet`]);
      expect(after).toMatchObject({
        status: 200,
        body: { value: 'Landed in Lisbon', found: true, appliedLsn: 1, valueLsn: 1, stale: false },
      });
      expect(after.body.t as number).toBeGreaterThanOrEqual(t0 + 1500);
      const settled = curl([`${s.urls['replica-2']}/status`]);
      expect(settled.body).toMatchObject({
        node: 'replica-2',
        state: 'streaming',
        receivedLsn: 1,
        appliedLsn: 1,
        lagEntries: 0,
        lagBytes: 0,
        lagSeconds: 0,
      });
      // A replica sends writers to the leader.
      const misdirected = spawnSync(
        'curl',
        ['-s', '-i', '-d', '{"key":"a","value":1}', `${s.urls['replica-1']}/write`],
        { encoding: 'utf8' },
      );
      expect(misdirected.stdout).toMatch(/^HTTP\/1\.1 421 /);
      expect(misdirected.stdout).toContain(`Location: ${s.urls.primary}/write`);
      // Every request is a line of its own.
      await sleep(100);
      const lines = s.stdout().split('\n');
      expect(lines.filter((l) => l.includes(' GET /data/tweet → '))).toHaveLength(2);
      expect(lines.find((l) => l.includes('primary POST /write → 200'))).toMatch(
        /^t=\d+\.\d{3}s primary POST \/write → 200 in [\d.]+ms: wrote tweet at LSN 1$/,
      );
      s.proc.kill('SIGINT');
      expect(await s.exited).toBe(130);
    },
  );

  it('plays it with fetch, and crashes the primary through the admin API', async () => {
    const s = await serve(['--delay', '200ms,800ms']);
    const w = await fetch(`${s.urls.primary}/write`, {
      method: 'POST',
      body: JSON.stringify({ key: 'tweet', value: 'hello' }),
    });
    expect(w.status).toBe(200);
    const cookie = w.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toBe('last-write-lsn=1');
    expect(w.headers.get('x-last-write-lsn')).toBe('1');
    const early = await fetch(`${s.urls['replica-2']}/data/tweet`, { headers: { cookie } });
    expect(early.status).toBe(404);
    expect(await early.json()).toMatchObject({ value: null, stale: true });
    await sleep(1000);
    const late = await fetch(`${s.urls['replica-2']}/data/tweet`, { headers: { cookie } });
    expect(await late.json()).toMatchObject({ value: 'hello', stale: false });

    const crash = await fetch(`${s.urls.primary}/admin/crash`, { method: 'POST' });
    expect(await crash.json()).toMatchObject({ ok: true, command: 'crash primary' });
    const down = await fetch(`${s.urls.primary}/data/tweet`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ error: 'down' });
    const st = await (await fetch(`${s.urls['replica-1']}/status`)).json();
    expect(st).toMatchObject({ node: 'replica-1', state: 'disconnected' });
    const bad = await fetch(`${s.urls.primary}/admin/crash`, {
      method: 'POST',
      body: '{"node":"replca-1"}',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'bad-request',
      message: 'unknown node "replca-1" (did you mean "replica-1"?)',
    });
    const big = await fetch(`${s.urls.primary}/write`, {
      method: 'POST',
      body: 'x'.repeat(70_000),
    });
    expect(big.status).toBe(413);
    // A follower added by a command gets a port of its own.
    const add = await fetch(`${s.urls.primary}/admin/command`, {
      method: 'POST',
      body: JSON.stringify({ command: 'restart primary' }),
    });
    expect(add.status).toBe(200);
    await fetch(`${s.urls.primary}/admin/command`, {
      method: 'POST',
      body: JSON.stringify({ command: 'add-follower replica-3' }),
    });
    await sleep(300);
    const line = s
      .stdout()
      .split('\n')
      .find((l) => l.startsWith('replica-3 now serves '));
    expect(line).toBeDefined();
    const r3 = await fetch(`${line!.slice('replica-3 now serves '.length)}/status`);
    expect(await r3.json()).toMatchObject({ node: 'replica-3', role: 'follower' });
    s.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.stdout()).toContain('stopped: every port is closed');
    await expect(fetch(`${s.urls.primary}/status`)).rejects.toThrow();
  });

  it.skipIf(process.platform !== 'linux')('listens on 127.0.0.1 only', async () => {
    const s = await serve();
    const ports = s.first.serving.map((n) => new URL(n.url).port);
    expect(s.first.serving.every((n) => n.url.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(listeningSockets(s.proc.pid!)).toEqual(ports.map((p) => `127.0.0.1:${p}`).sort());
  });

  it('refuses a port in use, and bad flags, in one line with exit 2', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = runBuiltCli(['serve', '--plain', '--port', String(port)]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `replication-tutor: port ${port} (primary) is already in use; choose another base port with --port, or --port 0 for free ones\n`,
      );
    } finally {
      blocker.close();
    }
    const bad: [string[], string][] = [
      [['--mode', 'fast'], '--mode: expected one of async, sync, semi-sync, found "fast"'],
      [
        ['--delay', '1s,2s,3s'],
        '--delay: 3 values for 2 replicas (replica-1, replica-2); give one value, or one per replica',
      ],
      [
        ['--delay', 'soon'],
        '--delay: expected a duration like 250ms, 2s, 1m or 6h, found "soon" (one duration, or a list like 1s,5s)',
      ],
      [
        ['cascade', '--replicas', '2'],
        '--replicas builds its own cluster; leave out the preset or lesson',
      ],
      [['--replicas', '0'], '--replicas: expected a whole number from 1 to 20, found "0"'],
      [['cascde'], 'unknown preset "cascde" (did you mean "cascade"?)'],
      [['--port', '80'], '--port: 80 needs privileges; use a port from 1024 to 65535'],
      [
        ['--port', 'x'],
        '--port: expected a port from 1024 to 65535 (or 0 for free ports), found "x"',
      ],
    ];
    for (const [args, message] of bad) {
      const r = runBuiltCli(['serve', '--plain', ...args]);
      expect([r.status, r.stderr], args.join(' ')).toEqual([2, `replication-tutor: ${message}\n`]);
    }
  });

  it('serves a lesson cluster and builds primary + N replicas', async () => {
    const a = await serve(['gitlab-2017', '--quiet']);
    expect(a.first.cluster).toBe('gitlab-2017');
    expect(a.first.serving.map((n) => n.node)).toEqual(['db1', 'db2']);
    const b = await serve(['--replicas', '3', '--delay', '1s', '--mode', 'sync', '--quiet']);
    expect(b.first).toMatchObject({ cluster: 'primary + 3 replicas' });
    expect(b.first.serving.map((n) => n.node)).toEqual([
      'primary',
      'replica-1',
      'replica-2',
      'replica-3',
    ]);
    const st = await (await fetch(`${b.urls.primary}/status`)).json();
    expect(st).toMatchObject({ mode: 'sync', followers: [{}, {}, {}] });
    a.proc.kill('SIGINT');
    b.proc.kill('SIGINT');
    expect([await a.exited, await b.exited]).toEqual([130, 130]);
    expect(a.stdout().trim().split('\n')).toHaveLength(1);
  });
});
