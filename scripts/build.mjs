// Bundles the CLI into dist/: one ESM entry (dist/cli.js) plus lazily loaded chunks, so the
// published package has no runtime dependencies and `--help` never parses React or Ink.
// `node scripts/build.mjs` builds; `--clean` also drops the previous build's chunks (before
// packing). The tests' global setup (test/global-setup.ts) calls buildDist itself.
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions, REQUIRE_SHIM } from './bundle-options.mjs';
import { replaceDist } from './replace-dist.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const distDir = `${root}dist`;

/** The files of dist/ (dist-relative path → contents), built in memory. */
export async function bundleDist() {
  const result = await build({
    ...bundleOptions,
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: distDir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    legalComments: 'none',
    banner: { js: `#!/usr/bin/env node\n${REQUIRE_SHIM}` },
    logLevel: 'warning',
    write: false,
  });
  const files = new Map(
    result.outputFiles.map((f) => [
      relative(distDir, f.path).split(sep).join('/'),
      Buffer.from(f.contents),
    ]),
  );
  return files;
}

/** Builds, then swaps the files into dist/ (scripts/replace-dist.mjs). */
export async function buildDist({ clean = false } = {}) {
  return replaceDist(distDir, await bundleDist(), { clean });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildDist({ clean: process.argv.includes('--clean') });
}
