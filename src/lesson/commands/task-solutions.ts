// Load-time check of a task's reference solution: every line must parse as a command against
// the names the cluster will have when the task starts (nodes, clients, keys and backups the
// steps before it declare or create). The names are read from the steps, not from a run, so
// a node or backup an earlier step creates counts whatever happened to it; `validate` then
// plays every solution on the real cluster.
import type { FileProblem } from '../format/data-file.js';
import { safeText } from '../format/terminal-text.js';
import type { Lesson, Step, TaskStep } from '../format/types.js';
import { type CommandContext, DEFAULT_CLIENT } from './command-context.js';
import { parseCommand } from './parse-command.js';
import { contextAfter } from './sim-context.js';

/** Every solution line that does not parse, at its place in the file. */
export function taskSolutionProblems(lesson: Lesson): FileProblem[] {
  const out: FileProblem[] = [];
  let ctx = startContext(lesson);
  lesson.steps.forEach((step, i) => {
    if (step.kind === 'task') out.push(...checkTask(lesson.file, step, i, ctx));
    ctx = learn(ctx, step);
  });
  return out;
}

/**
 * Each task's reference solution as the steps it stands for, by task label: what the story
 * plays after the task (the sandbox opens a lesson's moment by replaying them). Lines that do
 * not parse are left out; loading the lesson reports them.
 */
export function taskSolutionSteps(lesson: Lesson): Map<string, Step[]> {
  const out = new Map<string, Step[]>();
  let ctx = startContext(lesson);
  for (const step of lesson.steps) {
    if (step.kind === 'task') {
      const steps: Step[] = [];
      let c = ctx;
      step.solution.forEach((line, j) => {
        const r = parseCommand(line, c);
        if (!r.ok) return;
        c = contextAfter(c, r.command.raw);
        const s = r.command.step;
        steps.push({
          ...s,
          ...('background' in s && { background: false }),
          label: `${step.label}.solution[${j}]`,
          pos: step.solutionPos?.[j] ?? step.pos,
        } as Step);
      });
      out.set(step.label, steps);
    }
    ctx = learn(ctx, step);
  }
  return out;
}

function startContext(lesson: Lesson): CommandContext {
  return {
    nodes: lesson.cluster.nodes.map((n) => n.id),
    clients: [DEFAULT_CLIENT, ...lesson.clients.map((c) => c.id)],
    keys: [],
    backups: [],
  };
}

function checkTask(file: string, step: TaskStep, index: number, start: CommandContext) {
  const out: FileProblem[] = [];
  let ctx = start;
  step.solution.forEach((line, j) => {
    const r = parseCommand(line, ctx);
    const pos = step.solutionPos?.[j] ?? step.pos;
    if (r.ok) {
      ctx = contextAfter(ctx, r.command.raw);
      return;
    }
    out.push({
      file,
      line: pos.line,
      col: pos.col,
      path: `steps[${index}].task.solution[${j}]`,
      message: `task ${step.label}, solution line ${j + 1} ${JSON.stringify(safeText(line))}, column ${r.error.from + 1}: ${r.error.message}`,
    });
  });
  return out;
}

/** The names a step (and what it nests) adds: the solution of a task, an option's steps. */
function learn(ctx: CommandContext, step: Step): CommandContext {
  switch (step.kind) {
    case 'addFollower':
      return contextAfter(ctx, { addFollower: { id: step.node } });
    case 'backup':
      return contextAfter(ctx, { backup: { id: step.backupId } });
    case 'write':
    case 'read':
      return contextAfter(ctx, { [step.kind]: { key: step.key, client: step.client } });
    case 'predict':
      return learn(ctx, step.run);
    case 'choose':
      return step.choices.reduce((c, o) => (o.do ?? []).reduce(learn, c), ctx);
    case 'task':
      return step.solution.reduce((c, line) => {
        const r = parseCommand(line, c);
        return r.ok ? contextAfter(c, r.command.raw) : c;
      }, ctx);
    default:
      return ctx;
  }
}
