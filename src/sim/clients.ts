// Client operations: invoke → request travels to a node → the node answers (or refuses) →
// the response travels back → ok / fail / info. Every step takes `netDelay`; a client that
// hears nothing within `clientTimeout` records the outcome as unknown. What a node does with
// a write depends on the topology (leader/writes.ts).
import type { ReadCommand, WriteCommand } from './commands.js';
import { CLS_MESSAGE, EV, type Ev } from './events.js';
import { leaderFor } from './leader/queries.js';
import { routeRead } from './leader/routing.js';
import { acceptWrite } from './leader/writes.js';
import { outcomeCode, PENDING } from './op-table.js';
import { gaveUp, type Response, readServed, refused } from './response.js';
import { capacityOf, enqueueRequest } from './serving.js';
import type { Simulation } from './simulation.js';
import { SimulationError } from './simulation-error.js';
import type { Session, SimNode } from './state.js';
import type { OpError } from './types.js';
import { onWorkloadOpDone } from './workload.js';

/** Bytes of a write that names no size. */
export const DEFAULT_SIZE = 1024;

/** A new pending operation, its invocation recorded and its client timeout set. */
function newOp(
  sim: Simulation,
  session: Session,
  write: boolean,
  key: string,
  node: SimNode,
): number {
  const id = sim.ops.invoke(
    session.idx,
    session.userIdx,
    write,
    key,
    node.idx,
    sim.now,
    sim.opSeq++,
  );
  sim.recordOp(id, 'invoke');
  sim.scheduleClientTimeout(id, node.idx);
  return id;
}

/** Sends the request, or fails it at once when the client cannot reach the node. */
function send(
  sim: Simulation,
  op: number,
  client: string,
  node: SimNode,
  payload: WritePayload | undefined,
): void {
  if (!sim.net.clientReaches(client, node.id)) {
    fail(sim, op, node, 'unreachable');
    return;
  }
  const at = sim.now + sim.cfg.netDelay;
  sim.schedule(
    at,
    CLS_MESSAGE,
    EV.CLIENT_REQ,
    node.idx,
    -1,
    0,
    0,
    undefined,
    op,
    undefined,
    0,
    payload,
  );
}

/** Payload a write carries from invocation to commit. */
export interface WritePayload {
  value: WriteCommand['value'];
  size: number;
  autoId: boolean;
  txnTime: number;
  /** The auto-increment id, once the leader assigned it. */
  id: number | undefined;
  /** `UPDATE/DELETE … LIMIT 1` of the table `key`, on rows holding `where` (row-scan.ts). */
  limit?: boolean;
  where?: WriteCommand['value'];
}

/** A write command's payload, with the defaults filled in. */
export function writePayload(cmd: WriteCommand): WritePayload {
  return {
    value: cmd.value,
    size: cmd.size ?? DEFAULT_SIZE,
    autoId: cmd.autoId ?? false,
    txnTime: cmd.txnTime ?? 0,
    id: undefined,
    ...(cmd.limit === 1 && { limit: true, where: cmd.where }),
  };
}

/** Invokes a write command; returns its op id. */
export function invokeWrite(sim: Simulation, cmd: WriteCommand): number {
  // Resolved before the session exists: a refused command changes nothing.
  const node = cmd.via ? sim.node(cmd.via) : writeTarget(sim, cmd.client, cmd.key);
  const session = sim.ensureSession(cmd.client);
  return startWrite(sim, session, cmd.client, cmd.key, writePayload(cmd), node);
}

/**
 * Without `via`, a write goes to the newest leader of the key's shard the client can reach
 * (or, when a leader stepped down for lack of a majority and nobody replaced it, that node,
 * which refuses with no-quorum).
 */
function writeTarget(sim: Simulation, client: string, key: string): SimNode {
  const g = sim.groupOfKey(key);
  const node = leaderFor(sim, client, g);
  if (!node) {
    throw new SimulationError(
      g.shard === undefined ? 'the cluster has no leader' : `shard "${g.shard}" has no leader`,
    );
  }
  return node;
}

