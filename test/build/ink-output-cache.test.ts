// The bundle lets Ink keep its output caches across frames (scripts/ink-output-cache.mjs).
// That must never change a frame: the same trees rendered in the same order must give the
// same text with and without the patch, through many frames and past the caches' bounds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { bundleOptions } from '../../scripts/bundle-options.mjs';
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { inkOutputCache, MAX_LINES, patchInkOutput } from '../../scripts/ink-output-cache.mjs';

const root = join(import.meta.dirname, '../..');
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

async function framesWith(plugins: readonly unknown[]): Promise<string[]> {
  const dir = join(root, '.tmp/test-ink-cache');
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'entry.mjs');
  writeFileSync(entry, ENTRY);
  const outfile = join(dir, `frames-${plugins.length}.mjs`);
  await build({
    ...bundleOptions,
    entryPoints: [entry],
    outfile,
    nodePaths: [join(root, 'node_modules')],
    // With the patch (as the CLI is built) or without it.
    plugins,
    logLevel: 'error',
  });
  const r = spawnSync(process.execPath, [outfile], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

describe('Ink output caches shared across frames', () => {
  it('patches the installed Ink, and refuses an Ink without the expected line', () => {
    const patched: string = patchInkOutput(readFileSync(inkOutput, 'utf8'));
    expect(patched).toContain('caches = sharedOutputCaches();');
    expect(patched).not.toContain('caches = new OutputCaches();');
    expect(() => patchInkOutput('export default class Output {}')).toThrow(
      /no longer contains "caches = new OutputCaches\(\);"/,
    );
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
});
