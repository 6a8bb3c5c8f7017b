// The whole lesson file as ONE zod schema (format version 1 plus the extensions docs/lesson-authoring.md documents).
// Input: the YAML shape authors write (the JSON Schema in schema/ is generated from it).
// Output: the normalised Lesson of types.ts — units converted, defaults applied, `replica`
// read as `follower`, steps tagged by kind and labelled. Cross-references between parts
// (node ids, step ids, answers) are checked separately in cross-check.ts.
//
// Extensions beyond the format (documented in the authoring guide): cluster.dataSize and
// cluster.clientTimeout, node clockSkew, shard `nodes`, expect status/lag/latency, and the
// step extensions listed in schema-steps.ts.
import { z } from 'zod';
import type { ClientConfig, NodeConfig } from '../../sim/index.js';
import {
  archive,
  count,
  delay,
  duration,
  expecting,
  majorVersion,
  name,
  opsPerSecond,
  perSecond,
  signedDuration,
  size,
  strictMap,
  syncStandbys,
  text,
} from './schema-parts.js';
import { stepSchema, storyRefs } from './schema-steps.js';
import type { Choice, ChooseStep, Lesson, LessonCluster, Step } from './types.js';
import {
  ACK_MODES,
  ACK_ON,
  CONFLICT_POLICIES,
  LOG_FORMATS,
  ON_TIMEOUT,
  POLICIES,
  REPLICATIONS,
  ROLES,
  TOPOLOGIES,
} from './vocab.js';

export const DEFAULTS = {
  seed: 1,
  order: 1000,
  minutes: 5,
  clientLatency: 1,
  clientTimeout: 10_000,
  dataSize: 0,
  heartbeat: 1000,
  failoverTimeout: 30_000,
} as const;

const nodeSchema = strictMap(
  {
    id: name.describe('Node id, e.g. primary or replica-1.'),
    role: z
      .enum(ROLES)
      .default('follower')
      .transform((r): NodeConfig['role'] => (r === 'replica' ? 'follower' : r))
      .describe('leader | follower | replica (alias of follower).'),
    region: text.optional().describe('Optional label.'),
    lag: delay()
      .optional()
      .describe('Delay until this node receives an entry: 2s, or {min: 1s, max: 3s}.'),
    replay: duration().optional().describe('Further delay until it applies an entry.'),
    throughput: perSecond().optional().describe('Entries per second it can receive.'),
    sync: z.boolean().optional().describe('Member of the sync set (default: every follower).'),
    upstream: name.optional().describe('Cascading replication: receive from this follower.'),
    clockSkew: signedDuration().optional().describe("Extension: offset of this node's clock."),
    capacity: opsPerSecond()
      .optional()
      .describe(
        "Client operations per second this node serves, one at a time (default: the cluster's).",
      ),
    version: majorVersion
      .optional()
      .describe(
        'Major version of its database software; with log: wal a follower on another version than its leader refuses the stream.',
      ),
    disk: size()
      .refine((b) => b > 0, { message: 'a disk needs a size above 0' })
      .optional()
      .describe(
        'Disk size: data plus retained log above it make the leader refuse writes (disk-full).',
      ),
  },
  'a node like {id: replica-1, role: follower, lag: 2s}',
).transform((n): NodeConfig => n);

const failoverSchema = strictMap(
  {
    auto: z.boolean().default(true).describe('Elect a new leader when the leader is silent.'),
    heartbeat: duration().default(DEFAULTS.heartbeat).describe('Heartbeat interval (default 1s).'),
    timeout: duration()
      .default(DEFAULTS.failoverTimeout)
      .describe('Silence before an election (default 30s).'),
    fencing: z.boolean().default(false).describe('Fence the old leader off on promotion.'),
    quorum: z.boolean().default(false).describe('Elections and leader leases need a majority.'),
    maxLagOnFailover: count
      .optional()
      .describe('Entries; a follower further behind is not eligible.'),
  },
  'a map like {auto: true, timeout: 30s}',
);

const shardSchema = strictMap(
  {
    id: name,
    keys: z.array(text).min(1).describe('Keys stored in this shard.'),
    nodes: z.array(name).min(1).optional().describe('Nodes holding this shard.'),
  },
  'a shard like {id: s1, keys: [question]}',
);

