// Consistent prefix: a client that has seen a write must not afterwards miss a write it
// depended on (the answer seen, then the question missing). A write depends on every
// version its writer had seen before issuing it: its own acknowledged writes and what its
// reads returned. Those are derived from the history here (and merged with `deps`, which
// scripted writes also carry), so generated workloads are judged the same way.

import type { OpRecord } from '../types.js';
import { type Anomaly, type CheckInput, okReads, secs, show } from './anomaly.js';
import { checkShardedPrefix } from './causal-prefix.js';

type Deps = Map<string, number>;

/** Adds the version one of the writer's acknowledged ops saw (a write its own, a read what it returned). */
function observe(seen: Deps, op: OpRecord): void {
  const v = op.kind === 'write' ? op.lsn : op.versionLsn;
  if (v === undefined || v <= 0) return;
  if (v > (seen.get(op.key) ?? 0)) seen.set(op.key, v);
}

/** The dependencies of each write in `writes`, derived from its client's history. */
function deriveDeps(input: CheckInput, writes: ReadonlySet<OpRecord>): Map<OpRecord, Deps> {
  const out = new Map<OpRecord, Deps>();
  const byClient = new Map<string, OpRecord[]>();
  for (const w of writes) {
    const list = byClient.get(w.client);
    if (list) list.push(w);
    else byClient.set(w.client, [w]);
  }
  if (byClient.size === 0) return out;
  const obsByClient = new Map<string, OpRecord[]>();
  for (const op of input.ops) {
    if (op.outcome !== 'ok' || !byClient.has(op.client)) continue;
    const list = obsByClient.get(op.client);
    if (list) list.push(op);
    else obsByClient.set(op.client, [op]);
  }
  for (const [client, ws] of byClient) {
    ws.sort((a, b) => a.invokeSeq - b.invokeSeq);
    const obs = (obsByClient.get(client) ?? []).sort((a, b) => a.completeSeq! - b.completeSeq!);
    const seen: Deps = new Map();
    let i = 0;
    for (const w of ws) {
      while (i < obs.length && obs[i]!.completeSeq! < w.invokeSeq) observe(seen, obs[i++]!);
      const deps = new Map(seen);
      for (const [k, lsn] of Object.entries(w.deps ?? {})) {
        if (lsn > (deps.get(k) ?? 0)) deps.set(k, lsn);
      }
      out.set(w, deps);
    }
  }
  return out;
}

export function checkConsistentPrefix(input: CheckInput): Anomaly[] {
  // Sharded: one log per shard, dependencies per shard (causal-prefix.ts).
  if (input.shardOfNode) return checkShardedPrefix(input);
  const producer = new Map<string, OpRecord>();
  for (const op of input.ops) {
    if (op.kind === 'write' && op.lsn !== undefined && op.outcome !== 'fail')
      producer.set(`${op.key}@${op.lsn}`, op);
  }
  const reads = okReads(input).sort((a, b) => a.invokeSeq - b.invokeSeq);
  const producers = new Set<OpRecord>();
  for (const r of reads) {
    const w = (r.versionLsn ?? 0) > 0 ? producer.get(`${r.key}@${r.versionLsn}`) : undefined;
    if (w) producers.add(w);
  }
  const depsOf = deriveDeps(input, producers);
  const out: Anomaly[] = [];
  const required = new Map<string, Map<string, { lsn: number; because: OpRecord }>>();
  for (const r of reads) {
    let req = required.get(r.client);
    if (!req) {
      req = new Map();
      required.set(r.client, req);
    }
    const need = req.get(r.key);
    const v = r.versionLsn ?? 0;
    if (need && v < need.lsn) {
      out.push({
        checker: 'consistent-prefix',
        op: r.id,
        related: [need.because.id],
        node: r.node,
        key: r.key,
        lsns: [v, need.lsn],
        message: `${r.client} saw ${show(need.because.value)} ("${need.because.key}"), which was written after "${r.key}" LSN ${need.lsn}, but then read ${show(r.value)} for "${r.key}" from ${r.node} at ${secs(r.invokedAt)}`,
      });
    }
    const w = v > 0 ? producer.get(`${r.key}@${v}`) : undefined;
    const deps = w ? depsOf.get(w) : undefined;
    if (!w || !deps) continue;
    for (const [k, lsn] of deps) {
      if (k === r.key) continue;
      const cur = req.get(k);
      if (!cur || lsn > cur.lsn) req.set(k, { lsn, because: w });
    }
  }
  return out;
}
