// Steps: in the file, a map with exactly one kind key (`read: {...}`) plus id/expect/note/
// hint/background; out of the schema, a discriminated union on `kind` (types.ts).
// `label` and `pos` are placeholders here: the lesson schema labels steps, the loader
// fills positions from the YAML document.
//
// Extensions beyond format version 1 (the simulator supports them; the authoring guide
// documents them): write `autoId`, `txnTime`, `background` and SQL functions NOW()/RAND()/
// UUID() in values; `addFollower`; backup `id`/`rate`/`background`; restore from a backup id;
// `set` of upstream and of cluster/failover parameters; client ids in partition groups;
// until `status`/`leader`; workload `rate`/`keys`/`size`; `hint` on any step; `background`
// either on the step or inside the kind's map.
import { z } from 'zod';
import type { FailoverConfig } from '../../sim/index.js';
import { expectSchema, value } from './schema-expect.js';
import {
  archive,
  count,
  countRate,
  delay,
  duration,
  expecting,
  fraction,
  majorVersion,
  name,
  opsPerSecond,
  perSecond,
  recoveryTarget,
  signedDuration,
  size,
  sizeRate,
  strictMap,
  syncStandbys,
  text,
} from './schema-parts.js';
import { taskSchema, taskStep } from './schema-task.js';
import { listNames, nearest, unknownKeyMessage } from './suggest.js';
import {
  type Choice,
  type ChooseStep,
  type ClusterParams,
  MEASURES,
  type NodeParams,
  ROUTE_GOALS,
  type SqlFunction,
  type Step,
  type WorkloadSpec,
} from './types.js';
import {
  ACK_MODES,
  ACK_ON,
  BACKGROUND_KINDS,
  CONFLICT_POLICIES,
  LOG_FORMATS,
  NODE_STATUSES,
  ON_TIMEOUT,
  POLICIES,
  REPLICATIONS,
  STEP_COMMON_KEYS,
  STEP_KINDS,
  type StepKindName,
} from './vocab.js';

/** A client used in a step without `client:`. */
export const DEFAULT_CLIENT = 'you';
export const DEFAULT_WRITE_SIZE = 1024;
export const DEFAULT_UNTIL_MAX = 60_000;

const lazyStep = z.lazy((): z.ZodType<Step> => stepSchema);

const SQL_FUNCTION_RE = /\b(NOW|RAND|UUID|SYSDATE)\(\)/g;

/** SQL functions in a written value, which statement-based replication re-executes. */
export function sqlFunctions(v: unknown): SqlFunction[] {
  if (typeof v !== 'string') return [];
  const found = new Set<SqlFunction>();
  for (const m of v.matchAll(SQL_FUNCTION_RE)) found.add(m[1] as SqlFunction);
  return [...found];
}

const background = z
  .boolean()
  .optional()
  .describe('Do not wait for the step to finish; the next step runs at once.');

const write = strictMap(
  {
    client: name.default(DEFAULT_CLIENT).describe('Client id (default "you").'),
    key: text.describe('Key to write.'),
    value: value.describe(
      'Value; NOW(), RAND(), UUID() and SYSDATE() are re-run by statement-based logs.',
    ),
    size: size().default(DEFAULT_WRITE_SIZE).describe('Entry size (default 1KB).'),
    via: name.optional().describe('Send the write to this node instead of the leader.'),
    autoId: z
      .boolean()
      .default(false)
      .describe('The node assigns the next auto-increment id; the row is stored at key/<id>.'),
    txnTime: duration().optional().describe('How long the transaction runs before it commits.'),
    limit: z
      .literal(1, { error: expecting('1 (one row, as LIMIT 1)') })
      .optional()
      .describe(
        'UPDATE … LIMIT 1 without ORDER BY (a null value: DELETE): change the first row of the table key/<id> the node meets.',
      ),
    where: value.optional().describe('With limit: only rows holding this value.'),
    background,
  },
  'a map like {client: you, key: tweet, value: "Hello"}',
).superRefine((w, ctx) => {
  if (w.where !== undefined && w.limit === undefined) {
    ctx.addIssue({ code: 'custom', path: ['where'], message: 'where needs limit: 1' });
  }
  if (w.limit !== undefined && w.autoId) {
    ctx.addIssue({
      code: 'custom',
      path: ['limit'],
      message: 'limit changes an existing row; autoId inserts a new one: use one or the other',
    });
  }
});

