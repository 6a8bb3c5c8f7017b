// Commands on a leaderless cluster. Crash, restart, pause, partition, heal, wipe, `set`,
// reads, writes, clients and workloads apply; leader-only commands (promote, backups,
// restores, new followers) are refused with the reason.

import { DEFAULT_SIZE } from '../clients.js';
import type { ClusterParams, Command } from '../commands.js';
import { crashNode, describeParams, pauseNode, recordFault, restartNode } from '../fault-record.js';
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import { startWorkload } from '../workload.js';
import { startAntiEntropy, tryHandoffs } from './maintenance.js';
import { scheduleTimer, TIMER_RESUME } from './messages.js';
import { startLeaderlessRead } from './reads.js';
import { checkQuorum } from './setup.js';
import type { LeaderlessState } from './state.js';
import { startQuorumWrite } from './writes.js';

const NODE_PARAMS = new Set(['lag']);
const CLUSTER_PARAMS = new Set(['ackTimeout', 'leaderlessQuorum']);

function setCluster(sim: Simulation, ll: LeaderlessState, params: ClusterParams): void {
  for (const k of Object.keys(params)) {
    if (!CLUSTER_PARAMS.has(k)) {
      throw new SimulationError(
        `set ${k} does not apply to a leaderless cluster (ackTimeout, the quorum settings)`,
      );
    }
  }
  const q = params.leaderlessQuorum ? { ...ll.quorum, ...params.leaderlessQuorum } : ll.quorum;
  checkQuorum(q, sim.nodes.length);
  if (params.ackTimeout !== undefined) sim.cfg.ackTimeout = params.ackTimeout;
  if (params.leaderlessQuorum) {
    const aeBefore = ll.quorum.antiEntropy;
    ll.quorum = q;
    sim.cfg.quorum = { ...q };
    if (q.antiEntropy !== aeBefore) startAntiEntropy(sim, ll);
  }
  recordFault(sim, 'set', undefined, describeParams(params));
}

export function executeLeaderless(sim: Simulation, cmd: Command): number | undefined {
  const ll = sim.leaderless!;
  switch (cmd.type) {
    case 'write': {
      if (cmd.via !== undefined) {
        throw new SimulationError(
          'a leaderless write goes to every home replica at once; `via` does not apply',
        );
      }
      if (cmd.autoId) throw new SimulationError('auto-increment ids need a leader');
      const session = sim.ensureSession(cmd.client);
      return startQuorumWrite(
        sim,
        session,
        cmd.client,
        cmd.key,
        cmd.value,
        cmd.size ?? DEFAULT_SIZE,
      );
    }
    case 'read': {
      // `route` is what a read without `from` becomes: a quorum read.
      const node =
        cmd.from === 'route' || cmd.from === 'quorum' ? undefined : sim.node(cmd.from).idx;
      return startLeaderlessRead(sim, sim.ensureSession(cmd.client), cmd.client, cmd.key, node);
    }
    case 'crash':
      crashNode(sim, sim.node(cmd.node));
      return undefined;
    case 'restart':
      // It keeps what it had stored; only handoff, read repair and anti-entropy bring it up to date.
      if (restartNode(sim, sim.node(cmd.node))) tryHandoffs(sim, ll);
      return undefined;
    case 'pause': {
      const n = sim.node(cmd.node);
      pauseNode(sim, n, cmd.for);
      scheduleTimer(sim, n.pausedUntil, TIMER_RESUME, n.idx);
      return undefined;
    }
    case 'partition':
      sim.net.partition(cmd.groups);
      recordFault(
        sim,
        'partition',
        undefined,
        cmd.groups.map((g) => `[${g.join(', ')}]`).join(' | '),
      );
      tryHandoffs(sim, ll);
      return undefined;
    case 'heal':
      sim.net.heal();
      recordFault(sim, 'heal');
      tryHandoffs(sim, ll);
      return undefined;
    case 'set-node': {
      const n = sim.node(cmd.node);
      for (const k of Object.keys(cmd.params)) {
        if (!NODE_PARAMS.has(k)) {
          throw new SimulationError(`set ${k} does not apply to a leaderless replica (lag)`);
        }
      }
      n.cfg = { ...n.cfg, ...cmd.params };
      recordFault(sim, 'set', n, describeParams(cmd.params));
      return undefined;
    }
    case 'set-cluster':
      setCluster(sim, ll, cmd.params);
      return undefined;
    case 'wipe': {
      const n = sim.node(cmd.node);
      ll.replicas[n.idx] = { store: new Map(), hints: [] };
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
      throw new SimulationError(`${cmd.type} needs a leader; a leaderless cluster has none`);
  }
}
