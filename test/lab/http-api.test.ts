// The serve API without sockets: a fake wall clock drives the real-time clock, so every
// answer's timing is exact.
import { describe, expect, it } from 'vitest';
import { originFromPreset } from '../../src/lab/lab-origin.js';
import { LiveCluster } from '../../src/lab/live-cluster.js';
import { type ApiReply, type ApiRequest, ServeApi } from '../../src/lab/serve/http-api.js';
import { RealTimeClock, type Timers } from '../../src/lab/serve/real-time.js';

class FakeTimers implements Timers {
  t = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.ids;
    this.queue.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.queue = this.queue.filter((q) => q.id !== id);
  };
  get pending() {
    return this.queue.length;
  }
  /** Moves the wall clock, firing timers in order. */
  async tick(ms: number) {
    const end = this.t + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.t = next.at;
      next.fn();
      await Promise.resolve();
    }
    this.t = end;
    await Promise.resolve();
  }
}

function setup(preset = 'three-node-async') {
  const timers = new FakeTimers();
  const live = new LiveCluster(originFromPreset(preset), { keepLog: false });
  const clock = new RealTimeClock(live, timers);
  const api = new ServeApi(live, {
    sync: () => clock.sync(),
    poke: () => clock.poke(),
    urlOf: (node) => `http://127.0.0.1:${13000 + live.sim.nodes.findIndex((n) => n.id === node)}`,
  });
  const call = (
    node: string,
    method: string,
    url: string,
    body = '',
    headers: ApiRequest['headers'] = {},
  ) => api.handle({ node, method, url, body, headers: { 'user-agent': 'curl/8.5.0', ...headers } });
  return { timers, live, clock, api, call };
}

/** Resolves a reply that waits for the cluster by moving the wall clock. */
async function settle(
  timers: FakeTimers,
  r: ApiReply | Promise<ApiReply>,
  ms = 50,
): Promise<ApiReply> {
  let out: ApiReply | undefined;
  void Promise.resolve(r).then((x) => {
    out = x;
  });
  for (let i = 0; i < ms && !out; i++) await timers.tick(1);
  if (!out) throw new Error('no answer');
  return out;
}

