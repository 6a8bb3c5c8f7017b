// Consistent prefix across shards. Each shard has its own log, so a reader can meet a write
// before the writes it depended on when they live in another shard that its replica has not
// applied yet (the answer before the question). A write depends, per shard, on the highest
// LSN its client had written or read there, merged with the dependencies of every value it
// had read (so dependencies travel from reader to reader). A read breaks consistent prefix
// when its client has already read a write w2 that depends on shard S up to LSN d, and it
// returns, for a key of S, a version older than w1, the newest write to that key at or below
// d. Versions are (shard, epoch, LSN): LSNs of different shards never compare.
import type { OpRecord } from '../types.js';
import { type Anomaly, atLeast, type CheckInput, okReads, secs, show } from './anomaly.js';

type Vector = Map<string, number>;

function raise(v: Vector, shard: string, lsn: number): void {
  if (lsn > (v.get(shard) ?? 0)) v.set(shard, lsn);
}

function merge(into: Vector, from: Vector | Record<string, number> | undefined): void {
  if (!from) return;
  const entries = from instanceof Map ? from.entries() : Object.entries(from);
  for (const [s, lsn] of entries) raise(into, s, lsn);
}

const versionKey = (key: string, epoch: number | undefined, lsn: number | undefined) =>
  `${key}@${epoch ?? 0}@${lsn ?? 0}`;

/**
 * Every write's dependencies, derived from the history in the order things happened (the
 * writes' own `shardDeps`, which the simulator records, are merged in).
 */
function dependencies(
  ops: readonly OpRecord[],
  producer: ReadonlyMap<string, OpRecord>,
): Map<OpRecord, Vector> {
  type Moment = { seq: number; op: OpRecord; invoke: boolean };
  const moments: Moment[] = [];
  for (const op of ops) {
    if (op.kind === 'write') moments.push({ seq: op.invokeSeq, op, invoke: true });
    if (op.outcome === 'ok' && op.completeSeq !== undefined)
      moments.push({ seq: op.completeSeq, op, invoke: false });
  }
  moments.sort((a, b) => a.seq - b.seq);
  const ofClient = new Map<string, Vector>();
  const deps = new Map<OpRecord, Vector>();
  for (const { op, invoke } of moments) {
    let v = ofClient.get(op.client);
    if (!v) {
      v = new Map();
      ofClient.set(op.client, v);
    }
    if (invoke) {
      const d = new Map(v);
      merge(d, op.shardDeps);
      deps.set(op, d);
      continue;
    }
    if (op.shard === undefined) continue;
    if (op.kind === 'write') {
      raise(v, op.shard, op.lsn ?? 0);
      continue;
    }
    raise(v, op.shard, op.versionLsn ?? 0);
    const w = producer.get(versionKey(op.key, op.versionEpoch, op.versionLsn));
    if (w) merge(v, deps.get(w));
  }
  return deps;
}

export function checkShardedPrefix(input: CheckInput): Anomaly[] {
  const producer = new Map<string, OpRecord>();
  const writesOfKey = new Map<string, OpRecord[]>();
  for (const op of input.ops) {
    if (op.kind !== 'write' || op.lsn === undefined || op.outcome === 'fail') continue;
    producer.set(versionKey(op.key, op.epoch, op.lsn), op);
    const list = writesOfKey.get(op.key);
    if (list) list.push(op);
    else writesOfKey.set(op.key, [op]);
  }
  const deps = dependencies(input.ops, producer);
  const out: Anomaly[] = [];
  // Per client: per shard, the highest LSN a write it has read depends on, and that write.
  const required = new Map<string, Map<string, { lsn: number; because: OpRecord }>>();
  for (const r of okReads(input).sort((a, b) => a.invokeSeq - b.invokeSeq)) {
    let req = required.get(r.client);
    if (!req) {
      req = new Map();
      required.set(r.client, req);
    }
    const need = r.shard === undefined ? undefined : req.get(r.shard);
    const w1 = need ? newestAtOrBelow(writesOfKey.get(r.key), need.lsn) : undefined;
    if (need && w1 && !atLeast(r.versionEpoch ?? 0, r.versionLsn ?? 0, w1.epoch ?? 0, w1.lsn!)) {
      const w2 = need.because;
      out.push({
        checker: 'consistent-prefix',
        op: r.id,
        related: [w2.id, w1.id],
        node: r.node,
        key: r.key,
        lsns: [r.versionLsn ?? 0, w1.lsn!],
        message: `${r.client} saw ${show(w2.value)} ("${w2.key}", shard ${w2.shard}), which depended on ${show(w1.value)} ("${r.key}", shard ${r.shard} LSN ${w1.lsn}), but then read ${show(r.value)} for "${r.key}" from ${r.node} at ${secs(r.invokedAt)}`,
      });
    }
    const w = producer.get(versionKey(r.key, r.versionEpoch, r.versionLsn));
    const d = w ? deps.get(w) : undefined;
    if (!w || !d) continue;
    for (const [shard, lsn] of d) {
      const cur = req.get(shard);
      if (!cur || lsn > cur.lsn) req.set(shard, { lsn, because: w });
    }
  }
  return out;
}

/** The write with the highest LSN at or below `lsn` (writes of one key, so of one shard). */
function newestAtOrBelow(
  writes: readonly OpRecord[] | undefined,
  lsn: number,
): OpRecord | undefined {
  let best: OpRecord | undefined;
  for (const w of writes ?? []) {
    if (w.lsn! <= lsn && (!best || w.lsn! > best.lsn!)) best = w;
  }
  return best;
}
