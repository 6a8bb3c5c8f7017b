// Client timeouts, kept apart from the event queue as plain numbers. Every operation sets
// one and nearly every one is dead by the time it is due (its operation finished long
// before), so as queued event objects they were tens of thousands of long-lived objects
// doing nothing; here a timeout is four numbers in a ring, and becomes an event only when
// it is due while its operation still waits. All timeouts share one delay, so they arrive
// in time order; the caller queues a normal event for one that would not (the delay was
// shortened mid-run).

export class TimeoutRing {
  private t = new Float64Array(64);
  private seqs = new Float64Array(64);
  private ops = new Int32Array(64);
  private nodes = new Int32Array(64);
  private head = 0;
  size = 0;

  /** Whether a timeout due at `t` can join the ring without breaking its order. */
  fits(t: number): boolean {
    return this.size === 0 || this.t[(this.head + this.size - 1) & (this.t.length - 1)]! <= t;
  }

  /** Appends a timeout; `seq` is the queue's ordering number for it (see EventQueue). */
  push(t: number, seq: number, op: number, node: number): void {
    if (this.size === this.t.length) this.grow();
    const i = (this.head + this.size) & (this.t.length - 1);
    this.t[i] = t;
    this.seqs[i] = seq;
    this.ops[i] = op;
    this.nodes[i] = node;
    this.size++;
  }

  private grow(): void {
    const n = this.t.length;
    const unroll = <A extends Float64Array | Int32Array>(a: A, b: A): A => {
      // Oldest first: the part from head to the end, then the part that wrapped around.
      b.set(a.subarray(this.head));
      b.set(a.subarray(0, this.head), n - this.head);
      return b;
    };
    this.t = unroll(this.t, new Float64Array(n * 2));
    this.seqs = unroll(this.seqs, new Float64Array(n * 2));
    this.ops = unroll(this.ops, new Int32Array(n * 2));
    this.nodes = unroll(this.nodes, new Int32Array(n * 2));
    this.head = 0;
  }

  headT(): number {
    return this.t[this.head]!;
  }

  headSeq(): number {
    return this.seqs[this.head]!;
  }

  headOp(): number {
    return this.ops[this.head]!;
  }

  headNode(): number {
    return this.nodes[this.head]!;
  }

  shift(): void {
    this.head = (this.head + 1) & (this.t.length - 1);
    this.size--;
  }
}
