// Binary min-heap of events ordered by (time, class, sequence). The class puts message
// deliveries before faults before lesson steps within one millisecond; the sequence number
// makes ties stable (scheduling order), which is what makes runs reproducible.

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
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Assigns the event's sequence number and inserts it. */
  push(ev: E): void {
    ev.seq = this.nextSeq++;
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
    return this.heap[0];
  }

  pop(): E | undefined {
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
        const c = r < n && before(h[r]!, h[l]!) ? r : l;
        if (!before(h[c]!, last)) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }

  /** Every queued event, in heap order (for snapshots of messages in flight). */
  items(): readonly E[] {
    return this.heap;
  }
}