const read = strictMap(
  {
    client: name.default(DEFAULT_CLIENT).describe('Client id (default "you").'),
    key: text.describe('Key to read.'),
    from: name
      .default('route')
      .describe("A node id, or route to use the client's routing policy (default)."),
  },
  'a map like {client: you, key: tweet, from: replica-1}',
);

const until = strictMap(
  {
    node: name.optional().describe('The node the condition is about.'),
    caughtUp: z
      .literal(true)
      .optional()
      .describe("The node applied every entry of the current leader's log."),
    status: z.enum(NODE_STATUSES).optional().describe('The node reached this status.'),
    leader: name.optional().describe('This node is the leader of the highest epoch.'),
    max: duration()
      .default(DEFAULT_UNTIL_MAX)
      .describe('Give up after this long (default 1m); not holding by then fails validation.'),
  },
  'a map like {node: replica-2, caughtUp: true, max: 30s}',
).superRefine((u, ctx) => {
  if (u.caughtUp === undefined && u.status === undefined && u.leader === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'until needs a condition: caughtUp: true or status (with node), or leader',
    });
  } else if ((u.caughtUp !== undefined || u.status !== undefined) && u.node === undefined) {
    ctx.addIssue({ code: 'custom', path: ['node'], message: 'missing required key "node"' });
  }
});

const pause = strictMap(
  {
    node: name.describe('The node that stalls.'),
    for: duration().describe('How long it stalls.'),
  },
  'a map like {node: primary, for: 12s}',
);

const partition = z
  .array(z.array(name, { error: expecting('a group: a list of node or client ids') }).min(1), {
    error: expecting('a list of groups like [[primary], [replica-1, replica-2]]'),
  })
  .min(1)
  .describe('Groups of node ids (and client ids) that can still reach each other.');

const NODE_PARAM_KEYS = [
  'lag',
  'replay',
  'throughput',
  'clockSkew',
  'upstream',
  'capacity',
  'version',
  'disk',
] as const;
const CLUSTER_PARAM_KEYS = [
  'mode',
  'minAcks',
  'ackOn',
  'ackTimeout',
  'onTimeout',
  'retain',
  'capacity',
  'syncStandbys',
  'log',
  'archive',
  'slots',
  'conflict',
  'replication',
] as const;
/** Keys that are a node setting with `node` and the cluster default without it. */
const EITHER_PARAM_KEYS: readonly string[] = ['capacity'];
/** Leaderless quorum settings a `set` may change (the simulator's leaderlessQuorum). */
const QUORUM_PARAM_KEYS = [
  'n',
  'w',
  'r',
  'sloppy',
  'readRepair',
  'antiEntropy',
  'readFrom',
] as const;
const FAILOVER_PARAM_KEYS = [
  'auto',
  'heartbeat',
  'timeout',
  'fencing',
  'quorum',
  'maxLagOnFailover',
] as const;

