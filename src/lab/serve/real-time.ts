// Keeps a live cluster on the wall clock: virtual time = wall time since the start (times
// the cluster's speed). The cluster is brought up to the wall clock before every request
// (`sync`), and one timer wakes it when its next event is due, so an answer leaves at the
// moment the simulated network delivers it and nothing runs while the cluster is quiet.
import type { LabEntry, LiveCluster } from '../live-cluster.js';

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_TIMERS: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // The servers keep the process alive; the clock alone must not.
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class RealTimeClock {
  private readonly wall0: number;
  private readonly virtual0: number;
  private handle: unknown;
  /** Virtual time the pending timer is set for. */
  private timerFor = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(
    readonly live: LiveCluster,
    private readonly timers: Timers = SYSTEM_TIMERS,
  ) {
    this.wall0 = timers.now();
    this.virtual0 = live.now;
  }

  /** The virtual time the wall clock has reached. */
  target(): number {
    return this.virtual0 + Math.floor((this.timers.now() - this.wall0) * this.live.speed);
  }

  /** Brings the cluster up to the wall clock; returns the commands that finished. */
  sync(): LabEntry[] {
    if (this.stopped) return [];
    const done = this.live.advanceTo(this.target());
    this.schedule();
    return done;
  }

  /** Something was applied: the next event may now be sooner. */
  poke(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private schedule(): void {
    if (this.stopped) return;
    const next = this.live.nextEventTime();
    if (next === undefined || next >= this.timerFor) return;
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.timerFor = next;
    const wallAt = this.wall0 + (next - this.virtual0) / this.live.speed;
    this.handle = this.timers.setTimeout(
      () => {
        this.handle = undefined;
        this.timerFor = Number.POSITIVE_INFINITY;
        this.sync();
      },
      Math.max(0, Math.ceil(wallAt - this.timers.now())),
    );
  }
}
