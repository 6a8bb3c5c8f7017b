// The loader every data file goes through (lessons, question banks): YAML text as plain data,
// checked by a zod schema, every problem located as `file:line:col: path: message`. Tested
// here on a small file format of its own, so nothing lesson- or bank-specific is involved.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type DataFileKind,
  type DataFileResult,
  formatProblem,
  MAX_ALIAS_COUNT,
  MAX_DATA_FILE_BYTES,
  parseDataFile,
  readDataFile,
} from '../../src/lesson/format/data-file.js';
import { expecting, strictMap, text } from '../../src/lesson/format/schema-parts.js';
import { checkSchema, zodProblems } from '../../src/lesson/format/zod-problems.js';

const RECIPE: DataFileKind = {
  name: 'recipe',
  fileName: 'recipe file',
  shape: 'a recipe is a map with title, serves and steps',
};

const step = strictMap(
  { do: text, minutes: z.number({ error: expecting('a number of minutes') }).optional() },
  'a step: a map with do and minutes',
);
const recipe = strictMap(
  {
    title: text,
    serves: z.union(
      [
        z.int().min(1, { error: expecting('at least 1') }),
        strictMap({ min: z.int(), max: z.int() }, 'a range like {min: 2, max: 4}'),
      ],
      { error: expecting('a number of people, or a range like {min: 2, max: 4}') },
    ),
    steps: z.array(step).min(1),
  },
  'a recipe: a map with title, serves and steps',
);

const FILE = 'recipes/soup.yaml';
const GOOD = `title: Soup
serves: 4
steps:
  - do: chop
    minutes: 5
  - do: boil
`;

function parse(source: string): DataFileResult<z.output<typeof recipe>> {
  return parseDataFile(source, FILE, RECIPE, recipe);
}

/** Everything reported, formatted as the CLI prints it. */
function printed(source: string): string[] {
  const r = parse(source);
  return (r.parsed ? r.source.place(r.problems) : r.errors).map(formatProblem);
}

describe('parseDataFile', () => {
  it('gives the checked value, the raw data, and where each part is', () => {
    const r = parse(GOOD);
    expect(r.parsed).toBe(true);
    if (!r.parsed) return;
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual({
      title: 'Soup',
      serves: 4,
      steps: [{ do: 'chop', minutes: 5 }, { do: 'boil' }],
    });
    expect(r.data).toEqual(r.value);
    expect(r.source.locate(['steps', 1, 'do'])).toEqual({ line: 6, col: 9 });
    expect(r.source.locate(['steps', 0, 'minutes'], true)).toEqual({ line: 5, col: 5 });
    // A path that is not in the file: the deepest part that is.
    expect(r.source.locate(['steps', 1, 'minutes'])).toEqual({ line: 6, col: 5 });
  });

  it('points at a misspelt key, and does not also call the key it meant missing', () => {
    expect(printed(GOOD.replace('  - do: boil', '  - doo: boil'))).toEqual([
      `${FILE}:6:5: steps[1].doo: unknown key "doo" (did you mean "do"?)`,
    ]);
  });

  it('names a missing key at the map that lacks it', () => {
    expect(printed(GOOD.replace('title: Soup\n', ''))).toEqual([
      `${FILE}:1:1: title: missing required key "title"`,
    ]);
  });

  it('says what was expected and what was found, at the value', () => {
    expect(printed(GOOD.replace('minutes: 5', 'minutes: five'))).toEqual([
      `${FILE}:5:14: steps[0].minutes: expected a number of minutes, found "five"`,
    ]);
  });

  it('reports the problem inside the one branch of a union the value fits by type', () => {
    expect(printed(GOOD.replace('serves: 4', 'serves: {min: 2, max: 4, avg: 3}'))).toEqual([
      `${FILE}:2:26: serves.avg: unknown key "avg" (allowed here: min, max)`,
    ]);
    expect(printed(GOOD.replace('serves: 4', 'serves: 0'))).toEqual([
      `${FILE}:2:9: serves: expected at least 1, found 0`,
    ]);
    expect(printed(GOOD.replace('serves: 4', 'serves: plenty'))).toEqual([
      `${FILE}:2:9: serves: expected a number of people, or a range like {min: 2, max: 4}, found "plenty"`,
    ]);
  });

  it('places the caller’s own problems with the schema’s, in file order, each once', () => {
    const r = parse(GOOD.replace('minutes: 5', 'minutes: five'));
    if (!r.parsed) throw new Error('expected plain data');
    const own = { path: ['title'], message: 'a title must not be a soup' };
    expect(r.source.place([own, ...r.problems, own]).map(formatProblem)).toEqual([
      `${FILE}:1:8: title: a title must not be a soup`,
      `${FILE}:5:14: steps[0].minutes: expected a number of minutes, found "five"`,
    ]);
  });

  it('reports every YAML syntax problem, one per spot, located', () => {
    expect(printed('title: Soup\nsteps: [a, b\nserves: {')).toEqual([
      `${FILE}:3:1: YAML syntax: flow sequence in block collection must be sufficiently indented and end with a ]`,
      `${FILE}:3:10: YAML syntax: flow map in block collection must be sufficiently indented and end with a }`,
    ]);
    expect(printed('title: Soup\n\tserves: 4\n')).toEqual([
      `${FILE}:2:1: YAML syntax: tabs cannot indent; use spaces`,
    ]);
  });

  it('takes plain data only: no duplicate keys, extra documents, tags or non-text keys', () => {
    expect(printed(`${GOOD}title: Stew\n`)).toEqual([`${FILE}:7:1: duplicate key "title"`]);
    expect(printed(`${GOOD}---\ntitle: Stew\n`)).toEqual([
      `${FILE}:7:1: a recipe file holds one YAML document; remove the extra "---"`,
    ]);
    expect(printed(GOOD.replace('title: Soup', 'title: !secret Soup'))).toEqual([
      `${FILE}:1:8: unsupported tag !secret: a recipe is plain data`,
    ]);
    expect(printed(`${GOOD}? [a, b]\n: c\n`)).toEqual([
      `${FILE}:7:3: a key must be plain text, not a list or map`,
    ]);
  });

  it('says what an empty file should have been', () => {
    expect(printed('')).toEqual([
      `${FILE}: the file is empty; a recipe is a map with title, serves and steps`,
    ]);
    expect(printed('# only a comment\n')).toHaveLength(1);
  });

  it('refuses an alias bomb and an unknown alias, at the first alias', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(printed(bomb)).toEqual([
      `${FILE}:2:8: too many aliases: expanding them exceeds ${MAX_ALIAS_COUNT} (an alias bomb?)`,
    ]);
    const unknown = printed(`${GOOD}extra: *nowhere\n`);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(/^recipes\/soup\.yaml:7:8: YAML: unknown alias/);
  });

  it('refuses text over the size cap before parsing it', () => {
    const big = `title: Soup\nnotes: "${'x'.repeat(MAX_DATA_FILE_BYTES)}"\n`;
    expect(printed(big)).toEqual([
      `${FILE}: file too large (513 KiB; a recipe file may be at most 512 KiB)`,
    ]);
  });
});