const set = strictMap(
  {
    node: name.optional().describe('Set node parameters of this node; omit for cluster ones.'),
    lag: delay().optional(),
    replay: duration().optional(),
    throughput: perSecond().optional(),
    clockSkew: signedDuration().optional(),
    upstream: name.nullable().optional().describe('Cascade from this node; null: the leader.'),
    mode: z.enum(ACK_MODES).optional(),
    minAcks: z.int().min(1).optional(),
    ackOn: z.enum(ACK_ON).optional(),
    ackTimeout: duration().optional(),
    onTimeout: z.enum(ON_TIMEOUT).optional(),
    retain: z.int().min(1).optional(),
    auto: z.boolean().optional(),
    heartbeat: duration().optional(),
    timeout: duration().optional(),
    fencing: z.boolean().optional(),
    quorum: z.boolean().optional(),
    maxLagOnFailover: count.optional(),
    capacity: opsPerSecond()
      .optional()
      .describe("With node: that node's operations per second; without: the cluster default."),
    syncStandbys: syncStandbys().optional(),
    version: majorVersion
      .optional()
      .describe("With node: that node's major version (WAL is refused across versions)."),
    log: z.enum(LOG_FORMATS).optional().describe('The log format of entries written from now on.'),
    archive: archive()
      .optional()
      .describe('Start (or re-time) the continuous WAL archive, like {every: 1m}.'),
    slots: z.boolean().optional().describe('Replication slots on (each follower gets one) or off.'),
    disk: size()
      .refine((b) => b > 0, { message: 'a disk needs a size above 0' })
      .optional()
      .describe("With node: that node's disk size."),
    n: z.int().min(1).optional().describe('Leaderless: replicas of each key.'),
    w: z.int().min(1).optional().describe('Leaderless: acknowledgements a write needs.'),
    r: z.int().min(1).optional().describe('Leaderless: answers a read waits for.'),
    sloppy: z.boolean().optional().describe('Leaderless: sloppy quorum with hinted handoff.'),
    readRepair: z.boolean().optional().describe('Leaderless: repair older replicas after a read.'),
    antiEntropy: duration().optional().describe('Leaderless: anti-entropy interval.'),
    readFrom: z
      .enum(['all', 'random'])
      .optional()
      .describe('Leaderless: which replicas a read asks.'),
    conflict: z
      .enum(CONFLICT_POLICIES)
      .optional()
      .describe('Multi-leader: how conflicts are resolved from now on.'),
    replication: z
      .enum(REPLICATIONS)
      .optional()
      .describe('Multi-leader: which leaders send each other entries from now on.'),
  },
  'a map like {node: replica-1, lag: 10s} or {mode: sync}',
).superRefine((s, ctx) => {
  const given = (keys: readonly string[]) =>
    keys.filter((k) => (s as Record<string, unknown>)[k] !== undefined);
  const nodeKeys = given(NODE_PARAM_KEYS.filter((k) => !EITHER_PARAM_KEYS.includes(k)));
  const clusterKeys = given(
    [...CLUSTER_PARAM_KEYS, ...FAILOVER_PARAM_KEYS, ...QUORUM_PARAM_KEYS].filter(
      (k) => !EITHER_PARAM_KEYS.includes(k),
    ),
  );
  const eitherKeys = given(EITHER_PARAM_KEYS);
  if (s.minAcks !== undefined && s.syncStandbys !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['minAcks'],
      message: 'minAcks does not apply with syncStandbys: its k says how many standbys acknowledge',
    });
  }
  if (s.node !== undefined) {
    for (const k of clusterKeys) {
      ctx.addIssue({
        code: 'custom',
        path: [k],
        message: `"${k}" is a cluster setting; set it in a step without "node"`,
      });
    }
    if (nodeKeys.length === 0 && clusterKeys.length === 0 && eitherKeys.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `nothing to set on ${s.node}: give one of ${NODE_PARAM_KEYS.join(', ')}`,
      });
    }
  } else {
    for (const k of nodeKeys) {
      ctx.addIssue({
        code: 'custom',
        path: [k],
        message: `"${k}" is a node setting; say which node with "node"`,
      });
    }
    if (nodeKeys.length === 0 && clusterKeys.length === 0 && eitherKeys.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'nothing to set: give a node or cluster setting' });
    }
  }
});

const backup = strictMap(
  {
    from: name.describe('The node the backup is taken from.'),
    fails: z.boolean().default(false).describe('The backup silently produces nothing usable.'),
    id: name.optional().describe('Name of this backup, for restore: {from: <id>}.'),
    rate: sizeRate().optional().describe('Copy speed, like 100MB/s.'),
    background,
  },
  'a map like {from: replica-1}',
);

const restore = strictMap(
  {
    node: name.describe('The node to restore into.'),
    from: name.describe('latest-backup, or the id of an earlier backup.'),
    rate: sizeRate().describe('Restore speed, like 600GB/h.'),
    until: recoveryTarget()
      .optional()
      .describe(
        'Point-in-time recovery: then replay the WAL archive up to this virtual time (or latest).',
      ),
    replayRate: sizeRate()
      .optional()
      .describe('Speed of replaying the archive, like 200GB/h (default: rate).'),
    background,
  },
  'a map like {node: primary, from: latest-backup, rate: 600GB/h}',
).superRefine((r, ctx) => {
  if (r.replayRate !== undefined && r.until === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['replayRate'],
      message: 'replayRate needs until: it is the speed of replaying the WAL archive',
    });
  }
});

