// Decisions a caller may take over from the simulator's built-in rules: which node a routed
// read goes to, and which node an election promotes. Code challenges plug the learner's
// policy in here. The simulator hands each hook plain data (what a router or a failover
// manager could know), never its own node objects; without hooks nothing changes.
import type { Simulation } from './simulation.js';
import type { SimNode } from './state.js';
import type { Ms, NodeId } from './types.js';

/** How a node looks from where the decision is taken. */
export type NodeHealth =
  | 'ok'
  | 'down'
  | 'paused'
  | 'unreachable'
  | 'fenced'
  | 'needs-resync'
  | 'copying'
  | 'restoring';

export interface NodeView {
  id: NodeId;
  role: 'leader' | 'follower';
  epoch: number;
  appliedLsn: number;
  receivedLsn: number;
  /** Entries behind the leader's log (0 for the leader and for a node caught up). */
  lagEntries: number;
  /** Age of the oldest leader entry the node has not applied (0 when caught up). */
  lagMs: Ms;
  health: NodeHealth;
}

export interface RouteRequest {
  now: Ms;
  client: string;
  user: string;
  key: string;
  /** The leader the client's writes go to. */
  leader: NodeId;
  nodes: NodeView[];
}

export interface ElectionRequest {
  now: Ms;
  /** The follower whose election timer fired (the nodes' health is as it sees them). */
  startedBy: NodeId;
  /** Highest LSN known: the last leader's position in its heartbeats, or a longer unfenced log. */
  knownLsn: number;
  nodes: NodeView[];
}

export interface SimHooks {
  /** Chooses the node a routed read goes to (instead of the client's routing policy). */
  routeRead?(request: RouteRequest): NodeId;
  /**
   * Chooses the follower an automatic election promotes (instead of the newest eligible
   * log); undefined promotes nobody. A choice that cannot be promoted (unknown, down,
   * unreachable, not a follower) promotes nobody either, with a note.
   */
  chooseLeader?(request: ElectionRequest): NodeId | undefined;
  /** Called when an operation completes (op id; `sim.ops.at(op)` describes it). */
  opDone?(op: number): void;
}

function healthOf(sim: Simulation, n: SimNode, reaches: (n: SimNode) => boolean): NodeHealth {
  if (!n.up) return 'down';
  if (sim.isPaused(n)) return 'paused';
  if (!reaches(n)) return 'unreachable';
  if (n.fenced) return 'fenced';
  if (n.needsResync) return 'needs-resync';
  if (n.busy !== undefined) return n.busy === 'restoring' ? 'restoring' : 'copying';
  return 'ok';
}

/**
 * Nodes (every node, or the given ones: a shard's) as seen against `leader`'s log, with
 * health as `reaches` judges reachability.
 */
export function nodeViews(
  sim: Simulation,
  leader: SimNode | undefined,
  reaches: (n: SimNode) => boolean,
  nodes: readonly SimNode[] = sim.nodes,
): NodeView[] {
  const top = leader ? leader.log.length : 0;
  return nodes.map((n) => {
    const behind = leader && n !== leader && n.applied < top;
    return {
      id: n.id,
      role: n.role,
      epoch: n.epoch,
      appliedLsn: n.applied,
      receivedLsn: n.log.length,
      lagEntries: behind ? top - n.applied : 0,
      lagMs: behind ? sim.now - leader.log[n.applied]!.at : 0,
      health: healthOf(sim, n, reaches),
    };
  });
}
