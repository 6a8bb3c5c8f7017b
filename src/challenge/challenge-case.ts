// The cases a challenge is graded on: the simulation harness's generated case for the seed
// (cluster, clients, operations, workload, faults), adapted so that the promise the
// challenge asks for can be kept by a policy at all.
import { type Command, type FuzzCase, generateCase, Prng, type Timed } from '../sim/index.js';

/**
 * `routing`: one history, so session guarantees are a router's to keep. No elections (a
 * new leader may truncate what a session has seen: no failover, and no `set cluster` that
 * would switch it on) and no command that rewrites a log (wipe, restore, resync, manual
 * promote); every read is routed.
 * `failover`: automatic failover on, and the leader fails at least once.
 */
export type CaseProfile = 'routing' | 'failover';

/** Commands that start a new history: no router could keep a session's promise across them. */
const REWRITES: ReadonlySet<Command['type']> = new Set(['wipe', 'restore', 'resync', 'promote']);

export function challengeCase(
  seed: number,
  profile: CaseProfile,
  users?: Record<string, string>,
): FuzzCase {
  const c = generateCase(seed);
  const clients = c.clients.map((cl) => (users?.[cl.id] ? { ...cl, user: users[cl.id] } : cl));
  if (profile === 'routing') {
    const steps: Timed[] = [];
    for (const s of c.steps) {
      if (REWRITES.has(s.cmd.type) || switchesFailoverOn(s.cmd)) continue;
      steps.push(
        s.cmd.type === 'read' && s.cmd.from !== 'route'
          ? { t: s.t, cmd: { ...s.cmd, from: 'route' } }
          : s,
      );
    }
    return { ...c, config: { ...c.config, failover: undefined }, clients, steps, settle: 0 };
  }
  return { ...failoverCase(c), clients };
}

const FAILOVER_PARAMS = ['auto', 'heartbeat', 'timeout', 'fencing', 'quorum', 'maxLagOnFailover'];

/** A `set cluster` naming a failover parameter turns automatic failover on mid-run. */
function switchesFailoverOn(cmd: Command): boolean {
  return cmd.type === 'set-cluster' && FAILOVER_PARAMS.some((k) => k in cmd.params);
}

function failoverCase(c: FuzzCase): FuzzCase {
  const rng = new Prng(c.seed * 31 + 7);
  const config = {
    ...c.config,
    failover: {
      auto: true,
      heartbeat: 100,
      timeout: c.config.failover?.timeout ?? 500,
      fencing: c.config.failover?.fencing ?? rng.next() < 0.5,
      quorum: c.config.failover?.quorum ?? false,
    },
  };
  const leader = config.nodes.find((n) => n.role === 'leader')?.id ?? 'n1';
  // Manual promotions bypass the policy; everything else may stay.
  const steps = c.steps.filter((s) => s.cmd.type !== 'promote');
  const leaderFails = steps.some(
    (s) => (s.cmd.type === 'crash' || s.cmd.type === 'pause') && s.cmd.node === leader,
  );
  if (!leaderFails) {
    const t = rng.int(800, 4000);
    const extra: Timed[] = [{ t, cmd: { type: 'crash', node: leader } }];
    if (rng.next() < 0.5)
      extra.push({ t: t + rng.int(500, 2500), cmd: { type: 'restart', node: leader } });
    steps.push(...extra);
    steps.sort((a, b) => a.t - b.t);
  }
  return { ...c, config, steps, settle: 0 };
}
