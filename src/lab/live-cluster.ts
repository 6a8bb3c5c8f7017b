// A live cluster: a simulation that keeps running while commands are applied to it *now*,
// as the sandbox and `serve` need, instead of a lesson's fixed list of steps. The caller
// moves time (`advance` by elapsed wall time at a speed, or `advanceTo` a virtual time); a
// command is a lesson step (commands/) started at the current virtual time by the lesson
// engine's own step code, so it behaves exactly as in a lesson. Every applied command is
// logged with its virtual time: the log is what rewind replays and what `:save` writes.
// Pure: no timers, no I/O, no wall clock; callbacks only fire inside the caller's calls.

import { type CommandContext, DEFAULT_CLIENT } from '../lesson/commands/command-context.js';
import type { RawStep } from '../lesson/commands/grammar.js';
import {
  type CommandError,
  type ParsedCommand,
  type ParseResult,
  parseCommand,
} from '../lesson/commands/parse-command.js';
import { commandRefusal } from '../lesson/engine/command-refusal.js';
import { describeOp, describeStep } from '../lesson/engine/describe-outcome.js';
import { LessonRunner } from '../lesson/engine/runner.js';
import { type Activity, startStep } from '../lesson/engine/step-activity.js';
import type { Step } from '../lesson/format/types.js';
import {
  type ClusterSnapshot,
  type Ms,
  type Simulation,
  SimulationError,
  traceHash,
} from '../sim/index.js';
import type { LabOrigin } from './lab-origin.js';

export interface LiveOptions {
  /** Seed of the simulation (default: the origin lesson's). */
  seed?: number;
  /** Virtual ms per wall ms for `advance` (default 1: real time). */
  speed?: number;
  /**
   * Keep every applied command (default true): rewind and `:save` need the log. `serve`
   * turns it off so that hours of requests do not pile up; pending commands are kept anyway.
   */
  keepLog?: boolean;
  /** Record replication messages in the history (default true). */
  recordMessages?: boolean;
}

/** One applied command. */
export interface LabEntry {
  /** Order of application (1, 2, …). */
  readonly seq: number;
  /** Virtual time it was applied at. */
  readonly t: Ms;
  readonly text: string;
  /** The command's name (`crash`, `add-follower`…). */
  readonly name: string;
  /** The lesson step as a YAML map, as `:save` writes it. */
  readonly raw: RawStep;
  readonly step: Step;
  /** The read or write it issued, by op id (`sim.ops.at(opId)`). */
  readonly opId?: number;
  /** Virtual time it finished (an operation: when its answer reached the client). */
  doneAt?: Ms;
  /** What it did, in words, once finished. */
  result?: string;
}

export type ApplyResult = { ok: true; entry: LabEntry } | { ok: false; error: CommandError };

export interface ApplyOptions {
  /** Called (inside a later `advance`) when the command has finished. */
  onDone?: (entry: LabEntry) => void;
}

interface Running {
  entry: LabEntry;
  act: Activity;
  onDone?: (entry: LabEntry) => void;
}

/** Step kinds that a saved lesson runs in the background, as the live cluster does. */
const BACKGROUND_KINDS = new Set(['write', 'workload', 'backup', 'restore', 'addFollower']);

export class LiveCluster {
  readonly origin: LabOrigin;
  readonly seed: number;
  readonly options: LiveOptions;
  /** Virtual ms per wall ms for `advance`. */
  speed: number;
  readonly sim: Simulation;
  /** Virtual time when the session began (after the origin's steps). */
  readonly startT: Ms;
  readonly log: LabEntry[] = [];
  /** Bumped whenever the cluster changes, so views know to read again. */
  version = 0;
  private running: Running[] = [];
  private seq = 0;
  private carry = 0;
  private readonly keys = new Set<string>();
  private cache?: { version: number; snapshot?: ClusterSnapshot; context?: CommandContext };

