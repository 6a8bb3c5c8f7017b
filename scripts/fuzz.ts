// `npm run fuzz -- --seed 1000 --count 5000 [--time-limit 10m]`: runs the simulation harness
// (src/sim/harness) on `count` seeds from `seed` on. Each seed is a generated cluster,
// workload and fault schedule, checked against every invariant it promises. On the first
// failing seed it prints the seed, the invariant, and the shortest schedule the shrinker
// finds, and exits 1; 0 when every seed passed (or the time limit came first); 2 on bad flags.
// Run through scripts/fuzz.mjs, which bundles this file as the CLI is bundled.
import { performance } from 'node:perf_hooks';
import {
  describeCase,
  generateCase,
  generateLeaderlessCase,
  generateMultiLeaderCase,
  INVARIANTS,
  type Invariant,
  LEADERLESS_INVARIANTS,
  MULTI_LEADER_INVARIANTS,
  runCase,
  shrinkCase,
} from '../src/sim/index.js';

export interface FuzzArgs {
  seed: number;
  count: number;
  /** Wall-clock ms after which no new seed is started. */
  timeLimitMs: number | undefined;
  /** Generate leaderless cases (generateLeaderlessCase) instead of leader-based ones. */
  leaderless?: boolean;
  /** Generate multi-leader cases (generateMultiLeaderCase). */
  multiLeader?: boolean;
}

export interface FuzzIo {
  /** A finished line. */
  line(text: string): void;
  /** Progress: replaces the previous progress line on a terminal, else a line of its own. */
  progress(text: string): void;
  /** Whether progress can be redrawn in place (a terminal). */
  live: boolean;
  /** Wall-clock ms. */
  now(): number;
}

const USAGE =
  'usage: npm run fuzz -- [--seed N] [--count N] [--time-limit 90s|10m|3600] [--leaderless | --multi-leader]  (defaults: --seed 1 --count 1000)';

function whole(flag: string, value: string, min: number): number | string {
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    return `fuzz: ${flag} takes a whole number ≥ ${min}, got "${value}"`;
  }
  return Number(value);
}

function duration(value: string): number | string {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value);
  if (!m)
    return `fuzz: --time-limit takes seconds or a duration such as 90s, 10m or 1h, got "${value}"`;
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's']!;
  return Number(m[1]) * scale;
}

/** The flags, or a one-line error. */
export function parseFuzzArgs(argv: readonly string[]): FuzzArgs | { error: string } | 'help' {
  const args: FuzzArgs = { seed: 1, count: 1000, timeLimitMs: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--leaderless') {
      args.leaderless = true;
      continue;
    }
    if (arg === '--multi-leader') {
      args.multiLeader = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (flag !== '--seed' && flag !== '--count' && flag !== '--time-limit') {
      return {
        error: `fuzz: unknown option "${arg}" (expected --seed, --count, --time-limit, --leaderless or --multi-leader)`,
      };
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') return { error: `fuzz: ${flag} needs a value` };
    const parsed =
      flag === '--seed'
        ? whole(flag, value, 0)
        : flag === '--count'
          ? whole(flag, value, 1)
          : duration(value);
    if (typeof parsed === 'string') return { error: parsed };
    if (flag === '--seed') args.seed = parsed;
    else if (flag === '--count') args.count = parsed;
    else args.timeLimitMs = parsed;
  }
  return args;
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs the seeds; returns the exit code. */
export function fuzz(
  args: FuzzArgs,
  io: FuzzIo,
  invariants: readonly Invariant[] = args.leaderless
    ? LEADERLESS_INVARIANTS
    : args.multiLeader
      ? MULTI_LEADER_INVARIANTS
      : INVARIANTS,
): number {
  const generate = args.leaderless
    ? generateLeaderlessCase
    : args.multiLeader
      ? generateMultiLeaderCase
      : generateCase;
  const { seed: first, count } = args;
  const last = first + count - 1;
  const t0 = io.now();
  const every = Math.max(1, Math.ceil(count / 10));
  let lastDraw = t0;
  let done = 0;
  for (let seed = first; seed <= last; seed++) {
    if (args.timeLimitMs !== undefined && io.now() - t0 >= args.timeLimitMs) {
      io.line(
        `fuzz: time limit reached after ${done} seed${done === 1 ? '' : 's'} (${first}–${seed - 1}): no violation (${secs(io.now() - t0)})`,
      );
      return 0;
    }
    const c = generate(seed);
    const run = runCase(c, { invariants });
    done++;
    const failure = run.violations[0];
    if (failure) {
      report(seed, failure.invariant, failure.message, failure.t, c, io, invariants, args);
      return 1;
    }
    const now = io.now();
    if (io.live ? now - lastDraw >= 200 || seed === last : done % every === 0) {
      lastDraw = now;
      io.progress(`fuzz: ${done}/${count} seeds ok (${first}–${seed}, ${secs(now - t0)})`);
    }
  }
  io.line(
    `fuzz: ${count} seeds (${first}–${last}) passed every invariant in ${secs(io.now() - t0)}`,
  );
  return 0;
}

function report(
  seed: number,
  invariant: string,
  message: string,
  t: number,
  c: ReturnType<typeof generateCase>,
  io: FuzzIo,
  invariants: readonly Invariant[],
  args: FuzzArgs,
): void {
  const says = invariants.find((i) => i.name === invariant)?.says;
  io.line(`fuzz: seed ${seed} violates ${invariant}${says ? ` (${says})` : ''}`);
  io.line(`  at ${t} ms: ${message}`);
  io.progress(`fuzz: shrinking seed ${seed} (${c.steps.length} steps)...`);
  const shrunk = shrinkCase(c, invariant, { invariants });
  const steps = shrunk.case.steps.length;
  io.line(
    `shortest schedule found: ${steps} step${steps === 1 ? '' : 's'} (from ${c.steps.length}; ${shrunk.attempts} runs)`,
  );
  for (const l of describeCase(shrunk.case)) io.line(`  ${l}`);
  io.line(`  violation: ${shrunk.message}`);
  io.line(
    `replay the seed: npm run fuzz -- --seed ${seed} --count 1${args.leaderless ? ' --leaderless' : args.multiLeader ? ' --multi-leader' : ''}`,
  );
}

/** The command: parses `argv`, runs, and returns the exit code. */
export function main(argv: readonly string[]): number {
  const parsed = parseFuzzArgs(argv);
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(`${parsed.error}\n`);
    return 2;
  }
  const live = process.stdout.isTTY === true;
  let drawn = false;
  const clear = () => {
    if (drawn) process.stdout.write('\r\x1b[2K');
    drawn = false;
  };
  const io: FuzzIo = {
    live,
    now: () => performance.now(),
    line: (text) => {
      clear();
      process.stdout.write(`${text}\n`);
    },
    progress: (text) => {
      if (!live) {
        process.stdout.write(`${text}\n`);
        return;
      }
      clear();
      process.stdout.write(text);
      drawn = true;
    },
  };
  return fuzz(parsed, io);
}
