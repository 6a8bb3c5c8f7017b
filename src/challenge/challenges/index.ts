// Every challenge, in the order the menu and `challenge list` show them.
import type { Challenge } from '../challenge.js';
import { boundedStalenessRouter } from './bounded-staleness-router.js';
import { failoverCandidate } from './failover-candidate.js';
import { monotonicReads } from './monotonic-reads.js';
import { readYourWritesAcrossDevices } from './read-your-writes-across-devices.js';

export const CHALLENGES: readonly Challenge[] = [
  monotonicReads,
  readYourWritesAcrossDevices,
  boundedStalenessRouter,
  failoverCandidate,
];

export function challengeById(id: string): Challenge | undefined {
  return CHALLENGES.find((c) => c.id === id);
}
