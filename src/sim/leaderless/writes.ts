// A leaderless write: the client sends it to every home replica it can reach at once (with a
// sloppy quorum, to fallbacks too when fewer than w home replicas are reachable); each
// replica stores it on arrival and acknowledges. Ok after w acks; no-quorum as soon as w
// acks can no longer come, or at ackTimeout. Nothing is rolled back: replicas that stored a
// failed write keep it.
import { complete } from '../clients.js';
import { CLS_MESSAGE, EV } from '../events.js';
import { type Response, refused } from '../response.js';
import type { Simulation } from '../simulation.js';
import type { Session } from '../state.js';
import type { Value } from '../types.js';
import { NO_CAUSAL, withDot } from '../versioning/causal.js';

const NO_PAST: readonly number[] = [];

/** `past` with the client's `seq`-th write of the key added. */
function withWrite(past: readonly number[], client: number, seq: number): number[] {
  const out = past.slice();
  while (out.length < client) out.push(0);
  out[client] = seq;
  return out;
}

/** Both pasts together (`a` itself when `b` adds nothing). */
export function joinPast(a: readonly number[], b: readonly number[]): readonly number[] {
  let out: number[] | undefined;
  for (let i = 0; i < b.length; i++) {
    const x = b[i] ?? 0;
    if (x > (a[i] ?? 0)) {
      if (!out) {
        out = a.slice();
        while (out.length < b.length) out.push(0);
      }
      out[i] = x;
    }
  }
  return out ?? a;
}

import type { KeyVersion } from '../versioning/versions.js';
import { tryHandoffs } from './maintenance.js';
import {
  answerClient,
  dataArrival,
  recordQuorum,
  scheduleTimer,
  sendMsg,
  TIMER_ACK,
} from './messages.js';
import { storeVersion } from './replica-store.js';
import type { ClientKnowledge, LeaderlessState, QMsg } from './state.js';

/** A replica the client can send to now: up and on its side of any partition. */
export function clientCanReach(sim: Simulation, client: string, node: number): boolean {
  const n = sim.nodes[node]!;
  return n.up && sim.net.clientReaches(client, n.id);
}

/** What a client knows of a key (its read context and causal past). */
export function knowledgeOf(ll: LeaderlessState, client: number, key: string): ClientKnowledge {
  let keys = ll.seen[client];
  if (!keys) {
    keys = new Map();
    ll.seen[client] = keys;
  }
  let k = keys.get(key);
  if (!k) {
    k = { context: NO_CAUSAL, past: NO_PAST, writes: 0 };
    keys.set(key, k);
  }
  return k;
}

export const OK_WRITE: Response = {
  outcome: 'ok',
  error: undefined,
  value: undefined,
  lsn: undefined,
  epoch: undefined,
  versionLsn: undefined,
  versionEpoch: undefined,
  role: undefined,
};

/** The operation fails with `error` a round trip from now (a refusal travels back). */
export function failAfterRoundTrip(
  sim: Simulation,
  op: number,
  node: number,
  error: 'no-quorum' | 'unreachable' | 'down',
): void {
  sim.schedule(
    sim.now + 2 * sim.cfg.netDelay,
    CLS_MESSAGE,
    EV.CLIENT_RESP,
    node,
    -1,
    0,
    0,
    undefined,
    op,
    refused(error),
  );
}

