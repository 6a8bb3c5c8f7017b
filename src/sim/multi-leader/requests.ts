// Client operations on a multi-leader cluster. A write goes to `via`, else the client's
// `home`, else the first leader; the leader applies it and acknowledges at once, then sends
// it on (links.ts). A follower refuses writes (`not-leader`). A read goes to `from`, else the
// client's home leader, and returns what that node shows of the key (every sibling under
// `siblings`). Requests and answers take netDelay; a cut on the way loses them (the client
// times out), a down node refuses, a paused one answers when it resumes.
import { complete } from '../clients.js';
import { CLS_MESSAGE, EV, type Ev } from '../events.js';
import { failAfterRoundTrip, OK_WRITE } from '../leaderless/writes.js';
import { readServed, refused } from '../response.js';
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import type { Session, SimNode } from '../state.js';
import type { Value } from '../types.js';
import { joinCausal, NO_CAUSAL, withDot } from '../versioning/causal.js';
import type { KeyVersion } from '../versioning/versions.js';
import { propagate } from './links.js';
import { shown } from './reconcile.js';
import type { ClientSight, MultiLeaderState, Request } from './state.js';
import { heldAt, takeIn } from './store.js';

const NO_PAST: readonly number[] = [];
const PHASE_REQUEST = 0;
const PHASE_ANSWER = 1;

export function sightOf(ml: MultiLeaderState, client: number, key: string): ClientSight {
  let keys = ml.sight[client];
  if (!keys) {
    keys = new Map();
    ml.sight[client] = keys;
  }
  let s = keys.get(key);
  if (!s) {
    s = { context: NO_CAUSAL, writes: 0 };
    keys.set(key, s);
  }
  return s;
}

/**
 * The leader a client uses when it names none: its `home`, else the first leader; a workload's
 * generated clients are spread over the leaders in turn.
 */
export function homeOf(sim: Simulation, ml: MultiLeaderState, session: Session): SimNode {
  if (session.workload) {
    return sim.nodes[ml.leaders[session.workload.client % ml.leaders.length]!]!;
  }
  const home = session.cfg.home;
  if (home !== undefined) {
    const n = sim.node(home);
    if (ml.rank[n.idx]! < 0) {
      throw new SimulationError(
        `client "${session.cfg.id}" has home "${home}", which is not a leader`,
      );
    }
    return n;
  }
  return sim.nodes[ml.leaders[0]!]!;
}

function sendRequest(
  sim: Simulation,
  ml: MultiLeaderState,
  req: Request,
  at: number,
  phase: number,
) {
  const slot = ml.freeRequests.length > 0 ? ml.freeRequests.pop()! : ml.requests.length;
  ml.requests[slot] = req;
  sim.schedule(
    at,
    CLS_MESSAGE,
    EV.ML_CLIENT,
    req.node,
    -1,
    slot,
    0,
    undefined,
    req.op,
    undefined,
    phase,
  );
}

function begin(
  sim: Simulation,
  ml: MultiLeaderState,
  session: Session,
  write: boolean,
  key: string,
  node: SimNode,
  value: Value,
  size: number,
): number {
  const op = sim.ops.invoke(
    session.idx,
    session.userIdx,
    write,
    key,
    node.idx,
    sim.now,
    sim.opSeq++,
  );
  sim.recordOp(op, 'invoke');
  sim.scheduleClientTimeout(op, node.idx);
  if (write) sim.ops.written(op, value, sim.now);
  const client = session.cfg.id;
  if (!sim.net.clientReaches(client, node.id)) {
    failAfterRoundTrip(sim, op, node.idx, 'unreachable');
    return op;
  }
  const req: Request = {
    op,
    client,
    clientIdx: session.idx,
    key,
    node: node.idx,
    write,
    value,
    size,
  };
  sendRequest(sim, ml, req, sim.now + sim.cfg.netDelay, PHASE_REQUEST);
  return op;
}

export function startMultiWrite(
  sim: Simulation,
  session: Session,
  key: string,
  value: Value,
  size: number,
  via: SimNode | undefined,
): number {
  const ml = sim.multiLeader!;
  const node = via ?? homeOf(sim, ml, session);
  return begin(sim, ml, session, true, key, node, value, size);
}

export function startMultiRead(
  sim: Simulation,
  session: Session,
  key: string,
  from: SimNode | undefined,
): number {
  const ml = sim.multiLeader!;
  const node = from ?? homeOf(sim, ml, session);
  return begin(sim, ml, session, false, key, node, null, 0);
}

