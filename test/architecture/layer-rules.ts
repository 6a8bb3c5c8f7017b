// Which folder of src/ may import which. One direction only:
//   sim ← lesson/format ← lesson/commands ← lesson/engine ← lesson/catalog ← progress ← quiz ← lab ← challenge ← ui ← cli
// A layer may import itself and any layer to its left. From outside src/sim only
// src/sim/index.ts is imported: the simulator's internals can change freely behind it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const LAYERS = [
  'sim',
  'lesson/format',
  'lesson/commands',
  'lesson/engine',
  'lesson/catalog',
  'progress',
  'quiz',
  'lab',
  'challenge',
  'ui',
  'cli',
] as const;
export type Layer = (typeof LAYERS)[number];

/** The layer of a path relative to src/ (`ui/player/player.tsx` → ui; `cli.ts` → cli). */
export function layerOf(srcRelative: string): Layer | undefined {
  const p = srcRelative.replaceAll('\\', '/');
  if (p === 'cli.ts') return 'cli';
  return [...LAYERS].sort((a, b) => b.length - a.length).find((l) => p.startsWith(`${l}/`));
}

export interface SourceFile {
  /** Path relative to src/. */
  path: string;
  text: string;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative import specifiers of a source text. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec?.startsWith('.')) out.push(spec);
  }
  return out;
}

/** Every import that breaks the rule, as `file → target: why`. */
export function layerViolations(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const from = layerOf(f.path);
    if (!from) {
      out.push(`${f.path}: not in any layer (${LAYERS.join(', ')})`);
      continue;
    }
    for (const spec of importsOf(f.text)) {
      const target = relative('/src', resolve('/src', dirname(f.path), spec)).replaceAll('\\', '/');
      const to = layerOf(target);
      // The CLI reads its version from the package manifest.
      if (!to && from === 'cli' && target === '../package.json') continue;
      if (!to) {
        out.push(`${f.path} → ${spec}: outside src/ layers`);
        continue;
      }
      if (LAYERS.indexOf(to) > LAYERS.indexOf(from))
        out.push(`${f.path} → ${target}: ${from} may not import ${to}`);
      else if (to === 'sim' && from !== 'sim' && target !== 'sim/index.js')
        out.push(`${f.path} → ${target}: only sim/index.ts is imported from outside sim`);
    }
  }
  return out;
}

/** Every .ts/.tsx file under src/. */
export function readSources(srcDir: string): SourceFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? walk(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
    );
  return walk(srcDir).map((file) => ({
    path: relative(srcDir, file).replaceAll('\\', '/'),
    text: readFileSync(file, 'utf8'),
  }));
}
