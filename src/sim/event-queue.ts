// Events ordered by (time, class, sequence). The class puts message deliveries before faults
// before lesson steps within one millisecond; the sequence number makes ties stable
// (scheduling order), which is what makes runs reproducible.
//
// Two containers share one order: a binary min-heap for everything, and a FIFO "lane" for
// timers with a constant delay (client timeouts, ack timeouts). Those are scheduled in
// non-decreasing time, so a queue keeps them sorted for free; keeping tens of thousands of
// far-off timeouts out of the heap keeps the heap shallow and the hot path fast.

export interface Queued {
  t: number;
  cls: number;
  seq: number;
}

function before(a: Queued, b: Queued): boolean {
  return a.t < b.t || (a.t === b.t && (a.cls < b.cls || (a.cls === b.cls && a.seq < b.seq)));
}

export class EventQueue<E extends Queued> {
  private heap: E[] = [];
  /** The timer lane: a ring buffer (capacity a power of two) of `laneSize` events. */
  private lane: (E | undefined)[] = new Array(64).fill(undefined);
  private laneHead = 0;
  private laneSize = 0;
  private nextSeq = 0;

  get size(): number {
    return this.heap.length + this.laneSize;
  }

  /** Assigns the event's sequence number and inserts it. */
  push(ev: E): void {
    ev.seq = this.nextSeq++;
    this.siftUp(ev);
  }

  /**
   * Like `push`, for timers that are usually scheduled in time order: they go to the FIFO
   * lane when that keeps it sorted, to the heap otherwise. The order of events is the same.
   */
  pushTimer(ev: E): void {
    ev.seq = this.nextSeq++;
    const tail = this.laneSize > 0 ? this.laneAt(this.laneSize - 1) : undefined;
    if (tail !== undefined && (tail.cls !== ev.cls || tail.t > ev.t)) {
      this.siftUp(ev);
      return;
    }
    let lane = this.lane;
    if (this.laneSize === lane.length) {
      // Grow: unroll the ring into a buffer twice the size.
      const bigger: (E | undefined)[] = new Array(lane.length * 2).fill(undefined);
      for (let i = 0; i < this.laneSize; i++) bigger[i] = this.laneAt(i);
      this.lane = lane = bigger;
      this.laneHead = 0;
    }
    lane[(this.laneHead + this.laneSize) & (lane.length - 1)] = ev;
    this.laneSize++;
  }

  private laneAt(i: number): E {
    return this.lane[(this.laneHead + i) & (this.lane.length - 1)]!;
  }

  /** Re-inserts a popped event at a new time, keeping its sequence number (a deferral). */
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

  peek(): E | undefined {
    const top = this.heap[0];
    if (this.laneSize === 0) return top;
    const head = this.lane[this.laneHead]!;
    return top === undefined || before(head, top) ? head : top;
  }

  /** Pops the next event if it is due at or before `t`. */
  popUntil(t: number): E | undefined {
    const top = this.heap[0];
    if (this.laneSize > 0) {
      const head = this.lane[this.laneHead]!;
      if (top === undefined || before(head, top)) return head.t <= t ? this.popLane() : undefined;
    }
    return top !== undefined && top.t <= t ? this.popHeap() : undefined;
  }

  pop(): E | undefined {
    const top = this.heap[0];
    if (this.laneSize > 0) {
      const head = this.lane[this.laneHead]!;
      if (top === undefined || before(head, top)) return this.popLane();
    }
    return this.popHeap();
  }

  private popLane(): E {
    const lane = this.lane;
    const head = lane[this.laneHead]!;
    lane[this.laneHead] = undefined;
    this.laneHead = (this.laneHead + 1) & (lane.length - 1);
    this.laneSize--;
    return head;
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
    for (let i = 0; i < this.laneSize; i++) out.push(this.laneAt(i));
    return out;
  }
}
