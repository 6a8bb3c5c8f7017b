// Commands on a multi-leader cluster. Reads, writes, crash, restart, pause, partition, heal,
// wipe, `set` (a node's lag and clock skew; the cluster's conflict policy and replication
// topology), clients and workloads apply; commands that need a single leader (promote,
// backups, restores, new followers, slots) are refused with the reason.

import { DEFAULT_SIZE } from '../clients.js';
import type { ClusterParams, Command } from '../commands.js';
import { crashNode, describeParams, pauseNode, recordFault, restartNode } from '../fault-record.js';
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import { startWorkload } from '../workload.js';
import { resumeLinks } from './links.js';
import { startMultiRead, startMultiWrite } from './requests.js';
import { checkConflict, checkReplication } from './setup.js';
import type { MultiLeaderState } from './state.js';

const NODE_PARAMS = new Set(['lag', 'clockSkew']);
const CLUSTER_PARAMS = new Set(['conflict', 'replication']);

function setCluster(sim: Simulation, ml: MultiLeaderState, params: ClusterParams): void {
  for (const k of Object.keys(params)) {
    if (!CLUSTER_PARAMS.has(k)) {
      throw new SimulationError(
        `set ${k} does not apply to a multi-leader cluster (conflict, replication)`,
      );
    }
  }
  const conflict = params.conflict !== undefined ? checkConflict(params.conflict) : ml.conflict;
  const replication =
    params.replication !== undefined ? checkReplication(params.replication) : ml.replication;
  ml.conflict = conflict;
  ml.replication = replication;
  sim.cfg.conflict = conflict;
  sim.cfg.replication = replication;
  recordFault(sim, 'set', undefined, describeParams(params));
}

export function executeMultiLeader(sim: Simulation, cmd: Command): number | undefined {
  const ml = sim.multiLeader!;
  switch (cmd.type) {
    case 'write': {
      if (cmd.autoId) throw new SimulationError('auto-increment ids need a single leader');
      if (cmd.limit !== undefined)
        throw new SimulationError('LIMIT statements need a single leader');
      const via = cmd.via !== undefined ? sim.node(cmd.via) : undefined;
      const session = sim.ensureSession(cmd.client);
      return startMultiWrite(sim, session, cmd.key, cmd.value, cmd.size ?? DEFAULT_SIZE, via);
    }
    case 'read': {
      const from = cmd.from === 'route' || cmd.from === 'quorum' ? undefined : sim.node(cmd.from);
      return startMultiRead(sim, sim.ensureSession(cmd.client), cmd.key, from);
    }
    case 'crash':
      crashNode(sim, sim.node(cmd.node));
      return undefined;
    case 'restart':
      // Its store is durable; what waits for it (or on it) flows again.
      if (restartNode(sim, sim.node(cmd.node))) resumeLinks(sim, ml);
      return undefined;
    case 'pause':
      pauseNode(sim, sim.node(cmd.node), cmd.for);
      return undefined;
    case 'partition':
      sim.net.partition(cmd.groups);
      recordFault(
        sim,
        'partition',
        undefined,
        cmd.groups.map((g) => `[${g.join(', ')}]`).join(' | '),
      );
      resumeLinks(sim, ml);
      return undefined;
    case 'heal':
      sim.net.heal();
      recordFault(sim, 'heal');
      resumeLinks(sim, ml);
      return undefined;
    case 'set-node': {
      const n = sim.node(cmd.node);
      for (const k of Object.keys(cmd.params)) {
        if (!NODE_PARAMS.has(k)) {
          throw new SimulationError(
            `set ${k} does not apply to a multi-leader node (lag, clockSkew)`,
          );
        }
      }
      n.cfg = { ...n.cfg, ...cmd.params };
      recordFault(sim, 'set', n, describeParams(cmd.params));
      return undefined;
    }
    case 'set-cluster':
      setCluster(sim, ml, cmd.params);
      return undefined;
    case 'wipe': {
      const n = sim.node(cmd.node);
      // Nothing re-sends what it held: peers keep sending only new entries.
      ml.stores[n.idx] = new Map();
      ml.seen[n.idx] = new Map();
      recordFault(sim, 'wipe', n);
      return undefined;
    }
    case 'client':
      sim.ensureSession(cmd.client.id, cmd.client);
      return undefined;
    case 'workload':
      startWorkload(sim, cmd.spec, cmd.tag);
      return undefined;
    case 'promote':
    case 'backup':
    case 'restore':
    case 'add-follower':
    case 'resync':
    case 'drop-slot':
      throw new SimulationError(
        `${cmd.type} needs a single leader; a multi-leader cluster has one per datacenter`,
      );
  }
}
