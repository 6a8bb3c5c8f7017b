// The simulator is pure and deterministic: no wall clock, no Math.random, no timers, no I/O,
// no terminal libraries, and no imports from the layers above it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../src/sim');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : d.name.endsWith('.ts')
        ? [join(dir, d.name)]
        : [],
  );
}

const FORBIDDEN: [string, RegExp][] = [
  ['wall clock', /\bDate\.now\b|\bnew Date\b|\bperformance\.|\bprocess\.hrtime\b/],
  ['unseeded randomness', /\bMath\.random\b|\bcrypto\./],
  ['timers', /\bset(Timeout|Interval|Immediate)\b|\bqueueMicrotask\b/],
  [
    'I/O',
    /\bfrom ['"](node:)?(fs|path|os|child_process|net|http|https)['"]|\bfetch\(|\bprocess\.|\bconsole\./,
  ],
  ['UI libraries', /\bfrom ['"](react|ink|chalk)['"]/],
  ['upper layers', /\bfrom ['"]\.\.\/(\.\.\/)?(lesson|ui|cli)\b/],
];

describe('src/sim is pure', () => {
  const files = sources(ROOT);

  it('finds the simulator sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  for (const [what, re] of FORBIDDEN) {
    it(`uses no ${what}`, () => {
      const hits = files.flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            re.test(line) && !line.trim().startsWith('//') ? [`${f}:${i + 1}: ${line.trim()}`] : [],
          ),
      );
      expect(hits).toEqual([]);
    });
  }
});