/**
 * The version a leader makes of a client's write. It has seen what the leader has taken in of
 * the key and what the client had seen of it — except under `siblings`, where a write merges
 * siblings only when its client read them (a blind write beside siblings is one more).
 */
function makeVersion(
  sim: Simulation,
  ml: MultiLeaderState,
  req: Request,
  session: Session,
): KeyVersion {
  const node = req.node;
  let counters = ml.counters.get(req.key);
  if (!counters) {
    counters = [];
    ml.counters.set(req.key, counters);
  }
  const counter = (counters[node] ?? 0) + 1;
  counters[node] = counter;
  const sight = sightOf(ml, req.clientIdx, req.key);
  let context = sight.context;
  if (ml.conflict === 'siblings') {
    const held = heldAt(ml, node, req.key);
    if (held.length === 1) context = joinCausal(context, held[0]!.full);
  } else {
    context = joinCausal(context, ml.seen[node]!.get(req.key) ?? NO_CAUSAL);
  }
  const full = withDot(context, node, counter);
  const v: KeyVersion = {
    op: req.op,
    key: req.key,
    value: req.value,
    client: req.client,
    stamp: sim.now + (sim.nodes[node]!.cfg.clockSkew ?? 0),
    dotNode: node,
    dotCounter: counter,
    context,
    full,
    writer: req.clientIdx,
    seq: ++sight.writes,
    past: NO_PAST,
    size: req.size,
    generated: session.workload !== undefined,
  };
  // The client knows its own write: its next write anywhere follows it.
  sight.context = joinCausal(sight.context, full);
  return v;
}

function free(ml: MultiLeaderState, slot: number): void {
  ml.requests[slot] = undefined;
  ml.freeRequests.push(slot);
}

export function onClientMessage(sim: Simulation, ev: Ev): void {
  const ml = sim.multiLeader!;
  const req = ml.requests[ev.x]!;
  const n = sim.nodes[req.node]!;
  if (ev.y === PHASE_ANSWER) {
    free(ml, ev.x);
    if (!sim.ops.isPending(req.op) || !sim.net.clientReaches(req.client, n.id)) return;
    const result = ml.byOp[req.op] as readonly KeyVersion[];
    const sight = sightOf(ml, req.clientIdx, req.key);
    for (const v of result) sight.context = joinCausal(sight.context, v.full);
    if (result.length > 1 && sim.recordMessages) {
      sim.record({
        t: sim.now,
        type: 'note',
        text: `read of "${req.key}" by ${req.client} on ${n.id} returned ${result.length} siblings: ${result.map((v) => `${JSON.stringify(v.value)} (write #${v.op})`).join(', ')}`,
      });
    }
    const role = ml.rank[n.idx]! >= 0 ? 'leader' : 'follower';
    complete(sim, req.op, readServed(result.length === 0 ? null : result[0]!.value, 0, 0, 0, role));
    return;
  }
  // Cut off on its way: lost, the client times out.
  if (!sim.net.clientReaches(req.client, n.id)) {
    free(ml, ev.x);
    return;
  }
  if (n.up && sim.isPaused(n)) {
    sim.defer(ev, n.pausedUntil);
    return;
  }
  const answerAt = sim.now + sim.cfg.netDelay;
  if (!n.up || (req.write && ml.rank[n.idx]! < 0)) {
    free(ml, ev.x);
    sim.schedule(
      answerAt,
      CLS_MESSAGE,
      EV.CLIENT_RESP,
      n.idx,
      -1,
      0,
      0,
      undefined,
      req.op,
      refused(n.up ? 'not-leader' : 'down'),
    );
    return;
  }
  if (!req.write) {
    // What the node shows now; the answer travels back.
    ml.byOp[req.op] = shown(heldAt(ml, n.idx, req.key), ml.conflict, ml.rank).slice();
    sendRequest(sim, ml, req, answerAt, PHASE_ANSWER);
    free(ml, ev.x);
    return;
  }
  free(ml, ev.x);
  const session = sim.sessionList[req.clientIdx]!;
  const v = makeVersion(sim, ml, req, session);
  ml.byOp[req.op] = v;
  let list = ml.written.get(v.key);
  if (!list) {
    list = [];
    ml.written.set(v.key, list);
  }
  list.push(v);
  takeIn(sim, ml, n.idx, v, false);
  sim.ops.acked(req.op, sim.now);
  sim.schedule(answerAt, CLS_MESSAGE, EV.CLIENT_RESP, n.idx, -1, 0, 0, undefined, req.op, OK_WRITE);
  propagate(sim, ml, n.idx, v, 0, ml.replication);
}
