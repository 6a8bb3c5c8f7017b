// Every node's status as a monitoring endpoint would return it: role, state, positions and
// the simulator's lag metrics (NodeMetrics), without the node's data. `play --json` puts
// these objects on each step's line, so a script sees what the status view shows.
import {
  type NodeMetrics,
  type NodeStatus,
  nodeSnapshot,
  type Simulation,
} from '../../sim/index.js';

export interface NodeStatusObject extends NodeMetrics {
  id: string;
  /** Sharded clusters: the shard the node holds. */
  shard?: string;
  role: 'leader' | 'follower';
  status: NodeStatus;
  epoch: number;
  upstream?: string;
}

export function nodeStatusObjects(sim: Simulation): NodeStatusObject[] {
  const leader = sim.currentLeader();
  return sim.nodes.map((n) => {
    const s = nodeSnapshot(sim, n, leader);
    return {
      id: s.id,
      ...(s.shard !== undefined && { shard: s.shard }),
      role: s.role,
      status: s.status,
      epoch: s.epoch,
      ...(s.upstream !== undefined && { upstream: s.upstream }),
      ...s.metrics!,
    };
  });
}