/** Starts a write of a known session (workload clients call this directly); returns its op id. */
export function startWrite(
  sim: Simulation,
  session: Session,
  client: string,
  key: string,
  payload: WritePayload,
  node: SimNode = writeTarget(sim, client, key),
): number {
  const op = newOp(sim, session, true, key, node);
  if (sim.sharded) recordShardDeps(sim, session, op);
  // Causal dependencies are listed for scripted clients; generated workload clients would
  // pay a copy per write (O(keys)). The consistent-prefix checker derives them from the
  // history either way.
  if (session.seen.size > 0 && !session.workload) {
    sim.ops.setDeps(op, Object.fromEntries(session.seen));
  }
  send(sim, op, client, node, payload);
  return op;
}

/**
 * A sharded write carries its client's causal dependencies: per shard, the highest LSN the
 * client wrote or read there, or that a value it read depended on.
 */
function recordShardDeps(sim: Simulation, session: Session, op: number): void {
  let deps: Record<string, number> | undefined;
  for (const g of sim.groups) {
    const lsn = g.causal[session.idx] ?? 0;
    if (lsn === 0) continue;
    deps ??= {};
    deps[g.shard!] = lsn;
  }
  if (deps) sim.ops.setShardDeps(op, deps);
}

/** Invokes a read command; returns its op id. */
export function invokeRead(sim: Simulation, cmd: ReadCommand): number {
  const node = cmd.from === 'route' ? undefined : sim.node(cmd.from);
  return startRead(sim, sim.ensureSession(cmd.client), cmd.client, cmd.key, node);
}

/** Starts a read of a known session, routed by its policy unless `node` is given. */
export function startRead(
  sim: Simulation,
  session: Session,
  client: string,
  key: string,
  node: SimNode = routeRead(sim, session, client, key),
): number {
  const op = newOp(sim, session, false, key, node);
  send(sim, op, client, node, undefined);
  return op;
}

/** Whether a partition cuts the operation's client off from `n` (no lookup without one). */
function cutOff(sim: Simulation, op: number, n: SimNode): boolean {
  return sim.net.isPartitioned && !sim.net.clientReaches(sim.ops.clientName(op), n.id);
}

export function onClientRequest(sim: Simulation, ev: Ev): void {
  const op = ev.op;
  const n = sim.nodes[ev.n]!;
  // Cut off while on its way: the request is lost and the client will time out.
  if (cutOff(sim, op, n)) return;
  if (!n.up) {
    fail(sim, op, n, 'down');
    return;
  }
  if (sim.isPaused(n)) {
    sim.defer(ev, n.pausedUntil);
    return;
  }
  const capacity = capacityOf(sim, n);
  if (capacity !== undefined) enqueueRequest(sim, n, op, ev.p, capacity);
  else serveRequest(sim, n, op, ev.p);
}

/** The node handles the request now: answers a read, or takes a write (leader/writes.ts). */
export function serveRequest(
  sim: Simulation,
  n: SimNode,
  op: number,
  p: WritePayload | undefined,
): void {
  const ops = sim.ops;
  if (sim.sharded && sim.groupIndexOfKey(ops.key(op)) !== n.group) {
    // The node holds another shard: it knows nothing of this key and says so.
    fail(sim, op, n, 'wrong-shard');
    return;
  }
  if (n.versionRefused) {
    // It cannot open data files written by another major version (leader/version-check.ts).
    fail(sim, op, n, 'version-mismatch');
    return;
  }
  if (!ops.isWrite(op)) {
    if (n.busy !== undefined) {
      fail(sim, op, n, 'restoring');
      return;
    }
    const v = n.data.get(ops.key(op));
    if (v && sim.sharded) noteReadFrom(sim, n, op, v.lsn, v.epoch);
    respond(
      sim,
      op,
      n,
      readServed(v ? v.value : null, n.applied, v ? v.lsn : 0, v ? v.epoch : 0, n.role),
    );
    return;
  }
  acceptWrite(sim, n, op, p!);
}

/** Which write produced the value a sharded read returns (its dependencies travel with it). */
function noteReadFrom(sim: Simulation, n: SimNode, op: number, lsn: number, epoch: number): void {
  const e = n.log[lsn - 1];
  if (e && e.epoch === epoch && e.op >= 0) sim.ops.setReadFrom(op, e.op);
}

export function fail(sim: Simulation, op: number, n: SimNode, error: OpError): void {
  respond(sim, op, n, refused(error));
}

