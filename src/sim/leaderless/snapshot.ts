// A leaderless cluster's picture for the UI: per replica the versions of every key (value,
// client clock stamp, version vector) and the hints it holds, and the quorum messages on
// their way. Computing it never changes the simulation.

import type { Simulation } from '../simulation.js';
import { nodeSnapshot } from '../snapshot.js';
import type {
  ClusterSnapshot,
  LeaderlessSnapshot,
  QuorumMessage,
  ReplicaSnapshot,
} from '../types.js';
import { versionSnapshot } from '../versioning/version-snapshot.js';
import type { KeyVersion } from '../versioning/versions.js';
import type { LeaderlessState } from './state.js';

const MAX_IN_FLIGHT = 200;

function replicas(sim: Simulation, ll: LeaderlessState): ReplicaSnapshot[] {
  return sim.nodes.map((n, i) => {
    const rep = ll.replicas[i]!;
    const keys = [...rep.store.keys()].sort().map((key) => ({
      key,
      versions: rep.store.get(key)!.map((v) => versionSnapshot(sim, v)),
    }));
    return {
      id: n.id,
      home: i < ll.quorum.n,
      keys,
      hints: rep.hints.map((h) => ({
        for: sim.nodes[h.home]!.id,
        key: h.version.key,
        version: versionSnapshot(sim, h.version),
      })),
    };
  });
}

function inFlight(sim: Simulation, ll: LeaderlessState): QuorumMessage[] {
  const out: QuorumMessage[] = [];
  for (const m of ll.slots) {
    if (!m) continue;
    out.push({
      kind: m.kind,
      from: m.fromNode >= 0 ? sim.nodes[m.fromNode]!.id : m.client,
      to: m.toNode >= 0 ? sim.nodes[m.toNode]!.id : m.client,
      key: m.key,
      ...(m.op >= 0 ? { op: m.op } : {}),
      sentAt: m.sentAt,
      arrivesAt: m.arrivesAt,
    });
  }
  out.sort(
    (a, b) =>
      a.arrivesAt - b.arrivesAt ||
      a.sentAt - b.sentAt ||
      (a.to < b.to ? -1 : a.to > b.to ? 1 : 0) ||
      (a.from < b.from ? -1 : a.from > b.from ? 1 : 0),
  );
  if (out.length > MAX_IN_FLIGHT) out.length = MAX_IN_FLIGHT;
  return out;
}

export function leaderlessSnapshot(sim: Simulation, ll: LeaderlessState): ClusterSnapshot {
  const q = ll.quorum;
  const picture: LeaderlessSnapshot = {
    n: q.n,
    w: q.w,
    r: q.r,
    sloppy: q.sloppy,
    readRepair: q.readRepair,
    ...(q.antiEntropy !== undefined ? { antiEntropy: q.antiEntropy } : {}),
    readFrom: q.readFrom,
    conflict: ll.conflict,
    replicas: replicas(sim, ll),
    inFlight: inFlight(sim, ll),
  };
  return {
    t: sim.now,
    epoch: 0,
    mode: sim.cfg.mode,
    nodes: sim.nodes.map((n) => {
      const snap = nodeSnapshot(sim, n, undefined);
      // A node's data: each key's value (the first, when there are siblings).
      const data: Record<string, KeyVersion['value']> = {};
      for (const [k, vs] of ll.replicas[n.idx]!.store) if (vs[0]) data[k] = vs[0].value;
      return { ...snap, epoch: 0, data };
    }),
    inFlight: [],
    partition: sim.net.current(),
    leaderless: picture,
  };
}
