// Scenario: replicas write a key and sync with each other; each write gets a version vector.
// Are two writes ordered (one happened before the other) or concurrent? Pure: the history is
// drawn from the seed, and the test re-derives every answer from the history's
// happened-before graph instead of from the vectors.
import { z } from 'zod';
import { strictMap } from '../../lesson/format/schema-parts.js';
import { Prng } from '../../sim/index.js';
import { intRange, sample, shuffle } from './params.js';
import { defineTemplate } from './template.js';

export type VvEvent =
  | { type: 'write'; at: number; name: string }
  | { type: 'sync'; from: number; to: number };

export type Vector = number[];
export type Relation = 'before' | 'after' | 'concurrent';

export interface VvHistory {
  replicas: string[];
  events: VvEvent[];
  /** The version vector of each write, by write name. */
  versions: Map<string, Vector>;
}

/** A random history: writes at replicas and one-way syncs that merge vectors. */
export function vvHistory(rng: Prng, replicaCount: number, steps: number): VvHistory {
  const replicas = ['A', 'B', 'C', 'D'].slice(0, replicaCount);
  const state: Vector[] = replicas.map(() => replicas.map(() => 0));
  const events: VvEvent[] = [];
  const versions = new Map<string, Vector>();
  for (let i = 0; i < steps; i++) {
    const at = rng.int(0, replicas.length - 1);
    if (i > 0 && rng.next() < 0.4) {
      const to = (at + rng.int(1, replicas.length - 1)) % replicas.length;
      state[to] = state[to]!.map((v, k) => Math.max(v, state[at]![k]!));
      events.push({ type: 'sync', from: at, to });
    } else {
      state[at]![at]!++;
      const name = `v${versions.size + 1}`;
      versions.set(name, [...state[at]!]);
      events.push({ type: 'write', at, name });
    }
  }
  return { replicas, events, versions };
}

export function compareVectors(a: Vector, b: Vector): Relation | 'equal' {
  const le = a.every((v, i) => v <= b[i]!);
  const ge = a.every((v, i) => v >= b[i]!);
  if (le && ge) return 'equal';
  if (le) return 'before';
  if (ge) return 'after';
  return 'concurrent';
}

export function showVector(replicas: readonly string[], v: Vector): string {
  return `[${replicas.map((r, i) => `${r}:${v[i]}`).join(', ')}]`;
}

function describe(h: VvHistory, e: VvEvent): string {
  return e.type === 'write'
    ? `${h.replicas[e.at]} writes ${e.name}`
    : `${h.replicas[e.from]} sends everything it has to ${h.replicas[e.to]}`;
}

export const versionVectorOrder = defineTemplate({
  id: 'version-vector-order',
  kind: 'scenario',
  summary: 'whether two versions are causally ordered or concurrent',
  params: strictMap({
    replicas: intRange(2, 4, { min: 2, max: 3 }),
    steps: intRange(3, 12, { min: 4, max: 7 }),
    show: z.enum(['vectors', 'history']).default('vectors'),
  }),
  generate(p, seed) {
    const rng = new Prng(seed);
    let h = vvHistory(rng, sample(rng, p.replicas), sample(rng, p.steps));
    for (let i = 0; i < 30 && h.versions.size < 2; i++) {
      h = vvHistory(rng, sample(rng, p.replicas), sample(rng, p.steps));
    }
    const names = shuffle(rng, [...h.versions.keys()])
      .slice(0, 2)
      .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    const [x = 'v1', y = 'v2'] = names;
    const vx = h.versions.get(x) ?? [];
    const vy = h.versions.get(y) ?? [];
    const rel = compareVectors(vx, vy);
    const choices = [
      `${x} happened before ${y}: ${y} may replace it`,
      `${y} happened before ${x}: ${x} may replace it`,
      `They are concurrent: keep both as siblings and merge`,
    ];
    const correct = rel === 'before' ? 0 : rel === 'after' ? 1 : 2;
    const byVectors = p.show === 'vectors';
    return {
      form: 'choice',
      prompt: byVectors
        ? `Replicas ${h.replicas.join(', ')} version one key with version vectors. Write ${x} carries ${showVector(h.replicas, vx)}, write ${y} carries ${showVector(h.replicas, vy)}. How are they related?`
        : `Replicas ${h.replicas.join(', ')} accept writes to one key and exchange them, in this order. How are ${x} and ${y} related?`,
      facts: byVectors ? [] : h.events.map((e, i) => `${i + 1}. ${describe(h, e)}`),
      choices,
      correct: [correct],
      why:
        `${x} = ${showVector(h.replicas, vx)}, ${y} = ${showVector(h.replicas, vy)}. ` +
        (correct === 2
          ? 'Each has a counter the other lacks, so neither saw the other: concurrent.'
          : `Every counter of the earlier one is ≤ the later one's: the later write had seen it.`),
    };
  },
});