const quorumSchema = strictMap(
  {
    n: z.int().min(1).describe('Replicas of each key: the first n nodes are its home replicas.'),
    w: z.int().min(1).describe('Acknowledgements a write needs.'),
    r: z.int().min(1).describe('Answers a read waits for.'),
    sloppy: z
      .boolean()
      .default(false)
      .describe(
        'Writes go to fallback nodes (as hints) when fewer than w home replicas are reachable.',
      ),
    readRepair: z
      .boolean()
      .default(false)
      .describe('After a read, replicas that answered with older data get the newest version.'),
    antiEntropy: duration()
      .optional()
      .describe(
        'Every interval, each replica sends the others the versions they lack (default off).',
      ),
    readFrom: z
      .enum(['all', 'random'])
      .default('all')
      .describe(
        'all: ask every reachable home replica, answer from the first r; random: ask r at random.',
      ),
  },
  'a map like {n: 3, w: 2, r: 2}',
);

const clusterSchema = strictMap(
  {
    topology: z.enum(TOPOLOGIES).default('leader'),
    mode: z.enum(ACK_MODES).default('async').describe('When a write is acknowledged.'),
    minAcks: z.int().min(1).default(1).describe('semi-sync: follower acks needed.'),
    ackOn: z.enum(ACK_ON).default('receive').describe('apply = a sync standby is fresh.'),
    ackTimeout: duration().optional().describe('Then the write outcome is unknown.'),
    onTimeout: z.enum(ON_TIMEOUT).default('unknown').describe('degrade: ack and go async.'),
    log: z.enum(LOG_FORMATS).default('row').describe('Replication log format.'),
    retain: z.int().min(1).optional().describe('Entries the leader keeps for catch-up.'),
    clientLatency: duration()
      .default(DEFAULTS.clientLatency)
      .describe('One-way delay of client requests and control traffic (default 1ms).'),
    clientTimeout: duration()
      .default(DEFAULTS.clientTimeout)
      .describe('Extension: a client gives up after this (default 10s); outcome unknown.'),
    dataSize: size()
      .default(DEFAULTS.dataSize)
      .describe('Extension: data before the first entry, copied by backups and restores.'),
    capacity: opsPerSecond()
      .optional()
      .describe(
        'Client operations per second each node serves, one at a time (default: no limit).',
      ),
    syncStandbys: syncStandbys()
      .optional()
      .describe('sync / semi-sync: PostgreSQL-style {first: k} or {any: k} synchronous standbys.'),
    archive: archive()
      .optional()
      .describe('A continuous WAL archive outside the cluster, like {every: 1m}.'),
    slots: z
      .boolean()
      .optional()
      .describe(
        "Replication slots: the leader keeps log until every follower's slot received it (not retain).",
      ),
    nodes: z.array(nodeSchema).min(1),
    failover: failoverSchema.optional(),
    shards: z.array(shardSchema).min(1).optional(),
    quorum: quorumSchema.optional().describe('Leaderless only.'),
    conflict: z
      .enum(CONFLICT_POLICIES)
      .optional()
      .describe(
        'Concurrent writes: lww | siblings (leaderless, multi-leader), or replica-id | none (multi-leader).',
      ),
    replication: z
      .enum(REPLICATIONS)
      .optional()
      .describe('Multi-leader: all-to-all | ring | star (the first leader is the hub).'),
  },
  'a map with nodes and replication settings',
).transform((c): LessonCluster => c);

const clientSchema = strictMap(
  {
    id: name.describe('Client id, used by steps.'),
    user: name.optional().describe('Several clients (devices) of one user share it.'),
    policy: z.enum(POLICIES).default('leader').describe('Routing for read: {from: route}.'),
    window: duration().optional().describe('window-after-write: read the leader this long.'),
    maxLag: duration().optional().describe('bounded-lag: only followers at most this far behind.'),
    memory: z
      .enum(['device', 'user'])
      .default('device')
      .describe('Where read-your-writes remembers writes.'),
    clockSkew: signedDuration()
      .optional()
      .describe("Leaderless LWW: offset of this client's clock, which stamps its writes."),
    home: name
      .optional()
      .describe(
        'Multi-leader: the leader this client writes to and reads from (default the first).',
      ),
  },
  'a client like {id: you, policy: read-your-writes}',
).transform((c): ClientConfig => ({ ...c, user: c.user ?? c.id }));

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A date and time with its offset from UTC: 2017-01-31T17:00:00Z, 2017-01-31T18:00+01:00. */
const CLOCK_START = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/;
const clockStartError = expecting(
  'a date and time with its UTC offset, like "2017-01-31T17:00:00Z"',
);