  constructor(origin: LabOrigin, options: LiveOptions = {}) {
    this.origin = origin;
    this.options = options;
    this.seed = options.seed ?? origin.lesson.seed;
    this.speed = options.speed ?? 1;
    // The lesson engine plays the origin's steps (none for a preset) to reach the start.
    const runner = new LessonRunner(origin.lesson, {
      seed: this.seed,
      recordMessages: options.recordMessages ?? true,
    });
    runner.advance();
    this.sim = runner.sim;
    this.startT = this.sim.now;
    for (const n of this.sim.nodes) for (const k of n.data.keys()) this.keys.add(k);
  }

  get now(): Ms {
    return this.sim.now;
  }

  /** Commands still running (an operation waiting for its answer, a restore…). */
  get pending(): readonly LabEntry[] {
    return this.running.map((r) => r.entry);
  }

  // ---- commands -----------------------------------------------------------------------------

  /** The names a command may use right now. */
  context(): CommandContext {
    const c = this.cached();
    if (!c.context) {
      const clients = new Set([DEFAULT_CLIENT, ...this.sim.sessions.keys()]);
      c.context = {
        nodes: this.sim.nodes.map((n) => n.id),
        clients: [...clients],
        keys: [...this.keys],
        backups: [...new Set(this.sim.backups.map((b) => b.id))],
      };
    }
    return c.context;
  }

  parse(line: string): ParseResult {
    return parseCommand(line, this.context());
  }

  /** Parses and applies one command line now. */
  run(line: string, options: ApplyOptions = {}): ApplyResult {
    const parsed = this.parse(line);
    return parsed.ok ? this.apply(parsed.command, options) : parsed;
  }

  /**
   * Applies a parsed command at the current virtual time. A command the cluster cannot
   * carry out (promote a node that is down, restart one that runs…) changes nothing and
   * comes back as an error.
   */
  apply(cmd: ParsedCommand, options: ApplyOptions = {}): ApplyResult {
    const refusal = this.refusal(cmd.step);
    if (refusal) return { ok: false, error: { message: refusal, from: 0, to: cmd.text.length } };
    const t = this.sim.now;
    if (cmd.step.kind === 'wait') {
      const entry = this.record(cmd, t, undefined);
      this.advanceTo(t + cmd.step.duration);
      this.finish(entry, describeStep(cmd.step));
      options.onDone?.(entry);
      return { ok: true, entry };
    }
    let act: Activity;
    try {
      // Tracked to its end here; the saved lesson runs it in the background (savedRaw).
      act = startStep(
        this.sim,
        'background' in cmd.step ? { ...cmd.step, background: false } : cmd.step,
      );
    } catch (err) {
      if (err instanceof SimulationError) {
        return { ok: false, error: { message: err.message, from: 0, to: cmd.text.length } };
      }
      throw err;
    }
    const entry = this.record(cmd, t, act.op?.id);
    if ('key' in cmd.step && typeof cmd.step.key === 'string') this.keys.add(cmd.step.key);
    if (act.done()) {
      this.finish(entry, describeStep(cmd.step));
      options.onDone?.(entry);
    } else {
      this.running.push({ entry, act, onDone: options.onDone });
    }
    return { ok: true, entry };
  }

  private record(cmd: ParsedCommand, t: Ms, opId: number | undefined): LabEntry {
    this.version++;
    const entry: LabEntry = {
      seq: ++this.seq,
      t,
      text: cmd.text,
      name: cmd.name,
      raw: savedRaw(cmd),
      step: cmd.step,
      ...(opId === undefined ? {} : { opId }),
    };
    if (this.options.keepLog !== false) this.log.push(entry);
    return entry;
  }

  private finish(entry: LabEntry, result: string): void {
    entry.doneAt = this.sim.now;
    entry.result = result;
  }

  /** Why the cluster cannot carry out a command that would change nothing, if so. */
  private refusal(step: Step): string | undefined {
    return commandRefusal(this.sim, step);
  }

  // ---- time ---------------------------------------------------------------------------------

