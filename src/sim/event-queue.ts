// Events ordered by (time, class, sequence). The class puts message deliveries before faults
// before lesson steps within one millisecond; the sequence number makes ties stable
// (scheduling order), which is what makes runs reproducible.
//
// Most events have a constant delay: requests, responses and acks take `netDelay`, client
// timeouts `clientTimeout`, a workload client thinks for a fixed time. Events of one such
// kind are scheduled in non-decreasing time, so a FIFO "lane" keeps them sorted for free.
// The queue is a binary min-heap plus a few lanes; `pop` takes the least of the heap's top
// and the lanes' heads. An event goes to the lane its caller names only when that keeps the
// lane sorted, and to the heap otherwise, so the order of events never depends on lanes:
// they only keep the heap small (a handful of events instead of thousands).

export interface Queued {
  t: number;
  cls: number;
  /** Set by the queue: class and scheduling order in one number (see CLASS_WEIGHT). */
  seq: number;
}

/**
 * `seq` = cls · CLASS_WEIGHT + scheduling order, so ties in time compare one number. Exact
 * in a double for 2^44 (17 trillion) events and classes 0–255.
 */
const CLASS_WEIGHT = 2 ** 44;

/** Whether (at, aseq) orders before (bt, bseq): earlier, or as early and scheduled first. */
export function precedes(at: number, aseq: number, bt: number, bseq: number): boolean {
  return at < bt || (at === bt && aseq < bseq);
}

function before(a: Queued, b: Queued): boolean {
  return precedes(a.t, a.seq, b.t, b.seq);
}

/** A FIFO ring buffer (capacity a power of two). */
class Lane<E extends Queued> {
  private buf: (E | undefined)[] = new Array(64).fill(undefined);
  private head = 0;
  size = 0;

  first(): E | undefined {
    return this.size > 0 ? this.buf[this.head] : undefined;
  }

  last(): E | undefined {
    return this.size > 0 ? this.at(this.size - 1) : undefined;
  }

  at(i: number): E {
    return this.buf[(this.head + i) & (this.buf.length - 1)]!;
  }

  push(ev: E): void {
    let buf = this.buf;
    if (this.size === buf.length) {
      // Grow: unroll the ring into a buffer twice the size.
      const bigger: (E | undefined)[] = new Array(buf.length * 2).fill(undefined);
      for (let i = 0; i < this.size; i++) bigger[i] = this.at(i);
      this.buf = buf = bigger;
      this.head = 0;
    }
    buf[(this.head + this.size) & (buf.length - 1)] = ev;
    this.size++;
  }

  shift(): E {
    const buf = this.buf;
    const ev = buf[this.head]!;
    buf[this.head] = undefined;
    this.head = (this.head + 1) & (buf.length - 1);
    this.size--;
    return ev;
  }
}

/** Where the next event is: -1 for the heap, else a lane index; -2 when the queue is empty. */
const EMPTY = -2;
const HEAP = -1;

export class EventQueue<E extends Queued> {
  private heap: E[] = [];
  private readonly lanes: Lane<E>[];
  private nextSeq = 0;

  /** `lanes`: how many FIFO lanes callers may name in `push`. */
  constructor(lanes = 0) {
    this.lanes = Array.from({ length: lanes }, () => new Lane<E>());
  }

  get size(): number {
    let n = this.heap.length;
    for (const l of this.lanes) n += l.size;
    return n;
  }

  /**
   * Assigns the event's sequence number and inserts it: into `lane` when it sorts after the
   * lane's last event (a lane holds one class in time order), into the heap otherwise.
   */
  push(ev: E, lane = HEAP): void {
    ev.seq = this.takeSeq(ev.cls);
    if (lane >= 0) {
      const l = this.lanes[lane]!;
      const tail = l.last();
      if (tail === undefined || (tail.cls === ev.cls && tail.t <= ev.t)) {
        l.push(ev);
        return;
      }
    }
    this.siftUp(ev);
  }

  /**
   * The next sequence number for an event of class `cls`, for one that the caller keeps
   * outside the queue for now (it orders as if pushed at this moment).
   */
  takeSeq(cls: number): number {
    return cls * CLASS_WEIGHT + this.nextSeq++;
  }

  /**
   * Inserts an event that already has its sequence number: a deferral (re-inserted at a new
   * time, keeping its place among events of that time) or one the caller held outside.
   */
  requeue(ev: E): void {
    this.siftUp(ev);
  }

  private siftUp(ev: E): void {
    const h = this.heap;
    let i = h.length;
    h.push(ev);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent]!;
      if (!before(ev, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = ev;
  }

  /** Which container holds the next event: a lane index, HEAP, or EMPTY. */
  private nextSource(): number {
    let best = this.heap[0];
    let src = best === undefined ? EMPTY : HEAP;
    const lanes = this.lanes;
    for (let i = 0; i < lanes.length; i++) {
      const head = lanes[i]!.first();
      if (head !== undefined && (best === undefined || before(head, best))) {
        best = head;
        src = i;
      }
    }
    return src;
  }

  peek(): E | undefined {
    const src = this.nextSource();
    return src === EMPTY ? undefined : src === HEAP ? this.heap[0] : this.lanes[src]!.first();
  }

  /** Pops the next event if it is due at or before `t`. */
  popUntil(t: number): E | undefined {
    const src = this.nextSource();
    if (src === HEAP) return this.heap[0]!.t <= t ? this.popHeap() : undefined;
    if (src === EMPTY) return undefined;
    const lane = this.lanes[src]!;
    return lane.first()!.t <= t ? lane.shift() : undefined;
  }

  /**
   * Pops the next event if it is due at or before `t` and orders before (`bt`, `bseq`), an
   * event the caller holds outside the queue.
   */
  popUntilBefore(t: number, bt: number, bseq: number): E | undefined {
    const src = this.nextSource();
    if (src === EMPTY) return undefined;
    const head = src === HEAP ? this.heap[0]! : this.lanes[src]!.first()!;
    if (head.t > t || !precedes(head.t, head.seq, bt, bseq)) return undefined;
    return src === HEAP ? this.popHeap() : this.lanes[src]!.shift();
  }

  pop(): E | undefined {
    const src = this.nextSource();
    return src === EMPTY ? undefined : src === HEAP ? this.popHeap() : this.lanes[src]!.shift();
  }

  private popHeap(): E | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      const n = h.length;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        let child = h[l]!;
        if (r < n) {
          const right = h[r]!;
          if (before(right, child)) {
            c = r;
            child = right;
          }
        }
        if (!before(child, last)) break;
        h[i] = child;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }

  /** Every queued event, in no particular order (for snapshots of messages in flight). */
  items(): E[] {
    const out = this.heap.slice();
    for (const l of this.lanes) for (let i = 0; i < l.size; i++) out.push(l.at(i));
    return out;
  }
}
