// The narration pane's text laid out as lines for a width: narration, experiment tables,
// graded answers with the run's numbers and the counterfactuals, the end of the lesson.
// Pure; the pane scrolls through the lines and prints them.
import type { StepRecord } from '../../lesson/engine/runner.js';
import type { InteractiveStep } from '../../lesson/format/types.js';
import { choiceLines } from '../choice-list/choice-list.js';
import { layoutMarkdown, type Span, wrapSpans } from '../text/markdown.js';
import type { Tone } from '../theme/theme.js';
import { experimentTable } from './experiment-table.js';
import type { Narration, ShownExperiment } from './narration.js';

export interface PaneLine {
  spans: Span[];
  lead?: string;
  tone?: Tone;
  dim?: boolean;
}

const BLANK: PaneLine = { spans: [] };

function markdown(text: string, width: number, codeTicks: boolean, tone?: Tone): PaneLine[] {
  return layoutMarkdown(text, width, { codeTicks }).map((spans) => ({ spans, tone }));
}

/** Plain text (feedback from the engine is not Markdown), wrapped, with a hanging indent. */
function plain(text: string, width: number, tone?: Tone): PaneLine[] {
  const indent = /^\s*/.exec(text)?.[0] ?? '';
  return wrapSpans([{ text: text.trim() }], width - indent.length).map((spans, i) => ({
    lead: i === 0 ? indent : `${indent}  `,
    spans,
    tone,
  }));
}

function toneOf(line: string): Tone | undefined {
  const t = line.trimStart();
  if (t.startsWith('✓')) return 'ok';
  if (t.startsWith('✗')) return 'danger';
  return undefined;
}

/** The experiment's title, its table fitted to `width`, and what short headers stand for. */
export function experimentLines(
  experiment: ShownExperiment,
  width: number,
  title = true,
): PaneLine[] {
  const table = experimentTable(experiment.record.table ?? [], width, experiment.measure);
  const lines: PaneLine[] = title
    ? [
        {
          spans: [
            {
              text: `Experiment: the same workload under each ${experiment.record.table?.some((r) => r.quorum !== undefined) ? 'quorum' : 'policy'}`,
              bold: true,
            },
          ],
        },
      ]
    : [];
  table.lines.forEach((text, i) => {
    lines.push({ spans: [{ text }], dim: i === 0 });
  });
  if (table.legend) {
    for (const spans of wrapSpans([{ text: table.legend }], width))
      lines.push({ spans, dim: true });
  }
  return lines;
}

/**
 * A graded answer, most important first (a short pane cuts from the end): what happened
 * with the run's numbers, the points, the choices marked ✓/✗, what the other options would
 * have done, and why.
 */
export function feedbackLines(
  step: InteractiveStep,
  record: StepRecord,
  width: number,
  codeTicks: boolean,
): PaneLine[] {
  const [verdict, ...rest] = record.feedback ?? [];
  const lines: PaneLine[] = verdict ? plain(verdict, width, toneOf(verdict)) : [];
  if (record.points !== undefined) {
    const halved =
      record.correct && record.points < (record.max ?? 0)
        ? ' (halved: a hint was used, or the answer cost more than it had to)'
        : '';
    lines.push({
      spans: [{ text: `Points: ${record.points}/${record.max ?? 0}${halved}`, bold: true }],
    });
  }
  lines.push(BLANK);
  const marked = choiceLines(
    step.choices.map((c) => c.label),
    width,
    { chosen: record.answer, answer: { correct: record.correctChoices ?? [] } },
    codeTicks,
  );
  for (const l of marked)
    lines.push({ lead: l.lead, spans: l.spans, tone: l.leadTone, dim: l.dim });
  if (rest.length > 0) lines.push(BLANK);
  for (const f of rest) lines.push(...plain(f, width, toneOf(f)));
  if (record.explain) {
    lines.push(BLANK);
    lines.push(...markdown(`**Why:** ${record.explain}`, width, codeTicks));
  }
  return lines;
}

/** An answered question while its outcome plays: the answer marked, no verdict yet. */
export function outcomeLines(
  step: InteractiveStep,
  answer: number,
  width: number,
  codeTicks: boolean,
): PaneLine[] {
  const lines: PaneLine[] = markdown(step.prompt, width, codeTicks);
  lines.push(BLANK);
  const marked = choiceLines(
    step.choices.map((c) => c.label),
    width,
    { chosen: answer },
    codeTicks,
  );
  for (const l of marked) lines.push({ lead: l.lead, spans: l.spans });
  lines.push(BLANK, {
    spans: [{ text: '▶ Your answer is being played on the cluster…', italic: true }],
    tone: 'info',
  });
  return lines;
}

