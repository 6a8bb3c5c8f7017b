// Faults and live reconfiguration: crash / restart, pause, partition / heal, wipe, and `set`
// of a node's or the cluster's parameters, with what they mean for a leader's followers
// (rejoin, catch up, report a position). Each is recorded in the history as a 'fault' event.

import type { ClusterParams } from '../commands.js';
import { describeParams, recordFault } from '../fault-record.js';
import { clearData } from '../node-data.js';
import { checkCapacity, dropRequests } from '../serving.js';
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import type { SimNode } from '../state.js';
import type { Ms, NodeConfig } from '../types.js';
import { abandonPending, checkSyncStandbys, releaseAcknowledged } from './acks.js';
import { rejoin, startFailoverTimers } from './failover.js';
import { chainLeader, currentLeader, groupOf } from './queries.js';
import { catchUp, follow, sendAck } from './replication.js';
import { setSlots } from './slots.js';
import { recheckVersions } from './version-check.js';

export function crashNode(sim: Simulation, n: SimNode): void {
  if (!n.up) return;
  n.up = false;
  n.inc++;
  n.pausedUntil = 0;
  n.busy = undefined;
  // Its clients' connections break: writes waiting for acknowledgements never get one, and
  // requests waiting to be served are refused.
  abandonPending(sim, n);
  dropRequests(sim, n);
  sim.record({ t: sim.now, type: 'fault', fault: 'crash', node: n.id });
  // A crashed synchronous standby drops its connection: the leader picks the next at once.
  if (sim.cfg.syncStandbys !== undefined && n.role === 'follower') releaseAll(sim);
}

export function restartNode(sim: Simulation, n: SimNode): void {
  if (n.up) return;
  n.up = true;
  n.inc++;
  sim.record({ t: sim.now, type: 'fault', fault: 'restart', node: n.id });
  n.lastHeard = sim.now;
  const leader = currentLeader(groupOf(sim, n));
  if (n.role === 'leader') {
    if (leader && leader !== n && (leader.epoch > n.epoch || n.fenced)) {
      // A newer leader exists: rejoin as its follower; what it never received is truncated.
      rejoin(sim, n, leader, leader.epoch, 'restarted after a failover');
    }
  } else {
    const up = n.cfg.upstream ? sim.byId.get(n.cfg.upstream) : undefined;
    // With no leader in sight (one stepped down for lack of a majority), resume from the
    // old source: the stream stalls, and heal or a heartbeat sorts it out.
    const target = up?.up && up.role === 'follower' ? up : (leader ?? n.source);
    if (target && target !== n) {
      if (target.role === 'leader' && target.epoch > n.epoch) n.epoch = target.epoch;
      follow(sim, n, target);
    }
  }
  // Whoever streams from this node missed what was in flight when it went down.
  for (const f of sim.nodes) if (f.source === n && f.up) catchUp(sim, f);
  startFailoverTimers(sim, n);
}

export function pauseNode(sim: Simulation, n: SimNode, ms: Ms): void {
  n.pausedUntil = Math.max(n.pausedUntil, sim.now + ms);
  sim.record({ t: sim.now, type: 'fault', fault: 'pause', node: n.id, detail: `${ms} ms` });
}

export function partitionNetwork(sim: Simulation, groups: readonly (readonly string[])[]): void {
  sim.net.partition(groups);
  sim.record({
    t: sim.now,
    type: 'fault',
    fault: 'partition',
    detail: groups.map((g) => `[${g.join(', ')}]`).join(' | '),
  });
  resumeStalledStreams(sim);
}

export function healNetwork(sim: Simulation): void {
  sim.net.heal();
  sim.record({ t: sim.now, type: 'fault', fault: 'heal' });
  resumeStalledStreams(sim);
}

/**
 * Streams that stalled at a cut resume from the follower's last LSN once it is gone, and a
 * follower that can reach its leader again reports its position (acknowledgements sent
 * across the cut were dropped, and a synchronous write may still be waiting for them).
 */
function resumeStalledStreams(sim: Simulation): void {
  for (const f of sim.nodes) {
    const src = f.source;
    if (!f.up || f.role !== 'follower' || !src) continue;
    if (f.stalled && sim.reachable(src, f)) catchUp(sim, f);
    const leader = chainLeader(sim, f);
    const position = sim.cfg.ackOn === 'apply' ? f.applied : f.log.length;
    if (leader?.up && sim.reachable(leader, f) && position > 0) sendAck(sim, f, position);
  }
}

