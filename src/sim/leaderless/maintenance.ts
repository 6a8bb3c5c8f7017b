// How replicas catch up without a log: hinted handoff (a fallback delivers the writes it held
// for a home replica once it can reach it, then drops them) and anti-entropy (every interval
// each replica sends every other reachable home replica the versions it lacks).
import type { Simulation } from '../simulation.js';
import { covers } from '../versioning/versions.js';
import {
  dataArrival,
  recordQuorum,
  scheduleTimer,
  sendMsg,
  TIMER_ANTI_ENTROPY,
} from './messages.js';
import { storeVersion, versionsAt } from './replica-store.js';
import type { LeaderlessState, QMsg } from './state.js';

function usable(sim: Simulation, node: number): boolean {
  const n = sim.nodes[node]!;
  return n.up && !sim.isPaused(n);
}

/** Sends every hint whose home replica its holder can reach now. */
export function tryHandoffs(sim: Simulation, ll: LeaderlessState): void {
  for (let h = 0; h < ll.replicas.length; h++) {
    const hints = ll.replicas[h]!.hints;
    if (hints.length === 0 || !usable(sim, h)) continue;
    for (const hint of hints) {
      if (hint.sending) continue;
      const home = sim.nodes[hint.home]!;
      if (!home.up || !sim.reachable(sim.nodes[h]!, home)) continue;
      hint.sending = true;
      sendMsg(
        sim,
        ll,
        'handoff',
        {
          op: hint.version.op,
          key: hint.version.key,
          fromNode: h,
          toNode: hint.home,
          client: hint.version.client,
          clientIdx: -1,
          versions: [hint.version],
          hint,
        },
        dataArrival(sim, ll, hint.home),
      );
    }
  }
}

export function onHandoff(sim: Simulation, ll: LeaderlessState, m: QMsg): void {
  const home = sim.nodes[m.toNode]!;
  const hint = m.hint!;
  if (!home.up || !sim.reachable(sim.nodes[m.fromNode]!, home)) {
    // Not there after all: the holder keeps the hint and tries again later.
    hint.sending = false;
    recordQuorum(sim, 'drop', m);
    return;
  }
  recordQuorum(sim, 'deliver', m);
  storeVersion(sim, ll, m.toNode, hint.version);
  const hints = ll.replicas[m.fromNode]!.hints;
  const i = hints.indexOf(hint);
  if (i >= 0) hints.splice(i, 1);
}

export function startAntiEntropy(sim: Simulation, ll: LeaderlessState): void {
  const every = ll.quorum.antiEntropy;
  ll.antiEntropyTimer++;
  if (every !== undefined)
    scheduleTimer(sim, sim.now + every, TIMER_ANTI_ENTROPY, ll.antiEntropyTimer);
}

/** One anti-entropy round: each home replica sends each other one what it lacks. */
export function onAntiEntropyTick(sim: Simulation, ll: LeaderlessState, token: number): void {
  if (token !== ll.antiEntropyTimer) return;
  const n = ll.quorum.n;
  for (let i = 0; i < n; i++) {
    if (!usable(sim, i)) continue;
    const store = ll.replicas[i]!.store;
    for (let j = 0; j < n; j++) {
      if (j === i || !sim.nodes[j]!.up || !sim.reachable(sim.nodes[i]!, sim.nodes[j]!)) continue;
      for (const [key, versions] of store) {
        const theirs = versionsAt(ll, j, key);
        const lacking = versions.filter((v) => !covers(theirs, v, ll.conflict));
        if (lacking.length === 0) continue;
        sendMsg(
          sim,
          ll,
          'sync',
          { op: -1, key, fromNode: i, toNode: j, client: '', clientIdx: -1, versions: lacking },
          dataArrival(sim, ll, j),
        );
      }
    }
  }
  scheduleTimer(sim, sim.now + ll.quorum.antiEntropy!, TIMER_ANTI_ENTROPY, token);
}

export function onSync(sim: Simulation, ll: LeaderlessState, m: QMsg): void {
  const to = sim.nodes[m.toNode]!;
  if (!to.up || !sim.reachable(sim.nodes[m.fromNode]!, to)) {
    recordQuorum(sim, 'drop', m);
    return;
  }
  recordQuorum(sim, 'deliver', m);
  for (const v of m.versions) storeVersion(sim, ll, m.toNode, v);
}
