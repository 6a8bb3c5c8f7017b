// The router-facing snapshot: frozen plain copies of what the simulator's hooks report, so
// that a policy can neither keep a live reference into the simulation nor change it.
import type { NodeView, OpRecord } from '../sim/index.js';
import type { NodeInfo, Outcome } from './policy-types.js';

export function nodeInfo(v: NodeView): NodeInfo {
  return Object.freeze({
    id: v.id,
    role: v.role,
    epoch: v.epoch,
    appliedLsn: v.appliedLsn,
    receivedLsn: v.receivedLsn,
    lagEntries: v.lagEntries,
    lagMs: v.lagMs,
    health: v.health,
  });
}

export function nodeInfos(views: readonly NodeView[]): readonly NodeInfo[] {
  return Object.freeze(views.map(nodeInfo));
}

/** A completed operation as its client saw it. */
export function outcomeOf(op: OpRecord, now: number): Outcome {
  const ok = op.outcome === 'ok';
  return Object.freeze({
    now,
    kind: op.kind,
    client: op.client,
    user: op.user,
    key: op.key,
    node: op.node,
    ok,
    ...(ok && op.lsn !== undefined ? { lsn: op.lsn } : {}),
  });
}
