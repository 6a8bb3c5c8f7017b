// dist/ is rebuilt while other processes may be running it (two vitest runs in one worktree:
// each builds in its global setup, and each runs `node dist/cli.js`). A reader must never
// find the entry importing a chunk that is missing or half-written.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { bundleDist } from '../../scripts/build.mjs';
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { KEEP_MS, replaceDist } from '../../scripts/replace-dist.mjs';

const replaceDistScript = join(import.meta.dirname, '../../scripts/replace-dist.mjs');

/** A build of generation `gen`: the entry imports a chunk that imports another; large files. */
const GENERATION = `(gen) => {
  const pad = '// ' + 'x'.repeat(200000) + '\\n';
  return new Map([
    ['cli.js', Buffer.from('import "./chunks/a-' + gen + '.js";\\n' + pad + '// end ' + gen + '\\n')],
    ['chunks/a-' + gen + '.js', Buffer.from('import("./b-' + gen + '.js");\\n' + pad + '// end ' + gen + '\\n')],
    ['chunks/b-' + gen + '.js', Buffer.from('export const b = 1;\\n' + pad + '// end ' + gen + '\\n')],
  ]);
}`;
const generation = new Function(`return ${GENERATION}`)() as (gen: string) => Map<string, Buffer>;

let dirs: string[] = [];
function tempDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rt-dist-'));
  dirs.push(dir);
  return join(dir, 'dist');
}
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** Makes files look as if they were put in place `ms` ago. */
function age(dist: string, rels: string[], ms: number): void {
  const then = new Date(Date.now() - ms);
  for (const rel of rels) utimesSync(join(dist, rel), then, then);
}

describe('replaceDist', () => {
  it('writes the build, the entry executable, and skips what is already there', async () => {
    const dist = tempDist();
    const first = await replaceDist(dist, generation('g1'));
    expect(first.written).toEqual(['chunks/a-g1.js', 'chunks/b-g1.js', 'cli.js']);
    expect(statSync(join(dist, 'cli.js')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(dist, 'chunks/b-g1.js'), 'utf8')).toContain('end g1');
    const again = await replaceDist(dist, generation('g1'));
    expect(again).toEqual({ written: [], removed: [] });
  });

  it('keeps recent builds for processes still running them, and drops old ones', async () => {
    const dist = tempDist();
    await replaceDist(dist, generation('g1'));
    await replaceDist(dist, generation('g2'));
    const third = await replaceDist(dist, generation('g3'));
    expect(third.removed).toEqual([]);
    expect(existsSync(join(dist, 'chunks/b-g1.js'))).toBe(true);
    // g1 is old; g2's chunk b was reused by the latest build, which makes it recent again.
    age(
      dist,
      ['chunks/a-g1.js', 'chunks/b-g1.js', 'chunks/a-g2.js', 'chunks/b-g2.js'],
      KEEP_MS + 1000,
    );
    const g4 = generation('g4');
    g4.set('chunks/b-g2.js', generation('g2').get('chunks/b-g2.js')!);
    const fourth = await replaceDist(dist, g4);
    expect(fourth.removed.sort()).toEqual(['chunks/a-g1.js', 'chunks/a-g2.js', 'chunks/b-g1.js']);
    expect(existsSync(join(dist, 'chunks/a-g3.js'))).toBe(true);
    expect(existsSync(join(dist, 'chunks/b-g2.js'))).toBe(true);
    expect(readFileSync(join(dist, 'cli.js'), 'utf8')).toContain('end g4');
  });

  it('with clean, leaves only the new build and the temporary files of a running build', async () => {
    const dist = tempDist();
    await replaceDist(dist, generation('g1'));
    const fresh = join(dist, 'chunks/a-g9.js.123-abc.tmp');
    const abandoned = join(dist, 'chunks/a-g8.js.123-abc.tmp');
    writeFileSync(fresh, 'half');
    writeFileSync(abandoned, 'half');
    age(dist, ['chunks/a-g8.js.123-abc.tmp'], KEEP_MS + 1000);
    const clean = await replaceDist(dist, generation('g2'), { clean: true });
    expect(clean.removed.sort()).toEqual([
      'chunks/a-g1.js',
      'chunks/a-g8.js.123-abc.tmp',
      'chunks/b-g1.js',
    ]);
    expect(existsSync(fresh)).toBe(true);
  });

  it('refuses a build without the entry', async () => {
    const files = new Map([['chunks/x.js', Buffer.from('')]]);
    await expect(replaceDist(tempDist(), files)).rejects.toThrow(/must contain cli\.js/);
  });

  it('puts the real bundle in place runnable', async () => {
    const dist = tempDist();
    const { written } = await replaceDist(dist, await bundleDist());
    expect(written.length).toBeGreaterThan(5);
    const r = spawnSync(process.execPath, [join(dist, 'cli.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(pkg.version);
  }, 60_000);

  it('never shows a reader an entry whose imports are missing or half-written', async () => {
    const dist = tempDist();
    await replaceDist(dist, generation('g0'));
    // Two builders in their own processes, each putting new builds in place as fast as it can.
    const builder = (name: string) =>
      new Promise<void>((resolve, reject) => {
        const code = `
          const { replaceDist } = await import(${JSON.stringify(replaceDistScript)});
          const generation = ${GENERATION};
          for (let i = 0; i < 25; i++) {
            await replaceDist(${JSON.stringify(dist)}, generation(${JSON.stringify(name)} + i));
          }`;
        const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr.on('data', (d) => {
          err += d;
        });
        child.on('exit', (status) => (status === 0 ? resolve() : reject(new Error(err))));
      });
    let done = false;
    const builders = Promise.all([builder('p'), builder('q')]).finally(() => {
      done = true;
    });
    let reads = 0;
    const problems: string[] = [];
    while (!done) {
      const entry = readFileSync(join(dist, 'cli.js'), 'utf8');
      const gen = /end (\w+)\n$/.exec(entry)?.[1];
      if (gen === undefined) problems.push('entry half-written');
      else {
        for (const chunk of [`chunks/a-${gen}.js`, `chunks/b-${gen}.js`]) {
          let text = '';
          try {
            text = readFileSync(join(dist, chunk), 'utf8');
          } catch {
            problems.push(`${chunk} missing`);
            continue;
          }
          if (!text.endsWith(`// end ${gen}\n`)) problems.push(`${chunk} half-written`);
        }
      }
      reads++;
      await new Promise((r) => setImmediate(r));
    }
    await builders;
    expect(problems).toEqual([]);
    expect(reads).toBeGreaterThan(10);
  }, 60_000);
});