/** Starts a quorum write; returns its op id. */
export function startQuorumWrite(
  sim: Simulation,
  session: Session,
  client: string,
  key: string,
  value: Value,
  size: number,
): number {
  const ll = sim.leaderless!;
  const q = ll.quorum;
  const targets: number[] = [];
  const hintFor: number[] = [];
  const missing: number[] = [];
  for (let i = 0; i < q.n; i++) {
    if (clientCanReach(sim, client, i)) {
      targets.push(i);
      hintFor.push(-1);
    } else missing.push(i);
  }
  if (q.sloppy && targets.length < q.w) {
    let k = 0;
    for (let f = q.n; f < sim.nodes.length && targets.length < q.w && k < missing.length; f++) {
      if (!clientCanReach(sim, client, f)) continue;
      targets.push(f);
      hintFor.push(missing[k++]!);
    }
  }
  const coordinator = targets[0] ?? 0;
  const op = sim.ops.invoke(
    session.idx,
    session.userIdx,
    true,
    key,
    coordinator,
    sim.now,
    sim.opSeq++,
  );
  sim.recordOp(op, 'invoke');
  sim.scheduleClientTimeout(op, coordinator);
  sim.ops.written(op, value, sim.now);
  let version: KeyVersion | undefined;
  if (targets.length > 0) {
    let counters = ll.counters.get(key);
    if (!counters) {
      counters = [];
      ll.counters.set(key, counters);
    }
    const counter = (counters[coordinator] ?? 0) + 1;
    counters[coordinator] = counter;
    const known = knowledgeOf(ll, session.idx, key);
    const seq = ++known.writes;
    // A generated workload client keeps no past (a copy per operation would cost the run
    // far more than it costs the checkers to derive it from the history: leaderless-view.ts).
    const past = session.workload ? NO_PAST : withWrite(known.past, session.idx, seq);
    version = {
      op,
      key,
      value,
      client,
      stamp: sim.now + (session.cfg.clockSkew ?? 0),
      dotNode: coordinator,
      dotCounter: counter,
      // Only siblings compare contexts; LWW needs the stamp and the past.
      context: ll.conflict === 'siblings' ? known.context : NO_CAUSAL,
      full: ll.conflict === 'siblings' ? withDot(known.context, coordinator, counter) : NO_CAUSAL,
      writer: session.idx,
      seq,
      past,
      size,
      generated: session.workload !== undefined,
    };
    ll.byOp[op] = version;
    // A client knows its own write (its past), but its next write carries only what it read.
    known.past = version.past;
  }
  ll.writes.set(op, { version, sent: targets.length, acks: 0, refusals: 0, done: false });
  const carried = version ? [version] : [];
  targets.forEach((node, i) => {
    const h = hintFor[i]!;
    sendMsg(
      sim,
      ll,
      h >= 0 ? 'hint' : 'write',
      {
        op,
        key,
        fromNode: -1,
        toNode: node,
        client,
        clientIdx: session.idx,
        versions: carried,
        hintFor: h,
      },
      dataArrival(sim, ll, node),
    );
  });
  if (targets.length < q.w) {
    // The replicas it could not reach refuse at once: w acks can never come.
    ll.writes.get(op)!.done = true;
    failAfterRoundTrip(sim, op, coordinator, 'no-quorum');
  } else if (sim.cfg.ackTimeout !== undefined) {
    scheduleTimer(sim, sim.now + sim.cfg.ackTimeout, TIMER_ACK, op);
  }
  return op;
}

export function onWriteArrive(sim: Simulation, ll: LeaderlessState, m: QMsg): void {
  const n = sim.nodes[m.toNode]!;
  if (!sim.net.clientReaches(m.client, n.id)) {
    recordQuorum(sim, 'drop', m);
    return;
  }
  recordQuorum(sim, 'deliver', m);
  if (!n.up) {
    answerClient(sim, ll, 'refuse', m, []);
    return;
  }
  const v = m.versions[0]!;
  if (m.kind === 'hint') {
    ll.replicas[m.toNode]!.hints.push({ home: m.hintFor, version: v, sending: false });
  } else {
    storeVersion(sim, ll, m.toNode, v);
  }
  answerClient(sim, ll, 'ack', m, []);
  if (m.kind === 'hint') tryHandoffs(sim, ll);
}

function finish(_sim: Simulation, ll: LeaderlessState, op: number): void {
  const ws = ll.writes.get(op);
  if (ws?.done && ws.acks + ws.refusals >= ws.sent) ll.writes.delete(op);
}

export function onWriteAck(sim: Simulation, ll: LeaderlessState, m: QMsg): void {
  const ws = ll.writes.get(m.op);
  if (!sim.net.clientReaches(m.client, sim.nodes[m.fromNode]!.id) || !ws) {
    recordQuorum(sim, 'drop', m);
    return;
  }
  recordQuorum(sim, 'deliver', m);
  ws.acks++;
  if (!ws.done && ws.acks >= ll.quorum.w) {
    ws.done = true;
    if (sim.ops.isPending(m.op)) {
      sim.ops.acked(m.op, sim.now - sim.cfg.netDelay);
      complete(sim, m.op, OK_WRITE);
    }
  }
  finish(sim, ll, m.op);
}

export function onWriteRefused(sim: Simulation, ll: LeaderlessState, m: QMsg): void {
  const ws = ll.writes.get(m.op);
  recordQuorum(sim, 'deliver', m);
  if (!ws) return;
  ws.refusals++;
  if (!ws.done && ws.sent - ws.refusals < ll.quorum.w) {
    ws.done = true;
    if (sim.ops.isPending(m.op)) complete(sim, m.op, refused('no-quorum'));
  }
  finish(sim, ll, m.op);
}

/** ackTimeout: a write still short of w acks fails (what was stored stays stored). */
export function writeTimedOut(sim: Simulation, ll: LeaderlessState, op: number): void {
  const ws = ll.writes.get(op);
  if (!ws || ws.done) return;
  ws.done = true;
  if (sim.ops.isPending(op)) complete(sim, op, refused('no-quorum'));
}
