// A lesson step's YAML map → the step the engine runs, through the lesson format's own step
// schema: what the sandbox runs and what `:save` writes can never disagree.
import { formatPath } from '../format/raw.js';
import { stepSchema } from '../format/schema-steps.js';
import type { Step } from '../format/types.js';
import { checkSchema } from '../format/zod-problems.js';
import type { RawStep } from './grammar.js';

/** The step for `raw`; the sandbox only builds valid maps, so a problem is a bug. */
export function stepOf(raw: RawStep): Step {
  const r = checkSchema(stepSchema, raw);
  if (r.success) return r.data;
  const why = r.problems.map((p) => `${formatPath(p.path) || 'step'}: ${p.message}`).join('; ');
  throw new Error(`internal: the sandbox built an invalid step ${JSON.stringify(raw)}: ${why}`);
}
