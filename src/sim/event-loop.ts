// The event loop: one virtual clock, one queue, pooled event records, and the client
// timeouts that are not events until they matter. It knows nothing of replication: a
// subclass (the Simulation) says what each kind of event does (`dispatch`).

import type { WritePayload } from './clients.js';
import { EventQueue, precedes } from './event-queue.js';
import { CLS_TIMER, EV, type Ev, type EvKind, LANE_OF_KIND, LANES } from './events.js';
import type { OpTable } from './op-table.js';
import type { Response } from './response.js';
import type { Entry } from './state.js';
import { TimeoutRing } from './timeout-ring.js';
import type { Ms } from './types.js';

/**
 * Event objects no queue holds any more, for reuse. Shared between simulations, so that
 * many short runs (grading over seeds, rewinds) do not each allocate their own: an event
 * carries nothing from one use to the next (`take` sets every field), so sharing cannot
 * make two runs differ. Bounded, so one huge run does not pin its peak forever.
 */
const FREE_EVENTS: Ev[] = [];
const MAX_FREE_EVENTS = 50_000;

/**
 * No run needs anywhere near this many events at one instant; a run that gets there is
 * caught in a loop of events re-arming themselves at the same time (a simulator bug), and
 * the loop stops it with an error instead of hanging whoever drives it.
 */
const MAX_EVENTS_PER_INSTANT = 1_000_000;

export abstract class EventLoop {
  readonly queue = new EventQueue<Ev>(LANES);
  /** Client timeouts not yet due (see addClientTimeout). */
  private readonly timeouts = new TimeoutRing();
  now: Ms = 0;
  /** Events processed so far (timers of operations that already finished are not counted). */
  eventsProcessed = 0;
  /** Processed events, reused by `take`: shared by every simulation (see FREE_EVENTS). */
  private readonly pool: Ev[] = FREE_EVENTS;
  /** Set by `defer` while a handler runs: the event went back into the queue. */
  private requeued = false;
  /** Events processed in a row at the current instant (see MAX_EVENTS_PER_INSTANT). */
  private sameInstant = 0;

  /** The operations, to tell a live client timeout from one whose operation finished. */
  abstract readonly ops: OpTable;

  /** Carries out one event (the clock is already at its time). */
  protected abstract dispatch(ev: Ev): void;

  // ---- scheduling ---------------------------------------------------------------------------

  private take(
    t: Ms,
    cls: number,
    k: EvKind,
    n: number,
    m: number,
    x: number,
    g: number,
    e: Entry | undefined,
    op: number,
    r: Response | undefined,
    y: number,
    p: WritePayload | undefined,
  ): Ev {
    // Never schedule into the past: the clock only moves forward.
    const at = t < this.now ? this.now : t;
    const ev = this.pool.pop();
    if (ev === undefined) return { t: at, cls, seq: 0, k, n, m, x, g, y, e, op, r, p };
    ev.t = at;
    ev.cls = cls;
    ev.k = k;
    ev.n = n;
    ev.m = m;
    ev.x = x;
    ev.g = g;
    ev.y = y;
    ev.e = e;
    ev.op = op;
    ev.r = r;
    ev.p = p;
    return ev;
  }

  schedule(
    t: Ms,
    cls: number,
    k: EvKind,
    n: number,
    m = -1,
    x = 0,
    g = 0,
    e?: Entry,
    op = -1,
    r?: Response,
    y = 0,
    p?: WritePayload,
  ): void {
    this.queue.push(this.take(t, cls, k, n, m, x, g, e, op, r, y, p), LANE_OF_KIND[k]);
  }

  /**
   * Schedules an operation's client timeout at `at`. Nearly every one is due after its
   * operation finished: they wait in `timeouts` as plain numbers, and only one that is due
   * while its operation still waits becomes an event (see TimeoutRing).
   */
  protected addClientTimeout(at: Ms, op: number, node: number): void {
    const ring = this.timeouts;
    if (ring.fits(at)) ring.push(at, this.queue.takeSeq(CLS_TIMER), op, node);
    else this.schedule(at, CLS_TIMER, EV.CLIENT_TIMEOUT, node, -1, 0, 0, undefined, op);
  }

  /**
   * Puts the event being handled back for when a paused node resumes (a stall, not a loss).
   * It keeps its place among events of the same time, so a link stays FIFO across a pause.
   */
  defer(ev: Ev, until: Ms): void {
    ev.t = until;
    this.queue.requeue(ev);
    this.requeued = true;
  }

  // ---- the loop -----------------------------------------------------------------------------

  /** A client timeout of an operation that already finished: nothing left to do. */
  private isDead(ev: Ev): boolean {
    return ev.k === EV.CLIENT_TIMEOUT && !this.ops.isPending(ev.op);
  }