const clockSchema = strictMap(
  {
    start: z
      .string({ error: clockStartError })
      .regex(CLOCK_START, { error: clockStartError })
      .refine((s) => !Number.isNaN(Date.parse(s)), { error: clockStartError })
      .describe('The time of day the story starts at: virtual time 0 on the wall clock.'),
  },
  'a map like {start: "2017-01-31T17:00:00Z"}',
);

const lessonMap = strictMap(
  {
    id: z
      .string()
      .regex(KEBAB, { error: expecting('a kebab-case id like lost-tweet') })
      .describe('kebab-case, unique across the curriculum.'),
    title: text,
    order: z.int().default(DEFAULTS.order).describe('Position in the curriculum.'),
    topics: z.array(text).default([]),
    minutes: z.number().positive().default(DEFAULTS.minutes).describe('Estimated time.'),
    summary: z.string().default('').describe('One sentence shown in the menu.'),
    objectives: z.array(text).default([]).describe('What the learner can do afterwards.'),
    seed: z.int().default(DEFAULTS.seed).describe('Default PRNG seed (overridable with --seed).'),
    clock: clockSchema
      .optional()
      .describe("The story's wall clock: the player shows times of day from `start`."),
    cluster: clusterSchema,
    clients: z.array(clientSchema).default([]),
    steps: z.array(stepSchema).min(1),
  },
  'a lesson: a map with id, title, cluster and steps',
);

/** Labels (id, or #N / parent-relative) and the default options of routing choices. */
function finishSteps(steps: Step[], nodeIds: string[], prefix: (i: number) => string): void {
  steps.forEach((step, i) => {
    step.label = step.id ?? prefix(i);
    if (step.kind === 'addFollower' && !nodeIds.includes(step.node)) nodeIds.push(step.node);
    if (step.kind === 'predict') finishSteps([step.run], nodeIds, () => `${step.label}.then`);
    if (step.kind === 'choose' && step.form === 'action') {
      step.choices.forEach((c, j) => {
        finishSteps(c.do ?? [], [...nodeIds], (k) => `${step.label}.options[${j}].do[${k}]`);
      });
    }
    if (step.kind === 'choose' && step.form === 'route' && step.choices.length === 0) {
      step.choices = nodeIds.map((n) => ({ label: n, node: n }));
    }
    if (step.kind === 'choose') resolveStory(step);
  });
}

/** The option a `story:` names (label, node id or 0-based index), or -1. */
export function storyIndex(choices: readonly Choice[], ref: string | number): number {
  if (typeof ref === 'number') return Number.isInteger(ref) && ref < choices.length ? ref : -1;
  const exact = choices.findIndex((c) => c.label === ref || c.node === ref);
  if (exact >= 0) return exact;
  const lower = ref.toLowerCase();
  return choices.findIndex(
    (c) => c.label.toLowerCase() === lower || c.node?.toLowerCase() === lower,
  );
}

function resolveStory(step: ChooseStep): void {
  const ref = storyRefs.get(step);
  if (ref === undefined) return;
  // An option that does not exist is reported by the cross-check, which knows where it is.
  const i = storyIndex(step.choices, ref);
  if (i >= 0) step.story = i;
}

export const lessonSchema = lessonMap
  .transform((l): Lesson => {
    const lesson: Lesson = { file: '', ...l };
    finishSteps(
      lesson.steps,
      lesson.cluster.nodes.map((n) => n.id),
      (i) => `#${i}`,
    );
    return lesson;
  })
  .meta({
    title: 'replication-tutor lesson',
    description: 'A lesson file of replication-tutor (lessons/*.yaml), format version 1.',
  });

export type LessonInput = z.input<typeof lessonMap>;