const promote = z
  .union(
    [
      name,
      strictMap(
        {
          node: name.describe('The follower to promote.'),
          until: duration().describe(
            'A delayed replica: apply what it received up to this virtual time, discard the rest.',
          ),
        },
        'a map like {node: db3, until: 9h}',
      ),
    ],
    { error: expecting('a node id, or a map like {node: db3, until: 9h}') },
  )
  .transform((p): { node: string; until?: number } => (typeof p === 'string' ? { node: p } : p));

const addFollower = strictMap(
  {
    id: name.describe('Id of the new follower.'),
    from: name.optional().describe('Node the snapshot is taken from (default the leader).'),
    rate: sizeRate().describe('Snapshot copy speed, like 100MB/s.'),
    lag: delay().optional(),
    replay: duration().optional(),
    upstream: name.optional().describe('Replicate from this follower once caught up.'),
    background,
  },
  'a map like {id: replica-3, rate: 100MB/s}',
);

const workloadShape = {
  clients: z.int().min(1).describe('Number of concurrent clients.'),
  duration: duration().describe('How long the traffic runs.'),
  writes: fraction.describe('Fraction of operations that are writes.'),
  readAfterWrite: fraction.default(0).describe('Fraction of reads that follow own writes.'),
  policy: z.enum(POLICIES).default('leader').describe('Routing policy for reads.'),
  rate: countRate().optional().describe('Extension: operations across all clients, like 500/s.'),
  keys: z.int().min(1).optional().describe('Extension: number of distinct keys.'),
  size: size().default(DEFAULT_WRITE_SIZE).describe('Extension: size of each write.'),
};

const workloadSpec = (w: z.output<ReturnType<typeof strictMap<typeof workloadShape>>>) =>
  ({
    clients: w.clients,
    duration: w.duration,
    writes: w.writes,
    readAfterWrite: w.readAfterWrite,
    policy: w.policy,
    size: w.size,
    ...(w.rate !== undefined && { countPerMs: w.rate }),
    ...(w.keys !== undefined && { keys: w.keys }),
  }) satisfies WorkloadSpec;

const workload = strictMap(
  { ...workloadShape, background },
  'a map like {clients: 50, duration: 60s, writes: 0.2}',
);

const answer = z.union([z.int().min(0), z.array(z.int().min(0)).min(1)], {
  error: expecting('a 0-based choice index like 1, or a list of indices'),
});

const last = z
  .boolean()
  .optional()
  .describe('Keep this choice last when choices are shuffled (for "none of the above").');

/** A plain choice: text, or `{label, last: true}` to keep it last. */
const plainChoice = z.union(
  [text, strictMap({ label: text, last }, 'a choice like {label: "None of these", last: true}')],
  { error: expecting('a choice: text, or {label, last: true}') },
);

const quiz = strictMap(
  {
    question: text,
    choices: z.array(plainChoice).min(2),
    answer: answer.describe('0-based index of the right choice, or a list for multi-select.'),
    explain: text.optional().describe('Shown after answering.'),
    hint: text.optional(),
  },
  'a map with question, choices and answer',
);

const predictChoice = z.union(
  [
    text,
    strictMap(
      {
        label: text,
        expect: expectSchema.optional().describe('The choice is right when this holds.'),
        last,
      },
      'a choice like {label: "Hello", expect: {value: "Hello"}}',
    ),
  ],
  { error: expecting('a choice: text, or {label, expect}') },
);

const predict = strictMap(
  {
    question: text,
    choices: z.array(predictChoice).min(2),
    answer: answer.optional().describe('For choices that cannot be checked mechanically.'),
    // biome-ignore lint/suspicious/noThenProperty: the lesson format's key; a plain data map.
    then: lazyStep.describe('The step that runs after the learner predicts.'),
    explain: text.optional(),
    hint: text.optional(),
  },
  'a map with question, choices and then',
);

const actionOption = strictMap(
  { label: text, do: z.array(lazyStep).min(1).describe('Steps this option runs.'), last },
  'an option like {label: "db2", do: [{wipe: db2}]}',
);

