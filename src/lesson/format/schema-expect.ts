// `expect`: what validate checks after a step (docs/lesson-authoring.md, "expect"), and the values a
// write stores or a read returns.
import { z } from 'zod';
import { count, duration, expecting, name, strictMap } from './schema-parts.js';
import { unknownKeyMessage } from './suggest.js';
import { CHECKER_NAMES, type Expect } from './types.js';
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

export const expectSchema = strictMap(
  {
    value: value.optional().describe('What a read returned; null when the key was absent.'),
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
    leader: name.optional().describe('The leader of the highest epoch after the step.'),
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
    status: perNode(z.enum(NODE_STATUSES))
      .optional()
      .describe('Extension: node id to its status after the step.'),
    lag: perNode(count)
      .optional()
      .describe('Extension: node id to the entries it is behind the leader after the step.'),
    latency: strictMap({ min: duration().optional(), max: duration().optional() })
      .optional()
      .describe("Extension: bounds on the operation's virtual latency."),
  },
  'a map of expectations (value, stale, ok, error, lsn, leader, lost, anomalies, ...)',
).transform((e): Expect => e);
