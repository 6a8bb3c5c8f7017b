// `expect`: what validate checks after a step (docs/lesson-authoring.md, "expect"), and the values a
// write stores or a read returns.
import { z } from 'zod';
import { count, duration, expecting, name, size, strictMap } from './schema-parts.js';
import { unknownKeyMessage } from './suggest.js';
import { CHECKER_NAMES, type Expect, type Figure, type RowExpect } from './types.js';
import { NODE_STATUSES, OP_ERRORS } from './vocab.js';

/** A stored or returned value. */
export const value = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: expecting('a value (text, a number, true, false or null)'),
});

// An unknown key of the anomalies map is an unknown checker name (zod reports it as an
// unrecognized key, which the record's declared issue types do not mention).
const unknownChecker = (iss: z.core.$ZodRawIssue): string | undefined =>
  iss.code === 'unrecognized_keys'
    ? iss.keys.map((k) => unknownKeyMessage(k, CHECKER_NAMES).replace('key', 'checker')).join('\n')
    : undefined;

const perNode = <T extends z.ZodType>(v: T) => z.record(name, v);

/** An exact figure, or a range `{min, max}` (either end may be left out). */
const figure = <T extends z.ZodType<number, unknown>>(exact: T, what: string) =>
  z
    .union(
      [
        exact,
        strictMap(
          { min: exact.optional(), max: exact.optional() },
          `a range like {min: 1, max: 5}`,
        ),
      ],
      { error: expecting(`${what}, or a range like {min: 1, max: 5}`) },
    )
    .refine(
      (v) => typeof v === 'number' || v.min === undefined || v.max === undefined || v.min <= v.max,
      { message: 'max must not be below min', path: ['max'] },
    )
    .transform((v): Figure => v);

const percent = z
  .number({ error: expecting('a percentage from 0 to 100') })
  .min(0, { error: expecting('a percentage from 0 to 100') })
  .max(100, { error: expecting('a percentage from 0 to 100') });

const rowSchema = strictMap(
  {
    ops: figure(count, 'a number of operations').optional().describe("The workload's operations."),
    reads: figure(count, 'a number of reads').optional(),
    writes: figure(count, 'a number of writes').optional(),
    failed: figure(count, 'a number of operations').optional().describe('Operations that failed.'),
    anomalies: z
      .partialRecord(z.enum(CHECKER_NAMES), figure(count, 'a number of anomalies'), {
        error: unknownChecker,
      })
      .optional()
      .describe("Checker name to the number of anomalies among this policy's operations."),
    leaderLoad: figure(percent, 'a percentage from 0 to 100')
      .optional()
      .describe('Share of reads the leader served, in percent as the table shows it (rounded).'),
    p50: figure(duration(), 'a duration like 2ms').optional().describe('Median latency.'),
    p99: figure(duration(), 'a duration like 2ms').optional().describe('99th percentile latency.'),
    staleReads: figure(count, 'a number of reads')
      .optional()
      .describe('Leaderless quorum rows: reads that returned stale data.'),
  },
  'a map like {anomalies: {read-your-writes: 0}, leaderLoad: 0, p99: 3ms}',
).transform((r): RowExpect => r);

// A key of the rows map is a policy name, or a quorum label like w2r1 (leaderless): the
// cross-check knows which the experiment ran and names unknown ones with a suggestion.
const rowKey = z.string();

export const expectSchema = strictMap(
  {
    value: z
      .union([value, z.array(value)], {
        error: expecting('a value, or a list of values (siblings, compared as a set)'),
      })
      .optional()
      .describe('What a read returned; null when the key was absent; a list for siblings.'),
    siblings: count
      .optional()
      .describe('Leaderless: how many values the read returned (more than one: siblings).'),
    conflicts: count
      .optional()
      .describe('Leaderless: pairs of concurrent writes to one key replicas have met so far.'),
    stale: z
      .boolean()
      .optional()
      .describe('The read returned an older value than the newest acknowledged write.'),
    ok: z
      .union([z.boolean(), z.literal('unknown')], { error: expecting('true, false or unknown') })
      .optional()
      .describe('Whether the operation succeeded; unknown for an indeterminate outcome.'),
    error: z.enum(OP_ERRORS).optional().describe('Why the operation failed.'),
    lsn: count
      .optional()
      .describe("For a read, the node's applied LSN; for a write, the entry's LSN."),
    leader: z
      .union([name, z.record(name, name)], {
        error: expecting('a node id, or (sharded clusters) a map like {s1: s1-leader}'),
      })
      .optional()
      .describe(
        'The leader of the highest epoch after the step; sharded clusters: shard id to its leader.',
      ),
    lost: count
      .optional()
      .describe("How many acknowledged writes are missing from the current leader's log."),
    anomalies: z
      .partialRecord(z.enum(CHECKER_NAMES), count, {
        error: unknownChecker,
      })
      .optional()
      .describe('Checker name to the number of anomalies it finds.'),
    diverged: z.boolean().optional().describe('Two live nodes hold different entries at one LSN.'),
    archived: count
      .optional()
      .describe('Extension: the highest LSN the WAL archive holds after the step (0: none).'),
    status: perNode(z.enum(NODE_STATUSES))
      .optional()
      .describe('Extension: node id to its status after the step.'),
    lag: perNode(count)
      .optional()
      .describe('Extension: node id to the entries it is behind the leader after the step.'),
    latency: strictMap({ min: duration().optional(), max: duration().optional() })
      .optional()
      .describe("Extension: bounds on the operation's virtual latency."),
    lagBytes: perNode(figure(size(), 'a size like 4GB'))
      .optional()
      .describe('Node id to the bytes it has not applied of the leader log.'),
    receivedLag: perNode(figure(count, 'a number of entries'))
      .optional()
      .describe('Node id to the entries of the leader log it has not received.'),
    replayAge: perNode(figure(duration(), 'a duration like 2s').nullable())
      .optional()
      .describe('Node id to now minus the commit time of its newest applied entry (null: none).'),
    secondsBehind: perNode(figure(count, 'a number of seconds').nullable())
      .optional()
      .describe(
        "Node id to MySQL's Seconds_Behind_Source (null: NULL, the receiver is not connected).",
      ),
    retained: perNode(figure(size(), 'a size like 4GB'))
      .optional()
      .describe('Node id to the bytes of log it keeps (a leader: for catch-up and slots).'),
    diskUsed: perNode(figure(size(), 'a size like 4GB'))
      .optional()
      .describe('Node id to the bytes on its disk: data plus kept log.'),
    rows: z
      .record(rowKey, rowSchema)
      .optional()
      .describe(
        'Extension, experiment steps only: policy (or quorum label like w2r2) to the figures its row must show, each exact or {min, max}.',
      ),
  },
  'a map of expectations (value, stale, ok, error, lsn, leader, lost, anomalies, ...)',
).transform((e): Expect => e);