// The story rule (docs/lesson-authoring.md, "The story on every path"). Accepted inside the
// choose map and, like hint, beside the step's id.
const storyKeys = {
  story: z
    .union([text, z.int().min(0)], {
      error: expecting('an option: its label, its node id or its 0-based index'),
    })
    .optional()
    .describe(
      'The option the lesson goes on with after any answer: label, node id or 0-based index (default: the first option that meets the goal).',
    ),
  resume: text
    .optional()
    .describe(
      "Markdown shown when the learner's option was not the story's, as the cluster is set back.",
    ),
  branch: z
    .boolean()
    .optional()
    .describe("The learner's option stands: later steps must hold after every option."),
};

const choose = strictMap(
  {
    prompt: text,
    client: name.optional().describe('Routing form: the client whose operation is routed.'),
    read: text.optional().describe('Routing form: the key to read.'),
    write: strictMap(
      { key: text, value, size: size().default(DEFAULT_WRITE_SIZE) },
      'a map like {key: tweet, value: "Hello"}',
    )
      .optional()
      .describe('Routing form: the write to route.'),
    options: z
      .array(
        z.union([name, actionOption], {
          error: expecting('a node id, or {label, do: [steps]}'),
        }),
      )
      .min(2)
      .optional()
      .describe('Node ids (default: every node), or actions {label, do: [steps]}.'),
    goal: z
      .union([z.enum(ROUTE_GOALS), expectSchema], {
        error: expecting(`one of ${ROUTE_GOALS.join(', ')}, or an outcome like {lost: 0}`),
      })
      .describe('Routing: a guarantee to keep; actions: an outcome (expect keys).'),
    prefer: z
      .enum(['replica', 'leader'])
      .optional()
      .describe('Among correct routes, prefer this role.'),
    ...storyKeys,
    explain: text.optional(),
    hint: text.optional(),
  },
  'a map with prompt, options and goal',
).superRefine((c, ctx) => {
  const isAction = c.options?.some((o) => typeof o !== 'string') ?? false;
  if (isAction) {
    c.options?.forEach((o, i) => {
      if (typeof o === 'string') {
        ctx.addIssue({
          code: 'custom',
          path: ['options', i],
          message: `expected an action {label, do: [steps]} like the other options, found "${o}"`,
        });
      }
    });
    for (const k of ['client', 'read', 'write', 'prefer'] as const) {
      if (c[k] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `"${k}" belongs to a routing choice, not to one whose options are actions`,
        });
      }
    }
    if (typeof c.goal === 'string') {
      ctx.addIssue({
        code: 'custom',
        path: ['goal'],
        message: `expected an outcome like {lost: 0} for a choice of actions, found "${c.goal}"`,
      });
    }
    return;
  }
  if ((c.read === undefined) === (c.write === undefined)) {
    ctx.addIssue({
      code: 'custom',
      message:
        'a choice needs read: <key> or write: {key, value} to route (not both), ' +
        'or options with do: [steps]',
    });
  }
  if (typeof c.goal !== 'string') {
    ctx.addIssue({
      code: 'custom',
      path: ['goal'],
      message: `expected one of ${ROUTE_GOALS.join(', ')} for a routing choice, found a map`,
    });
  }
});

const quorumSetting = strictMap(
  { w: z.int().min(1), r: z.int().min(1) },
  'a quorum like {w: 2, r: 2}',
);

const experiment = strictMap(
  {
    workload: strictMap(workloadShape, 'a map like {clients: 100, duration: 60s, writes: 0.1}'),
    policies: z.array(z.enum(POLICIES)).min(1).optional().describe('Routing policies to compare.'),
    quorums: z
      .array(quorumSetting)
      .min(1)
      .optional()
      .describe('Leaderless: quorum settings to compare instead of policies, like [{w: 1, r: 1}].'),
    measure: z
      .array(z.enum(MEASURES))
      .min(1)
      .default(['anomalies'])
      .describe('Columns of the comparison table.'),
  },
  'a map with workload, policies (or quorums) and measure',
).superRefine((e, ctx) => {
  if ((e.policies === undefined) === (e.quorums === undefined)) {
    ctx.addIssue({
      code: 'custom',
      message: 'an experiment compares either policies or quorums (leaderless): give exactly one',
    });
  }
});

const node = name;

