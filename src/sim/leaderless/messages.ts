// Quorum messages: clients send writes, reads and repairs to replicas, replicas answer the
// client, and replicas send each other hints' handoffs and anti-entropy syncs. Each message
// lives in a slot of `slots` while it travels; its event carries the slot. A message meets the network
// when it arrives: across a cut it is dropped (the sender finds out by not hearing back).
import { CLS_MESSAGE, CLS_TIMER, EV, type Ev } from '../events.js';
import type { Simulation } from '../simulation.js';
import type { Delay, Ms, QuorumMessageKind } from '../types.js';
import { onAntiEntropyTick, onHandoff, onSync, tryHandoffs } from './maintenance.js';
import { onRead, onReadAnswer, onRepair } from './reads.js';
import type { LeaderlessState, QMsg } from './state.js';
import { onWriteAck, onWriteArrive, onWriteRefused, writeTimedOut } from './writes.js';

/** Timer kinds (the `x` of a QUORUM_TIMER event). */
export const TIMER_ACK = 0;
export const TIMER_ANTI_ENTROPY = 1;
export const TIMER_RESUME = 2;

function sample(sim: Simulation, d: Delay | undefined): number {
  if (d === undefined) return 0;
  if (typeof d === 'number') return d;
  return sim.rng.int(d.min, d.max);
}

/**
 * When data sent now reaches node `to`: its `lag` (at least netDelay), never before data sent
 * to it earlier (links are FIFO).
 */
export function dataArrival(sim: Simulation, ll: LeaderlessState, to: number): Ms {
  const lag = sample(sim, sim.nodes[to]!.cfg.lag);
  let at = sim.now + Math.max(lag, sim.cfg.netDelay);
  const last = ll.lastArrival[to]!;
  if (at < last) at = last;
  ll.lastArrival[to] = at;
  return at;
}

export function recordQuorum(sim: Simulation, phase: 'send' | 'deliver' | 'drop', m: QMsg): void {
  if (!sim.recordMessages) return;
  const client = m.clientIdx;
  sim.history.quorum(
    sim.now,
    phase,
    m.kind,
    m.fromNode < 0 ? client : m.fromNode,
    m.fromNode < 0,
    m.toNode < 0 ? client : m.toNode,
    m.toNode < 0,
    m.op >= 0 ? m.op : (m.versions[0]?.op ?? -1),
  );
}

/** Sends a message that arrives at `at`. */
export function sendMsg(
  sim: Simulation,
  ll: LeaderlessState,
  kind: QuorumMessageKind,
  fields: Pick<QMsg, 'op' | 'key' | 'fromNode' | 'toNode' | 'client' | 'clientIdx' | 'versions'> &
    Partial<Pick<QMsg, 'hint' | 'hintFor'>>,
  at: Ms,
): void {
  let m = ll.freeMsgs.pop();
  if (m === undefined) {
    m = {
      kind,
      op: fields.op,
      key: fields.key,
      fromNode: fields.fromNode,
      toNode: fields.toNode,
      client: fields.client,
      clientIdx: fields.clientIdx,
      versions: fields.versions,
      hint: fields.hint,
      hintFor: fields.hintFor ?? -1,
      sentAt: sim.now,
      arrivesAt: at,
    };
  } else {
    m.kind = kind;
    m.op = fields.op;
    m.key = fields.key;
    m.fromNode = fields.fromNode;
    m.toNode = fields.toNode;
    m.client = fields.client;
    m.clientIdx = fields.clientIdx;
    m.versions = fields.versions;
    m.hint = fields.hint;
    m.hintFor = fields.hintFor ?? -1;
    m.sentAt = sim.now;
    m.arrivesAt = at;
  }
  const id = ll.freeSlots.length > 0 ? ll.freeSlots.pop()! : ll.slots.length;
  ll.slots[id] = m;
  recordQuorum(sim, 'send', m);
  // The event's node is the replica at either end (a paused receiver defers it).
  sim.schedule(at, CLS_MESSAGE, EV.QUORUM, m.toNode >= 0 ? m.toNode : m.fromNode, -1, id);
}

/** An answer from replica `from` to the operation's client, `netDelay` from now. */
export function answerClient(
  sim: Simulation,
  ll: LeaderlessState,
  kind: QuorumMessageKind,
  m: QMsg,
  versions: QMsg['versions'],
): void {
  sendMsg(
    sim,
    ll,
    kind,
    {
      op: m.op,
      key: m.key,
      fromNode: m.toNode,
      toNode: -1,
      client: m.client,
      clientIdx: m.clientIdx,
      versions,
    },
    sim.now + sim.cfg.netDelay,
  );
}

export function onQuorumMessage(sim: Simulation, ev: Ev): void {
  const ll = sim.leaderless!;
  const m = ll.slots[ev.x];
  if (!m) return;
  if (m.toNode >= 0) {
    const n = sim.nodes[m.toNode]!;
    // A paused replica handles it when it resumes, in arrival order.
    if (n.up && sim.isPaused(n)) {
      sim.defer(ev, n.pausedUntil);
      return;
    }
  }
  ll.slots[ev.x] = undefined;
  handle(sim, ll, m);
  // Free only now: a handler's answer must not reuse the message it is reading.
  ll.freeSlots.push(ev.x);
  m.versions = NO_VERSIONS;
  m.hint = undefined;
  ll.freeMsgs.push(m);
}

const NO_VERSIONS: QMsg['versions'] = [];

function handle(sim: Simulation, ll: LeaderlessState, m: QMsg): void {
  switch (m.kind) {
    case 'write':
    case 'hint':
      onWriteArrive(sim, ll, m);
      break;
    case 'ack':
      onWriteAck(sim, ll, m);
      break;
    case 'refuse':
      if (sim.ops.isWrite(m.op)) onWriteRefused(sim, ll, m);
      else onReadAnswer(sim, ll, m, true);
      break;
    case 'read':
      onRead(sim, ll, m);
      break;
    case 'reply':
      onReadAnswer(sim, ll, m, false);
      break;
    case 'repair':
      onRepair(sim, ll, m);
      break;
    case 'handoff':
      onHandoff(sim, ll, m);
      break;
    case 'sync':
      onSync(sim, ll, m);
      break;
  }
}

export function scheduleTimer(sim: Simulation, at: Ms, kind: number, arg: number): void {
  sim.schedule(at, CLS_TIMER, EV.QUORUM_TIMER, -1, -1, kind, arg);
}

export function onQuorumTimer(sim: Simulation, ev: Ev): void {
  const ll = sim.leaderless!;
  switch (ev.x) {
    case TIMER_ACK:
      writeTimedOut(sim, ll, ev.g);
      break;
    case TIMER_ANTI_ENTROPY:
      onAntiEntropyTick(sim, ll, ev.g);
      break;
    case TIMER_RESUME:
      tryHandoffs(sim, ll);
      break;
  }
}