/**
 * The question's text above its choices (the choices are the interactive list): the prompt
 * first, so a short pane cuts the experiment table it asks about rather than the question.
 */
export function questionLines(
  step: InteractiveStep,
  experiment: ShownExperiment | undefined,
  width: number,
  codeTicks: boolean,
): PaneLine[] {
  const lines = markdown(step.prompt, width, codeTicks, 'heading');
  if (experiment) lines.push(BLANK, ...experimentLines(experiment, width, false));
  return lines;
}

/** Rows the choices take before an answer (the hint included when shown). */
export function choicesHeight(
  step: InteractiveStep,
  width: number,
  codeTicks: boolean,
  hint: boolean,
): number {
  const n = choiceLines(
    step.choices.map((c) => c.label),
    width,
    {},
    codeTicks,
  ).length;
  const h =
    hint && step.hint ? layoutMarkdown(`Hint: ${step.hint}`, width - 2, { codeTicks }).length : 0;
  return n + h;
}

export function narrationLines(n: Narration, width: number, codeTicks: boolean): PaneLine[] {
  switch (n.kind) {
    case 'say':
      // The table first: the narration after an experiment talks about it, and a short pane
      // cuts the end of the text (scrollable) rather than the table it refers to.
      return n.experiment
        ? [...experimentLines(n.experiment, width), BLANK, ...markdown(n.text, width, codeTicks)]
        : markdown(n.text, width, codeTicks);
    case 'experiment':
      return experimentLines(n.experiment, width);
    case 'feedback':
      return feedbackLines(n.step, n.record, width, codeTicks);
    case 'question':
      return questionLines(n.step, n.experiment, width, codeTicks);
    case 'outcome':
      return outcomeLines(n.step, n.answer, width, codeTicks);
    case 'done': {
      const head: PaneLine = {
        spans: [{ text: `✓ Lesson complete. Score: ${n.score}/${n.max}.`, bold: true }],
        tone: 'ok',
      };
      return n.text ? [head, BLANK, ...markdown(n.text, width, codeTicks)] : [head];
    }
    case 'task':
      return taskLines(n, width, codeTicks);
    case 'none':
      return [];
  }
}

/** Commands shown in the task pane: the newest ones (the event log has them all). */
const SHOWN_COMMANDS = 3;

/**
 * A task: what to do, the goal as a checklist (live: it is read again after each command),
 * par and what was used, the hints shown, the newest commands with what they did, and once
 * it is over how it ended.
 */
export function taskLines(
  n: Extract<Narration, { kind: 'task' }>,
  width: number,
  codeTicks: boolean,
): PaneLine[] {
  const { step, task } = n;
  const lines: PaneLine[] = [];
  // The verdict; what was not reached is the checklist's ✗ lines just below.
  const verdict = n.record?.feedback?.[0];
  if (verdict) lines.push(...plain(verdict, width, toneOf(verdict)), BLANK);
  const text = markdown(step.text, width, codeTicks);
  // Before the first command the task's text comes first; after it, what the commands did
  // (a short pane cuts from the end, and the text was read already).
  const started = task.commands.length > 0;
  if (!started) lines.push(...text, BLANK);
  const met = task.conditions.filter((c) => c.met).length;
  lines.push({
    spans: [
      { text: 'Goal', bold: true },
      { text: ` (${met}/${task.conditions.length} met) · ${n.usage}` },
    ],
  });
  for (const c of task.conditions) {
    const said = c.met || !c.now ? c.text : `${c.text} (now: ${c.now})`;
    for (const [i, spans] of wrapSpans([{ text: said }], width - 2).entries())
      lines.push({
        lead: i === 0 ? (c.met ? '✓ ' : '✗ ') : '  ',
        spans,
        tone: c.met ? 'ok' : 'danger',
      });
  }
  task.hints.forEach((h, i) => {
    lines.push(...markdown(`**Hint ${i + 1}:** ${h}`, width, codeTicks, 'info'));
  });
  const shown = task.commands.slice(-SHOWN_COMMANDS).reverse();
  if (shown.length > 0) lines.push(BLANK);
  for (const c of shown) {
    lines.push(...plain(`> ${c.text}`, width));
    const result = c.result ?? (n.running ? '▶ running…' : undefined);
    if (result) for (const l of plain(`  ${result}`, width)) lines.push({ ...l, dim: true });
  }
  if (task.commands.length > shown.length)
    lines.push({
      spans: [{ text: `(and ${task.commands.length - shown.length} earlier)` }],
      dim: true,
    });
  if (started) lines.push(BLANK, ...markdown(`**Task:** ${step.text}`, width, codeTicks));
  return lines;
}
