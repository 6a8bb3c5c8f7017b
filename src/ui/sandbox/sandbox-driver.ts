// The sandbox session, for the screen and for plain mode: the live cluster, what was typed
// and what came of it (the transcript), lag samples, and the session's own commands (save,
// rewind). It only calls the live cluster (src/lab), which applies commands with the lesson
// engine's own step code: no replication behaviour is computed here. No React, no timers:
// the screen's ticker calls `tick` with the wall time that passed, plain mode moves time
// itself, tests call both by hand.
import { resolve } from 'node:path';
import type { LabOrigin } from '../../lab/lab-origin.js';
import { type LabEntry, LiveCluster } from '../../lab/live-cluster.js';
import { SaveError, writeSessionFile } from '../../lab/save/write-session.js';
import type { CommandError } from '../../lesson/commands/parse-command.js';
import { at, duration } from '../../lesson/engine/describe-outcome.js';
import { readLabels } from '../../lesson/engine/read-labels.js';
import type { ClusterSnapshot, Ms } from '../../sim/index.js';
import { previousEventTime } from '../event-log/history-window.js';
import { addSample, type LagSamples, NO_SAMPLES, samplesUntil } from '../lag-chart/lag-sampler.js';
import type { Tone } from '../theme/theme.js';
import { type ColonCommand, isColonLine, parseColon } from './colon-commands.js';

/** A line of the transcript that is not a command: a refusal, a save, a rewind. */
export interface SandboxNote {
  text: string;
  tone: Tone;
  /** Commands in the log when it was written: it shows after them. */
  after: number;
}

/** What became of a typed line. */
export type LineOutcome =
  | { kind: 'applied'; entry: LabEntry }
  | { kind: 'refused'; error: CommandError }
  /** A colon command; save and rewind are done, the others are for the screen. */
  | { kind: 'colon'; command: ColonCommand; message?: string; failed?: boolean }
  | { kind: 'blank' };

export interface SandboxOptions {
  /** What the session started from, for the header (a preset name or lesson id). */
  label: string;
  seed?: number;
  /** Where `:save` puts a relative file name (default: the working directory). */
  cwd?: string;
}

/** Plain mode: a read or write waits for its answer, as at a prompt, at most this long. */
export const ANSWER_WAIT_MS = 10_000;

export class SandboxDriver {
  live: LiveCluster;
  readonly label: string;
  /** Bumped on every change, so views know to read again. */
  version = 0;
  lag: LagSamples = NO_SAMPLES;
  notes: SandboxNote[] = [];
  /** Commands in the log at the last save (the session has unsaved commands beyond it). */
  private savedAt = 0;
  private seenVersion = -1;
  private readonly cwd: string;

  constructor(origin: LabOrigin, options: SandboxOptions) {
    this.live = new LiveCluster(origin, { seed: options.seed });
    this.label = options.label;
    this.cwd = options.cwd ?? process.cwd();
    this.sample();
  }

  get origin(): LabOrigin {
    return this.live.origin;
  }

  snapshot(): ClusterSnapshot {
    return this.live.snapshot();
  }

  /** Checker labels by op id (stale, read-your-writes…), for the log and the transcript. */
  labels(): ReadonlyMap<number, readonly string[]> {
    return readLabels(this.live.sim);
  }

  /** Commands applied since the last `:save`. */
  get unsaved(): number {
    return Math.max(0, this.live.log.length - this.savedAt);
  }

  private changed(): void {
    this.version++;
  }

  private sample(): void {
    if (this.seenVersion === this.live.version) return;
    this.seenVersion = this.live.version;
    this.lag = addSample(this.lag, this.live.snapshot());
  }

  note(text: string, tone: Tone): void {
    this.notes.push({ text, tone, after: this.live.log.length });
    this.changed();
  }

  /** Runs one typed line: a cluster command, or a colon command. Refusals change nothing. */
  submit(line: string): LineOutcome {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return { kind: 'blank' };
    if (isColonLine(text)) return this.colon(text);
    const r = this.live.run(text);
    // A refusal changes nothing: the screen shows it under the line, plain mode prints it.
    if (!r.ok) return { kind: 'refused', error: r.error };
    this.sample();
    this.changed();
    return { kind: 'applied', entry: r.entry };
  }

