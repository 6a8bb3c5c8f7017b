// An esbuild plugin that lets Ink's Output keep its caches from one frame to the next.
//
// Ink 6 builds a new Output, with new caches, for every frame, so every frame splits every
// line on screen into styled characters and measures each character's width again: most of
// the cost of a frame, although most lines did not change. The caches hold only immutable
// values keyed by the text (styled characters of a line, widths of strings), so sharing them
// across frames changes nothing on screen. They are bounded: past the limits they start
// over. The bundle (scripts/build.mjs) and the benchmarks (bench/run.mjs) both apply it; a
// newer Ink without the expected line fails the build rather than silently losing it.
import { readFile } from 'node:fs/promises';

const PER_FRAME = 'caches = new OutputCaches();';
/** Lines of styled characters kept (about 4 KB each at 80 columns). */
export const MAX_LINES = 1000;
/** Measured strings kept (single characters and whole lines). */
export const MAX_WIDTHS = 20000;

/** Ink's output.js with its caches shared between frames. Throws if Ink changed. */
export function patchInkOutput(source) {
  if (!source.includes(PER_FRAME) || !source.includes('class OutputCaches')) {
    throw new Error(
      `ink/build/output.js no longer contains "${PER_FRAME}": review scripts/ink-output-cache.mjs for this Ink version`,
    );
  }
  return `${source.replace(PER_FRAME, 'caches = sharedOutputCaches();')}
let sharedCaches;
function sharedOutputCaches() {
    if (sharedCaches === undefined ||
        sharedCaches.styledChars.size > ${MAX_LINES} ||
        sharedCaches.widths.size > ${MAX_WIDTHS}) {
        sharedCaches = new OutputCaches();
    }
    return sharedCaches;
}
`;
}

export function inkOutputCache() {
  return {
    name: 'ink-output-cache',
    setup(build) {
      build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, async (args) => ({
        contents: patchInkOutput(await readFile(args.path, 'utf8')),
        loader: 'js',
      }));
    },
  };
}