  private release(ev: Ev): void {
    ev.e = undefined;
    ev.r = undefined;
    ev.p = undefined;
    if (this.pool.length < MAX_FREE_EVENTS) this.pool.push(ev);
  }

  /** Drops the timeouts of finished operations from the front of the ring. */
  private pruneTimeouts(): void {
    const ring = this.timeouts;
    const ops = this.ops;
    while (ring.size > 0 && !ops.isPending(ring.headOp())) ring.shift();
  }

  /** The ring's first timeout as an event (it leaves the ring). */
  private takeTimeout(): Ev {
    const ring = this.timeouts;
    const ev = this.take(
      ring.headT(),
      CLS_TIMER,
      EV.CLIENT_TIMEOUT,
      ring.headNode(),
      -1,
      0,
      0,
      undefined,
      ring.headOp(),
      undefined,
      0,
      undefined,
    );
    ev.seq = ring.headSeq();
    ring.shift();
    return ev;
  }

  /** The next event that will do something, dropping finished timers on the way. */
  private peekLive(): Ev | undefined {
    const q = this.queue;
    for (;;) {
      this.pruneTimeouts();
      const head = q.peek();
      const ring = this.timeouts;
      if (
        ring.size > 0 &&
        (head === undefined || precedes(ring.headT(), ring.headSeq(), head.t, head.seq))
      ) {
        // A live timeout is next: it joins the queue, with its place in the order kept.
        const ev = this.takeTimeout();
        q.requeue(ev);
        return ev;
      }
      if (head === undefined || !this.isDead(head)) return head;
      q.pop();
      this.release(head);
    }
  }

  private process(ev: Ev): void {
    if (ev.t === this.now) {
      if (++this.sameInstant > MAX_EVENTS_PER_INSTANT) this.stuck(ev);
    } else {
      this.sameInstant = 0;
    }
    this.now = ev.t;
    this.eventsProcessed++;
    this.dispatch(ev);
    if (this.requeued) this.requeued = false;
    else this.release(ev);
  }

  private stuck(ev: Ev): never {
    throw new Error(
      `the simulation is stuck: over ${MAX_EVENTS_PER_INSTANT} events at t=${ev.t} ms (the last of kind ${ev.k}, node ${ev.n})`,
    );
  }

  /** Time of the next pending event, or undefined when nothing is scheduled. */
  nextEventTime(): Ms | undefined {
    return this.peekLive()?.t;
  }

  /** Processes exactly one event (advancing the clock to it). False when none is pending. */
  step(): boolean {
    const ev = this.peekLive();
    if (ev === undefined) return false;
    this.queue.pop();
    this.process(ev);
    return true;
  }

  /** Processes every event due at or before `t`, then sets the clock to `t`. */
  runUntil(t: Ms): void {
    this.runUntilEvents(t, Number.POSITIVE_INFINITY);
  }

  /**
   * As `runUntil(t)`, except that events due exactly at `t` run only while fewer than
   * `events` have run in all: a replay reaches the point in a millisecond where a command
   * was given after single `step()`s (see rewind.ts).
   */
  runUntilEvents(t: Ms, events: number): void {
    this.drain(t, events);
    if (t > this.now) this.now = t;
  }

  /**
   * The event loop proper. Kept apart from `runUntil`: V8 optimises a long first loop while
   * it runs, and code after such a loop, never run before, lacked type feedback and sent the
   * optimised code back to the interpreter at every exit (seen with --trace-deopt).
   */
  private drain(t: Ms, events: number): void {
    const q = this.queue;
    const ring = this.timeouts;
    for (;;) {
      this.pruneTimeouts();
      let ev: Ev | undefined;
      if (ring.size === 0) {
        ev = q.popUntil(t);
        if (ev === undefined) return;
      } else {
        ev = q.popUntilBefore(t, ring.headT(), ring.headSeq());
        if (ev === undefined) {
          // Nothing in the queue comes before the ring's first (live) timeout.
          if (ring.headT() > t) return;
          ev = this.takeTimeout();
        }
      }
      if (this.isDead(ev)) {
        this.release(ev);
      } else if (ev.t === t && this.eventsProcessed >= events) {
        // Back where it was: it keeps its sequence number, so its place in the order.
        q.requeue(ev);
        return;
      } else {
        this.process(ev);
      }
    }
  }

  /**
   * Runs until `done()` holds after an event (then finishes that millisecond, so that a replay
   * which stops at the same time reaches the same state), or until `limit`. Returns whether
   * the condition held.
   */
  runUntilCondition(done: () => boolean, limit: Ms): boolean {
    if (done()) return true;
    for (;;) {
      const head = this.peekLive();
      if (!head || head.t > limit) {
        this.runUntil(limit);
        return done();
      }
      this.step();
      if (done()) {
        this.runUntil(this.now);
        return true;
      }
    }
  }
}
