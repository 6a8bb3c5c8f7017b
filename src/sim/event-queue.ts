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
  private lane: E[] = [];
  private laneHead = 0;
  private nextSeq = 0;

  get size(): number {
    return this.heap.length + this.lane.length - this.laneHead;
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
    const lane = this.lane;
    const tail = lane.length > this.laneHead ? lane[lane.length - 1] : undefined;
    if (tail === undefined || (tail.cls === ev.cls && tail.t <= ev.t)) lane.push(ev);
    else this.siftUp(ev);
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
    const head = this.lane.length > this.laneHead ? this.lane[this.laneHead] : undefined;
    if (head === undefined) return top;
    if (top === undefined) return head;
    return before(head, top) ? head : top;
  }

  /** Pops the next event if it is due at or before `t`. */
  popUntil(t: number): E | undefined {
    const top = this.heap[0];
    const lane = this.lane;
    if (lane.length > this.laneHead) {
      const head = lane[this.laneHead]!;
      if (top === undefined || before(head, top)) return head.t <= t ? this.popLane() : undefined;
    }
    return top !== undefined && top.t <= t ? this.popHeap() : undefined;
  }

  pop(): E | undefined {
    const top = this.heap[0];
    const lane = this.lane;
    if (lane.length > this.laneHead) {
      const head = lane[this.laneHead]!;
      if (top === undefined || before(head, top)) return this.popLane();
    }
    return this.popHeap();
  }

  private popLane(): E {
    const lane = this.lane;
    const head = lane[this.laneHead]!;
    lane[this.laneHead++] = undefined as unknown as E;
    if (this.laneHead === lane.length) {
      lane.length = 0;
      this.laneHead = 0;
    } else if (this.laneHead > 4096 && this.laneHead * 2 > lane.length) {
      lane.splice(0, this.laneHead);
      this.laneHead = 0;
    }
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
    for (let i = this.laneHead; i < this.lane.length; i++) out.push(this.lane[i]!);
    return out;
  }
}
