// What the runner reports for each executed step: plain mode prints it, --json prints it as
// one object per line, and the player's narration reads it.
import type { OpRecord, Simulation } from '../../sim/index.js';
import type { StepKind, TaskPar } from '../format/types.js';
import { describeOp } from './describe-outcome.js';
import { Observation } from './expect-check.js';
import type { ExperimentRow } from './experiment.js';
import type { OptionOutcome } from './grading.js';
import type { NodeStatusObject } from './node-status.js';

export type { ExperimentRow };

/** One executed step, as printed by plain mode and as a JSON line. */
export interface StepRecord {
  t: number;
  step: string;
  kind: StepKind;
  index: number;
  text?: string;
  node?: string;
  key?: string;
  value?: unknown;
  lsn?: number | null;
  stale?: boolean;
  ok?: boolean | 'unknown';
  error?: string;
  summary?: string;
  held?: boolean;
  /** The choice given, as displayed (0-based). */
  answer?: number;
  answerLabel?: string;
  correct?: boolean;
  /** The right choices, as displayed (0-based). */
  correctChoices?: number[];
  points?: number;
  max?: number;
  feedback?: string[];
  explain?: string;
  outcomes?: OptionOutcome[];
  table?: ExperimentRow[];
  expectFailures?: string[];
  /** The question this step played for (a predict's `then`, a choose's option). */
  within?: string;
  /** Played on the learner's own copy of the cluster; the story does not go on from it. */
  detour?: boolean;
  /** The narration that takes the story up again after a detour (the clock goes back). */
  resume?: boolean;
  /** Every node's status after the step (RunnerOptions.nodeStatus: `play --json`). */
  nodes?: NodeStatusObject[];
  /** A command typed at a task, as the parser read it. */
  command?: string;
  /** A finished task: how it ended, what was typed, and the goal's checklist at the end. */
  task?: TaskResult;
}

export interface TaskResult {
  outcome: 'solved' | 'gave-up' | 'out-of-commands' | 'out-of-time';
  commands: string[];
  hints: number;
  par: TaskPar;
  /** Virtual time from the task's start to its last command's result. */
  elapsed: number;
  goal: { text: string; met: boolean; now?: string }[];
}

/** The facts of a finished read or write. */
export function opFields(op: OpRecord, sim: Simulation): Partial<StepRecord> {
  const obs = new Observation(sim, op);
  const fields: Partial<StepRecord> = {
    node: op.node,
    key: op.key,
    value: op.value ?? null,
    lsn: op.lsn ?? null,
    ok: obs.outcome(),
    summary: describeOp(op, sim),
  };
  if (op.error) fields.error = op.error;
  if (op.kind === 'read' && op.outcome === 'ok')
    fields.stale = obs.opAnomalies('stale-read').length > 0;
  return fields;
}
