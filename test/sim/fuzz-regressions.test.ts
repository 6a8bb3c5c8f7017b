// Failures the fuzzer found, each as the shrunk case it printed (fuzz-regressions.json: the
// seed, the invariant it broke, the message, what the bug was, and the case). Every one must
// now pass every invariant. A new fuzz failure, once fixed, is added here.
import { describe, expect, it } from 'vitest';
import { describeCase, type FuzzCase, runCase } from '../../src/sim/index.js';
import regressions from './fuzz-regressions.json' with { type: 'json' };

interface Regression {
  seed: number;
  invariant: string;
  message: string;
  bug: string;
  case: FuzzCase;
}

describe('fuzz regressions', () => {
  for (const r of regressions as unknown as Regression[]) {
    it(`seed ${r.seed} (${r.invariant}): ${r.bug}`, () => {
      const run = runCase(r.case);
      expect(run.violations, describeCase(r.case).join('\n')).toEqual([]);
      expect(run.refused).toBe(0);
    });
  }
});
