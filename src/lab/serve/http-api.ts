// The HTTP API every node of `serve` answers, independent of sockets (node-servers.ts
// carries the bytes): a request becomes a command on the live cluster, sent to this port's
// node, and the answer waits until the simulated operation completes (a read that the
// simulated network takes 2 ms to answer is answered 2 ms later).
//
//   POST /write {key, value}   the leader appends it: 200 with its LSN; a follower: 421 + the leader
//   GET  /data/<key>           the node's value and applied LSN; stale: behind the caller's last write
//   GET  /status               role, state, LSNs, lag (per follower, on the leader)
//   POST /admin/<fault>        crash, restart, pause, partition, heal, delay, promote, command
//
// The caller's last write LSN travels in the `last-write-lsn` cookie (or the
// X-Last-Write-Lsn header) that writes return. Bad requests get a JSON error and a 4xx.

import { readCommand, writeCommand } from '../../lesson/commands/command-builders.js';
import type { ParsedCommand } from '../../lesson/commands/parse-command.js';
import { quoteWord } from '../../lesson/commands/tokens.js';
import { errorText } from '../../lesson/engine/describe-outcome.js';
import { nearest } from '../../lesson/format/suggest.js';
import type { NodeSnapshot, OpRecord, Value } from '../../sim/index.js';
import type { LabEntry, LiveCluster } from '../live-cluster.js';

