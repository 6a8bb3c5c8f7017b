// From a data path (steps[3].read.from) back to a line and column in the YAML source.
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
} from 'yaml';
import { safeText } from './terminal-text.js';
import type { SourcePos } from './types.js';

export type PathSeg = string | number;

export class SourceMap {
  /** Each map's pairs by key, built on first use: a map of 50,000 keys is located in O(1). */
  private readonly byKey = new WeakMap<object, Map<string, Pair>>();

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  private pairOf(map: { items: Pair[] }, key: string): Pair | undefined {
    let index = this.byKey.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) {
        const k = keyText(p.key);
        // The first of equal keys, as a linear search would find it.
        if (k !== undefined && !index.has(k)) index.set(k, p);
      }
      this.byKey.set(map, index);
    }
    return index.get(key);
  }

  /** Line and column of a source offset (both 1-based). */
  posOf(offset: number): SourcePos {
    const { line, col } = this.lines.linePos(offset);
    return { line, col };
  }

  private nodePos(node: Node | null | undefined): SourcePos | undefined {
    const start = node?.range?.[0];
    return start === undefined ? undefined : this.posOf(start);
  }

  private deref(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  /**
   * Where the value at `path` starts; with `atKey`, where its key starts. A path that leaves
   * the document (a missing key) resolves to the deepest part that exists: the enclosing map.
   */
  locate(path: readonly PathSeg[], atKey = false): SourcePos {
    let node: unknown = this.doc.contents;
    let best = this.nodePos(node as Node | null) ?? { line: 1, col: 1 };
    for (const [i, seg] of path.entries()) {
      node = this.deref(node);
      let pair: Pair | undefined;
      if (isMap(node)) {
        pair = this.pairOf(node, String(seg));
        if (!pair) return best;
        if (atKey && i === path.length - 1) return this.nodePos(pair.key as Node) ?? best;
        const value = pair.value as Node | null;
        // `key:` with nothing after it: point at the key, not at the empty spot after it.
        const empty = value === null || (isScalar(value) && value.value === null && !value.source);
        node = value;
        best = (empty ? this.nodePos(pair.key as Node) : this.nodePos(value)) ?? best;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        if (node === undefined) return best;
        best = this.nodePos(node as Node) ?? best;
      } else {
        return best;
      }
    }
    return best;
  }
}

/** A key as the loaded data has it: made safe to print (terminal-text.ts). */
function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return safeText(String(key.value));
  return typeof key === 'string' ? safeText(key) : undefined;
}
