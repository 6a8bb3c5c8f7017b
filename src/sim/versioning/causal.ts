// Exact causal contexts: which writes (dots) of a key someone has seen. A dot is the
// coordinating replica's counter for one write of one key; a context is a version vector
// (every dot up to vv[node] for each node) plus the dots seen beyond it. A plain vector would
// claim every lower counter too: a client that saw only a replica's 6th write of a key would
// seem to have seen its 5th, a concurrent write it never read, and that write would be
// thrown away. Dots beyond the vector are folded into it as soon as they close the gap.
export interface Causal {
  /** By node index: every dot 1..vv[node] has been seen. */
  readonly vv: readonly number[];
  /** Dots seen beyond the vector, as node · 2^32 + counter, ascending. */
  readonly extra: readonly number[];
}

const SHIFT = 4_294_967_296;
export const NO_CAUSAL: Causal = { vv: [], extra: [] };

export function hasDot(c: Causal, node: number, counter: number): boolean {
  if (counter <= (c.vv[node] ?? 0)) return true;
  const extra = c.extra;
  if (extra.length === 0) return false;
  return extra.includes(node * SHIFT + counter);
}

/** Whether `a` has seen everything `b` has. */
export function includes(a: Causal, b: Causal): boolean {
  const vv = b.vv;
  for (let i = 0; i < vv.length; i++) if ((vv[i] ?? 0) > (a.vv[i] ?? 0)) return false;
  for (const d of b.extra) if (!hasDot(a, Math.floor(d / SHIFT), d % SHIFT)) return false;
  return true;
}

function normalise(vv: number[], extra: number[]): Causal {
  for (let i = 0; i < vv.length; i++) vv[i] ??= 0;
  if (extra.length === 0) return { vv, extra };
  extra.sort((x, y) => x - y);
  const left: number[] = [];
  for (const d of extra) {
    const node = Math.floor(d / SHIFT);
    const counter = d % SHIFT;
    const have = vv[node] ?? 0;
    if (counter <= have) continue;
    if (counter === have + 1) {
      vv[node] = counter;
      // A gap just closed may let earlier-kept dots of this node fold in too.
      for (let k = left.length - 1; k >= 0; k--) {
        const e = left[k]!;
        if (Math.floor(e / SHIFT) === node && e % SHIFT === (vv[node] ?? 0) + 1) {
          vv[node] = e % SHIFT;
          left.splice(k, 1);
        }
      }
    } else if (left[left.length - 1] !== d) {
      left.push(d);
    }
    for (let i = 0; i < vv.length; i++) vv[i] ??= 0;
  }
  return { vv, extra: left.filter((d) => d % SHIFT > (vv[Math.floor(d / SHIFT)] ?? 0)) };
}

/** Everything either has seen (`a` itself when `b` adds nothing: no allocation). */
export function joinCausal(a: Causal, b: Causal): Causal {
  if (includes(a, b)) return a;
  if (includes(b, a)) return b;
  const vv = a.vv.slice();
  for (let i = 0; i < b.vv.length; i++) if ((b.vv[i] ?? 0) > (vv[i] ?? 0)) vv[i] = b.vv[i]!;
  return normalise(vv, [...a.extra, ...b.extra]);
}

/** `c` plus one dot. */
export function withDot(c: Causal, node: number, counter: number): Causal {
  if (hasDot(c, node, counter)) return c;
  return normalise(c.vv.slice(), [...c.extra, node * SHIFT + counter]);
}

/** The highest counter seen per node (what a version vector shows; gaps are not shown). */
export function highest(c: Causal): number[] {
  const out = c.vv.slice();
  for (const d of c.extra) {
    const node = Math.floor(d / SHIFT);
    const counter = d % SHIFT;
    if (counter > (out[node] ?? 0)) out[node] = counter;
  }
  for (let i = 0; i < out.length; i++) out[i] ??= 0;
  return out;
}
