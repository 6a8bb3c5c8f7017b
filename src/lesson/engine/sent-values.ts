// What a client sent with a write, for views: the simulator records a write's value only once
// the leader has accepted it, so a write in flight or refused would show no value at all. The
// value comes from the recorded command (a lesson step), or from the workload that issued it
// (a workload writes its op id as the value).
import type { OpRecord, OpView, Simulation, Value } from '../../sim/index.js';

interface SentIndex {
  scanned: number;
  /** client + invocation time → the write commands given then, in order. */
  byClientAt: Map<string, Value[]>;
}

const indexes = new WeakMap<Simulation, SentIndex>();

function writeIndex(sim: Simulation): SentIndex {
  let idx = indexes.get(sim);
  if (!idx) {
    idx = { scanned: 0, byClientAt: new Map() };
    indexes.set(sim, idx);
  }
  // A rewind replays into a new simulation; the inputs of this one only grow.
  for (; idx.scanned < sim.inputs.length; idx.scanned++) {
    const { t, cmd } = sim.inputs[idx.scanned]!;
    if (cmd.type !== 'write') continue;
    const k = `${cmd.client}\u0000${t}`;
    const list = idx.byClientAt.get(k) ?? [];
    list.push(cmd.value);
    idx.byClientAt.set(k, list);
  }
  return idx;
}

/** The value the client sent with a write, when the simulator has not recorded one. */
export function sentValue(sim: Simulation, op: OpRecord): Value | undefined {
  if (op.kind !== 'write') return undefined;
  for (const run of sim.workloads) {
    if (op.id >= run.firstOp && op.id <= run.lastOp && run.clients.includes(op.client))
      return op.id;
  }
  const list = writeIndex(sim).byClientAt.get(`${op.client}\u0000${op.invokedAt}`);
  if (!list) return undefined;
  // Several writes by one client in one millisecond: the n-th op is the n-th command.
  let rank = 0;
  for (let id = op.id - 1; id >= 0; id--) {
    const o = sim.ops.at(id);
    if (!o || o.invokedAt !== op.invokedAt) break;
    if (o.kind === 'write' && o.client === op.client) rank++;
  }
  return list[rank];
}

function shown(sim: Simulation, op: OpRecord): OpRecord {
  if (op.kind !== 'write' || op.value !== undefined) return op;
  const sent = sentValue(sim, op);
  return sent === undefined ? op : { ...op, value: sent };
}

/**
 * The simulation's operations as views show them: a write whose value the leader has not
 * recorded (in flight, refused, lost on the way) carries the value its client sent.
 */
export function displayOps(sim: Simulation): OpView {
  const ops = sim.ops;
  return {
    get length() {
      return ops.length;
    },
    at: (i) => {
      const op = ops.at(i);
      return op && shown(sim, op);
    },
    slice: (start, end) => ops.slice(start, end).map((op) => shown(sim, op)),
    *[Symbol.iterator]() {
      for (const op of ops) yield shown(sim, op);
    },
  };
}
