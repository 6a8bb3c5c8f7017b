// Client operations: invoke → request travels to a node → the node answers (or refuses) →
// the response travels back → ok / fail / info. Every step takes `netDelay`; a client that
// hears nothing within `clientTimeout` records the outcome as unknown.
import { awaitAcks } from './acks.js';
import type { ReadCommand, WriteCommand } from './commands.js';
import { hasLease, stepDownForLease } from './lease.js';
import { applyEntry, nextAutoId, shipDownstream } from './replication.js';
import { routeRead } from './routing.js';
import {
  CLS_MESSAGE,
  CLS_TIMER,
  EV,
  type Ev,
  type Response,
  type Simulation,
  SimulationError,
} from './simulation.js';
import type { Entry, Session, SimNode } from './state.js';
import { evaluateStatement, hasNonDeterministicCall } from './statement.js';
import type { OpError, OpRecord } from './types.js';
import { onWorkloadOpDone } from './workload.js';

const DEFAULT_SIZE = 1024;

/**
 * A new operation record. It is created with every field its kind will ever have (unset
 * ones undefined, which JSON and deep equality ignore): records never change shape, which
 * keeps them small and their updates fast.
 */
function newOp(
  sim: Simulation,
  session: Session,
  client: string,
  kind: 'read' | 'write',
  key: string,
  node: SimNode,
): OpRecord {
  const id = sim.ops.length;
  const user = session.cfg.user ?? client;
  const now = sim.now;
  const op: OpRecord =
    kind === 'read'
      ? {
          id,
          client,
          user,
          kind,
          key,
          node: node.id,
          invokedAt: now,
          invokeSeq: sim.opSeq++,
          outcome: 'pending',
          completedAt: undefined,
          completeSeq: undefined,
          error: undefined,
          value: undefined,
          lsn: undefined,
          versionLsn: undefined,
          versionEpoch: undefined,
          role: undefined,
        }
      : {
          id,
          client,
          user,
          kind,
          key,
          node: node.id,
          invokedAt: now,
          invokeSeq: sim.opSeq++,
          outcome: 'pending',
          completedAt: undefined,
          completeSeq: undefined,
          error: undefined,
          value: undefined,
          lsn: undefined,
          epoch: undefined,
          acceptedAt: undefined,
          ackedAt: undefined,
          autoId: undefined,
          deps: undefined,
        };
  sim.ops.push(op);
  sim.recordOp(id, 'invoke');
  sim.scheduleClientTimeout(op, node.idx);
  return op;
}

/** Sends the request, or fails it at once when the client cannot reach the node. */
function send(sim: Simulation, op: OpRecord, node: SimNode): void {
  if (!sim.net.clientReaches(op.client, node.id)) {
    fail(sim, op, node, 'unreachable');
    return;
  }
  sim.schedule(
    sim.now + sim.cfg.netDelay,
    CLS_MESSAGE,
    EV.CLIENT_REQ,
    node.idx,
    -1,
    0,
    0,
    undefined,
    op,
  );
}

/** Payload a write carries from invocation to commit. */
export interface WritePayload {
  value: WriteCommand['value'];
  size: number;
  autoId: boolean;
  txnTime: number;
  id?: number;
}

/** `known`: the client's session, when the caller has it at hand (workloads). */
export function invokeWrite(sim: Simulation, cmd: WriteCommand, known?: Session): OpRecord {
  // Without `via`, the newest leader the client can reach (or, when a leader stepped down
  // for lack of a majority and nobody replaced it, that node, which refuses with no-quorum).
  const node = cmd.via ? sim.node(cmd.via) : sim.leaderFor(cmd.client);
  if (!node) throw new SimulationError('the cluster has no leader');
  const session = known ?? sim.ensureSession(cmd.client);
  const op = newOp(sim, session, cmd.client, 'write', cmd.key, node);
  // Causal dependencies are listed for scripted clients; generated workload clients would
  // pay a copy per write (O(keys)). The consistent-prefix checker derives them from the
  // history either way.
  if (session.seen.size > 0 && !session.workload) op.deps = Object.fromEntries(session.seen);
  sim.payloads[op.id] = {
    value: cmd.value,
    size: cmd.size ?? DEFAULT_SIZE,
    autoId: cmd.autoId ?? false,
    txnTime: cmd.txnTime ?? 0,
  };
  send(sim, op, node);
  return op;
}

