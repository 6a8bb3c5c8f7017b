// `npm run fuzz:lessons`: bundles the lesson fuzzer (scripts/fuzz-lessons.ts) as the CLI is bundled
// (scripts/bundle-options.mjs), then runs it with this process's arguments.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}.tmp/fuzz-lessons`;
await mkdir(outdir, { recursive: true });
await build({
  ...bundleOptions,
  absWorkingDir: root,
  entryPoints: ['scripts/fuzz-lessons.ts'],
  outfile: `${outdir}/fuzz-lessons.mjs`,
  logLevel: 'warning',
});
const { main } = await import(pathToFileURL(`${outdir}/fuzz-lessons.mjs`).href);
process.exitCode = await main(process.argv.slice(2));
