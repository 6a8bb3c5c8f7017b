// What every bundle of this project's code shares: the CLI (scripts/build.mjs), the
// benchmarks (bench/run.mjs) and the test that checks the Ink patch. One place, so that what
// is measured and tested is built as the CLI is.
import { fileURLToPath } from 'node:url';
import { inkOutputCache } from './ink-output-cache.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

/** CommonJS dependencies bundled into ESM still call require() for Node built-ins. */
export const REQUIRE_SHIM =
  "import { createRequire as __cr } from 'node:module';const require = __cr(import.meta.url);";

export const bundleOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink imports react-devtools-core only when DEV is set; it is optional and not installed.
  alias: { 'react-devtools-core': `${here}devtools-stub.mjs` },
  // Ink keeps its output caches between frames (see ink-output-cache.mjs).
  plugins: [inkOutputCache()],
  banner: { js: REQUIRE_SHIM },
};
