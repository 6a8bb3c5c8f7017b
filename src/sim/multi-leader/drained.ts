// Every node as it will be once every link has delivered what waits on it — entries held by
// a cut or a down node included, since they flow again after heal or restart — with the
// entries those deliveries send on (to followers, round a ring, out from a hub). The checkers
// judge loss and divergence on this picture, so an entry still travelling is neither lost nor
// a divergence. Pure: it never changes the simulation.
import type { Simulation } from '../simulation.js';
import type { Delay, ReplicationTopology } from '../types.js';
import type { KeyVersion, Store } from '../versioning/versions.js';
import { nextLeaders } from './links.js';
import { reconcile, shown } from './reconcile.js';
import type { MultiLeaderState } from './state.js';

interface Pending {
  at: number;
  seq: number;
  to: number;
  v: KeyVersion;
  passed: number;
  route: ReplicationTopology;
}

function minLag(d: Delay | undefined): number {
  if (d === undefined) return 0;
  return typeof d === 'number' ? d : d.min;
}

/** Where a delivery at `node` sends on to (followers, then leaders), as links.ts would. */
function onward(ml: MultiLeaderState, p: Pending): [number, number][] {
  const out: [number, number][] = [];
  for (const l of ml.out[p.to]!) if (l.toFollower) out.push([l.to, 0]);
  const rank = ml.rank[p.to]!;
  if (rank < 0) return out;
  const here = p.passed | (1 << rank);
  for (const l of nextLeaders(ml, p.to, p.v, here, p.route)) out.push([l, here]);
  return out;
}

/** Each node's kept versions once drained (replica id keeps every concurrent one). */
export function drainedKept(sim: Simulation, ml: MultiLeaderState): Store[] {
  const stores = ml.stores.map((s) => new Map(s));
  const work: Pending[] = [];
  let seq = 0;
  for (const link of ml.links) {
    for (let i = link.head; i < link.queue.length; i++) {
      const s = link.queue[i]!;
      const at = s.arrivesAt >= 0 ? s.arrivesAt : Number.MAX_SAFE_INTEGER;
      work.push({ at, seq: seq++, to: link.to, v: s.v, passed: s.passed, route: s.route });
    }
  }
  const order = (a: Pending, b: Pending) => a.at - b.at || a.seq - b.seq;
  work.sort(order);
  while (work.length > 0) {
    const p = work.shift()!;
    const store = stores[p.to]!;
    const held = store.get(p.v.key) ?? [];
    store.set(p.v.key, reconcile(held, p.v, ml.conflict, ml.rank, ml.ids).versions);
    for (const [to, passed] of onward(ml, p)) {
      const lag = Math.max(minLag(sim.nodes[to]!.cfg.lag), sim.cfg.netDelay);
      const next: Pending = { at: p.at + lag, seq: seq++, to, v: p.v, passed, route: p.route };
      let i = work.length;
      while (i > 0 && order(work[i - 1]!, next) > 0) i--;
      work.splice(i, 0, next);
    }
  }
  return stores;
}

/** What each node will show of every key once drained. */
export function drainedShown(sim: Simulation, ml: MultiLeaderState): Store[] {
  return drainedKept(sim, ml).map((store) => {
    const out: Store = new Map();
    for (const [key, held] of store)
      out.set(key, shown(held, ml.conflict, ml.rank) as KeyVersion[]);
    return out;
  });
}
