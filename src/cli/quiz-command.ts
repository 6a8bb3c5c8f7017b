// `replication-tutor quiz`: an interview drill over the question bank (lessons/quiz/*.yaml),
// in the TUI when both ends are a terminal and in plain line mode otherwise; or the bank
// listed (--list [--json]) or exported as Markdown (--export FILE.md [--missed]).
// Loaded lazily by program.ts.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { formatProblem } from '../lesson/format/load.js';
import { listNames, nearest } from '../lesson/format/suggest.js';
import { safeJsonLine, safeText } from '../lesson/format/terminal-text.js';
import { parseDuration } from '../lesson/format/units.js';
import type { Bank } from '../quiz/bank.js';
import { exportMarkdown } from '../quiz/export-markdown.js';
import { listJsonLines, listText } from '../quiz/list.js';
import { PLAIN_HELP, runPlainDrill } from '../quiz/plain-drill.js';
import { reportLines } from '../quiz/report.js';
import { applyFilters, type Filters } from '../quiz/select.js';
import {
  finishDrill,
  lessonAvailable,
  loadCheckedBank,
  nextReview,
  startDrill,
} from '../quiz/start-drill.js';
import { TOPIC_IDS } from '../quiz/topics.js';
import { type BankQuestion, DIFFICULTY_NAMES, type Difficulty } from '../quiz/types.js';
import { parseSeed } from './lesson-arg.js';
import { LineInput } from './line-input.js';
import { openStoreOrWarn } from './open-store.js';
import { plainLines } from './output-lines.js';
import { UsageError } from './usage-error.js';

export interface QuizOptions {
  topic?: string;
  count?: string;
  timeLimit?: string;
  difficulty?: string;
  plain?: boolean;
  seed?: string;
  review?: boolean;
  export?: string;
  missed?: boolean;
  list?: boolean;
  json?: boolean;
}

const MAX_COUNT = 1000;

// ---- Flags ----------------------------------------------------------------------------------

function parseCount(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_COUNT)
    throw new UsageError(`--count: expected a whole number from 1 to ${MAX_COUNT}, found "${raw}"`);
  return n;
}

/** Wall-clock limit: "10m", "90s", "1h" (a unit is required: "10" could mean anything). */
export function parseTimeLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const fail = () =>
    new UsageError(`--time-limit: expected a duration like 10m, 90s or 1h, found "${raw}"`);
  if (!/^\d+(?:\.\d+)? ?(?:ms|s|m|h)$/.test(raw.trim())) throw fail();
  const ms = parseDuration(raw.trim());
  if (ms <= 0) throw fail();
  return ms;
}

const DIFFICULTY_WORDS: Record<string, Difficulty> = {
  '1': 1,
  '2': 2,
  '3': 3,
  easy: 1,
  medium: 2,
  hard: 3,
};

function parseDifficulty(raw: string | undefined): Difficulty[] | undefined {
  if (raw === undefined) return undefined;
  return raw.split(',').map((word) => {
    const d = DIFFICULTY_WORDS[word.trim().toLowerCase()];
    if (d === undefined)
      throw new UsageError(
        `--difficulty: expected easy, medium, hard (or 1, 2, 3), found "${word.trim()}"`,
      );
    return d;
  });
}

function parseTopics(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw.split(',').map((word) => {
    const t = word.trim().toLowerCase();
    if (TOPIC_IDS.includes(t)) return t;
    const near = nearest(t, TOPIC_IDS);
    throw new UsageError(
      `--topic: unknown topic "${word.trim()}" (${near ? `did you mean "${near}"? ` : ''}topics: ${listNames(TOPIC_IDS, 20)})`,
    );
  });
}

/** Flags that only make sense together, checked before anything is loaded. */
function checkCombinations(o: QuizOptions): void {
  if (o.missed && o.export === undefined)
    throw new UsageError('--missed only goes with --export FILE.md');
  if (o.json && !o.list) throw new UsageError('--json only goes with --list');
  if (o.list && o.export !== undefined)
    throw new UsageError('--list and --export cannot be used together');
  if (o.list || o.export !== undefined) {
    const mode = o.list ? '--list' : '--export';
    const drillOnly: [keyof QuizOptions, string][] = [
      ['count', '--count'],
      ['timeLimit', '--time-limit'],
      ['review', '--review'],
      ['plain', '--plain'],
    ];
    for (const [key, flag] of drillOnly) {
      if (o[key] !== undefined && o[key] !== false)
        throw new UsageError(`${flag} is for drills and does not go with ${mode}`);
    }
  }
  if (o.export !== undefined && o.export.trim() === '')
    throw new UsageError('--export: expected a file name like drill.md');
}

