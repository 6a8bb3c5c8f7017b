// Plain line mode for `play`: narration as text, choices numbered from 1 read from standard
// input, feedback printed; or, with --json, one JSON object per executed step. No wall-clock
// pacing: the output depends only on the lesson, the seed, the input and saved progress.

import { COMMANDS } from '../lesson/commands/grammar.js';
import { at } from '../lesson/engine/describe-outcome.js';
import { haltedLine } from '../lesson/engine/event-budget.js';
import type { StepRecord } from '../lesson/engine/runner.js';
import { plainMarkdown } from '../lesson/format/plain-markdown.js';
import type { PlaySession } from '../progress/play-session.js';
import type { LineInput } from './line-input.js';
import {
  clusterLine,
  goalLines,
  questionText,
  recordText,
  taskIntro,
  taskText,
} from './plain-text.js';
import { UsageError } from './usage-error.js';

export interface PlainIo {
  write(line: string): void;
  input: LineInput;
  json: boolean;
}

export function jsonRecord(r: StepRecord): string {
  const { index: _index, ...rest } = r;
  return JSON.stringify(rest);
}

/** The JSON Lines summary that ends a run, whether the lesson was completed or input ran out. */
function summaryLine(session: PlaySession, complete: boolean): string {
  const { runner } = session;
  return JSON.stringify({
    kind: 'summary',
    lesson: session.lesson.id,
    seed: runner.seed,
    score: runner.score,
    max: runner.maxScore,
    complete,
  });
}

/** Plays until the lesson ends or input runs out. Returns whether the lesson was completed. */
export async function playPlain(session: PlaySession, io: PlainIo): Promise<boolean> {
  const { lesson } = session;
  const runner = session.runner;
  if (!io.json) {
    io.write(`${lesson.title}  (${lesson.minutes} min, seed ${runner.seed})`);
    if (lesson.objectives.length > 0) {
      io.write('After this lesson you can:');
      for (const o of lesson.objectives) io.write(`  - ${plainMarkdown(o)}`);
    }
    if (session.resumedAnswers > 0)
      io.write(`Resuming: replaying your ${session.resumedAnswers} earlier answer(s).`);
    io.write('Answer with the number of a choice; h shows a hint.');
    if (lesson.steps.some((s) => s.kind === 'task'))
      io.write('At a task, type commands until the goal holds; hint and give up help.');
  }
  let printed = 0;
  const asked = new Set<string>();
  // What a question played (a predict's `then`, a choose's option steps) is recorded before
  // the answer's own record; it is held back so the learner reads question, answer, then
  // what happened.
  const played = new Map<string, string[]>();
  const answered = new Set<string>();
  const tasks = new Set(lesson.steps.flatMap((s) => (s.kind === 'task' ? [s.label] : [])));
  const flush = () => {
    for (; printed < runner.records.length; printed++) {
      const r = runner.records[printed]!;
      if (io.json) {
        io.write(jsonRecord(r));
        continue;
      }
      // Answered from a file or from saved progress: show what was asked before the answer
      // and before what it played.
      const label = r.answer !== undefined ? r.step : r.within;
      const step = runner.lesson.steps.find((s) => s.label === label);
      if (step && 'choices' in step && !asked.has(step.label)) {
        asked.add(step.label);
        for (const line of questionText(step)) io.write(line);
      }
      const lines = recordText(r);
      const inTask = r.within !== undefined && tasks.has(r.within);
      // Typed from a file or replayed: say what the task was before the first command.
      const taskStep = lesson.steps.find(
        (s) => s.label === (r.kind === 'task' ? r.step : r.within),
      );
      if (taskStep?.kind === 'task' && !asked.has(taskStep.label)) {
        asked.add(taskStep.label);
        for (const line of taskIntro(taskStep)) io.write(line);
      }
      if (r.command !== undefined) io.write(`> ${r.command}`);
      if (!inTask && r.answer === undefined && r.within !== undefined && !answered.has(r.within)) {
        played.set(r.within, [...(played.get(r.within) ?? []), ...lines]);
        continue;
      }
      if (r.answer !== undefined) {
        const [answerLine, ...rest] = lines;
        if (answerLine !== undefined) io.write(answerLine);
        for (const line of played.get(r.step) ?? []) io.write(line);
        played.delete(r.step);
        answered.add(r.step);
        for (const line of rest) io.write(line);
        continue;
      }
      for (const line of lines) io.write(line);
    }
  };
  for (;;) {
    runner.advance();
    flush();
    session.syncScore();
    session.saveStep();
    const state = runner.state;
    if (state.kind === 'done') break;
    if (state.kind === 'say') {
      runner.continueSay();
      continue;
    }
    if (state.kind === 'task') {
      if (!(await playTask(session, io, asked))) {
        if (io.json) io.write(summaryLine(session, false));
        else
          io.write(
            `Input ended at task ${state.step.label} (${at(runner.sim.now)}). ${session.saving ? 'Your progress is saved; run the same command to continue from the start of this task.' : 'Your progress was not saved (see the warning above).'}`,
          );
        return false;
      }
      continue;
    }
    if (state.kind !== 'question') continue;
    const step = state.step;
    if (io.json) {
      io.write(
        JSON.stringify({
          t: runner.sim.now,
          step: step.label,
          kind: 'question',
          prompt: step.prompt,
          // As displayed (answer with the 1-based position); `order` gives each one's index in
          // the file, which answers files use.
          choices: step.choices.map((c) => c.label),
          order: step.choices.map((_, i) => runner.fileIndex(step.label, i)),
        }),
      );
    } else {
      io.write(clusterLine(runner.sim.snapshot()));
      for (const line of questionText(step)) io.write(line);
      asked.add(step.label);
    }
    for (;;) {
      const line = await io.input.next();
      if (line === undefined) {
        if (io.json) io.write(summaryLine(session, false));
        else
          io.write(
            `Input ended at ${step.label} (${at(runner.sim.now)}). ${session.saving ? 'Your progress is saved; run the same command to continue.' : 'Your progress was not saved (see the warning above).'}`,
          );
        return false;
      }
      const text = line.trim().toLowerCase();
      if (text === 'h' || text === 'hint') {
        const hint = runner.hint();
        io.write(hint ? `Hint: ${plainMarkdown(hint)}` : 'No hint for this one.');
        continue;
      }
      const n = Number(text);
      if (Number.isInteger(n) && n >= 1 && n <= step.choices.length) {
        session.answer(n - 1);
        break;
      }
      io.write(`Please type a number from 1 to ${step.choices.length}, or h for a hint.`);
    }
  }
  session.syncScore();
  if (runner.halted) {
    // Over an event budget: the lesson cannot go on, and it is the lesson's fault.
    throw new UsageError(haltedLine(lesson.file, runner.halted), 1);
  }
  if (io.json) {
    io.write(summaryLine(session, true));
  } else {
    io.write(`Lesson complete. Score: ${runner.score}/${runner.maxScore}.`);
  }
  return true;
}

