// A few hundred mutated copies of the shipped lessons (seeded: scripts/lesson-mutations.ts),
// each through the loader and, when it loads, a headless run under a small event budget.
// Whatever a stranger's file holds, the outcome is a located problem or a clean run: never
// an uncaught error, never a hang. `npm run fuzz:lessons` runs the same mutations, many more
// of them, through the built CLI.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mutateLesson } from '../../scripts/lesson-mutations.js';
import { taskSolutions } from '../../src/lesson/catalog/validate.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';

const CASES = 300;
const dir = join(import.meta.dirname, '../../lessons');
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));

/** A control character other than tab and newline (what must never reach a terminal). */
function unsafe(line: string): boolean {
  for (const ch of line) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

describe('mutated lessons', () => {
  it(`${CASES} mutants each load as located problems or run cleanly, within budget`, () => {
    const failures: string[] = [];
    let loaded = 0;
    for (let i = 0; i < CASES; i++) {
      const src = sources[i % sources.length]!;
      const seed = 1000 + i;
      const m = mutateLesson(src.text, seed);
      const file = `fuzz/${src.name.replace('.yaml', '')}-${seed}.yaml`;
      const t0 = performance.now();
      try {
        const r = parseLessonText(m.text, file);
        if (!r.ok) {
          for (const line of r.errors.map(formatProblem)) {
            if (!line.startsWith(`${file}:`) || unsafe(line))
              failures.push(`${file} (${m.what}): unlocated or unsafe: ${line.slice(0, 200)}`);
          }
        } else {
          loaded++;
          const runner = new LessonRunner(r.lesson, {
            seed,
            autoAnswer: (step) => seed % step.choices.length,
            // A task types its (maybe mutated) solution, and gives up if that falls short.
            tasks: new Map(
              [...taskSolutions(r.lesson)].map(([label, lines]) => [label, [...lines, 'give up']]),
            ),
            eventBudget: { step: 200_000, run: 400_000 },
          });
          for (let turns = 0; !runner.done && turns < 10_000; turns++) {
            runner.advance();
            if (runner.state.kind === 'say') runner.continueSay();
          }
          if (!runner.done) failures.push(`${file} (${m.what}): did not finish`);
          if (runner.halted && !(runner.halted.pos.line > 0))
            failures.push(`${file} (${m.what}): stopped without a place`);
        }
      } catch (err) {
        failures.push(`${file} (${m.what}): uncaught ${(err as Error).stack?.slice(0, 400)}`);
      }
      // A hang detector, not a speed target: a case is far below this or stuck.
      const ms = performance.now() - t0;
      if (ms > 10_000) failures.push(`${file} (${m.what}): took ${Math.round(ms)} ms`);
    }
    expect(failures).toEqual([]);
    // Enough of the mutants load for the run half of the test to mean something.
    expect(loaded).toBeGreaterThan(CASES / 10);
  }, 120_000);
});
