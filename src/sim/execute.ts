// Carrying out a command (commands.ts) at the current virtual time. A command the cluster
// refuses throws a SimulationError before it changes anything.
import { invokeRead, invokeWrite } from './clients.js';
import type { Command } from './commands.js';
import { setArchive } from './leader/archive.js';
import { applyBackup, backupNode, beginCopy } from './leader/backup.js';
import { promote, startFailoverTimers } from './leader/failover.js';
import {
  crashNode,
  healNetwork,
  partitionNetwork,
  pauseNode,
  restartNode,
  setClusterParams,
  setNodeParams,
  validateNodeParams,
  wipeNode,
} from './leader/faults.js';
import { stopAtTarget } from './leader/point-in-time.js';
import { currentLeader } from './leader/queries.js';
import { dropSlot } from './leader/slots.js';
import { executeLeaderless } from './leaderless/execute.js';
import { executeMultiLeader } from './multi-leader/execute.js';
import type { Simulation } from './simulation.js';
import { SimulationError } from './simulation-error.js';
import { startWorkload } from './workload.js';

/** Executes `cmd`; returns the op id of a read or write. */
export function executeCommand(sim: Simulation, cmd: Command): number | undefined {
  if (sim.leaderless) return executeLeaderless(sim, cmd);
  if (sim.multiLeader) return executeMultiLeader(sim, cmd);
  switch (cmd.type) {
    case 'write':
      return invokeWrite(sim, cmd);
    case 'read':
      return invokeRead(sim, cmd);
    case 'crash':
      crashNode(sim, sim.node(cmd.node));
      return undefined;
    case 'restart':
      restartNode(sim, sim.node(cmd.node));
      return undefined;
    case 'pause':
      pauseNode(sim, sim.node(cmd.node), cmd.for);
      return undefined;
    case 'partition':
      partitionNetwork(sim, cmd.groups);
      return undefined;
    case 'heal':
      healNetwork(sim);
      return undefined;
    case 'set-node': {
      const n = sim.node(cmd.node);
      validateNodeParams(sim, n, cmd.params);
      setNodeParams(sim, n, cmd.params);
      return undefined;
    }
    case 'set-cluster': {
      // The archive lives outside the cluster's settings (leader/archive.ts).
      const { archive, ...rest } = cmd.params;
      if (archive !== undefined) setArchive(sim, archive);
      if (archive === undefined || Object.keys(rest).length > 0) setClusterParams(sim, rest);
      return undefined;
    }
    case 'promote': {
      const n = sim.node(cmd.node);
      if (!n.up) throw new SimulationError(`cannot promote "${n.id}": it is down`);
      if (n.busy !== undefined) {
        throw new SimulationError(`cannot promote "${n.id}": it is ${n.busy}`);
      }
      if (n.versionRefused) {
        throw new SimulationError(
          `cannot promote "${n.id}": it runs version ${n.cfg.version} and cannot open the leader's data files`,
        );
      }
      if (n.role === 'leader' && !n.fenced && n === currentLeader(sim)) {
        throw new SimulationError(`cannot promote "${n.id}": it is already the leader`);
      }
      // A delayed replica stopped at a point in time: what it received after is dropped.
      if (cmd.until !== undefined) stopAtTarget(sim, n, cmd.until);
      promote(sim, n, true);
      return undefined;
    }
    case 'wipe':
      wipeNode(sim, sim.node(cmd.node));
      return undefined;
    case 'backup':
      backupNode(sim, sim.node(cmd.from), cmd.id, cmd.fails);
      return undefined;
    case 'restore':
      applyBackup(sim, sim.node(cmd.node), cmd.from, cmd.rate, cmd.until, cmd.replayRate);
      return undefined;
    case 'add-follower': {
      const from = cmd.from ? sim.node(cmd.from) : currentLeader(sim);
      if (!from) throw new SimulationError('no leader to copy a snapshot from');
      if (sim.byId.has(cmd.node.id)) {
        throw new SimulationError(`duplicate node id "${cmd.node.id}"`);
      }
      const n = sim.addNode({ ...cmd.node, role: 'follower' });
      n.epoch = from.epoch;
      beginCopy(sim, n, from, cmd.rate);
      startFailoverTimers(sim, n);
      return undefined;
    }
    case 'resync': {
      const n = sim.node(cmd.node);
      const from = currentLeader(sim);
      if (!from || from === n) throw new SimulationError(`no leader to resync "${n.id}" from`);
      beginCopy(sim, n, from, cmd.rate);
      return undefined;
    }
    case 'client':
      sim.ensureSession(cmd.client.id, cmd.client);
      return undefined;
    case 'workload':
      startWorkload(sim, cmd.spec, cmd.tag);
      return undefined;
    case 'drop-slot':
      dropSlot(sim, sim.node(cmd.node));
      return undefined;
  }
}
