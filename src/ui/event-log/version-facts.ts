// What the event log needs to know of a run that keeps versions, from the simulator: a
// leaderless run's reads that asked one replica, and every value (siblings) a read returned.
import {
  isSingleReplicaRead,
  multiLeaderReadValues,
  quorumReadValues,
  type Simulation,
} from '../../sim/index.js';
import type { QuorumFacts } from './event-format.js';

export function leaderlessFacts(sim: Simulation): QuorumFacts | undefined {
  return sim.leaderless
    ? {
        singleRead: (op) => isSingleReplicaRead(sim, op),
        readValues: (op) => quorumReadValues(sim, op),
      }
    : undefined;
}

export function multiLeaderFacts(sim: Simulation): QuorumFacts | undefined {
  return sim.multiLeader
    ? {
        singleRead: () => true,
        multiLeader: true,
        readValues: (op) => multiLeaderReadValues(sim, op),
      }
    : undefined;
}
