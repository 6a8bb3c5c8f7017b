// Every question template, by id. A bank question names one with `template:`.
import { asyncLoss } from './async-loss.js';
import { cascadeDelay } from './cascade-delay.js';
import { commitLatency } from './commit-latency.js';
import { failoverWinner } from './failover-winner.js';
import { logDivergence } from './log-divergence.js';
import { lwwSkew } from './lww-skew.js';
import { monotonicNodes } from './monotonic-nodes.js';
import { prefixNodes } from './prefix-nodes.js';
import { quorumOverlap } from './quorum-overlap.js';
import { quorumReadTiming } from './quorum-read-timing.js';
import { quorumStaleRead } from './quorum-stale-read.js';
import { retentionResync } from './retention-resync.js';
import { routeMonotonic } from './route-monotonic.js';
import { routeOwnRead } from './route-own-read.js';
import { routePrefix } from './route-prefix.js';
import { routeSyncStandby } from './route-sync-standby.js';
import { routeWriteAfterFailover } from './route-write-after-failover.js';
import { rywNodes } from './ryw-nodes.js';
import { secondsBehind } from './seconds-behind.js';
import type { Template } from './template.js';
import { versionVectorOrder } from './version-vector-order.js';

export type {
  Generated,
  GeneratedChoice,
  GeneratedNumeric,
  GeneratedRouting,
  Template,
} from './template.js';

export const TEMPLATES: readonly Template[] = [
  rywNodes,
  monotonicNodes,
  asyncLoss,
  failoverWinner,
  retentionResync,
  cascadeDelay,
  quorumOverlap,
  quorumReadTiming,
  quorumStaleRead,
  versionVectorOrder,
  routeOwnRead,
  routeMonotonic,
  routeWriteAfterFailover,
  routeSyncStandby,
  commitLatency,
  logDivergence,
  secondsBehind,
  prefixNodes,
  routePrefix,
  lwwSkew,
];

export function templateById(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
