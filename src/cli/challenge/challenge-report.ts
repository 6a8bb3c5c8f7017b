// What `challenge run` and `challenge replay` print: a pass with its cost against the
// reference solution, a counterexample as steps and a diagram, or one line for a policy that
// could not be graded. Also the JSON form (`--json`).
import type { Challenge } from '../../challenge/challenge.js';
import type { CostSummary } from '../../challenge/cost.js';
import { type Counterexample, DEFAULT_SEEDS } from '../../challenge/grade.js';
import { failurePicture } from './failure-picture.js';
import type { WorkerOutcome } from './run-worker.js';

export function replayCommand(id: string, seed: number, policyFile: string): string {
  return `replication-tutor challenge replay ${id} --seed ${seed} --policy ${quoteArg(policyFile)}`;
}

function quoteArg(s: string): string {
  return /^[\w./@:+-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The client line of a routing challenge names the learner's router, not the case's policies. */
function caseLines(challenge: Challenge, lines: readonly string[]): string[] {
  if (challenge.kind !== 'router') return [...lines];
  const users = challenge.users ?? {};
  return lines.map((l) => {
    if (l.startsWith('clients: ')) {
      const ids = [...l.matchAll(/(\w+) \([^)]*\)/g)].map((m) => m[1]!);
      const named = ids.map((id) => (users[id] ? `${id} (a device of ${users[id]})` : id));
      return `clients: ${named.join(', ')}; every read routed by your policy`;
    }
    return l.replace(/, [\w-]+ routing$/, ', reads routed by your policy');
  });
}

export function counterexampleText(
  challenge: Challenge,
  f: Counterexample,
  policyFile: string,
  width: number,
): string[] {
  const what =
    challenge.kind === 'router'
      ? 'the violating read is marked ⚠'
      : 'the faulty decision is pointed at';
  return [
    f.violation.message,
    '',
    `Smallest failing case (seed ${f.seed}, ${f.steps} step${f.steps === 1 ? '' : 's'}, shrunk from ${f.originalSteps}):`,
    ...caseLines(challenge, f.lines).map((l) => `  ${l}`),
    '',
    `Space-time diagram (${what}):`,
    ...failurePicture(f, width).map((l) => `  ${l}`),
    '',
    `Replay it: ${replayCommand(challenge.id, f.seed, policyFile)}`,
  ];
}

function costRows(challenge: Challenge, cost: CostSummary, ref?: CostSummary): string[] {
  const rows: [string, string, string | undefined][] =
    challenge.kind === 'router'
      ? [
          ['reads sent to the leader', pct(cost.leaderShare), ref && pct(ref.leaderShare)],
          ['p99 read latency', `${cost.p99Ms} ms`, ref && `${ref.p99Ms} ms`],
        ]
      : [
          ['elections', String(cost.elections), ref && String(ref.elections)],
          ['promotions', String(cost.promotions), ref && String(ref.promotions)],
          ['entries lost by promotions', String(cost.lostEntries), ref && String(ref.lostEntries)],
        ];
  const w = Math.max(...rows.map((r) => r[0].length));
  const v = Math.max(5, ...rows.map((r) => r[1].length));
  const head = `  ${''.padEnd(w)}  ${'yours'.padStart(v)}${ref ? `  ${'reference'.padStart(9)}` : ''}`;
  return [
    head,
    ...rows.map(
      ([name, mine, theirs]) =>
        `  ${name.padEnd(w)}  ${mine.padStart(v)}${theirs !== undefined ? `  ${theirs.padStart(9)}` : ''}`,
    ),
  ];
}

export function outcomeText(
  challenge: Challenge,
  outcome: WorkerOutcome,
  policyFile: string,
  width: number,
  replayOf?: number,
): string[] {
  if (outcome.status === 'broken') return [`${challenge.id}: FAILED — ${outcome.message}`];
  const r = outcome.result;
  if (r.status === 'error') return [`${challenge.id}: FAILED — seed ${r.seed}: ${r.message}`];
  if (r.status === 'failed') {
    return [
      `${challenge.id}: FAILED at seed ${r.failure.seed}${r.seeds > 1 ? ` (the ${r.seeds - 1} before it passed)` : ''}`,
      ...counterexampleText(challenge, r.failure, policyFile, width),
    ];
  }
  const what =
    challenge.kind === 'router'
      ? `${r.cost.routedReads} routed reads`
      : `${r.cost.elections} elections`;
  if (replayOf !== undefined) {
    return [`${challenge.id}: seed ${replayOf} passes: your policy keeps the promise there`];
  }
  const quick =
    r.seeds < DEFAULT_SEEDS
      ? [`(a quick try: a pass counts, and is recorded, over all ${DEFAULT_SEEDS} seeds)`]
      : [];
  return [
    `${challenge.id}: PASSED all ${r.seeds} seed${r.seeds === 1 ? '' : 's'}`,
    ...quick,
    `Cost over ${what}${r.reference ? ', against the reference solution on the same seeds' : ''}:`,
    ...costRows(challenge, r.cost, r.reference),
  ];
}

/** The `--json` document. */
export function outcomeJson(
  challenge: Challenge,
  outcome: WorkerOutcome,
  policyFile: string,
): Record<string, unknown> {
  const base = { challenge: challenge.id, policy: policyFile };
  if (outcome.status === 'broken') {
    return { ...base, status: 'failed', seed: outcome.seed, message: outcome.message };
  }
  const r = outcome.result;
  if (r.status === 'error') return { ...base, status: 'failed', seed: r.seed, message: r.message };
  if (r.status === 'failed') {
    const f = r.failure;
    return {
      ...base,
      status: 'failed',
      seed: f.seed,
      message: f.violation.message,
      counterexample: {
        steps: caseLines(challenge, f.lines),
        stepCount: f.steps,
        originalStepCount: f.originalSteps,
        violation: f.violation,
      },
      replay: replayCommand(challenge.id, f.seed, policyFile),
    };
  }
  return { ...base, status: 'passed', seeds: r.seeds, cost: r.cost, reference: r.reference };
}
