// The loader must answer every malformed lesson with problems, never an exception: each
// value of the full fixture is replaced in turn by values of the wrong shape.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseLessonText } from '../../src/lesson/format/load.js';
import { repoRoot } from '../run-cli.js';

type Data = unknown;
type Seg = string | number;

function paths(v: Data, at: Seg[] = []): Seg[][] {
  const out: Seg[][] = at.length > 0 ? [at] : [];
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) out.push(...paths(x, [...at, i]));
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  }
  return out;
}

function replaced(data: Data, path: Seg[], value: unknown): Data {
  const copy = structuredClone(data) as Record<Seg, unknown>;
  let node: Record<Seg, unknown> = copy;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<Seg, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

const BAD_VALUES: unknown[] = [null, 7, -1, 'zzz', true, [], {}, { bogus: 1 }, [[1]]];

describe('loader robustness', () => {
  const data = parse(readFileSync(join(repoRoot, 'test/fixtures/valid/full.yaml'), 'utf8')) as Data;

  it('reports problems for every wrong-shaped value without throwing', () => {
    // One bad value per path, rotating through the list, keeps the run to a few seconds.
    const all = paths(data);
    let failures = 0;
    all.forEach((path, i) => {
      const bad = BAD_VALUES[i % BAD_VALUES.length];
      const r = parseLessonText(stringify(replaced(data, path, bad)), 'mutant.yaml');
      if (r.ok) return;
      failures++;
      for (const e of r.errors) {
        // zod's own wording never reaches the author, and every problem has a place.
        expect(e.message).not.toMatch(/Invalid input|expected \w+, received/);
        expect(e.line).toBeGreaterThan(0);
      }
    });
    // Most replacements are errors; a few (e.g. a string for a note) are legitimately fine.
    expect(failures).toBeGreaterThan(all.length / 2);
  });

  it('adds an unknown key next to every map without throwing', () => {
    // Maps with fixed keys; in the node-keyed maps of expect a new key is a node name.
    const RECORDS = ['status', 'lag', 'anomalies'];
    const maps = paths(data).filter((p) => {
      if (RECORDS.includes(String(p[p.length - 1]))) return false;
      const v = p.reduce<unknown>((node, seg) => (node as Record<Seg, unknown>)[seg], data);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    for (const path of maps) {
      const r = parseLessonText(stringify(replaced(data, [...path, 'bogus'], 1)), 'mutant.yaml');
      expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
        expect.stringMatching(/^unknown (key|step kind) "bogus"/),
      ]);
    }
  });
});