describe('readDataFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rt-data-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads and parses a file', async () => {
    const file = join(dir, 'soup.yaml');
    writeFileSync(file, GOOD);
    const r = await readDataFile(file, RECIPE, recipe);
    expect(r).toMatchObject({ parsed: true, file, value: { title: 'Soup' }, problems: [] });
  });

  it('turns a missing file, a directory and a huge file into one line each', async () => {
    const errors = async (file: string) => {
      const r = await readDataFile(file, RECIPE, recipe);
      return r.parsed ? [] : r.errors.map(formatProblem);
    };
    expect(await errors(join(dir, 'none.yaml'))).toEqual([
      `${join(dir, 'none.yaml')}: cannot read: no such file`,
    ]);
    expect(await errors(dir)).toEqual([
      `${dir}: cannot read: it is a directory, not a recipe file`,
    ]);
    const huge = join(dir, 'huge.yaml');
    writeFileSync(huge, 'x'.repeat(MAX_DATA_FILE_BYTES + 1));
    expect(await errors(huge)).toEqual([
      `${huge}: file too large (more than 512 KiB; a recipe file may be at most 512 KiB)`,
    ]);
  });
});

describe('checkSchema and zodProblems', () => {
  it('checks a part of the data, reporting at its path in the file', () => {
    const r = checkSchema(step, { do: 'stir', minute: 3 }, ['steps', 2]);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.problems).toEqual([
      {
        path: ['steps', 2, 'minute'],
        message: 'unknown key "minute" (did you mean "minutes"?)',
        atKey: true,
      },
    ]);
    expect(checkSchema(step, { do: 'stir' })).toEqual({ success: true, data: { do: 'stir' } });
  });

  it('keeps a missing key whose name no unknown key is close to', () => {
    const parsed = step.safeParse({ stir: 'x' }, { reportInput: true });
    if (parsed.success) throw new Error('expected a failure');
    const paths = zodProblems(parsed.error.issues, ['s']).map((p) => p.path.join('.'));
    expect(paths.sort()).toEqual(['s.do', 's.stir']);
  });
});
