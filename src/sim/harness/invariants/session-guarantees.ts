// The LSN-aware routing policies keep their promise: a client routed by `read-your-writes`
// never misses its own acknowledged write, one routed by `monotonic` never reads older data
// than it read before. Both compare LSNs along one history, so they are promised while there
// is one: no election, no truncation, and no wipe or restore (which reuse LSNs). A read sent
// to a named node is not routed: clients that did that are left out. Likewise `causal`
// never shows a client a value without what it depended on (consistent prefix), across
// shards too.

import type { CheckerName } from '../../check/anomaly.js';
import { checkInput, runChecker } from '../../check/index.js';
import type { Simulation } from '../../simulation.js';
import type { RoutingPolicyName } from '../../types.js';
import { anyInput, capped, type Invariant, rewritesLogs } from './invariant.js';

function oneHistory(sim: Simulation): boolean {
  if (anyInput(sim, rewritesLogs)) return false;
  for (const e of sim.history.others?.() ?? sim.history) {
    if (e.type === 'election' || e.type === 'truncate') return false;
  }
  return true;
}

/** Clients that sent some read to a node of their choosing. */
function pickedNodes(sim: Simulation): Set<string> {
  const out = new Set<string>();
  for (const { cmd } of sim.inputs) {
    if (cmd.type === 'read' && cmd.from !== 'route') out.add(cmd.client);
  }
  return out;
}

/** Anomalies of `checker` in reads of clients routed by `policy` (and only routed). */
function broken(sim: Simulation, checker: CheckerName, policy: RoutingPolicyName): string[] {
  const picked = pickedNodes(sim);
  return runChecker(checker, checkInput(sim))
    .filter((a) => {
      if (a.op === undefined) return false;
      const client = sim.ops.clientName(a.op);
      return !picked.has(client) && sim.sessions.get(client)?.cfg.policy === policy;
    })
    .map((a) => `${policy} routing: ${a.message}`);
}

export const sessionGuarantees: Invariant = {
  name: 'session-guarantees',
  says: 'read-your-writes, monotonic and causal routing keep their promise along one history',
  when: 'end',
  applies: oneHistory,
  check: (sim: Simulation) =>
    capped([
      ...broken(sim, 'read-your-writes', 'read-your-writes'),
      ...broken(sim, 'monotonic-reads', 'monotonic'),
      ...broken(sim, 'consistent-prefix', 'causal'),
    ]),
};