// ---- Loading --------------------------------------------------------------------------------

async function bankOrFail(): Promise<Bank> {
  const checked = await loadCheckedBank();
  if (checked.ok) return checked.bank;
  for (const p of checked.problems) process.stderr.write(`${formatProblem(p)}\n`);
  throw new UsageError(checked.reason);
}

function describeFilters(f: Filters): string {
  const parts = [];
  if (f.topics) parts.push(`--topic ${f.topics.join(',')}`);
  if (f.difficulties)
    parts.push(`--difficulty ${f.difficulties.map((d) => DIFFICULTY_NAMES[d]).join(',')}`);
  return parts.join(' ');
}

// ---- The command ----------------------------------------------------------------------------

export async function runQuizCommand(opts: QuizOptions): Promise<void> {
  checkCombinations(opts);
  const filters: Filters = {
    topics: parseTopics(opts.topic),
    difficulties: parseDifficulty(opts.difficulty),
  };
  const count = parseCount(opts.count);
  const timeLimitMs = parseTimeLimit(opts.timeLimit);
  const givenSeed = parseSeed(opts.seed);
  const bank = await bankOrFail();
  const chosen = applyFilters(bank.questions, filters);
  if (chosen.length === 0)
    throw new UsageError(`no questions match ${describeFilters(filters)}`.trimEnd());

  if (opts.list) {
    process.stdout.write(
      opts.json ? safeJsonLine(listJsonLines(chosen)) : safeText(listText(chosen)),
    );
    return;
  }
  if (opts.export !== undefined) {
    exportBank(opts.export, chosen, Boolean(opts.missed), givenSeed);
    return;
  }

  const interactive = !opts.plain && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
  // While the TUI is up, a warning (a save that failed) written mid-frame would garble it:
  // kept until the drill is gone. Otherwise it is said at once.
  const later = new Set<string>();
  let uiShown = false;
  const warn = (m: string) => {
    if (uiShown) later.add(m);
    else process.stderr.write(`warning: ${m}\n`);
  };
  const started = startDrill(
    bank.questions,
    {
      ...filters,
      count,
      review: opts.review,
      seed: givenSeed,
      timeLimitMs,
      timeLimit: opts.timeLimit,
    },
    { store: openStoreOrWarn(warn), warn },
  );
  if (!started.ok) {
    process.stdout.write(`${started.reason}\n`);
    return;
  }
  const { drill, header } = started;
  if (interactive) {
    const { runInteractiveDrill } = await import('../ui/interactive.js');
    uiShown = true;
    try {
      await runInteractiveDrill({
        drill,
        header,
        timeLimit: opts.timeLimit,
        lessonAvailable,
        nextDue: () => nextReview(started),
      });
    } finally {
      uiShown = false;
      for (const w of later) process.stderr.write(`warning: ${w}\n`);
    }
  } else {
    const write = plainLines();
    write(header);
    write(PLAIN_HELP);
    const input = new LineInput();
    try {
      await runPlainDrill(drill, { write, input, now: () => Date.now() });
    } finally {
      // The drill is over: read no more, even if the input never ends.
      input.close();
    }
  }
  const report = finishDrill(started);
  if (!interactive) {
    process.stdout.write('\n');
    const lines = reportLines(report, {
      lessonAvailable,
      nextDue: nextReview(started),
      timeLimit: opts.timeLimit,
    });
    const write = plainLines();
    for (const line of lines) write(line);
  }
}

function exportBank(
  file: string,
  questions: BankQuestion[],
  missed: boolean,
  givenSeed: number | undefined,
): void {
  let chosen = questions;
  let note = 'Every question of the bank, grouped by curriculum topic.';
  const store = openStoreOrWarn();
  // The choices in the order this learner sees them in drills (--seed fixes it for scripts).
  const orderSeed = givenSeed ?? store?.learnerSeed();
  if (missed) {
    const cards = store?.quiz().cards ?? {};
    chosen = questions.filter(
      (q) => Object.hasOwn(cards, q.id) && cards[q.id]?.lastCorrect === false,
    );
    note = 'The questions you last answered wrongly.';
  }
  if (existsSync(file) && statSync(file).isDirectory())
    throw new UsageError(`--export: ${file} is a directory; give a file name like drill.md`);
  try {
    writeFileSync(file, exportMarkdown(chosen, { seed: givenSeed ?? 1, orderSeed, note }));
  } catch (err) {
    throw new UsageError(`--export: cannot write ${file}: ${(err as Error).message}`);
  }
  process.stdout.write(
    `Wrote ${chosen.length} question${chosen.length === 1 ? '' : 's'} to ${file}${missed && chosen.length === 0 ? ' (nothing missed so far)' : ''}\n`,
  );
}
