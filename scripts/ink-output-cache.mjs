// An esbuild plugin that lets Ink's Output keep its caches from one frame to the next.
//
// Ink 6 builds a new Output, with new caches, for every frame, so every frame splits every
// line on screen into styled characters and measures each character's width again: most of
// the cost of a frame, although most lines did not change. The caches hold only immutable
// values keyed by the text (styled characters of a line, widths of strings), so sharing them
// across frames changes nothing on screen. They are bounded: a frame that starts with any
// of the three caches past its limit starts them all over, so between frames they hold at
// most the limit plus what one frame added. The bundle (scripts/build.mjs) and the
// benchmarks (bench/run.mjs) both apply it. It was written for Ink 6.8.0, the version
// package.json pins; an Ink without the expected lines fails the build rather than silently
// losing the patch.
import { readFile } from 'node:fs/promises';

const PER_FRAME = 'caches = new OutputCaches();';
/** What the patch relies on: the per-frame caches and the three maps it bounds. */
const EXPECTED = [
  PER_FRAME,
  'class OutputCaches',
  'widths = new Map();',
  'blockWidths = new Map();',
  'styledChars = new Map();',
];
/** Lines of styled characters kept (about 4 KB each at 80 columns). */
export const MAX_LINES = 1000;
/** Measured strings kept (single characters and whole lines). */
export const MAX_WIDTHS = 20000;
/** Widest lines of whole text blocks kept (a block is a Text's text, lines and all). */
export const MAX_BLOCKS = 1000;

/** Ink's output.js with its caches shared between frames. Throws if Ink changed. */
export function patchInkOutput(source) {
  const missing = EXPECTED.find((line) => !source.includes(line));
  if (missing !== undefined) {
    throw new Error(
      `ink/build/output.js no longer contains "${missing}": review scripts/ink-output-cache.mjs for this Ink version`,
    );
  }
  return `${source.replace(PER_FRAME, 'caches = sharedOutputCaches();')}
let sharedCaches;
function sharedOutputCaches() {
    if (sharedCaches === undefined ||
        sharedCaches.styledChars.size > ${MAX_LINES} ||
        sharedCaches.widths.size > ${MAX_WIDTHS} ||
        sharedCaches.blockWidths.size > ${MAX_BLOCKS}) {
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
