// Tolerant readers for the raw YAML data. Cross-checks run even when the schema failed, so
// they must read whatever is there without assuming any shape.

export type Path = (string | number)[];
export type RawMap = Record<string, unknown>;

export function asMap(v: unknown): RawMap | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as RawMap) : undefined;
}

export function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** `steps[3].read.from` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z0-9_$-]+$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