/** Sends a response back to the client; lost if the client can no longer reach the node. */
export function respond(sim: Simulation, op: number, n: SimNode, r: Response): void {
  if (r.outcome === 'ok' && sim.ops.isWrite(op)) sim.ops.acked(op, sim.now);
  if (r.outcome === 'fail' && r.error === 'unreachable') {
    // No route: the client learns after a round trip (a down node answers like any other:
    // the refusal travels back from where the request arrived).
    sim.schedule(
      sim.now + 2 * sim.cfg.netDelay,
      CLS_MESSAGE,
      EV.CLIENT_RESP,
      n.idx,
      -1,
      0,
      0,
      undefined,
      op,
      r,
    );
    return;
  }
  sim.schedule(
    sim.now + sim.cfg.netDelay,
    CLS_MESSAGE,
    EV.CLIENT_RESP,
    n.idx,
    -1,
    0,
    n.inc,
    undefined,
    op,
    r,
  );
}

export function onClientResponse(sim: Simulation, ev: Ev): void {
  const op = ev.op;
  if (sim.ops.outcome(op) !== PENDING) return; // the client already gave up on it
  const n = sim.nodes[ev.n]!;
  const r = ev.r!;
  if (r.outcome === 'ok' && cutOff(sim, op, n)) return; // lost on the way back
  complete(sim, op, r);
}

export function onClientTimeout(sim: Simulation, ev: Ev): void {
  const op = ev.op;
  if (sim.ops.outcome(op) !== PENDING) return;
  // A read that never came back changed nothing; a write's fate is unknown.
  complete(sim, op, gaveUp(sim.ops.isWrite(op)));
}

/** What the value a read returned depended on, the reader now depends on too. */
function mergeReadDeps(sim: Simulation, s: Session, op: number): void {
  const from = sim.ops.readFromOf(op);
  const deps = from === undefined ? undefined : sim.ops.shardDepsOf(from);
  if (!deps) return;
  for (const g of sim.groups) {
    const lsn = deps[g.shard!];
    if (lsn !== undefined && lsn > (g.causal[s.idx] ?? 0)) g.causal[s.idx] = lsn;
  }
}

export function complete(sim: Simulation, op: number, r: Response): void {
  const ops = sim.ops;
  ops.complete(op, sim.now, sim.opSeq++, outcomeCode(r.outcome), r.error);
  const write = ops.isWrite(op);
  if (!write && r.outcome === 'ok') {
    ops.readResult(op, r.value, r.lsn!, r.versionLsn!, r.versionEpoch!, r.role!);
  } else if (write && r.outcome !== 'fail' && ops.lsn(op) === undefined && r.lsn !== undefined) {
    ops.position(op, r.lsn, r.epoch);
  }
  sim.recordOp(op, r.outcome);
  const s = sim.sessionList[ops.clientOf(op)]!;
  if (r.outcome === 'ok') {
    const key = ops.key(op);
    const g = sim.groupOfKey(key);
    const i = s.idx;
    if (write) {
      const lsn = ops.lsn(op);
      if (lsn !== undefined) {
        if (lsn > s.lastWriteLsn) s.lastWriteLsn = lsn;
        s.lastWriteAt = sim.now;
        if (!s.workload && lsn > (s.seen.get(key) ?? 0)) s.seen.set(key, lsn);
        const user = ops.userOf(op);
        if (lsn > (sim.userWriteLsn[user] ?? 0)) sim.userWriteLsn[user] = lsn;
        if (lsn > (g.lastWrite[i] ?? 0)) g.lastWrite[i] = lsn;
        if (lsn > (g.userWrite[user] ?? 0)) g.userWrite[user] = lsn;
        if (lsn > (g.causal[i] ?? 0)) g.causal[i] = lsn;
      }
    } else {
      const applied = r.lsn ?? 0;
      if (applied > s.maxReadLsn) s.maxReadLsn = applied;
      if (applied > (g.maxRead[i] ?? 0)) g.maxRead[i] = applied;
      const v = r.versionLsn ?? 0;
      if (!s.workload && v > (s.seen.get(key) ?? 0)) s.seen.set(key, v);
      if (v > (g.causal[i] ?? 0)) g.causal[i] = v;
      if (sim.sharded) mergeReadDeps(sim, s, op);
    }
  }
  if (s.workload) onWorkloadOpDone(sim, s.workload);
  sim.hooks?.opDone?.(op);
}
