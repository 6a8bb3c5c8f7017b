// Text for plain line mode (pipes, CI, screen readers): Markdown emphasis markers removed,
// no colour, no cursor movement, and the facts of the run in words.

import { at, duration } from '../lesson/engine/describe-outcome.js';
import type { ExperimentRow, StepRecord } from '../lesson/engine/runner.js';
import type { GoalCondition } from '../lesson/engine/task-goal.js';
import type { TaskProgress } from '../lesson/engine/task-progress.js';
import { plainMarkdown } from '../lesson/format/plain-markdown.js';
import type { InteractiveStep, TaskStep } from '../lesson/format/types.js';
import type { ClusterSnapshot } from '../sim/index.js';

export function clusterLine(s: ClusterSnapshot): string {
  const ml = s.multiLeader;
  const parts = s.nodes.map((n, i) => {
    if (ml) {
      // No log to count: the keys a node holds, and siblings when it keeps several.
      const keys = ml.replicas[i]!.keys;
      const sib = keys.filter((k) => k.versions.length > 1).length;
      const status = n.status === 'leading' ? 'leader' : n.status;
      return `${n.id}: ${status}, ${keys.length} key${keys.length === 1 ? '' : 's'}${sib ? ` (${sib} with siblings)` : ''}`;
    }
    const behind =
      n.role === 'follower' && n.lagEntries > 0
        ? `, ${n.lagEntries} behind (${duration(n.lagMs)})`
        : '';
    const status = n.status === 'leading' ? 'leader' : n.status;
    return `${n.id}: ${status}, LSN ${n.appliedLsn}${behind}`;
  });
  return `Cluster at ${at(s.t)} — ${parts.join('; ')}${s.partition.length ? `; partition ${s.partition.map((g) => `[${g.join(', ')}]`).join(' | ')}` : ''}`;
}

export function questionText(step: InteractiveStep): string[] {
  const lines = [`Question: ${plainMarkdown(step.prompt)}`];
  for (const [i, c] of step.choices.entries()) lines.push(`  ${i + 1}. ${c.label}`);
  return lines;
}

function parText(step: TaskStep): string {
  return step.par.commands !== undefined
    ? `${step.par.commands} command${step.par.commands === 1 ? '' : 's'}`
    : duration(step.par.time ?? 0);
}

/** A task as it starts: what to do, the goal's checklist, par, and what may be typed. */
export function taskText(step: TaskStep, task: TaskProgress): string[] {
  return [
    `Task: ${plainMarkdown(step.text)}`,
    ...goalLines(task.conditions),
    `Par: ${parText(step)}. Type commands (help lists them); hint shows a hint (each costs a point); give up shows the solution.`,
  ];
}

/** A task whose lines came from a file: what it asked, before what was typed. */
export function taskIntro(step: TaskStep): string[] {
  return [`Task: ${plainMarkdown(step.text)}`, `Par: ${parText(step)}.`];
}

/** The goal's conditions, met or not. */
export function goalLines(conditions: readonly GoalCondition[]): string[] {
  const met = conditions.filter((c) => c.met).length;
  return [
    `Goal (${met} of ${conditions.length} met):`,
    ...conditions.map(
      (c) => `  [${c.met ? 'x' : ' '}] ${c.text}${!c.met && c.now ? `  (now: ${c.now})` : ''}`,
    ),
  ];
}

/** Lines printed for one executed step. */
export function recordText(r: StepRecord): string[] {
  switch (r.kind) {
    case 'say':
      return ['', plainMarkdown(r.text ?? ''), ''];
    case 'quiz':
    case 'predict':
    case 'choose': {
      const lines = [
        `Your answer: ${(r.answer ?? 0) + 1}. ${r.answerLabel}`,
        ...(r.feedback ?? []),
      ];
      if (r.explain) lines.push(`Why: ${plainMarkdown(r.explain)}`);
      lines.push(`Points: ${r.points}/${r.max}`, '');
      return lines;
    }
    case 'experiment':
      return [...experimentTable(r.table ?? []), ''];
    case 'task':
      return [...(r.feedback ?? []), ''];
    case 'wait':
      return [`${at(r.t)}  (time passes)`];
    default: {
      const what = r.summary ?? describeFault(r);
      const extra = r.stale ? '  [stale]' : '';
      const held = r.held === false ? '  [condition not reached]' : '';
      return [`${at(r.t)}  ${what}${extra}${held}`];
    }
  }
}

function describeFault(r: StepRecord): string {
  return r.kind === 'until' ? 'waited until the condition held' : r.kind;
}

const COLUMNS: [string, string][] = [
  ['stale-read', 'stale'],
  ['read-your-writes', 'ryw'],
  ['monotonic-reads', 'monotonic'],
];

/** A leaderless experiment's table: one row per quorum, stale reads out of the reads. */
function quorumTable(rows: readonly ExperimentRow[]): string[] {
  const lines = [
    'Experiment: the same workload under each quorum (stale reads of all reads, failed operations)',
    `  ${'quorum'.padEnd(20)}${'reads'.padStart(8)}${'stale'.padStart(8)}${'failed'.padStart(8)}${'p50'.padStart(7)}${'p99'.padStart(7)}`,
  ];
  for (const row of rows) {
    lines.push(
      `  ${row.policy.padEnd(20)}${String(row.reads ?? 0).padStart(8)}${String(row.staleReads ?? 0).padStart(8)}${String(row.failed ?? 0).padStart(8)}${duration(row.p50).padStart(7)}${duration(row.p99).padStart(7)}`,
    );
  }
  return lines;
}

/** The comparison table of an experiment: one row per policy, anomalies by kind. */
export function experimentTable(rows: readonly ExperimentRow[]): string[] {
  if (rows.some((r) => r.quorum !== undefined)) return quorumTable(rows);
  const head = `  ${'policy'.padEnd(20)}${COLUMNS.map(([, h]) => h.padStart(10)).join('')}${'leader'.padStart(8)}${'p50'.padStart(7)}${'p99'.padStart(7)}`;
  const lines = [
    'Experiment: the same workload under each policy (anomalies by kind, share of reads on the leader)',
    head,
  ];
  for (const row of rows) {
    const counts = COLUMNS.map(([k]) => String(row.byChecker[k] ?? 0).padStart(10)).join('');
    lines.push(
      `  ${row.policy.padEnd(20)}${counts}${`${row.leaderLoad}%`.padStart(8)}${duration(row.p50).padStart(7)}${duration(row.p99).padStart(7)}`,
    );
  }
  return lines;
}