/** Lines in a row a task refuses before plain mode gives it up (input from a script). */
export const MAX_REFUSED_LINES = 20;

/**
 * The task waiting: its text and checklist, then lines read until one is taken (a command the
 * cluster runs, hint, give up). False when input ran out.
 */
async function playTask(session: PlaySession, io: PlainIo, asked: Set<string>): Promise<boolean> {
  const runner = session.runner;
  const state = runner.state;
  if (state.kind !== 'task') return true;
  const { step, task } = state;
  if (io.json) {
    io.write(
      JSON.stringify({
        t: runner.sim.now,
        step: step.label,
        kind: 'task-waiting',
        text: step.text,
        par: step.par,
        commands: task.commands.length,
        goal: task.conditions.map(({ text, met, now }) => ({ text, met, ...(now && { now }) })),
      }),
    );
  } else {
    io.write(clusterLine(runner.sim.snapshot()));
    // The task's text once (a resumed or file-fed task may have had it printed already).
    const first = !asked.has(step.label);
    asked.add(step.label);
    for (const line of first ? taskText(step, task) : goalLines(task.conditions)) io.write(line);
  }
  let refused = 0;
  for (;;) {
    const line = await io.input.next();
    if (line === undefined) return false;
    const text = line.trim();
    if (text === '') continue;
    if (refused >= MAX_REFUSED_LINES) {
      // A script typing something else (`yes 2`) must not keep the lesson from ending.
      io.write(
        io.json
          ? JSON.stringify({ kind: 'task-error', message: 'too many lines were not commands' })
          : `${MAX_REFUSED_LINES} lines in a row were not commands: giving up this task.`,
      );
      session.taskInput('give up');
      return true;
    }
    if (text === 'help' || text === '?') {
      for (const c of COMMANDS) io.write(`  ${c.usage}  — ${c.summary}`);
      continue;
    }
    if (text === 'goal') {
      for (const l of goalLines(task.conditions)) io.write(l);
      continue;
    }
    const reply = session.taskInput(text);
    refused = reply.ok ? 0 : refused + 1;
    if (!reply.ok) {
      if (io.json) io.write(JSON.stringify({ kind: 'task-error', line: text, ...reply }));
      else {
        io.write(`  ${text}`);
        io.write(`  ${' '.repeat(reply.from)}${'^'.repeat(Math.max(1, reply.to - reply.from))}`);
        io.write(`Not run: ${reply.message}`);
      }
      continue;
    }
    if (reply.kind === 'hint') {
      const n = task.hintsShown;
      const msg = reply.hint
        ? `Hint ${n} of ${step.hints.length}: ${plainMarkdown(reply.hint)}`
        : step.hints.length === 0
          ? 'This task has no hints.'
          : 'No more hints. Type give up to see the solution.';
      io.write(
        io.json
          ? JSON.stringify({ kind: 'task-hint', step: step.label, hint: reply.hint ?? null })
          : msg,
      );
      continue;
    }
    return true;
  }
}