/** Throws before anything changes when a `set` names something that does not exist. */
export function validateNodeParams(sim: Simulation, n: SimNode, params: Partial<NodeConfig>): void {
  checkCapacity(params.capacity, `"${n.id}"`);
  if (params.disk !== undefined && !(params.disk > 0)) {
    throw new SimulationError(`"${n.id}": disk must be a size above 0`);
  }
  const up = params.upstream;
  if (up === undefined) return;
  if (up !== '' && sim.node(up).group !== n.group) {
    throw new SimulationError(`"${n.id}" cannot stream from "${up}": it holds another shard`);
  }
  // Walk the would-be chain: it must not come back to `n`.
  for (let cur: SimNode | undefined = sim.node(up), hops = 0; cur; cur = cur.source, hops++) {
    if (cur === n || hops > sim.nodes.length) {
      throw new SimulationError(`"${n.id}" cannot stream from "${up}": that makes a cycle`);
    }
    if (cur.role === 'leader') break;
  }
}

export function setNodeParams(sim: Simulation, n: SimNode, params: Partial<NodeConfig>): void {
  const before = n.cfg.upstream;
  n.cfg = { ...n.cfg, ...params };
  recordFault(sim, 'set', n, describeParams(params));
  if ('upstream' in params && params.upstream !== before && n.role === 'follower') {
    const target = params.upstream ? sim.node(params.upstream) : currentLeader(groupOf(sim, n));
    if (target) follow(sim, n, target);
  }
  // The sync set may have changed: a write that now has enough acknowledgements is done.
  if ('sync' in params) releaseAll(sim);
  if ('version' in params) {
    // A follower that now refuses the stream is no synchronous standby to wait for.
    recheckVersions(sim);
    releaseAll(sim);
  }
}

export function setClusterParams(sim: Simulation, params: ClusterParams): void {
  checkCapacity(params.capacity, 'cluster');
  checkSyncStandbys(params.syncStandbys);
  const { auto, heartbeat, timeout, fencing, quorum, maxLagOnFailover, slots, ...rest } = params;
  Object.assign(sim.cfg, rest);
  if (slots !== undefined) setSlots(sim, slots);
  const fo = { auto, heartbeat, timeout, fencing, quorum, maxLagOnFailover };
  const touched = Object.entries(fo).filter(([, v]) => v !== undefined);
  if (touched.length > 0) {
    const prev = sim.cfg.failover;
    sim.cfg.failover = {
      auto: prev?.auto ?? true,
      heartbeat: prev?.heartbeat ?? 1000,
      timeout: prev?.timeout ?? 30_000,
      fencing: prev?.fencing ?? false,
      quorum: prev?.quorum ?? false,
      maxLagOnFailover: prev?.maxLagOnFailover,
      ...Object.fromEntries(touched),
    };
    if (!prev) {
      // Failover switched on mid-run: the leader starts with a fresh lease.
      for (const g of sim.groups) {
        const leader = currentLeader(g);
        if (leader) for (const n of g.nodes) leader.heardAt[n.idx] = sim.now;
      }
      startFailoverTimers(sim);
    }
  }
  recordFault(sim, 'set', undefined, describeParams(params));
  // A new mode, minAcks or standby choice may release writes that were waiting.
  if (rest.mode !== undefined || rest.minAcks !== undefined || rest.syncStandbys !== undefined) {
    releaseAll(sim);
  }
  if (rest.log !== undefined) {
    recheckVersions(sim);
    releaseAll(sim);
  }
}

function releaseAll(sim: Simulation): void {
  for (const n of sim.nodes) if (n.role === 'leader' && n.up) releaseAcknowledged(sim, n);
}

/** Deletes a node's data and log. A wiped follower needs a full resync (a base backup). */
export function wipeNode(sim: Simulation, n: SimNode): void {
  n.log = [];
  n.applied = 0;
  clearData(n);
  n.linkGen++;
  sim.record({ t: sim.now, type: 'fault', fault: 'wipe', node: n.id });
  if (n.role === 'follower') n.needsResync = true;
}
