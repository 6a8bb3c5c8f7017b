// The bundle lets Ink keep its output caches across frames (scripts/ink-output-cache.mjs).
// That must never change a frame: the same trees rendered in the same order must give the
// same text with and without the patch, through many frames and past the caches' bounds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { bundleOptions } from '../../scripts/bundle-options.mjs';
import {
  inkOutputCache,
  MAX_BLOCKS,
  MAX_LINES,
  MAX_WIDTHS,
  patchInkOutput,
  // @ts-expect-error: a build script in plain JavaScript, without type declarations
} from '../../scripts/ink-output-cache.mjs';

const root = join(import.meta.dirname, '../..');
// One folder per test process: vitest runs in other worktrees or at once must not collide.
const workDir = join(root, `.tmp/test-ink-cache-${process.pid}`);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
const inkOutput = createRequire(join(root, 'package.json'))
  .resolve('ink')
  .replace(/index\.js$/, 'output.js');

// Frames with colour, wide characters, clipping (overflow hidden) and changing lines; then
// more distinct lines than the cache keeps, then the first frames again.
const ENTRY = `
import chalk from 'chalk';
import { Box, Text, renderToString } from 'ink';
import { createElement as h } from 'react';
chalk.level = 3;
const frame = (k) =>
  h(Box, { flexDirection: 'column', width: 30 },
    h(Text, { color: 'cyan', bold: k % 2 === 0 }, 'node ' + k + ' ● streaming'),
    h(Text, null, chalk.red('lag ') + chalk.dim(String(k * 7)) + ' ms 日本語 ▂▃▅'),
    h(Box, { width: 12, overflow: 'hidden' }, h(Box, { width: 40, flexShrink: 0 }, h(Text, null, chalk.green('a long line cut off at twelve ' + k)))),
    h(Text, { wrap: 'truncate' }, 'x'.repeat(40) + k),
  );
const out = [];
for (let k = 0; k < 40; k++) out.push(renderToString(frame(k % 7), { columns: 40 }));
for (let k = 0; k < ${MAX_LINES + 200}; k++) renderToString(frame(1000 + k), { columns: 40 });
for (let k = 0; k < 10; k++) out.push(renderToString(frame(k), { columns: 40 }));
process.stdout.write(JSON.stringify(out));
`;

/** Bundles `source` with Ink as the CLI is bundled, but with `plugins`; runs it; its JSON. */
async function runBundled<T>(
  source: string,
  name: string,
  plugins: readonly unknown[],
): Promise<T> {
  const dir = workDir;
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, `${name}.mjs`);
  writeFileSync(entry, source);
  const outfile = join(dir, `${name}-${plugins.length}.bundle.mjs`);
  await build({
    ...bundleOptions,
    entryPoints: [entry],
    outfile,
    nodePaths: [join(root, 'node_modules')],
    // With the patch (as the CLI is built) or without it.
    plugins,
    logLevel: 'error',
  });
  const r = spawnSync(process.execPath, [outfile], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as T;
}

function framesWith(plugins: readonly unknown[]): Promise<string[]> {
  return runBundled<string[]>(ENTRY, 'frames', plugins);
}

// Three kinds of frames, each filling one of the three caches past its bound while the others
// stay small: (a) new plain lines, for the styled characters of lines; (b) long lines of
// characters never seen before, for the widths of strings; (c) the same lines in a new order inside a
// clipping box, for the widest line of whole text blocks. For every frame: the caches' sizes
// when it started and when it ended, and a hash of the frame.
const BOUND_ENTRY = `
import { createHash } from 'node:crypto';
import chalk from 'chalk';
import { Box, Text, renderToString } from 'ink';
import { createElement as h } from 'react';
chalk.level = 3;
const LINES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'];
/** The k-th ordering of LINES (factorial number system): 5040 distinct blocks. */
function ordering(k) {
  const pool = [...LINES];
  const out = [];
  for (let n = pool.length; n > 0; n--) {
    let f = 1;
    for (let i = 2; i < n; i++) f *= i;
    out.push(pool.splice(Math.floor(k / f) % n, 1)[0]);
  }
  return out.join('\\n');
}
let next = 0x4e00;
const fresh = (n) => Array.from({ length: n }, () => String.fromCodePoint(next++)).join('');
const frames = {
  lines: (k) => h(Box, { flexDirection: 'column' },
    [0, 1, 2, 3].map((i) => h(Text, { key: i, color: 'green' }, 'line ' + k + '.' + i + ' ●'))),
  widths: () => h(Box, { flexDirection: 'column' }, [0, 1].map((i) => h(Text, { key: i }, fresh(45)))),
  blocks: (k) => h(Box, { width: 12, overflow: 'hidden' }, h(Text, null, ordering(k))),
};
const counts = { lines: ${Math.ceil((MAX_LINES * 2.2) / 4)}, widths: ${Math.ceil((MAX_WIDTHS * 1.3) / 92)}, blocks: ${MAX_BLOCKS + 150} };
const sizes = (c) => c ? [c.styledChars.size, c.widths.size, c.blockWidths.size] : [0, 0, 0];
const out = [];
for (const [kind, frame] of Object.entries(frames)) {
  for (let k = 0; k < counts[kind]; k++) {
    globalThis.__starts = [];
    const text = renderToString(frame(k), { columns: 100 });
    out.push({
      kind,
      starts: globalThis.__starts,
      end: sizes(globalThis.__inkCaches?.()),
      hash: createHash('sha1').update(text).digest('hex'),
    });
  }
}
process.stdout.write(JSON.stringify(out));
`;

