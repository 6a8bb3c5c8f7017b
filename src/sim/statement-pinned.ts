// Statement logs: what the leader records for a statement, and what a follower computes when
// it re-executes it.
//
// `statement` is the naive replicator: every node re-runs the text with its own clock,
// random numbers, auto-increment counters and row order. `statement-pinned` is what MySQL's
// statement-based binary log does: it also writes the leader's timestamp (so NOW() replays
// with it), the seed of RAND() and the auto-increment id each insert got. What it cannot pin
// still diverges: UUID(), SYSDATE() (the clock when the function runs, not when the statement
// started) and a LIMIT without ORDER BY, which depends on the node's row order.
import { Prng } from './prng.js';
import { NO_ROW, pickRow } from './row-scan.js';
import type { Entry, SimNode } from './state.js';
import {
  CALL,
  evaluateStatement,
  formatClock,
  hasNonDeterministicCall,
  round6,
  uuid,
} from './statement.js';
import type { LogFormat, Ms, Value } from './types.js';

export type StatementKind = 'naive' | 'pinned';

/** How followers treat entries written under `log`: re-executed, or undefined (results). */
export function statementKind(log: LogFormat): StatementKind | undefined {
  if (log === 'statement') return 'naive';
  if (log === 'statement-pinned') return 'pinned';
  return undefined;
}

/** What the leader records about a written value. */
export interface LeaderStatement {
  value: Value;
  expr?: string;
  clock?: Ms;
  seed?: number;
}

/**
 * The leader evaluates the value's calls itself (`clockMs` is its own clock); a statement log
 * also keeps the text, and a pinned one the clock and a RAND() seed it draws from its PRNG.
 */
export function leaderStatement(
  kind: StatementKind | undefined,
  value: Value,
  clockMs: Ms,
  rng: Prng,
): LeaderStatement {
  if (!hasNonDeterministicCall(value)) return { value };
  if (kind !== 'pinned') {
    const evaluated = evaluateStatement(value, clockMs, rng);
    return kind === 'naive' ? { value: evaluated, expr: value } : { value: evaluated };
  }
  const seed = rng.nextU32();
  return {
    value: evaluatePinned(value, clockMs, seed, clockMs, rng),
    expr: value,
    clock: clockMs,
    seed,
  };
}

/**
 * Evaluates a statement with the pinned values: NOW() is the pinned clock and RAND() draws from
 * the pinned seed; SYSDATE() reads `localClockMs` and UUID() `localRng`, the executing node's.
 */
export function evaluatePinned(
  expr: string,
  pinnedClockMs: Ms,
  seed: number,
  localClockMs: Ms,
  localRng: Prng,
): Value {
  const rand = new Prng(seed);
  if (expr.trim() === 'RAND()') return round6(rand.next());
  return expr.replace(CALL, (_m, fn: string) => {
    if (fn === 'NOW') return formatClock(pinnedClockMs);
    if (fn === 'SYSDATE') return formatClock(localClockMs);
    if (fn === 'RAND') return String(round6(rand.next()));
    return uuid(localRng);
  });
}

/** Whether a follower computes this entry itself rather than taking the leader's result. */
export function reexecutes(e: Entry): boolean {
  return e.stmt !== undefined && (e.expr !== undefined || e.autoId || e.scan !== undefined);
}

/**
 * The key and value `n` computes re-executing `e` now (`clockMs`: its own clock). Consumes
 * `n`'s auto-increment counter and PRNG as a real re-execution would.
 */
export function reexecute(
  n: SimNode,
  e: Entry,
  clockMs: Ms,
  nextAutoId: (n: SimNode, table: string) => number,
): { key: string; value: Value } {
  let key = e.key;
  let value = e.value;
  const pinned = e.stmt === 'pinned';
  if (e.autoId) {
    // Pinned: the log carries the id the leader's insert got (MySQL's INSERT_ID).
    if (pinned && e.id !== undefined) {
      key = `${e.key}/${e.id}`;
      if (e.id > (n.autoInc.get(e.key) ?? 0)) n.autoInc.set(e.key, e.id);
    } else {
      key = `${e.key}/${nextAutoId(n, e.key)}`;
    }
  }
  if (e.scan !== undefined) key = pickRow(n, e.key, e.scan.where) ?? NO_ROW;
  if (e.expr !== undefined) {
    value =
      pinned && e.clock !== undefined && e.seed !== undefined
        ? evaluatePinned(e.expr, e.clock, e.seed, clockMs, n.rng)
        : evaluateStatement(e.expr, clockMs, n.rng);
  }
  return { key, value };
}
