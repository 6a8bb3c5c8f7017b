// Pieces the routing challenges share: their reference routers' choice among followers, and
// the simulator's anomalies as challenge violations.
import type { Anomaly, Simulation } from '../../sim/index.js';
import type { ChallengeViolation, FinishedRun } from '../challenge.js';
import type { NodeInfo, ReadRequest, Sessions } from '../policy-types.js';
import { secs } from './time-text.js';

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

/**
 * Every router's first duty: reads go where the health checks say they can be served. A
 * read sent to a node that was down, cut off, paused, fenced or busy while the leader was
 * fine broke it (with the leader out too, any choice may fail, and none is held against it).
 */
export function unhealthyViolations(run: FinishedRun): ChallengeViolation[] {
  return run.unhealthyRoutes.map((u) => {
    const op = findRead(run.sim, u.t, u.client, u.node);
    return {
      message: `${u.client}'s read of "${u.key}" at ${secs(u.t)} went to ${u.node}, which was ${u.health}, while the leader ${u.leader} was ok`,
      t: u.t,
      op,
    };
  });
}

function findRead(sim: Simulation, t: number, client: string, node: string): number | undefined {
  for (const op of sim.ops) {
    if (op.kind === 'read' && op.invokedAt === t && op.client === client && op.node === node) {
      return op.id;
    }
  }
  return undefined;
}

/** A routing challenge's checker: the router's duty first, then the challenge's promise. */
export function routerCheck(
  promise: (run: FinishedRun) => ChallengeViolation[],
): (run: FinishedRun) => ChallengeViolation[] {
  return (run) => [...unhealthyViolations(run), ...promise(run)].sort((a, b) => a.t - b.t);
}