interface FrameRecord {
  kind: 'lines' | 'widths' | 'blocks';
  /** Sizes [styled lines, widths, blocks] of the caches each Output of the frame started with. */
  starts: Array<[number, number, number]>;
  end: [number, number, number];
  hash: string;
}

/** The patch as the CLI gets it, plus a probe that reports the caches' sizes. */
const probedInkOutputCache = {
  name: 'ink-output-cache-probed',
  setup(build: {
    onLoad(
      options: { filter: RegExp },
      cb: (args: { path: string }) => Promise<{ contents: string; loader: 'js' }>,
    ): void;
  }) {
    build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, async (args) => {
      const patched: string = patchInkOutput(readFileSync(args.path, 'utf8'));
      return {
        contents: `${patched.replace(
          'caches = sharedOutputCaches();',
          'caches = probeCaches(sharedOutputCaches());',
        )}
function probeCaches(c) {
    globalThis.__starts?.push([c.styledChars.size, c.widths.size, c.blockWidths.size]);
    return c;
}
globalThis.__inkCaches = () => sharedCaches;
`,
        loader: 'js',
      };
    });
  },
};

describe('Ink output caches shared across frames', () => {
  it('patches the installed Ink, and refuses an Ink without the expected line', () => {
    const patched: string = patchInkOutput(readFileSync(inkOutput, 'utf8'));
    expect(patched).toContain('caches = sharedOutputCaches();');
    expect(patched).not.toContain('caches = new OutputCaches();');
    expect(() => patchInkOutput('export default class Output {}')).toThrow(
      /no longer contains "caches = new OutputCaches\(\);"/,
    );
    // An Ink whose caches are not the three maps the bound checks is refused too.
    const source = readFileSync(inkOutput, 'utf8');
    expect(() => patchInkOutput(source.replace('blockWidths = new Map();', ''))).toThrow(
      /no longer contains "blockWidths = new Map\(\);"/,
    );
  });

  it('is applied to the Ink version it was written for, pinned exactly', () => {
    const pinned = pkg.devDependencies.ink;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = JSON.parse(
      readFileSync(inkOutput.replace(/build[\\/]output\.js$/, 'package.json'), 'utf8'),
    );
    expect(installed.version).toBe(pinned);
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    expect(lock.packages[''].devDependencies.ink).toBe(pinned);
    expect(lock.packages['node_modules/ink'].version).toBe(pinned);
  });

  it('draws every frame exactly as unpatched Ink does', async () => {
    const [plain, cached] = await Promise.all([framesWith([]), framesWith([inkOutputCache()])]);
    expect(cached).toHaveLength(50);
    expect(cached).toEqual(plain);
    // The frames are real: colour, wide characters and the clipped box are in them.
    expect(cached[0]).toContain('\u001b[');
    expect(cached[0]).toContain('日本語');
    expect(cached[0]).toContain('a long line');
    expect(cached[0]).not.toContain('twelve');
  }, 60_000);

  it('keeps each cache within its bound, and draws the same frames', async () => {
    const [patched, plain] = await Promise.all([
      runBundled<FrameRecord[]>(BOUND_ENTRY, 'bound', [probedInkOutputCache]),
      runBundled<FrameRecord[]>(BOUND_ENTRY, 'bound', []),
    ]);
    expect(patched.map((f) => f.hash)).toEqual(plain.map((f) => f.hash));
    const bounds = [MAX_LINES, MAX_WIDTHS, MAX_BLOCKS] as const;
    // A frame starts with caches within the bounds (a frame that found one past it started
    // them all over)…
    const starts = patched.flatMap((f) => f.starts);
    expect(starts.length).toBeGreaterThanOrEqual(patched.length);
    for (const [i, bound] of bounds.entries()) {
      expect(Math.max(...starts.map((s) => s[i]!))).toBeLessThanOrEqual(bound);
    }
    // …and ends with at most what one frame added on top: here at most 7 lines or 90 new
    // characters, each line, character and block measured once.
    const ONE_FRAME = 90 + 2 * 7 + 1;
    for (const [i, bound] of bounds.entries()) {
      expect(Math.max(...patched.map((f) => f.end[i]!))).toBeLessThanOrEqual(bound + ONE_FRAME);
    }
    // Each kind of frame did fill its own cache past the bound, so the bound was used.
    const kinds = ['lines', 'widths', 'blocks'] as const;
    for (const [i, kind] of kinds.entries()) {
      const ends = patched.filter((f) => f.kind === kind).map((f) => f.end[i]!);
      expect(Math.max(...ends), kind).toBeGreaterThan(bounds[i]!);
      // Started over: a later frame of that kind ends with far fewer.
      const peak = ends.indexOf(Math.max(...ends));
      expect(Math.min(...ends.slice(peak + 1)), kind).toBeLessThan(bounds[i]! / 2);
    }
  }, 120_000);
});
