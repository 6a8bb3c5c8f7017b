// Benchmark harness. Each bench/*.bench.ts module exports `run(ctx)` returning figures and
// ratios; every ratio compares against a baseline measured in the same run, because these
// machines are noisy. Prints `<name>: <number> <unit>` and `<name> ratio: <x> (target <= y)`;
// `--json` prints the same as one JSON document. Exits 0 even when a target is missed.
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((a) => !a.startsWith('--'));
const outdir = `${root}.tmp/bench`;
await mkdir(outdir, { recursive: true });

const files = readdirSync(`${root}bench`)
  .filter((f) => f.endsWith('.bench.ts') || f.endsWith('.bench.tsx'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

// Built as dist/cli.js is (dependencies bundled, Ink patched: scripts/bundle-options.mjs),
// so the figures are the user's.
await build({
  ...bundleOptions,
  absWorkingDir: root,
  entryPoints: files.map((f) => `bench/${f}`),
  outdir,
  logLevel: 'warning',
  outExtension: { '.js': '.mjs' },
});

const ctx = {
  root,
  cli: `${root}dist/cli.js`,
  log: (m) => json || process.stderr.write(`  ${m}\n`),
};
const results = [];
let missed = 0;
for (const f of files) {
  const mod = await import(pathToFileURL(`${outdir}/${f.replace(/\.tsx?$/, '.mjs')}`).href);
  if (!json) process.stdout.write(`# ${f.replace(/\.bench\.tsx?$/, '')}\n`);
  const r = await mod.run(ctx);
  for (const fig of r.figures ?? []) {
    if (!json) process.stdout.write(`${fig.name}: ${fmt(fig.value)} ${fig.unit}\n`);
  }
  for (const ratio of r.ratios ?? []) {
    const ok = ratio.cmp === '>=' ? ratio.value >= ratio.target : ratio.value <= ratio.target;
    ratio.met = ok;
    if (!ok) missed++;
    if (!json) {
      process.stdout.write(
        `${ratio.name} ratio: ${ratio.value.toFixed(2)} (target ${ratio.cmp} ${ratio.target})${ok ? '' : '  MISSED'}\n`,
      );
    }
  }
  results.push({ bench: f.replace(/\.bench\.tsx?$/, ''), ...r });
}
if (json) process.stdout.write(`${JSON.stringify({ results, missed }, null, 2)}\n`);
else process.stdout.write(missed ? `${missed} target(s) missed\n` : 'all targets met\n');

function fmt(v) {
  return Number.isInteger(v) ? String(v) : v >= 100 ? String(Math.round(v)) : v.toFixed(2);
}
