// A multi-leader cluster's picture for the UI: per node what it shows of every key (and, under
// replica id, the concurrent versions it keeps unshown), each link's queue, and the entries on
// their way. Computing it never changes the simulation.
import type { Simulation } from '../simulation.js';
import { nodeSnapshot } from '../snapshot.js';
import type {
  ClusterSnapshot,
  EntryInFlight,
  MultiLeaderSnapshot,
  MultiReplicaSnapshot,
  NodeSnapshot,
} from '../types.js';
import { versionSnapshot } from '../versioning/version-snapshot.js';
import type { KeyVersion } from '../versioning/versions.js';
import { shown } from './reconcile.js';
import type { MultiLeaderState } from './state.js';

const MAX_IN_FLIGHT = 200;

function replicas(sim: Simulation, ml: MultiLeaderState): MultiReplicaSnapshot[] {
  return sim.nodes.map((n) => {
    const store = ml.stores[n.idx]!;
    const keys = [...store.keys()].sort().map((key) => {
      const held = store.get(key)!;
      const show = shown(held, ml.conflict, ml.rank);
      return {
        key,
        versions: show.map((v) => versionSnapshot(sim, v)),
        hidden: held.filter((v) => !show.includes(v)).map((v) => versionSnapshot(sim, v)),
      };
    });
    const src = ml.source[n.idx]!;
    return {
      id: n.id,
      role: n.role,
      ...(src >= 0 ? { upstream: sim.nodes[src]!.id } : {}),
      keys,
    };
  });
}

function inFlight(sim: Simulation, ml: MultiLeaderState): EntryInFlight[] {
  const out: EntryInFlight[] = [];
  for (const link of ml.links) {
    for (let i = link.head; i < link.queue.length; i++) {
      const s = link.queue[i]!;
      out.push({
        from: sim.nodes[link.from]!.id,
        to: sim.nodes[link.to]!.id,
        key: s.v.key,
        op: s.v.op,
        sentAt: s.sentAt,
        arrivesAt: s.arrivesAt,
      });
    }
  }
  // Held entries (arrivesAt -1) after everything moving; then by arrival, send, op.
  const at = (e: EntryInFlight) => (e.arrivesAt < 0 ? Number.MAX_SAFE_INTEGER : e.arrivesAt);
  out.sort((a, b) => at(a) - at(b) || a.sentAt - b.sentAt || a.op - b.op);
  if (out.length > MAX_IN_FLIGHT) out.length = MAX_IN_FLIGHT;
  return out;
}

/** A multi-leader node's status: leading, or (a follower) streaming from a reachable upstream. */
export function multiLeaderStatus(
  sim: Simulation,
  ml: MultiLeaderState,
  idx: number,
): NodeSnapshot['status'] {
  const n = sim.nodes[idx]!;
  if (!n.up) return 'down';
  if (sim.isPaused(n)) return 'paused';
  if (ml.rank[idx]! >= 0) return 'leading';
  const src = sim.nodes[ml.source[idx]!]!;
  return src.up && sim.reachable(src, n) ? 'streaming' : 'disconnected';
}

export function multiLeaderSnapshot(sim: Simulation, ml: MultiLeaderState): ClusterSnapshot {
  const picture: MultiLeaderSnapshot = {
    conflict: ml.conflict,
    replication: ml.replication,
    leaders: ml.leaders.map((l) => sim.nodes[l]!.id),
    replicas: replicas(sim, ml),
    links: ml.links.map((l) => ({
      from: sim.nodes[l.from]!.id,
      to: sim.nodes[l.to]!.id,
      queued: l.queue.length - l.head,
      held: l.held,
    })),
    inFlight: inFlight(sim, ml),
  };
  return {
    t: sim.now,
    epoch: 0,
    mode: sim.cfg.mode,
    nodes: sim.nodes.map((n) => {
      const snap = nodeSnapshot(sim, n, undefined);
      // A node's data: each key's value as a read shows it (the first, when there are siblings).
      const data: Record<string, KeyVersion['value']> = {};
      for (const [k, held] of ml.stores[n.idx]!) {
        const v = shown(held, ml.conflict, ml.rank)[0];
        if (v) data[k] = v.value;
      }
      const src = ml.source[n.idx]!;
      return {
        ...snap,
        epoch: 0,
        status: multiLeaderStatus(sim, ml, n.idx),
        ...(src >= 0 ? { upstream: sim.nodes[src]!.id } : {}),
        data,
      };
    }),
    // Entries on their way, as the space-time diagram draws them (`lsn`: the write's op id,
    // which the history's entry messages carry too); held ones are not moving.
    inFlight: picture.inFlight
      .filter((e) => e.arrivesAt >= 0)
      .map((e) => ({
        from: e.from,
        to: e.to,
        kind: 'entry' as const,
        lsn: e.op,
        sentAt: e.sentAt,
        arrivesAt: e.arrivesAt,
      })),
    partition: sim.net.current(),
    multiLeader: picture,
  };
}
