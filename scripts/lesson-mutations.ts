// Seeded mutations of lesson files, for the lesson fuzz test (test/hardening/lesson-fuzz.test.ts)
// and `npm run fuzz:lessons`: numbers changed by orders of magnitude, units swapped, steps
// duplicated, keys deleted, control characters and huge strings, wrong types, cut files.
// The same seed gives the same mutated file.
import { parse, stringify } from 'yaml';

/** mulberry32: small, fast and good enough to pick mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
type Data = unknown;
type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number; value: Data };

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function slots(data: Data, out: Slot[] = []): Slot[] {
  if (Array.isArray(data)) {
    data.forEach((v, i) => {
      out.push({ parent: data, key: i, value: v });
      slots(v, out);
    });
  } else if (data !== null && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) {
      out.push({ parent: data as Record<string, unknown>, key: k, value: v });
      slots(v, out);
    }
  }
  return out;
}

function set(s: Slot, v: Data): void {
  (s.parent as Record<string | number, unknown>)[s.key] = v;
}

const UNIT_VALUE = /^(\d+(?:\.\d+)?)( ?)([A-Za-z]+)(\/[a-z]+)?$/;
const TIME_UNITS = ['ms', 's', 'm', 'h', 'd'];
const SIZE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
const CONTROL = [
  '\u001b]0;title\u0007',
  '\u001b[2J',
  '\u0000',
  '\r',
  '\u001b]52;c;aGk=\u0007',
  '\u009b31m',
];
const WRONG = [null, true, [], {}, 'x', -1, 0, 1e308, Number.NaN, '99999999999999999999d'];

/** Mutations of the parsed data; each returns a short name of what it did. */
const DATA_MUTATIONS: ((d: Data, r: Rand) => string)[] = [
  function magnitude(d, r) {
    const nums = slots(d).filter((s) => typeof s.value === 'number');
    if (nums.length === 0) return 'none';
    const s = pick(r, nums);
    const k = pick(r, [-3, -1, 1, 2, 3, 4, 6, 9, 12]);
    set(s, (s.value as number) * 10 ** k);
    return `number ×1e${k}`;
  },
  function unitNumber(d, r) {
    const units = slots(d).filter((s) => typeof s.value === 'string' && UNIT_VALUE.test(s.value));
    if (units.length === 0) return 'none';
    const s = pick(r, units);
    const m = UNIT_VALUE.exec(s.value as string)!;
    const k = pick(r, [1, 3, 6, 9, 12, 15]);
    set(s, `${Number(m[1]) * 10 ** k}${m[2]}${m[3]}${m[4] ?? ''}`);
    return `unit value ×1e${k}`;
  },
  function swapUnit(d, r) {
    const units = slots(d).filter((s) => typeof s.value === 'string' && UNIT_VALUE.test(s.value));
    if (units.length === 0) return 'none';
    const s = pick(r, units);
    const m = UNIT_VALUE.exec(s.value as string)!;
    const unit = TIME_UNITS.includes(m[3]!) ? pick(r, TIME_UNITS) : pick(r, SIZE_UNITS);
    const per = m[4] ? `/${pick(r, TIME_UNITS)}` : '';
    set(s, `${m[1]}${m[2]}${pick(r, [unit, ...SIZE_UNITS, ...TIME_UNITS])}${per}`);
    return 'unit swapped';
  },
  function duplicateSteps(d, r) {
    const steps = (d as { steps?: unknown })?.steps;
    if (!Array.isArray(steps) || steps.length === 0) return 'none';
    const times = pick(r, [1, 2, 10, 200]);
    const s = pick(r, steps);
    for (let i = 0; i < times; i++)
      steps.splice(Math.floor(r() * steps.length), 0, structuredClone(s));
    return `step duplicated ×${times}`;
  },
  function deleteKey(d, r) {
    const keyed = slots(d).filter((s) => !Array.isArray(s.parent));
    if (keyed.length === 0) return 'none';
    const s = pick(r, keyed);
    delete (s.parent as Record<string, unknown>)[s.key as string];
    return `key ${String(s.key)} deleted`;
  },
  function control(d, r) {
    const strs = slots(d).filter((s) => typeof s.value === 'string');
    if (strs.length === 0) return 'none';
    const s = pick(r, strs);
    const v = s.value as string;
    const at = Math.floor(r() * (v.length + 1));
    set(s, v.slice(0, at) + pick(r, CONTROL) + v.slice(at));
    return 'control characters';
  },
  function huge(d, r) {
    const strs = slots(d).filter((s) => typeof s.value === 'string');
    if (strs.length === 0) return 'none';
    set(pick(r, strs), 'ä'.repeat(pick(r, [5_000, 60_000])));
    return 'huge string';
  },
  function wrongType(d, r) {
    const all = slots(d);
    if (all.length === 0) return 'none';
    set(pick(r, all), structuredClone(pick(r, WRONG)));
    return 'wrong type';
  },
  function bigWorkload(d, r) {
    const steps = (d as { steps?: unknown })?.steps;
    if (!Array.isArray(steps)) return 'none';
    steps.splice(Math.floor(r() * steps.length), 0, {
      workload: {
        clients: pick(r, [10, 1_000, 100_000]),
        duration: pick(r, ['10s', '1h', '3650d']),
        writes: 0.5,
        rate: pick(r, ['100/s', '1000000/s']),
        keys: pick(r, [10, 1_000_000_000]),
      },
    });
    return 'large workload';
  },
  function manyNodes(d, r) {
    const nodes = (d as { cluster?: { nodes?: unknown } })?.cluster?.nodes;
    if (!Array.isArray(nodes)) return 'none';
    const n = pick(r, [60, 1_000, 10_000]);
    for (let i = 0; i < n; i++) nodes.push({ id: `fz${i}`, role: 'follower' });
    return `${n} nodes`;
  },
  function heartbeat(d, r) {
    const c = (d as { cluster?: Record<string, unknown> })?.cluster;
    const steps = (d as { steps?: unknown })?.steps;
    if (!c || !Array.isArray(steps)) return 'none';
    c.failover = { auto: true, heartbeat: '1ms', timeout: '5s' };
    steps.push({ wait: pick(r, ['1h', '3650d']) });
    return '1ms heartbeat';
  },
];

/** Mutations of the text itself (what a parse and stringify cannot produce). */
const TEXT_MUTATIONS: ((t: string, r: Rand) => [string, string])[] = [
  (t, r) => [t.slice(0, Math.floor(r() * t.length)), 'file cut'],
  (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines.splice(i, 0, lines[i]!);
    return [lines.join('\n'), 'line duplicated'];
  },
  (t, r) => {
    const at = Math.floor(r() * t.length);
    return [t.slice(0, at) + pick(r, CONTROL) + t.slice(at), 'raw control characters'];
  },
];

export interface Mutant {
  text: string;
  /** What was done, e.g. "number ×1e6, step duplicated ×2". */
  what: string;
}

/** One to three mutations of a lesson's text, chosen by `seed`. */
export function mutateLesson(text: string, seed: number): Mutant {
  const r = prng(seed);
  const done: string[] = [];
  if (r() < 0.15) {
    const [t, what] = pick(r, TEXT_MUTATIONS)(text, r);
    return { text: t, what };
  }
  const data: Data = parse(text, { maxAliasCount: 100 });
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) done.push(pick(r, DATA_MUTATIONS)(data, r));
  return { text: stringify(data, { lineWidth: 0 }), what: done.join(', ') };
}
