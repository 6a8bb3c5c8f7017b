// The generated leaderless read question, checked for many seeds against the facts it
// shows: from the delays, the acknowledgement, the crash and the replicas the read asked,
// arithmetic alone must give the answer the generator marks right (which it read off the
// simulator).
import { describe, expect, it } from 'vitest';
import { templateById } from '../../src/quiz/generators/index.js';
import { READ_CHOICES } from '../../src/quiz/generators/quorum-read-timing.js';
import type { GeneratedChoice } from '../../src/quiz/generators/template.js';

const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);

function gen(seed: number, params: Record<string, unknown> = {}): GeneratedChoice {
  const g = templateById('quorum-read-timing')!.generate(params, seed);
  if (g.form !== 'choice') throw new Error('expected a choice question');
  return g;
}

/** "a, b and c" → ids. */
const ids = (list: string) => list.split(/, | and /);
const ms = (s: string) => Math.round(Number(s) * 1000);

/** The answer from the facts alone. */
function expectedFromFacts(facts: string[]): keyof typeof READ_CHOICES {
  const [head, delays, written, ...rest] = facts;
  const n = Number(/^n = (\d+)/.exec(head!)![1]);
  const r = Number(/\*\*r = (\d+)\*\*/.exec(head!)![1]);
  const lag = new Map(
    [...delays!.matchAll(/(\w) after ([\d.]+) s/g)].map((m) => [m[1]!, ms(m[2]!)] as const),
  );
  expect(lag.size).toBe(n);
  expect(written).toMatch(/^t = 0: \$12 is written; it is acknowledged at t = [\d.]+ s\.$/);
  const crash = rest.map((f) => /^t = [\d.]+ s: (\w) crashes\.$/.exec(f)).find(Boolean)?.[1];
  const readLine = rest[rest.length - 1]!;
  const readAt = ms(/^t = ([\d.]+) s: a read/.exec(readLine)![1]!);
  const up = [...lag.keys()].filter((id) => id !== crash);
  if (up.length < r) return 'error';
  const asked = ids(/asks (.+)\.$/.exec(readLine)![1]!);
  expect(asked).toHaveLength(r);
  for (const id of asked) expect(up).toContain(id);
  // The request reaches the replicas 1 ms after the read starts.
  return asked.some((id) => lag.get(id)! <= readAt + 1) ? 'new' : 'old';
}

describe('quorum-read-timing', () => {
  it.each(SEEDS)('seed %i: the facts alone give the answer marked right', (seed) => {
    const g = gen(seed);
    expect(new Set(g.choices).size).toBe(3);
    expect(g.correct).toHaveLength(1);
    const marked = Object.entries(READ_CHOICES).find(
      ([, label]) => label === g.choices[g.correct[0]!],
    );
    expect(marked?.[0]).toBe(expectedFromFacts(g.facts));
    // The acknowledgement came with the w-th copy to land, 1 ms later.
    const w = Number(/\*\*w = (\d+)\*\*/.exec(g.facts[0]!)![1]);
    const lags = [...g.facts[1]!.matchAll(/after ([\d.]+) s/g)].map((m) => ms(m[1]!));
    const ackAt = ms(/acknowledged at t = ([\d.]+) s/.exec(g.facts[2]!)![1]!);
    expect(ackAt).toBe([...lags].sort((a, b) => a - b)[w - 1]! + 1);
  });

  it('draws every outcome over the seeds, and is the same question for the same seed', () => {
    const outcomes = new Set(SEEDS.map((s) => gen(s)).map((g) => g.choices[g.correct[0]!]));
    expect(outcomes).toEqual(new Set(Object.values(READ_CHOICES)));
    const a = gen(42);
    const b = gen(42);
    expect([a.prompt, a.facts, a.choices, a.why]).toEqual([b.prompt, b.facts, b.choices, b.why]);
  });

  it('takes its parameters from the bank: five replicas, delays of seconds', () => {
    const g = gen(7, { replicas: 5, delay: { min: '1s', max: '5s' } });
    expect(g.facts[0]).toMatch(/^n = 5 replicas \(a, b, c, d and e\)/);
    for (const m of g.facts[1]!.matchAll(/after ([\d.]+) s/g)) {
      expect(ms(m[1]!)).toBeGreaterThanOrEqual(1000);
      expect(ms(m[1]!)).toBeLessThanOrEqual(5000);
    }
  });
});