const kindSchemas = {
  say: text.describe('Narration (Markdown); the learner presses a key to continue.'),
  write: write.describe('A client writes a key.'),
  read: read.describe('A client reads a key.'),
  wait: duration().describe('Advance virtual time.'),
  until: until.describe('Advance until a condition holds, at most max.'),
  crash: node.describe('Stop a node at once.'),
  restart: node.describe('Restart a stopped node.'),
  pause: pause.describe('The node stalls (a long GC pause), then resumes.'),
  partition,
  heal: z.literal(true).describe('End the partition.'),
  set: set.describe('Change a node, link or cluster parameter.'),
  promote: promote.describe(
    'Manual failover to this node; {node, until} promotes a delayed replica to a point in time.',
  ),
  wipe: node.describe("Delete a node's data."),
  backup: backup.describe('Take (or silently fail to take) a backup.'),
  restore: restore.describe('Restore a node from a backup at a rate.'),
  addFollower: addFollower.describe('Extension: add a follower (snapshot, copy, catch up).'),
  workload: workload.describe('Generate traffic.'),
  dropSlot: node.describe("Drop this follower's replication slot on the leader."),
  quiz: quiz.describe('Multiple choice, graded against answer.'),
  predict: predict.describe('The learner predicts, then `then` runs; graded by the outcome.'),
  choose: choose.describe('The learner routes an operation or picks an action.'),
  experiment: experiment.describe('Run one workload under several policies and compare.'),
  task: taskSchema.describe(
    'The learner types commands until the goal holds; graded by the goal, scored against par.',
  ),
} satisfies Record<StepKindName, z.ZodType>;

/** Every kind key is optional in the map; the refinement below demands exactly one. */
function optionalAll<T extends Record<string, z.ZodType>>(
  shape: T,
): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };
}

const ALL_STEP_KEYS: readonly string[] = [...STEP_COMMON_KEYS, ...STEP_KINDS];

function unknownStepKey(key: string, step: unknown): string {
  const hasKind =
    typeof step === 'object' && step !== null && STEP_KINDS.some((k) => Object.hasOwn(step, k));
  const near = nearest(key, ALL_STEP_KEYS);
  const nearIsKind = near !== undefined && (STEP_KINDS as readonly string[]).includes(near);
  if (hasKind || (near !== undefined && !nearIsKind)) return unknownKeyMessage(key, ALL_STEP_KEYS);
  const mean = near === undefined ? '' : ` (did you mean "${near}"?)`;
  return `unknown step kind "${key}"${mean} — a step has exactly one of: ${listNames(STEP_KINDS, 30)}`;
}