export function invokeRead(sim: Simulation, cmd: ReadCommand, known?: Session): OpRecord {
  const session = known ?? sim.ensureSession(cmd.client);
  const node = cmd.from === 'route' ? routeRead(sim, session, cmd.client) : sim.node(cmd.from);
  const op = newOp(sim, session, cmd.client, 'read', cmd.key, node);
  send(sim, op, node);
  return op;
}

/** Why a node refuses a write right now, if it does. */
function writeRefusal(sim: Simulation, n: SimNode): OpError | undefined {
  if (n.busy === 'restoring' || n.busy === 'copying') return 'restoring';
  if (n.fenced) return 'fenced';
  if (n.role !== 'leader') return n.lostLease ? 'no-quorum' : 'not-leader';
  const fo = sim.cfg.failover;
  if (fo?.quorum && !hasLease(sim, n)) return 'no-quorum';
  return undefined;
}

export function onClientRequest(sim: Simulation, ev: Ev): void {
  const op = ev.o!;
  const n = sim.nodes[ev.n]!;
  // Cut off while on its way: the request is lost and the client will time out.
  if (!sim.net.clientReaches(op.client, n.id)) return;
  if (!n.up) {
    fail(sim, op, n, 'down');
    return;
  }
  if (sim.isPaused(n)) {
    sim.defer(ev, n.pausedUntil);
    return;
  }
  if (op.kind === 'read') {
    if (n.busy !== undefined) {
      fail(sim, op, n, 'restoring');
      return;
    }
    const v = n.data.get(op.key);
    respond(sim, op, n, {
      outcome: 'ok',
      value: v ? v.value : null,
      lsn: n.applied,
      versionLsn: v ? v.lsn : 0,
      versionEpoch: v ? v.epoch : 0,
      role: n.role,
    });
    return;
  }
  const refusal = writeRefusal(sim, n);
  if (refusal) {
    if (refusal === 'no-quorum') stepDownForLease(sim, n);
    sim.payloads[op.id] = undefined;
    fail(sim, op, n, refusal);
    return;
  }
  const p = sim.payloads[op.id]!;
  if (p.autoId) p.id = nextAutoId(n, op.key);
  if (p.txnTime > 0) {
    sim.schedule(sim.now + p.txnTime, CLS_TIMER, EV.COMMIT, n.idx, -1, 0, n.inc, undefined, op);
    return;
  }
  commit(sim, n, op);
}

export function onCommit(sim: Simulation, ev: Ev): void {
  const n = sim.nodes[ev.n]!;
  const op = ev.o!;
  if (!n.up || n.inc !== ev.g) return; // crashed mid-transaction: the client times out
  if (sim.isPaused(n)) {
    sim.defer(ev, n.pausedUntil);
    return;
  }
  const refusal = writeRefusal(sim, n);
  if (refusal) {
    sim.payloads[op.id] = undefined;
    fail(sim, op, n, refusal);
    return;
  }
  commit(sim, n, op);
}

