// Sharded fuzz cases: a leader-based case of generate.ts becomes shard s1 (its nodes, faults
// and settings as generated), and a second shard s2 of 2–3 nodes joins it, with faults of its
// own. Keys spread over both shards (k1 and users listed on s1, k2 on s2, the rest by hash),
// and clients route with every policy, `causal` among them, so the invariants are checked
// per shard (log matching, one leader per epoch, split brain, convergence...) and causal
// routing across shards (session-guarantees).
import type { ClientConfig, NodeConfig, RoutingPolicyName } from '../types.js';
import { type FuzzCase, generateCase } from './generate.js';
import { Schedule, sortByTime } from './schedule.js';

const POLICIES: readonly RoutingPolicyName[] = [
  'leader',
  'random',
  'sticky',
  'read-your-writes',
  'monotonic',
  'window-after-write',
  'bounded-lag',
  'causal',
  'causal',
];

/** The schedule's commands fall in [0, SPAN], as generate.ts's do. */
const SPAN = 5000;

export function generateShardedCase(seed: number): FuzzCase {
  const base = generateCase(seed);
  // A stream of its own: the base case is exactly generateCase(seed).
  const sch = new Schedule(seed ^ 0x5bd1e995);
  const s1 = base.config.nodes.map((n) => n.id);
  const s2Ids = Array.from({ length: sch.rng.int(2, 3) }, (_, i) => `m${i + 1}`);
  const s2: NodeConfig[] = s2Ids.map((id, i) =>
    i === 0 ? { id, role: 'leader' } : { id, role: 'follower', lag: sch.lag(2000) },
  );
  const config = {
    ...base.config,
    nodes: [...base.config.nodes, ...s2],
    shards: [
      { id: 's1', keys: ['k1', 'users'], nodes: s1 },
      { id: 's2', keys: ['k2'], nodes: s2Ids },
    ],
  };
  const clients: ClientConfig[] = base.clients.map((c) => ({ ...c, policy: sch.pick(POLICIES) }));
  const steps = [...base.steps];
  // The answer-before-question pattern: a write on one shard after reading the other.
  for (let i = sch.rng.int(0, 6); i > 0; i--) {
    const t = sch.time(0, SPAN);
    const client = sch.pick(base.clients).id;
    steps.push({ t, cmd: { type: 'read', client, key: 'k1', from: 'route' } });
    steps.push({ t: t + 50, cmd: { type: 'write', client, key: 'k2', value: `a${t}` } });
  }
  if (sch.chance(0.5)) {
    // s2's leader fails too (and comes back, or not).
    const t = sch.time(0, SPAN);
    steps.push({ t, cmd: { type: 'crash', node: 'm1' } });
    if (sch.chance(0.7))
      steps.push({ t: t + sch.time(200, 3000), cmd: { type: 'restart', node: 'm1' } });
  }
  if (sch.chance(0.3)) {
    steps.push({
      t: sch.time(0, SPAN),
      cmd: { type: 'set-node', node: sch.pick(s2Ids), params: { lag: sch.lag(3000) } },
    });
  }
  return { ...base, config, clients, steps: sortByTime(steps) };
}
