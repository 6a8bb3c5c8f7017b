// Pieces the routing challenges share: their reference routers' choice among followers, and
// the simulator's anomalies as challenge violations.
import type { Anomaly, Simulation } from '../../sim/index.js';
import type { ChallengeViolation } from '../challenge.js';
import type { NodeInfo, ReadRequest, Sessions } from '../policy-types.js';

export function healthyFollowers(nodes: readonly NodeInfo[]): NodeInfo[] {
  return nodes.filter((n) => n.role === 'follower' && n.health === 'ok');
}

/** The next of `candidates` for this device, or the leader when there is none. */
export function roundRobin(
  read: ReadRequest,
  candidates: readonly NodeInfo[],
  session: Sessions,
): string {
  if (candidates.length === 0) return read.leader;
  const next = Number(session.device.next ?? 0) + 1;
  session.device.next = next;
  return candidates[next % candidates.length]!.id;
}

export function anomalyViolations(sim: Simulation, found: Anomaly[]): ChallengeViolation[] {
  return found.map((a) => ({
    message: a.message,
    t: a.op === undefined ? sim.now : (sim.ops.at(a.op)?.invokedAt ?? sim.now),
    op: a.op,
    related: a.related,
  }));
}