/** Appends the write to the leader's log, applies it, ships it, and waits for acks. */
function commit(sim: Simulation, leader: SimNode, op: OpRecord): void {
  const p = sim.payloads[op.id]!;
  sim.payloads[op.id] = undefined;
  const log = leader.log;
  const prev = log[log.length - 1];
  const statement = sim.cfg.log === 'statement' && hasNonDeterministicCall(p.value);
  const value = statement
    ? evaluateStatement(p.value as string, sim.now + (leader.cfg.clockSkew ?? 0), leader.rng)
    : hasNonDeterministicCall(p.value)
      ? evaluateStatement(p.value, sim.now + (leader.cfg.clockSkew ?? 0), leader.rng)
      : p.value;
  const e: Entry = {
    epoch: leader.epoch,
    lsn: log.length + 1,
    key: op.key,
    value,
    expr: statement ? (p.value as string) : undefined,
    autoId: p.autoId,
    id: p.id,
    size: p.size,
    op: op.id,
    at: sim.now,
    bytesBefore: prev ? prev.bytesBefore + prev.size : 0,
  };
  log.push(e);
  applyEntry(sim, leader, e, true);
  if (p.autoId) op.key = `${op.key}/${p.id}`;
  op.value = value;
  op.lsn = e.lsn;
  op.epoch = e.epoch;
  op.acceptedAt = sim.now;
  if (p.id !== undefined) op.autoId = p.id;
  shipDownstream(sim, leader, e);
  awaitAcks(sim, leader, op, e.lsn);
}

function fail(sim: Simulation, op: OpRecord, n: SimNode, error: OpError): void {
  respond(sim, op, n, { outcome: 'fail', error });
}

/** Sends a response back to the client; lost if the client can no longer reach the node. */
export function respond(sim: Simulation, op: OpRecord, n: SimNode, r: Response): void {
  if (r.outcome === 'ok' && op.kind === 'write') op.ackedAt = sim.now;
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
  const op = ev.o!;
  if (op.outcome !== 'pending') return; // the client already gave up on it
  const n = sim.nodes[ev.n]!;
  const r = ev.r!;
  if (r.outcome === 'ok' && !sim.net.clientReaches(op.client, n.id)) return; // lost on the way back
  complete(sim, op, r);
}

export function onClientTimeout(sim: Simulation, ev: Ev): void {
  const op = ev.o!;
  if (op.outcome !== 'pending') return;
  // A read that never came back changed nothing; a write's fate is unknown.
  complete(sim, op, { outcome: op.kind === 'read' ? 'fail' : 'info', error: 'timeout' });
}

function complete(sim: Simulation, op: OpRecord, r: Response): void {
  sim.cancelClientTimeout(op.id);
  op.completedAt = sim.now;
  op.completeSeq = sim.opSeq++;
  op.outcome = r.outcome;
  if (r.error) op.error = r.error;
  if (op.kind === 'read' && r.outcome === 'ok') {
    op.value = r.value;
    op.lsn = r.lsn;
    op.versionLsn = r.versionLsn;
    op.versionEpoch = r.versionEpoch;
    op.role = r.role;
  } else if (
    op.kind === 'write' &&
    r.outcome !== 'fail' &&
    op.lsn === undefined &&
    r.lsn !== undefined
  ) {
    op.lsn = r.lsn;
    op.epoch = r.epoch;
  }
  sim.recordOp(op.id, r.outcome);
  const s = sim.ensureSession(op.client);
  if (r.outcome === 'ok') {
    if (op.kind === 'write' && op.lsn !== undefined) {
      const lsn = op.lsn;
      if (lsn > s.lastWriteLsn) s.lastWriteLsn = lsn;
      s.lastWriteAt = sim.now;
      if (!s.workload && lsn > (s.seen.get(op.key) ?? 0)) s.seen.set(op.key, lsn);
      if (lsn > (sim.userWriteLsn.get(op.user) ?? 0)) sim.userWriteLsn.set(op.user, lsn);
    } else if (op.kind === 'read') {
      const applied = op.lsn ?? 0;
      if (applied > s.maxReadLsn) s.maxReadLsn = applied;
      const v = op.versionLsn ?? 0;
      if (!s.workload && v > (s.seen.get(op.key) ?? 0)) s.seen.set(op.key, v);
    }
  }
  if (s.workload) onWorkloadOpDone(sim, s.workload);
}
