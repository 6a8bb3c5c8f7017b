// Bundles the CLI into dist/: one ESM entry (dist/cli.js) plus lazily loaded chunks, so the
// published package has no runtime dependencies and `--help` never parses React or Ink.
import { chmod, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions, REQUIRE_SHIM } from './bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;

await rm(outdir, { recursive: true, force: true });

await build({
  ...bundleOptions,
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts' },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  legalComments: 'none',
  banner: { js: `#!/usr/bin/env node\n${REQUIRE_SHIM}` },
  logLevel: 'warning',
});

await chmod(`${outdir}/cli.js`, 0o755);