describe('the serve API', () => {
  it('answers a write when the simulated acknowledgement arrives, with the LSN as a cookie', async () => {
    const { timers, call } = setup();
    await timers.tick(1000);
    const pending = call('primary', 'POST', '/write', '{"key":"tweet","value":"hello"}');
    expect(pending).toBeInstanceOf(Promise);
    let answeredAt = -1;
    void (pending as Promise<ApiReply>).then(() => {
      answeredAt = timers.t;
    });
    const r = await settle(timers, pending);
    expect(answeredAt).toBe(1002);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      ok: true,
      node: 'primary',
      key: 'tweet',
      value: 'hello',
      lsn: 1,
      epoch: 1,
      t: 1002,
    });
    expect(r.headers).toMatchObject({
      'X-Last-Write-Lsn': '1',
      'Set-Cookie': 'last-write-lsn=1; Path=/; SameSite=Strict',
    });
  });

  it('plays the lost tweet: missing and stale on the replica at once, there after its lag', async () => {
    const { timers, call, live } = setup();
    await settle(timers, call('primary', 'POST', '/write', '{"key":"tweet","value":"hello"}'));
    const cookie = { cookie: 'other=1; last-write-lsn=1' };
    const early = await settle(timers, call('replica-2', 'GET', '/data/tweet', '', cookie));
    expect(early.status).toBe(404);
    expect(early.body).toMatchObject({
      key: 'tweet',
      value: null,
      found: false,
      appliedLsn: 0,
      stale: true,
      lastWriteLsn: 1,
    });
    const status = call('primary', 'GET', '/status') as ApiReply;
    const r2 = (status.body.followers as Record<string, unknown>[]).find(
      (f) => f.node === 'replica-2',
    );
    expect(r2).toMatchObject({
      state: 'streaming',
      receivedLsn: 0,
      appliedLsn: 0,
      lagEntries: 1,
      lagBytes: 1024,
    });
    // Written at t=1 (one network delay after it was sent); the status is read at t=4.
    expect(r2?.lagSeconds).toBe(0.003);
    await timers.tick(5000);
    const late = await settle(
      timers,
      call('replica-2', 'GET', '/data/tweet', '', { 'x-last-write-lsn': '1' }),
    );
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({
      value: 'hello',
      found: true,
      appliedLsn: 1,
      valueLsn: 1,
      stale: false,
    });
    // The client is named after the user agent; the event log shows it.
    expect(live.sim.ops.at(0)?.client).toBe('curl');
  });

  it('sends a writer to the leader from a replica with 421', async () => {
    const { timers, call } = setup();
    const r = await settle(timers, call('replica-1', 'POST', '/write', '{"key":"k","value":1}'));
    expect(r.status).toBe(421);
    expect(r.headers).toEqual({ Location: 'http://127.0.0.1:13000/write', 'X-Leader': 'primary' });
    expect(r.body).toMatchObject({
      error: 'not-leader',
      leader: { node: 'primary', url: 'http://127.0.0.1:13000' },
    });
  });

  it('carries out faults through the admin endpoints', async () => {
    const { timers, call, live } = setup();
    expect((call('primary', 'POST', '/admin/crash', '') as ApiReply).body).toMatchObject({
      ok: true,
      command: 'crash primary',
    });
    const down = await settle(timers, call('primary', 'GET', '/data/x'));
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      error: 'down',
      message: 'primary cannot answer: it is down',
    });
    expect(
      (call('replica-2', 'POST', '/admin/restart', '{"node":"primary"}') as ApiReply).status,
    ).toBe(200);
    expect(
      (call('primary', 'POST', '/admin/partition', '{"isolate":"replica-2"}') as ApiReply).body,
    ).toMatchObject({
      command: 'partition replica-2',
    });
    expect(live.snapshot().partition).toEqual([['replica-2']]);
    expect((call('primary', 'POST', '/admin/heal') as ApiReply).status).toBe(200);
    call(
      'primary',
      'POST',
      '/admin/partition',
      '{"groups":[["primary"],["replica-1","replica-2"]]}',
    );
    expect(live.snapshot().partition).toEqual([['primary'], ['replica-1', 'replica-2']]);
    call('primary', 'POST', '/admin/heal');
    expect(
      (call('replica-1', 'POST', '/admin/delay', '{"delay":"0s"}') as ApiReply).body,
    ).toMatchObject({
      command: 'set replica-1 lag 0s',
    });
    expect(
      (call('primary', 'POST', '/admin/pause', '{"node":"replica-2","for":1500}') as ApiReply).body,
    ).toMatchObject({
      command: 'pause replica-2 1500ms',
    });
    expect(
      (call('primary', 'POST', '/admin/command', '{"command":"set mode sync"}') as ApiReply).status,
    ).toBe(200);
    expect(live.sim.cfg.mode).toBe('sync');
    expect(
      (call('primary', 'POST', '/admin/promote', '{"node":"replica-1"}') as ApiReply).status,
    ).toBe(200);
    await timers.tick(10);
    expect(live.snapshot().leader).toBe('replica-1');
  });

  it('answers bad requests with a JSON error and a 4xx', async () => {
    const { timers, call, live } = setup();
    const cases: [ApiReply | Promise<ApiReply>, number, string][] = [
      [
        call('primary', 'POST', '/write', 'not json'),
        400,
        'expected a JSON body like {"key": "tweet", "value": "hello"}; the body is not JSON',
      ],
      [
        call('primary', 'POST', '/write', '[1]'),
        400,
        'expected a JSON body like {"key": "tweet", "value": "hello"}',
      ],
      [
        call('primary', 'POST', '/write', '{"kye":"a","value":1}'),
        400,
        'unknown field "kye" (did you mean "key"?); fields: key, value',
      ],
      [
        call('primary', 'POST', '/write', '{"key":"a"}'),
        400,
        '"value": missing; the value to write (text, a number, true, false or null)',
      ],
      [
        call('primary', 'POST', '/write', '{"key":"a","value":{"x":1}}'),
        400,
        '"value": expected text, a number, true, false or null',
      ],
      [call('primary', 'GET', '/write'), 405, 'GET /write: use POST'],
      [
        call('primary', 'GET', '/data/'),
        400,
        'GET /data/<key>: name the key to read, like /data/tweet',
      ],
      [
        call('primary', 'GET', '/data/%E0%A4%A'),
        400,
        'GET /data/%E0%A4%A: the key is not valid URL encoding',
      ],
      [
        call('primary', 'GET', '/data/x', '', { 'x-last-write-lsn': 'abc' }),
        400,
        'x-last-write-lsn: expected a whole number, found "abc"',
      ],
      [call('primary', 'GET', '/stats'), 404, 'no endpoint GET /stats (did you mean /status?)'],
      [
        call('primary', 'POST', '/admin/crsh'),
        404,
        'no admin action "crsh" (did you mean "crash"?); actions: crash, restart, pause, partition, heal, delay, promote, command',
      ],
      [
        call('primary', 'POST', '/admin/crash', '{"node":"replca-1"}'),
        400,
        'unknown node "replca-1" (did you mean "replica-1"?)',
      ],
      [call('primary', 'POST', '/admin/restart'), 409, 'primary is running; crash it first'],
      [
        call('primary', 'POST', '/admin/promote'),
        409,
        'cannot promote "primary": it is already the leader',
      ],
      [call('primary', 'POST', '/admin/heal'), 409, 'the network is not partitioned'],
      [
        call('primary', 'POST', '/admin/delay', '{"delay":"soon"}'),
        400,
        'expected a duration like 250ms, 2s, 1m or 6h, found "soon"',
      ],
      [
        call('primary', 'POST', '/admin/pause'),
        400,
        '"for": expected a duration like "5s" or a number of ms, as in {"for": "5s"}',
      ],
      [
        call('primary', 'POST', '/admin/command', '{"command":"wait 5s"}'),
        400,
        'wait: time here runs by the wall clock; just wait',
      ],
      [
        call('primary', 'POST', '/admin/partition', '{"groups":"primary"}'),
        400,
        '"groups": expected lists of node ids, like [["primary"], ["replica-1", "replica-2"]]',
      ],
      [
        call('primary', 'POST', '/write', '{"key":"a","value":1}', { 'x-client': 'bad client' }),
        400,
        'client "bad client": expected letters, digits, ".", "-" and "_"',
      ],
    ];
    for (const [r, status, message] of cases) {
      const reply = await settle(timers, r);
      expect([reply.status, reply.body.message]).toEqual([status, message]);
      expect(typeof reply.body.error).toBe('string');
    }
    expect((call('primary', 'GET', '/write') as ApiReply).headers).toEqual({ Allow: 'POST' });
    // None of them changed the cluster.
    expect(live.sim.ops.length).toBe(0);
    expect(live.snapshot().nodes.every((n) => n.status !== 'down')).toBe(true);
  });

  it('holds a read of a paused node until it resumes, and answers waiting requests on shutdown', async () => {
    const { timers, call, api, clock } = setup();
    call('primary', 'POST', '/admin/pause', '{"node":"replica-1","for":"3s"}');
    const held = call('replica-1', 'GET', '/data/x');
    let answer: ApiReply | undefined;
    void Promise.resolve(held).then((r) => {
      answer = r;
    });
    await timers.tick(2900);
    expect(answer).toBeUndefined();
    await timers.tick(200);
    expect(answer?.status).toBe(404);
    const waiting = call('replica-1', 'GET', '/data/x');
    expect(api.pendingReplies).toBe(1);
    api.abortPending();
    clock.stop();
    expect((await waiting).status).toBe(503);
    expect(timers.pending).toBe(0);
  });

  it('sleeps while the cluster is quiet and wakes for the next event', async () => {
    const { timers, call, clock } = setup();
    clock.sync();
    expect(timers.pending).toBe(0);
    call('primary', 'POST', '/write', '{"key":"a","value":1}');
    expect(timers.pending).toBe(1);
    await timers.tick(10_000);
    // Every delivery, apply and answer came due and nothing is left to wake for.
    expect(timers.pending).toBe(0);
  });
});