const stepMap = z
  .strictObject(
    {
      id: name.optional().describe('Step id, used by answers files and reports.'),
      expect: expectSchema.optional().describe('What validate checks after the step.'),
      note: text.optional().describe('A remark for lesson authors; not shown.'),
      hint: text.optional().describe('Shown when the learner asks for a hint.'),
      background: background,
      ...storyKeys,
      ...optionalAll(kindSchemas),
    },
    {
      error: (iss) => {
        if (iss.code === 'unrecognized_keys') {
          return iss.keys.map((k) => unknownStepKey(k, iss.input)).join('\n');
        }
        if (iss.code === 'invalid_type' && iss.input !== undefined) {
          return `expected a step: a map with one of ${listNames(STEP_KINDS, 30)}; found ${
            typeof iss.input === 'string' ? JSON.stringify(iss.input) : 'something else'
          }`;
        }
        return undefined;
      },
    },
  )
  .superRefine((s, ctx) => {
    const kinds = STEP_KINDS.filter((k) => s[k] !== undefined);
    // An unknown key was already reported as an unknown step kind (or key).
    const unknownKey = ctx.issues.some((i) => i.code === 'unrecognized_keys' && !i.path?.length);
    if (kinds.length === 0 && !unknownKey) {
      ctx.addIssue({
        code: 'custom',
        message: `a step needs exactly one of: ${listNames(STEP_KINDS, 30)}`,
      });
    } else if (kinds.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a step has exactly one kind, found ${kinds.join(' and ')}; split it into separate steps`,
      });
    } else if (s.background !== undefined && kinds[0] && !BACKGROUND_KINDS.includes(kinds[0])) {
      ctx.addIssue({
        code: 'custom',
        path: ['background'],
        message: `background applies only to ${BACKGROUND_KINDS.join(', ')} steps`,
      });
    }
    if (kinds.length === 1) {
      for (const key of ['story', 'resume', 'branch'] as const) {
        if (s[key] === undefined) continue;
        if (kinds[0] !== 'choose') {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `${key} applies only to choose steps`,
          });
        } else if (s.choose?.[key] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `${key} is given twice: here and inside choose; keep one`,
          });
        }
      }
    }
  });

type StepMap = z.output<typeof stepMap>;

const PLACEHOLDER = { label: '', pos: { line: 0, col: 0 } };

function indices(a: number | number[]): number[] {
  return Array.isArray(a) ? a : [a];
}

function pick<T extends object, K extends readonly (keyof T)[]>(obj: T, keys: K) {
  const out: Partial<Pick<T, K[number]>> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

/** A choice as the runner wants it: `last` only when true. */
function toChoice(c: string | (Choice & { last?: boolean | undefined })): Choice {
  if (typeof c === 'string') return { label: c };
  const { last: isLast, ...rest } = c;
  const out: Choice = { ...rest };
  for (const k of Object.keys(out) as (keyof Choice)[]) if (out[k] === undefined) delete out[k];
  return isLast ? { ...out, last: true } : out;
}

/**
 * `story` as written (label, node id or index), until the lesson schema resolves it to an
 * index: a routing choice's default options are only known once the nodes are.
 */
export const storyRefs = new WeakMap<ChooseStep, string | number>();

function withStoryRef<T extends ChooseStep>(step: T, ref: string | number | undefined): T {
  if (ref !== undefined) storyRefs.set(step, ref);
  return step;
}

function toStep(s: StepMap): Step {
  const base = {
    ...PLACEHOLDER,
    ...(s.id !== undefined && { id: s.id }),
    ...(s.expect !== undefined && { expect: s.expect }),
    ...(s.note !== undefined && { note: s.note }),
    ...(s.hint !== undefined && { hint: s.hint }),
  };
  const bg = (inner: boolean | undefined) => (s.background ?? false) || (inner ?? false);
  const interactive = (hint: string | undefined, explain: string | undefined) => ({
    ...base,
    ...(hint !== undefined && { hint }),
    ...(explain !== undefined && { explain }),
  });

  if (s.say !== undefined) return { ...base, kind: 'say', text: s.say };
  if (s.write !== undefined) {
    const { background: inner, ...w } = s.write;
    return {
      ...base,
      kind: 'write',
      ...w,
      functions: sqlFunctions(w.value),
      background: bg(inner),
    };
  }
  if (s.read !== undefined) return { ...base, kind: 'read', ...s.read };
  if (s.wait !== undefined) return { ...base, kind: 'wait', duration: s.wait };
  if (s.until !== undefined) return { ...base, kind: 'until', ...s.until };
  if (s.crash !== undefined) return { ...base, kind: 'crash', node: s.crash };
  if (s.restart !== undefined) return { ...base, kind: 'restart', node: s.restart };
  if (s.pause !== undefined) {
    return { ...base, kind: 'pause', node: s.pause.node, duration: s.pause.for };
  }
  if (s.partition !== undefined) return { ...base, kind: 'partition', groups: s.partition };
  if (s.heal !== undefined) return { ...base, kind: 'heal' };
  if (s.set !== undefined) {
    // `capacity` is the node's with `node`, the cluster default without.
    const onNode = s.set.node !== undefined;
    const nodeParams: NodeParams = onNode ? pick(s.set, NODE_PARAM_KEYS) : {};
    const clusterParams: ClusterParams = onNode ? {} : pick(s.set, CLUSTER_PARAM_KEYS);
    const quorum = onNode ? {} : pick(s.set, QUORUM_PARAM_KEYS);
    if (Object.keys(quorum).length > 0) clusterParams.leaderlessQuorum = quorum;
    const failoverParams: Partial<FailoverConfig> = pick(s.set, FAILOVER_PARAM_KEYS);
    return {
      ...base,
      kind: 'set',
      ...(s.set.node !== undefined && { node: s.set.node }),
      nodeParams,
      clusterParams,
      failoverParams,
    };
  }
  if (s.promote !== undefined) {
    const p = s.promote;
    return {
      ...base,
      kind: 'promote',
      node: p.node,
      ...(p.until !== undefined && { until: p.until }),
    };
  }
  if (s.wipe !== undefined) return { ...base, kind: 'wipe', node: s.wipe };
  if (s.dropSlot !== undefined) return { ...base, kind: 'dropSlot', node: s.dropSlot };
  if (s.backup !== undefined) {
    const b = s.backup;
    return {
      ...base,
      kind: 'backup',
      from: b.from,
      fails: b.fails,
      ...(b.id !== undefined && { backupId: b.id }),
      ...(b.rate !== undefined && { bytesPerMs: b.rate }),
      background: bg(b.background),
    };
  }
  if (s.restore !== undefined) {
    const r = s.restore;
    return {
      ...base,
      kind: 'restore',
      node: r.node,
      from: r.from,
      bytesPerMs: r.rate,
      ...(r.until !== undefined && { until: r.until }),
      ...(r.replayRate !== undefined && { replayBytesPerMs: r.replayRate }),
      background: bg(r.background),
    };
  }
  if (s.addFollower !== undefined) {
    const { id, rate, background: inner, ...rest } = s.addFollower;
    return {
      ...base,
      kind: 'addFollower',
      node: id,
      bytesPerMs: rate,
      ...rest,
      background: bg(inner),
    };
  }
  if (s.workload !== undefined) {
    return {
      ...base,
      kind: 'workload',
      workload: workloadSpec(s.workload),
      background: bg(s.workload.background),
    };
  }
  if (s.quiz !== undefined) {
    const q = s.quiz;
    return {
      ...interactive(q.hint ?? s.hint, q.explain),
      kind: 'quiz',
      prompt: q.question,
      choices: q.choices.map(toChoice),
      answer: indices(q.answer),
      multiple: Array.isArray(q.answer),
    };
  }
  if (s.predict !== undefined) {
    const p = s.predict;
    return {
      ...interactive(p.hint ?? s.hint, p.explain),
      kind: 'predict',
      prompt: p.question,
      choices: p.choices.map(toChoice),
      ...(p.answer !== undefined && { answer: indices(p.answer) }),
      run: p.then,
    };
  }
  if (s.choose !== undefined) {
    const c = s.choose;
    const resume = c.resume ?? s.resume;
    const common = {
      ...interactive(c.hint ?? s.hint, c.explain),
      kind: 'choose' as const,
      branch: c.branch ?? s.branch ?? false,
      ...(resume !== undefined && { resume }),
    };
    const storyRef = c.story ?? s.story;
    if (typeof c.goal !== 'string') {
      return withStoryRef(
        {
          ...common,
          form: 'action',
          prompt: c.prompt,
          choices: (c.options ?? []).flatMap((o) =>
            typeof o === 'string' ? [] : [toChoice({ label: o.label, do: o.do, last: o.last })],
          ),
          goal: c.goal,
        },
        storyRef,
      );
    }
    return withStoryRef(
      {
        ...common,
        form: 'route',
        prompt: c.prompt,
        client: c.client ?? DEFAULT_CLIENT,
        op:
          c.write !== undefined
            ? { kind: 'write', ...c.write, functions: sqlFunctions(c.write.value) }
            : { kind: 'read', key: c.read ?? '' },
        // Empty means "every node"; the lesson schema fills it in once nodes are known.
        choices: (c.options ?? []).flatMap((o) =>
          typeof o === 'string' ? [{ label: o, node: o }] : [],
        ),
        goal: c.goal,
        ...(c.prefer !== undefined && { prefer: c.prefer }),
      },
      storyRef,
    );
  }
  if (s.experiment !== undefined) {
    const e = s.experiment;
    return {
      ...base,
      kind: 'experiment',
      workload: workloadSpec(e.workload),
      policies: e.policies ?? [],
      ...(e.quorums ? { quorums: e.quorums.map((q) => ({ w: q.w, r: q.r })) } : {}),
      measure: e.measure,
    };
  }
  if (s.task !== undefined) return taskStep(s.task, base);
  // Only reached for a step whose kind was unknown: zod still runs transforms when the only
  // issue is an unrecognized key, and the parse fails anyway, so this value is never used.
  return { ...base, kind: 'say', text: '' };
}

export const stepSchema: z.ZodType<Step> = stepMap.transform(toStep).meta({
  id: 'step',
  description: 'One step: a map with exactly one kind key, plus optional id, expect, note, hint.',
  // Editors: exactly one kind key per step.
  oneOf: STEP_KINDS.map((k) => ({ required: [k] })),
});
