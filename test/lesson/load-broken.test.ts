// Golden tests: each broken lesson under test/fixtures/broken/ and the exact lines the
// loader prints for it (`file:line:col: path: message`), kept next to it as .expected.txt.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import { repoRoot } from '../run-cli.js';

const rel = 'test/fixtures/broken';
const dir = join(repoRoot, rel);
// A lesson with a YAML syntax error is stored as .yaml.txt: Biome lints the .yaml files
// under test/ and cannot parse it. The loader does not look at the extension.
const LESSON = /\.yaml(\.txt)?$/;
const cases = readdirSync(dir)
  .filter((f) => LESSON.test(f))
  .sort();

describe('loader errors, compared with golden files', () => {
  it('covers at least fifteen kinds of broken lesson', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  for (const name of cases) {
    it(name, () => {
      const file = `${rel}/${name}`;
      const r = parseLessonText(readFileSync(join(dir, name), 'utf8'), file);
      expect(r.ok).toBe(false);
      const printed = r.ok ? '' : `${r.errors.map(formatProblem).join('\n')}\n`;
      const expected = readFileSync(join(dir, name.replace(LESSON, '.expected.txt')), 'utf8');
      expect(printed).toBe(expected);
    });
  }
});