export interface ApiRequest {
  /** The node this port serves. */
  node: string;
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

export interface ApiReply {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** A few words on what happened, for the request log. */
  summary: string;
}

export interface ApiEnv {
  /** Brings the cluster up to the wall clock. */
  sync(): void;
  /** A command was applied: its events may be due sooner than anything before. */
  poke(): void;
  /** The URL a node is served at. */
  urlOf(node: string): string | undefined;
}

export const LSN_COOKIE = 'last-write-lsn';
export const LSN_HEADER = 'x-last-write-lsn';
export const MAX_BODY_BYTES = 64 * 1024;

const ENDPOINTS = [
  'POST /write',
  'GET /data/<key>',
  'GET /status',
  'POST /admin/crash',
  'POST /admin/restart',
  'POST /admin/pause',
  'POST /admin/partition',
  'POST /admin/heal',
  'POST /admin/delay',
  'POST /admin/promote',
  'POST /admin/command',
];

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly code = 'bad-request',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function reply(
  status: number,
  body: Record<string, unknown>,
  summary: string,
  headers: Record<string, string> = {},
): ApiReply {
  return { status, headers, body, summary };
}

function header(req: ApiRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function cookie(req: ApiRequest, name: string): string | undefined {
  for (const part of (header(req, 'cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Replies that wait for the cluster, so a shutdown can answer them. */
type Resolver = (r: ApiReply) => void;

export class ServeApi {
  private readonly waiting = new Set<Resolver>();

  constructor(
    private readonly live: LiveCluster,
    private readonly env: ApiEnv,
  ) {}

  /** Replies still waiting for the simulated cluster. */
  get pendingReplies(): number {
    return this.waiting.size;
  }

  handle(req: ApiRequest): ApiReply | Promise<ApiReply> {
    try {
      this.env.sync();
      return this.route(req);
    } catch (err) {
      if (err instanceof BadRequest) {
        return reply(
          err.status,
          { error: err.code, message: err.message },
          err.message,
          err.headers,
        );
      }
      throw err;
    }
  }

  /** Answers every waiting request (the server is stopping). */
  abortPending(): void {
    for (const resolve of [...this.waiting]) {
      resolve(
        reply(503, { error: 'stopping', message: 'the server is shutting down' }, 'stopping'),
      );
    }
    this.waiting.clear();
  }

  private route(req: ApiRequest): ApiReply | Promise<ApiReply> {
    const url = new URL(req.url, 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method.toUpperCase();
    const allow = (m: string) => {
      if (method !== m) {
        throw new BadRequest(`${method} ${path}: use ${m}`, 405, 'method-not-allowed', {
          Allow: m,
        });
      }
    };
    if (path === '/' || path === '') {
      allow('GET');
      return reply(200, { node: req.node, endpoints: ENDPOINTS }, 'endpoints');
    }
    if (path === '/write') {
      allow('POST');
      return this.write(req, url);
    }
    if (path.startsWith('/data/') || path === '/data') {
      allow('GET');
      return this.read(req, url, path.slice('/data/'.length));
    }
    if (path === '/status') {
      allow('GET');
      return this.status(req.node);
    }
    if (path.startsWith('/admin/')) {
      allow('POST');
      return this.admin(req, path.slice('/admin/'.length));
    }
    const near = nearest(path, ['/write', '/data', '/status', '/admin']);
    throw new BadRequest(
      `no endpoint ${method} ${path}${near ? ` (did you mean ${near}?)` : `; endpoints: ${ENDPOINTS.join(', ')}`}`,
      404,
      'not-found',
    );
  }

  // ---- writes and reads -----------------------------------------------------------------------

  private client(req: ApiRequest, url: URL): string {
    const given = header(req, 'x-client') ?? url.searchParams.get('client') ?? undefined;
    if (given !== undefined) {
      if (!NAME.test(given)) {
        throw new BadRequest(`client "${given}": expected letters, digits, ".", "-" and "_"`);
      }
      return given;
    }
    // curl/8.5.0 → curl: the event log then shows who sent it.
    const agent = (header(req, 'user-agent') ?? '').split(/[/\s]/)[0]?.toLowerCase() ?? '';
    const id = agent.replace(/[^a-z0-9_.-]/g, '');
    return NAME.test(id) ? id : 'http';
  }

  /** The caller's last write LSN, from the cookie or header writes return. */
  private lastWrite(req: ApiRequest): number | undefined {
    const raw = header(req, LSN_HEADER) ?? cookie(req, LSN_COOKIE);
    if (raw === undefined || raw === '') return undefined;
    if (!/^\d+$/.test(raw))
      throw new BadRequest(`${LSN_HEADER}: expected a whole number, found "${raw}"`);
    return Number(raw);
  }

  private write(req: ApiRequest, url: URL): Promise<ApiReply> {
    const body = jsonBody(req.body, 'a JSON body like {"key": "tweet", "value": "hello"}');
    onlyFields(body, ['key', 'value']);
    const key = body.key;
    if (typeof key !== 'string' || key === '') {
      throw new BadRequest('"key": expected a key (text), like {"key": "tweet", "value": "hello"}');
    }
    if (!('value' in body))
      throw new BadRequest(
        '"value": missing; the value to write (text, a number, true, false or null)',
      );
    const value = body.value;
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw new BadRequest('"value": expected text, a number, true, false or null');
    }
    const cmd = writeCommand({
      client: this.client(req, url),
      key,
      value: value as Value,
      via: req.node,
    });
    return this.await(cmd, (op) => this.writeReply(req.node, op));
  }

  private read(req: ApiRequest, url: URL, rawKey: string): Promise<ApiReply> {
    let key: string;
    try {
      key = decodeURIComponent(rawKey);
    } catch {
      throw new BadRequest(`GET /data/${rawKey}: the key is not valid URL encoding`);
    }
    if (key === '') throw new BadRequest('GET /data/<key>: name the key to read, like /data/tweet');
    const mine = this.lastWrite(req);
    const cmd = readCommand({ client: this.client(req, url), key, from: req.node });
    return this.await(cmd, (op) => this.readReply(op, mine));
  }

  /** Applies an operation and answers once the simulated client has its response. */
  private await(cmd: ParsedCommand, answer: (op: OpRecord) => ApiReply): Promise<ApiReply> {
    return new Promise((resolve) => {
      const settle = (e: LabEntry) => {
        if (!this.waiting.delete(resolve)) return;
        resolve(answer(this.live.sim.ops.at(e.opId!)!));
      };
      this.waiting.add(resolve);
      const r = this.live.apply(cmd, { onDone: settle });
      if (!r.ok) {
        this.waiting.delete(resolve);
        resolve(reply(409, { error: 'refused', message: r.error.message }, r.error.message));
        return;
      }
      this.env.poke();
    });
  }

  /** The leader (sharded clusters: of the key's shard). */
  private leaderInfo(key?: string): { node: string; url?: string } | undefined {
    const sim = this.live.sim;
    const id = sim.currentLeader(key === undefined ? undefined : sim.groupOfKey(key))?.id;
    return id === undefined ? undefined : { node: id, url: this.env.urlOf(id) };
  }

  private writeReply(node: string, op: OpRecord): ApiReply {
    const t = this.live.now;
    if (op.outcome === 'ok') {
      const lsn = String(op.lsn);
      return reply(
        200,
        { ok: true, node, key: op.key, value: op.value ?? null, lsn: op.lsn, epoch: op.epoch, t },
        `wrote ${op.key} at LSN ${op.lsn}`,
        {
          'X-Last-Write-Lsn': lsn,
          'Set-Cookie': `${LSN_COOKIE}=${lsn}; Path=/; SameSite=Strict`,
        },
      );
    }
    if (op.outcome === 'info') {
      const message = `no acknowledgement in time (${errorText(op.error)}): the write may or may not have happened`;
      return reply(
        504,
        { ok: 'unknown', error: op.error ?? 'timeout', message, node, key: op.key, t },
        'outcome unknown',
      );
    }
    const leader = this.leaderInfo(op.key);
    if (op.error === 'not-leader') {
      const where = leader
        ? `${leader.node}${leader.url ? ` at ${leader.url}` : ''}`
        : 'no leader right now';
      const headers: Record<string, string> = {};
      if (leader?.url) headers.Location = `${leader.url}/write`;
      if (leader) headers['X-Leader'] = leader.node;
      return reply(
        421,
        {
          ok: false,
          error: 'not-leader',
          message: `${node} is a follower: send writes to the leader (${where})`,
          leader: leader ?? null,
          node,
          t,
        },
        `refused: not the leader${leader ? ` (${leader.node} is)` : ''}`,
        headers,
      );
    }
    return this.failure(node, op, leader);
  }

  private failure(node: string, op: OpRecord, leader = this.leaderInfo(op.key)): ApiReply {
    const message = `${node} cannot ${op.kind === 'write' ? 'take the write' : 'answer'}: ${errorText(op.error)}`;
    return reply(
      503,
      {
        ok: false,
        error: op.error ?? 'error',
        message,
        node,
        leader: leader ?? null,
        t: this.live.now,
      },
      `failed: ${op.error ?? 'error'}`,
    );
  }

  private readReply(op: OpRecord, mine: number | undefined): ApiReply {
    const node = op.node;
    if (op.outcome === 'info') {
      const message = `${node} did not answer in time (${errorText(op.error)})`;
      return reply(
        504,
        { error: op.error ?? 'timeout', message, node, key: op.key, t: this.live.now },
        'no answer',
      );
    }
    if (op.outcome !== 'ok') return this.failure(node, op);
    const found = op.versionLsn !== undefined && op.versionLsn > 0;
    const applied = op.lsn ?? 0;
    const stale = mine !== undefined && applied < mine;
    const body = {
      key: op.key,
      value: op.value ?? null,
      found,
      node,
      appliedLsn: applied,
      ...(found ? { valueLsn: op.versionLsn } : {}),
      stale,
      ...(mine === undefined ? {} : { lastWriteLsn: mine }),
      t: this.live.now,
    };
    const summary = `${found ? `${op.key} = ${JSON.stringify(op.value)}` : `${op.key} missing`} (applied LSN ${applied}${stale ? ', stale' : ''})`;
    return reply(found ? 200 : 404, body, summary);
  }

  // ---- status -------------------------------------------------------------------------------

  private status(node: string): ApiReply {
    const snap = this.live.snapshot();
    const self = snap.nodes.find((n) => n.id === node);
    if (!self) throw new BadRequest(`${node} is no longer part of the cluster`, 410, 'gone');
    const leader = snap.leader;
    const body: Record<string, unknown> = {
      ...nodeStatus(self),
      leader: leader === undefined ? null : { node: leader, url: this.env.urlOf(leader) ?? null },
      epoch: snap.epoch,
      mode: snap.mode,
      partition: snap.partition,
      t: snap.t,
    };
    if (leader === node) {
      body.followers = snap.nodes
        .filter((n) => n.id !== node)
        .map((n) => ({ ...nodeStatus(n), url: this.env.urlOf(n.id) ?? null }));
    }
    return reply(200, body, `${self.status}, applied LSN ${self.appliedLsn}`);
  }

  // ---- admin --------------------------------------------------------------------------------

  private admin(req: ApiRequest, action: string): ApiReply {
    const body =
      req.body.trim() === '' ? {} : jsonBody(req.body, 'a JSON object like {"node": "replica-1"}');
    const nodeOf = () => {
      const n = body.node ?? req.node;
      if (typeof n !== 'string' || !NAME.test(n))
        throw new BadRequest('"node": expected a node id like "replica-1"');
      return n;
    };
    let line: string;
    switch (action) {
      case 'crash':
      case 'restart':
      case 'promote':
        onlyFields(body, ['node']);
        line = `${action} ${nodeOf()}`;
        break;
      case 'pause': {
        onlyFields(body, ['node', 'for']);
        line = `pause ${nodeOf()} ${durationField(body, 'for', '{"for": "5s"}')}`;
        break;
      }
      case 'delay':
        onlyFields(body, ['node', 'delay']);
        line = `set ${nodeOf()} lag ${durationField(body, 'delay', '{"node": "replica-1", "delay": "5s"}')}`;
        break;
      case 'heal':
        onlyFields(body, []);
        line = 'heal';
        break;
      case 'partition':
        onlyFields(body, ['groups', 'isolate']);
        line = `partition ${this.groups(body, req.node)}`;
        break;
      case 'command': {
        onlyFields(body, ['command']);
        if (typeof body.command !== 'string') {
          throw new BadRequest('"command": expected a sandbox command like "set replica-1 lag 5s"');
        }
        line = body.command;
        break;
      }
      default: {
        const actions = [
          'crash',
          'restart',
          'pause',
          'partition',
          'heal',
          'delay',
          'promote',
          'command',
        ];
        const near = nearest(action, actions);
        throw new BadRequest(
          `no admin action "${action}"${near ? ` (did you mean "${near}"?)` : ''}; actions: ${actions.join(', ')}`,
          404,
          'not-found',
        );
      }
    }
    const parsed = this.live.parse(line);
    if (!parsed.ok) throw new BadRequest(parsed.error.message);
    if (parsed.command.name === 'wait') {
      throw new BadRequest('wait: time here runs by the wall clock; just wait');
    }
    const r = this.live.apply(parsed.command);
    if (!r.ok) throw new BadRequest(r.error.message, 409, 'refused');
    this.env.poke();
    return reply(200, { ok: true, command: r.entry.text, t: r.entry.t }, r.entry.text);
  }

  /** `{"groups": [["primary"], ["replica-1"]]}`, or `{"isolate": "primary"}`. */
  private groups(body: Record<string, unknown>, self: string): string {
    if (body.groups !== undefined && body.isolate !== undefined) {
      throw new BadRequest('give either "groups" or "isolate", not both');
    }
    if (body.isolate !== undefined || body.groups === undefined) {
      const n = body.isolate ?? self;
      if (typeof n !== 'string' || !NAME.test(n))
        throw new BadRequest('"isolate": expected a node id');
      return n;
    }
    const groups = body.groups;
    if (
      !Array.isArray(groups) ||
      groups.length === 0 ||
      !groups.every(
        (g) =>
          Array.isArray(g) &&
          g.length > 0 &&
          g.every((id) => typeof id === 'string' && NAME.test(id)),
      )
    ) {
      throw new BadRequest(
        '"groups": expected lists of node ids, like [["primary"], ["replica-1", "replica-2"]]',
      );
    }
    return (groups as string[][]).map((g) => g.join(' ')).join(' | ');
  }
}

function nodeStatus(n: NodeSnapshot) {
  return {
    node: n.id,
    role: n.role,
    state: n.status,
    receivedLsn: n.receivedLsn,
    appliedLsn: n.appliedLsn,
    lagEntries: n.lagEntries,
    lagBytes: n.lagBytes,
    lagSeconds: n.lagMs / 1000,
    ...(n.upstream === undefined ? {} : { upstream: n.upstream }),
  };
}

function jsonBody(text: string, example: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new BadRequest(`expected ${example}; the body is not JSON`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new BadRequest(`expected ${example}`);
  return v as Record<string, unknown>;
}

function onlyFields(body: Record<string, unknown>, known: readonly string[]): void {
  for (const k of Object.keys(body)) {
    if (known.includes(k)) continue;
    const near = nearest(k, known);
    throw new BadRequest(
      `unknown field "${k}"${near ? ` (did you mean "${near}"?)` : ''}${known.length ? `; fields: ${known.join(', ')}` : '; this takes no fields'}`,
    );
  }
}

/** A duration field: "5s", or a number of milliseconds. */
function durationField(body: Record<string, unknown>, field: string, example: string): string {
  const v = body[field];
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return `${v}ms`;
  if (typeof v === 'string' && v !== '') return quoteWord(v);
  throw new BadRequest(
    `"${field}": expected a duration like "5s" or a number of ms, as in ${example}`,
  );
}
