// The simulator benchmarks' baseline: a bare binary-heap event loop (1,000 pending events,
// each popped event pushes one successor carrying a small object), measured in the same
// process as what it is compared with, so that machine noise hits both alike.
import { performance } from 'node:perf_hooks';

interface HeapEvent {
  t: number;
  seq: number;
  data: { n: number };
}

/** The baseline: a bare heap loop with 1,000 pending events, for about `ms` of wall time. */
export function heapLoop(ms: number): number {
  const h: HeapEvent[] = [];
  let seq = 0;
  let x = 12345;
  const rnd = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % 1000;
  };
  const less = (a: HeapEvent, b: HeapEvent) => a.t < b.t || (a.t === b.t && a.seq < b.seq);
  const push = (e: HeapEvent) => {
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const q = h[p]!;
      if (!less(e, q)) break;
      h[i] = q;
      i = p;
    }
    h[i] = e;
  };
  const pop = (): HeapEvent => {
    const top = h[0]!;
    const last = h.pop()!;
    const n = h.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && less(h[r]!, h[l]!) ? r : l;
        if (!less(h[c]!, last)) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  };
  for (let i = 0; i < 1000; i++) push({ t: rnd(), seq: seq++, data: { n: i } });
  let events = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let j = 0; j < 20_000; j++) {
      const e = pop();
      push({ t: e.t + 1 + rnd(), seq: seq++, data: { n: e.data.n + 1 } });
    }
    events += 20_000;
    elapsed = performance.now() - t0;
  }
  return (events / elapsed) * 1000;
}
