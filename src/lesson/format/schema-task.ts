// `task`: the learner types commands until the goal holds (docs/lesson-authoring.md, "Tasks").
// The goal takes the expect keys, so authors learn one vocabulary, plus what only a task can
// ask: which read the operation keys are about, nodes no command may touch, and writes lost
// during the task. Solution lines are checked as commands where the command language lives
// (lesson/commands/task-solutions.ts): this layer cannot parse them.
import { z } from 'zod';
import { expectSchema } from './schema-expect.js';
import { count, duration, expecting, name, strictMap, text } from './schema-parts.js';
import type { TaskGoal, TaskPar, TaskStep } from './types.js';

/** Points a task is worth unless it says (a quiz or predict is worth 2). */
export const DEFAULT_TASK_POINTS = 3;
/** How long and how many commands a task may take unless it says. */
export const DEFAULT_TASK_LIMIT = { commands: 20, time: 60 * 60_000 };
/** The most commands a task may allow (its reference solution must fit too). */
export const MAX_TASK_COMMANDS = 100;

const expectShape = expectSchema.in.shape;
const { rows: _rows, ...goalExpect } = expectShape;

const readRef = z
  .union(
    [
      name.transform((key) => ({ key, client: 'you' })),
      strictMap(
        { key: text, client: name.default('you') },
        'a key, or a map like {key: tweet, client: phone}',
      ),
    ],
    { error: expecting('a key, or a map like {key: tweet, client: phone}') },
  )
  .describe(
    "The learner's newest read of this key (by this client, default you) is what value, stale, ok, error, lsn and latency are about.",
  );

export const taskGoalSchema = strictMap(
  {
    ...goalExpect,
    read: readRef.optional(),
    untouched: z
      .array(name)
      .min(1)
      .optional()
      .describe(
        'Nodes no command of the task may crash, restart, pause, wipe, restore, re-seed, reconfigure, promote or demote.',
      ),
    lostInTask: count
      .optional()
      .describe('Acknowledged writes lost during the task (missing now, not when it began).'),
  },
  'a goal like {status: {db2: streaming}, lostInTask: 0, untouched: [db1]}',
)
  .superRefine((g, ctx) => {
    const opKeys = ['value', 'siblings', 'stale', 'ok', 'error', 'lsn', 'latency'] as const;
    const used = opKeys.filter((k) => g[k] !== undefined);
    if (used.length > 0 && g.read === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [used[0]!],
        message: `${used.join(', ')} need read: <key> in the goal (which read of the task they are about)`,
      });
    }
    if (Object.keys(g).length === 0 || (g.read !== undefined && Object.keys(g).length === 1)) {
      ctx.addIssue({ code: 'custom', message: 'a goal needs at least one condition' });
    }
  })
  .transform((g): TaskGoal => g as TaskGoal);

const positiveCount = z
  .int({ error: expecting('a whole number above 0') })
  .min(1, { error: expecting('a whole number above 0') });

const positiveDuration = duration().refine((ms) => ms > 0, {
  error: 'expected a duration above 0, like 5m',
});

const par = strictMap(
  {
    commands: positiveCount.optional().describe('Commands typed (hint and give up do not count).'),
    time: positiveDuration.optional().describe('Virtual time from the task start to the goal.'),
  },
  'a par like {commands: 3} or {time: 5m}',
)
  .refine((p) => (p.commands === undefined) !== (p.time === undefined), {
    error: 'a par is one of commands: <n> or time: <duration>',
  })
  .transform((p): TaskPar => p);

const limit = strictMap(
  {
    commands: positiveCount
      .max(MAX_TASK_COMMANDS, { error: `expected at most ${MAX_TASK_COMMANDS} commands` })
      .optional(),
    time: positiveDuration.optional(),
  },
  'a limit like {commands: 20, time: 1h}',
);

export const taskSchema = strictMap(
  {
    text: text.describe('Markdown: the situation and what to reach.'),
    goal: taskGoalSchema.describe('What must hold after a command: expect keys plus task keys.'),
    par: par.describe('Commands or virtual time for full points.'),
    hints: z.array(text).default([]).describe('Shown one at a time; each costs a point.'),
    solution: z
      .array(text)
      .min(1)
      .describe('The reference solution: command lines, played on give-up and after the task.'),
    points: positiveCount
      .max(10, { error: 'expected at most 10 points' })
      .default(DEFAULT_TASK_POINTS)
      .describe(`Points for solving it at par (default ${DEFAULT_TASK_POINTS}).`),
    limit: limit
      .optional()
      .describe('The task ends at this many commands or this virtual time (default 20, 1h).'),
    branch: z
      .boolean()
      .optional()
      .describe(
        "The learner's cluster stands after a solved task: later steps must hold for any solution.",
      ),
    resume: text
      .optional()
      .describe('Markdown shown as the cluster is set back and the reference solution plays.'),
  },
  'a map with text, goal, par and solution',
).superRefine((t, ctx) => {
  const max = t.limit?.commands ?? DEFAULT_TASK_LIMIT.commands;
  if (t.solution.length > max) {
    ctx.addIssue({
      code: 'custom',
      path: ['solution'],
      message: `the solution has ${t.solution.length} commands, more than the limit of ${max}`,
    });
  }
  if (t.par.commands !== undefined && t.par.commands > max) {
    ctx.addIssue({
      code: 'custom',
      path: ['par', 'commands'],
      message: `par ${t.par.commands} is above the limit of ${max} commands`,
    });
  }
  const time = t.limit?.time ?? DEFAULT_TASK_LIMIT.time;
  if (t.par.time !== undefined && t.par.time > time) {
    ctx.addIssue({
      code: 'custom',
      path: ['par', 'time'],
      message: 'par is longer than the time limit',
    });
  }
});

type TaskMap = z.output<typeof taskSchema>;

/** The step as the engine runs it. */
export function taskStep(
  t: TaskMap,
  base: Omit<TaskStep, 'kind' | keyof TaskMap | 'limit' | 'branch'>,
): TaskStep {
  return {
    ...base,
    kind: 'task',
    text: t.text,
    goal: t.goal,
    par: t.par,
    hints: t.hints,
    solution: t.solution,
    points: t.points,
    limit: {
      commands: t.limit?.commands ?? DEFAULT_TASK_LIMIT.commands,
      time: t.limit?.time ?? DEFAULT_TASK_LIMIT.time,
    },
    branch: t.branch ?? false,
    ...(t.resume !== undefined && { resume: t.resume }),
  };
}