  private colon(text: string): LineOutcome {
    const parsed = parseColon(text);
    if (!parsed.ok) {
      return { kind: 'refused', error: { message: parsed.message, from: 0, to: text.length } };
    }
    const command = parsed.command;
    if (command.kind === 'save') {
      const r = this.save(command.file, command.overwrite);
      return { kind: 'colon', command, message: r.message, failed: !r.ok };
    }
    if (command.kind === 'rewind') {
      const message = this.rewindTo(this.live.now - command.by);
      return { kind: 'colon', command, message };
    }
    return { kind: 'colon', command };
  }

  /** `:save`: the session as a lesson file; the message names the file and any notes. */
  save(file: string, overwrite = false): { ok: boolean; message: string } {
    const path = resolve(this.cwd, file);
    try {
      const saved = writeSessionFile(this.live, path, { overwrite });
      this.savedAt = this.live.log.length;
      const steps = Array.isArray(saved.data.steps) ? saved.data.steps.length : 0;
      const message = `saved ${path} (${steps} steps); play it with: replication-tutor play ${file}`;
      this.note(`✓ ${message}`, 'ok');
      for (const n of saved.notes) this.note(`  note: ${n}`, 'warn');
      return { ok: true, message: [message, ...saved.notes.map((n) => `note: ${n}`)].join('\n') };
    } catch (err) {
      if (!(err instanceof SaveError) && !(err instanceof RangeError)) throw err;
      const exists = /already exists/.test(err.message) ? ' (:save! replaces it)' : '';
      const message = `${err.message}${exists}`;
      this.note(`✗ ${message}`, 'danger');
      return { ok: false, message };
    }
  }

  // ---- time ---------------------------------------------------------------------------------

  /** Plays `wallMs` of wall time at `speed`; returns the commands that finished. */
  tick(wallMs: number, speed: number): LabEntry[] {
    this.live.speed = speed;
    const before = this.live.version;
    const done = this.live.advance(wallMs);
    if (this.live.version !== before) {
      this.sample();
      this.changed();
    }
    return done;
  }

  /** Runs to the next event; false when nothing is scheduled. */
  stepEvent(): boolean {
    if (this.live.nextEventTime() === undefined) return false;
    this.live.stepEvent();
    this.sample();
    this.changed();
    return true;
  }

  /** Moves virtual time to `t` (plain mode, tests). */
  advanceTo(t: Ms): LabEntry[] {
    const done = this.live.advanceTo(t);
    this.sample();
    this.changed();
    return done;
  }

  /** Plain mode: lets a read or write run until answered (at most ANSWER_WAIT_MS). */
  awaitAnswer(entry: LabEntry, cap: Ms = ANSWER_WAIT_MS): LabEntry[] {
    if (entry.opId === undefined) return [];
    const until = this.live.now + cap;
    const done: LabEntry[] = [];
    while (entry.doneAt === undefined && this.live.now < until) {
      const next = this.live.nextEventTime();
      done.push(...this.live.advanceTo(next === undefined ? until : Math.min(next, until)));
    }
    this.sample();
    this.changed();
    return done;
  }

  /** Back to the event before now; undefined when the session is at its start. */
  stepBack(): string | undefined {
    const prev = previousEventTime(this.live.sim.history, this.live.now);
    const target = Math.max(this.live.startT, prev ?? this.live.startT);
    if (target >= this.live.now) return undefined;
    return this.rewindTo(target);
  }

  /** The session re-simulated to `t` (not before it began); says what that undid. */
  rewindTo(t: Ms): string {
    const target = Math.max(this.live.startT, Math.min(t, this.live.now));
    const from = this.live.now;
    const fresh = this.live.rewoundTo(target);
    const undone = this.live.log.filter((e) => e.t > target).length;
    this.live = fresh;
    this.notes = this.notes.filter((n) => n.after <= fresh.log.length);
    this.savedAt = Math.min(this.savedAt, fresh.log.length);
    this.lag = samplesUntil(this.lag, target);
    this.seenVersion = -1;
    this.sample();
    const what =
      undone === 0
        ? ''
        : `; ${undone} command${undone === 1 ? '' : 's'} undone (↑ recalls ${undone === 1 ? 'it' : 'them'})`;
    const message = `rewound ${duration(from - target)} to ${at(target)}${what}`;
    this.note(`⏪ ${message}`, 'info');
    return message;
  }
}
