// Bundles the CLI into dist/: one ESM entry (dist/cli.js) plus lazily loaded chunks, so the
// published package has no runtime dependencies and `--help` never parses React or Ink.
import { chmod, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { inkOutputCache } from './ink-output-cache.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;

await rm(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  legalComments: 'none',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink imports react-devtools-core only when DEV is set; it is optional and not installed.
  alias: { 'react-devtools-core': './scripts/devtools-stub.mjs' },
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module';const require = __cr(import.meta.url);",
  },
  plugins: [inkOutputCache()],
  logLevel: 'warning',
});

await chmod(`${outdir}/cli.js`, 0o755);
