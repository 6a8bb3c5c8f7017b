// Leaderless reads. A quorum read (no `from`) asks every reachable home replica
// (`readFrom: all`) or r of them picked from the seeded PRNG (`random`), and returns what the
// first r answers hold, merged: the newest version, or every concurrent sibling. With
// `readRepair`, every answer (early or late) that lacked part of the result gets it. A read
// `from` one node asks that replica alone.
import { complete } from '../clients.js';
import type { Response } from '../response.js';
import { refused } from '../response.js';
import type { Simulation } from '../simulation.js';
import type { Session } from '../state.js';
import { covers, type KeyVersion, lwwNewer, mergeAll } from '../versioning/versions.js';
import { answerClient, dataArrival, recordQuorum, sendMsg } from './messages.js';
import { storeVersion, versionsAt } from './replica-store.js';
import { type LeaderlessState, type QMsg, type ReadState, readResultOf } from './state.js';

const NONE: KeyVersion[] = [];

import { joinCausal, NO_CAUSAL } from '../versioning/causal.js';
import { clientCanReach, failAfterRoundTrip, joinPast, knowledgeOf } from './writes.js';

/** The replicas a quorum read asks, in listed order; fewer than r means no-quorum. */
function replicasToAsk(sim: Simulation, ll: LeaderlessState, client: string): number[] {
  const q = ll.quorum;
  const reachable: number[] = [];
  for (let i = 0; i < q.n; i++) if (clientCanReach(sim, client, i)) reachable.push(i);
  if (q.readFrom === 'all' || reachable.length <= q.r) return reachable;
  // r of them at random (a partial Fisher-Yates shuffle), then back in listed order.
  const pool = reachable.slice();
  for (let i = 0; i < q.r; i++) {
    const j = i + Math.floor(sim.rng.next() * (pool.length - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, q.r).sort((a, b) => a - b);
}

/** Starts a read: a quorum read when `node` is undefined, else a read of that replica alone. */
export function startLeaderlessRead(
  sim: Simulation,
  session: Session,
  client: string,
  key: string,
  node: number | undefined,
): number {
  const ll = sim.leaderless!;
  const single = node !== undefined;
  const asked = single ? [node] : replicasToAsk(sim, ll, client);
  const first = asked[0] ?? 0;
  const op = sim.ops.invoke(session.idx, session.userIdx, false, key, first, sim.now, sim.opSeq++);
  sim.recordOp(op, 'invoke');
  sim.scheduleClientTimeout(op, first);
  if (single) {
    ll.singleReads.add(op);
    if (!sim.net.clientReaches(client, sim.nodes[node]!.id)) {
      failAfterRoundTrip(sim, op, node, 'unreachable');
      return op;
    }
  } else if (asked.length < ll.quorum.r) {
    failAfterRoundTrip(sim, op, first, 'no-quorum');
    return op;
  }
  const rs: ReadState = {
    asked,
    answerNodes: [],
    answerVersions: [],
    refusals: 0,
    result: undefined,
    single,
    done: false,
  };
  ll.reads.set(op, rs);
  const at = sim.now + sim.cfg.netDelay;
  for (const to of asked) {
    sendMsg(
      sim,
      ll,
      'read',
      { op, key, fromNode: -1, toNode: to, client, clientIdx: session.idx, versions: NONE },
      at,
    );
  }
  return op;
}

export function onRead(sim: Simulation, ll: LeaderlessState, m: QMsg): void {
  const n = sim.nodes[m.toNode]!;
  if (!sim.net.clientReaches(m.client, n.id)) {
    recordQuorum(sim, 'drop', m);
    return;
  }
  recordQuorum(sim, 'deliver', m);
  if (!n.up) answerClient(sim, ll, 'refuse', m, []);
  else answerClient(sim, ll, 'reply', m, versionsAt(ll, m.toNode, m.key));
}

/** One response object for every read: `complete` copies what it needs and keeps nothing. */
const READ_OK: Response = {
  outcome: 'ok',
  error: undefined,
  value: null,
  lsn: 0,
  epoch: undefined,
  versionLsn: 0,
  versionEpoch: 0,
  role: 'follower',
};

function readResponse(result: readonly KeyVersion[]): Response {
  // The op table keeps one value; every sibling is in the read's result (readValues).
  READ_OK.value = result.length === 0 ? null : result[0]!.value;
  return READ_OK;
}

export function onReadAnswer(
  sim: Simulation,
  ll: LeaderlessState,
  m: QMsg,
  refusal: boolean,
): void {
  const rs = ll.reads.get(m.op);
  if (!rs || !sim.net.clientReaches(m.client, sim.nodes[m.fromNode]!.id)) {
    recordQuorum(sim, 'drop', m);
    return;
  }
  recordQuorum(sim, 'deliver', m);
  const need = rs.single ? 1 : ll.quorum.r;
  if (refusal) {
    rs.refusals++;
    if (!rs.done && rs.asked.length - rs.refusals < need) {
      rs.done = true;
      if (sim.ops.isPending(m.op)) complete(sim, m.op, refused(rs.single ? 'down' : 'no-quorum'));
    }
  } else {
    rs.answerNodes.push(m.fromNode);
    rs.answerVersions.push(m.versions);
    if (!rs.done && rs.answerNodes.length >= need) {
      rs.done = true;
      if (sim.ops.isPending(m.op)) {
        const result = mergeAnswers(rs.answerVersions, ll.conflict);
        rs.result = result;
        ll.byOp[m.op] = result;
        // The read's context replaces the last one; the client's past grows.
        const known = knowledgeOf(ll, m.clientIdx, m.key);
        let context = NO_CAUSAL;
        const scripted = sim.sessionList[m.clientIdx]?.workload === undefined;
        for (const v of result) {
          if (ll.conflict === 'siblings') context = joinCausal(context, v.full);
          if (scripted) known.past = joinPast(known.past, v.past);
        }
        known.context = context;
        if (result.length > 1 && sim.recordMessages) {
          sim.record({
            t: sim.now,
            type: 'note',
            text: `read of "${m.key}" by ${m.client} returned ${result.length} siblings: ${result.map((v) => `${JSON.stringify(v.value)} (write #${v.op})`).join(', ')}`,
          });
        }
        complete(sim, m.op, readResponse(result));
        if (ll.quorum.readRepair && !rs.single) {
          for (let i = 0; i < rs.answerNodes.length; i++) {
            repairIfOlder(sim, ll, m, rs.answerNodes[i]!, rs.answerVersions[i]!, result);
          }
        }
      }
    } else if (rs.done && rs.result && ll.quorum.readRepair && !rs.single) {
      // A late answer: repaired too when it lacks part of what the read returned.
      repairIfOlder(sim, ll, m, m.fromNode, m.versions, rs.result);
    }
  }
  if (rs.answerNodes.length + rs.refusals >= rs.asked.length) ll.reads.delete(m.op);
}

/**
 * The answers merged. Under LWW the newest answer's own list is the result (replicas' lists
 * are never changed in place), so a read allocates nothing.
 */
function mergeAnswers(
  answers: readonly (readonly KeyVersion[])[],
  mode: 'lww' | 'siblings',
): KeyVersion[] {
  if (mode === 'lww') {
    let best: readonly KeyVersion[] = NONE;
    for (const a of answers) {
      const v = a[0];
      if (v !== undefined && (best.length === 0 || lwwNewer(v, best[0]!))) best = a;
    }
    return best as KeyVersion[];
  }
  let result: KeyVersion[] = NONE;
  for (const a of answers) result = mergeAll(result, a, mode);
  return result;
}

function repairIfOlder(
  sim: Simulation,
  ll: LeaderlessState,
  m: QMsg,
  node: number,
  held: readonly KeyVersion[],
  result: readonly KeyVersion[],
): void {
  let lacks = false;
  for (const v of result) {
    if (!covers(held, v, ll.conflict)) {
      lacks = true;
      break;
    }
  }
  if (!lacks) return;
  sendMsg(
    sim,
    ll,
    'repair',
    {
      op: m.op,
      key: m.key,
      fromNode: -1,
      toNode: node,
      client: m.client,
      clientIdx: m.clientIdx,
      versions: result,
    },
    dataArrival(sim, ll, node),
  );
}

export function onRepair(sim: Simulation, ll: LeaderlessState, m: QMsg): void {
  const n = sim.nodes[m.toNode]!;
  if (!n.up || !sim.net.clientReaches(m.client, n.id)) {
    recordQuorum(sim, 'drop', m);
    return;
  }
  recordQuorum(sim, 'deliver', m);
  for (const v of m.versions) storeVersion(sim, ll, m.toNode, v);
}

/** What an ok leaderless read returned (every sibling), or undefined for other ops. */
export function readValues(sim: Simulation, op: number): KeyVersion[] | undefined {
  const ll = sim.leaderless;
  return ll ? (readResultOf(ll, op) as KeyVersion[] | undefined) : undefined;
}
