// `replication-tutor challenge list | init | run | replay`: code challenges. The learner's
// policy file is graded in a worker thread (run-worker.ts); this module checks the
// arguments, prints, records passes, and sets the exit code: 0 passed, 1 failed (the
// policy broke a promise, threw, looped, ran out of memory or would not load), 2 bad usage.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Challenge } from '../../challenge/challenge.js';
import { commandsFor, defaultPolicyFile } from '../../challenge/challenge-info.js';
import { CHALLENGES, challengeById } from '../../challenge/challenges/index.js';
import { DEFAULT_SEEDS } from '../../challenge/grade.js';
import { didYouMean } from '../../lesson/format/suggest.js';
import { safeJsonLine, safeText } from '../../lesson/format/terminal-text.js';
import { openStoreOrWarn } from '../open-store.js';
import { UsageError } from '../usage-error.js';
import { outcomeJson, outcomeText } from './challenge-report.js';
import { gradeInHost } from './grading-host.js';
import { gradeProgress } from './progress-bar.js';
import type { WorkerOutcome } from './run-worker.js';

const out = (line: string) => process.stdout.write(`${safeText(line)}\n`);

function challengeOf(id: string): Challenge {
  const c = challengeById(id);
  if (!c) {
    throw new UsageError(
      `unknown challenge "${id}"${didYouMean(
        id,
        CHALLENGES.map((x) => x.id),
      )} (challenges: ${CHALLENGES.map((x) => x.id).join(', ')})`,
    );
  }
  return c;
}

export function runChallengeList(opts: { json?: boolean }): number {
  const store = openStoreOrWarn(() => {});
  const passed = store?.challenges() ?? {};
  if (opts.json) {
    const list = CHALLENGES.map((c) => ({
      id: c.id,
      title: c.title,
      kind: c.kind,
      summary: c.summary,
      passed: passed[c.id] !== undefined,
      commands: commandsFor(c.id),
    }));
    process.stdout.write(`${safeJsonLine(JSON.stringify(list))}\n`);
    return 0;
  }
  for (const c of CHALLENGES) {
    out(`${passed[c.id] ? '✓' : ' '} ${c.id.padEnd(32)} ${c.title}`);
    out(`  ${' '.repeat(32)} ${c.summary}`);
  }
  out('');
  out('Start one: replication-tutor challenge init <id>, then challenge run <id> --policy <file>');
  return 0;
}

export function runChallengeInit(id: string, opts: { out?: string; force?: boolean }): number {
  const c = challengeOf(id);
  const file = opts.out ?? defaultPolicyFile(id);
  if (existsSync(file) && !opts.force) {
    throw new UsageError(`${file} already exists (use --force to overwrite it, or --out FILE)`);
  }
  try {
    writeFileSync(file, c.starter);
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as Error).message}`);
  }
  out(
    `Wrote ${file}: the interface, what to promise, and a naive ${c.kind === 'router' ? 'router' : 'choice'} that fails.`,
  );
  out(`Grade it:  replication-tutor challenge run ${id} --policy ${file}`);
  return 0;
}

function policyPath(file: string): string {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch {
    throw new UsageError(`cannot read policy file ${file}: no such file`);
  }
  if (!st.isFile()) throw new UsageError(`policy file ${file} is not a file`);
  return resolve(file);
}

function positiveInt(flag: string, v: string | undefined, fallback: number, max: number): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) {
    throw new UsageError(`${flag} expects a whole number from 1 to ${max}, got "${v}"`);
  }
  return Number(v);
}

export interface RunFlags {
  policy?: string;
  json?: boolean;
  seeds?: string;
}

export async function runChallengeRun(id: string, flags: RunFlags): Promise<number> {
  const c = challengeOf(id);
  if (flags.policy === undefined) {
    throw new UsageError(
      `challenge run needs --policy FILE (start one with: replication-tutor challenge init ${id})`,
    );
  }
  const file = policyPath(flags.policy);
  const seeds = positiveInt('--seeds', flags.seeds, DEFAULT_SEEDS, 100_000);
  const outcome = await grading(c, file, { seeds, firstSeed: 1, compare: true, json: flags.json });
  const passed = outcome.status === 'graded' && outcome.result.status === 'passed';
  if (passed && seeds >= DEFAULT_SEEDS) openStoreOrWarn()?.recordChallengePass(c.id, seeds);
  report(c, shownPath(outcome, file, flags.policy), flags.policy, flags.json);
  return passed ? 0 : 1;
}

export async function runChallengeReplay(
  id: string,
  flags: { seed?: string; policy?: string; json?: boolean },
): Promise<number> {
  const c = challengeOf(id);
  if (flags.seed === undefined)
    throw new UsageError('challenge replay needs --seed N (the run that failed printed it)');
  const seed = positiveInt('--seed', flags.seed, 1, 2 ** 31 - 1);
  const shown = flags.policy ?? defaultPolicyFile(id);
  const file = policyPath(shown);
  const outcome = await grading(c, file, {
    seeds: 1,
    firstSeed: seed,
    compare: false,
    json: flags.json,
  });
  report(c, shownPath(outcome, file, shown), shown, flags.json, seed);
  return outcome.status === 'graded' && outcome.result.status === 'passed' ? 0 : 1;
}

/** Messages name the policy file as the learner wrote it, not its absolute path. */
function shownPath(o: WorkerOutcome, absolute: string, shown: string): WorkerOutcome {
  return o.status === 'broken' ? { ...o, message: o.message.replaceAll(absolute, shown) } : o;
}

async function grading(
  c: Challenge,
  file: string,
  o: { seeds: number; firstSeed: number; compare: boolean; json?: boolean },
): Promise<WorkerOutcome> {
  const bar = gradeProgress(`grading ${c.id}`);
  try {
    return await gradeInHost({
      challenge: c.id,
      policyFile: file,
      seeds: o.seeds,
      firstSeed: o.firstSeed,
      compare: o.compare,
      onProgress: (done, total) => bar.update(done, total),
      onShrinking: () => bar.note('a seed failed: shrinking it to the smallest failing case...'),
      onComparing: () =>
        bar.note('every seed passed: running the reference solution to compare costs...'),
    });
  } finally {
    bar.done();
  }
}

function report(
  c: Challenge,
  outcome: WorkerOutcome,
  shownFile: string,
  json?: boolean,
  replayOf?: number,
): void {
  if (json) {
    process.stdout.write(`${safeJsonLine(JSON.stringify(outcomeJson(c, outcome, shownFile)))}\n`);
    return;
  }
  const width = Math.max(60, Math.min(100, process.stdout.columns ?? 80));
  for (const line of outcomeText(c, outcome, shownFile, width, replayOf)) out(line);
}