  /** Plays `wallMs` of wall time at the current speed; returns the commands that finished. */
  advance(wallMs: number): LabEntry[] {
    const v = Math.max(0, wallMs) * this.speed + this.carry;
    const whole = Math.floor(v);
    this.carry = v - whole;
    return this.advanceTo(this.sim.now + whole);
  }

  /** Runs every event due by virtual time `t`; returns the commands that finished. */
  advanceTo(t: Ms): LabEntry[] {
    const before = this.sim.eventsProcessed;
    const from = this.sim.now;
    this.sim.runUntil(Math.max(t, from));
    if (this.sim.eventsProcessed !== before || this.sim.now !== from) this.version++;
    return this.settle();
  }

  /** Virtual time of the next event, if any: when something will next change. */
  nextEventTime(): Ms | undefined {
    return this.sim.nextEventTime();
  }

  /** Runs to the next event (and the rest of its millisecond). */
  stepEvent(): LabEntry[] {
    const t = this.sim.nextEventTime();
    return t === undefined ? [] : this.advanceTo(t);
  }

  /** Finishes the commands whose work is done, oldest first. */
  private settle(): LabEntry[] {
    if (this.running.length === 0) return [];
    const done: Running[] = [];
    const still: Running[] = [];
    for (const r of this.running) (r.act.done() ? done : still).push(r);
    if (done.length === 0) return [];
    this.running = still;
    for (const r of done) {
      const op = r.entry.opId === undefined ? undefined : this.sim.ops.at(r.entry.opId);
      r.entry.doneAt = op?.completedAt ?? this.sim.now;
      r.entry.result = op ? describeOp(op, this.sim) : describeStep(r.entry.step);
    }
    for (const r of done) r.onDone?.(r.entry);
    return done.map((r) => r.entry);
  }

  // ---- rewind and views ---------------------------------------------------------------------

  /**
   * The session re-simulated to virtual time `t` (not before it began): a new live cluster
   * with the commands applied up to then, ready to go on from there. Later commands are
   * dropped; a `wait` that `t` cuts short is shortened.
   */
  rewoundTo(t: Ms): LiveCluster {
    if (this.options.keepLog === false) throw new Error('rewind needs the command log (keepLog)');
    const target = Math.max(this.startT, Math.min(t, this.sim.now));
    const fresh = new LiveCluster(this.origin, { ...this.options, seed: this.seed });
    fresh.speed = this.speed;
    for (const e of this.log) {
      if (e.t > target) break;
      fresh.advanceTo(e.t);
      const cmd: ParsedCommand = { text: e.text, name: e.name, raw: e.raw, step: e.step };
      if (e.step.kind === 'wait' && e.t + e.step.duration > target) {
        const ms = target - e.t;
        if (ms === 0) continue;
        const cut = fresh.parse(`wait ${ms}ms`);
        if (cut.ok) fresh.apply(cut.command);
        continue;
      }
      const r = fresh.apply(cmd);
      if (!r.ok) throw new Error(`internal: replaying "${e.text}" failed: ${r.error.message}`);
    }
    fresh.advanceTo(target);
    return fresh;
  }

  /** The cluster now (cached until something changes). */
  snapshot(): ClusterSnapshot {
    const c = this.cached();
    c.snapshot ??= this.sim.snapshot();
    return c.snapshot;
  }

  /** A fingerprint of everything that happened (history, operations, logs). */
  stateHash(): string {
    return traceHash(this.sim);
  }

  private cached() {
    if (this.cache?.version !== this.version) this.cache = { version: this.version };
    return this.cache;
  }
}

/** The step as `:save` writes it: a command that runs on while others are typed runs in
 * the background in the saved lesson too. */
function savedRaw(cmd: ParsedCommand): RawStep {
  const [kind, body] = Object.entries(cmd.raw)[0] ?? [];
  if (kind === undefined || !BACKGROUND_KINDS.has(kind)) return cmd.raw;
  return { [kind]: { ...(body as Record<string, unknown>), background: true } };
}
