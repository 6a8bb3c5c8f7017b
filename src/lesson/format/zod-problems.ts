// Zod issues as problems at data paths, worded for a person: every file checked with zod
// schemas (lessons, question banks) reports through here, so its messages read the same.
import type { z } from 'zod';
import type { PathProblem } from './cross-check.js';
import type { PathSeg } from './positions.js';
import { formatPath, type Path } from './raw.js';
import { humanIssueMessage } from './schema-messages.js';
import { nearest } from './suggest.js';

type Issue = z.core.$ZodIssue;

/** safeParse options: the project's wording (schema-messages.ts), and the input for it. */
export const PARSE_OPTIONS = { error: humanIssueMessage, reportInput: true } as const;

export type SchemaCheck<T> =
  | { success: true; data: T }
  | { success: false; problems: PathProblem[] };

/** Checks `value` (found at data path `at`) against `schema`: its data, or its problems. */
export function checkSchema<S extends z.ZodType>(
  schema: S,
  value: unknown,
  at: readonly PathSeg[] = [],
): SchemaCheck<z.output<S>> {
  const parsed = schema.safeParse(value, PARSE_OPTIONS);
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, problems: zodProblems(parsed.error.issues, at) };
}

/**
 * Zod issues as problems at data paths (prefixed by `at`). An unknown key points at the key;
 * a union the input fits by type reports the problems of that branch; a required key that is
 * missing is not reported again when an unknown key beside it is its misspelling.
 */
export function zodProblems(issues: readonly Issue[], at: readonly PathSeg[] = []): PathProblem[] {
  return dropMisspeltMissing(fromZod(issues, [...at]));
}

function isPathSeg(s: PropertyKey): s is PathSeg {
  return typeof s === 'string' || typeof s === 'number';
}

/** A union branch the input fits by type: its problems are the interesting ones. */
function fittingBranch(branches: readonly Issue[][]): Issue[] | undefined {
  const fits = branches.filter(
    (b) =>
      !b.some(
        (i) =>
          i.path.length === 0 &&
          (i.code === 'invalid_type' || i.code === 'invalid_value' || i.code === 'invalid_union'),
      ),
  );
  return fits.length === 1 ? fits[0] : undefined;
}

interface SchemaProblem extends PathProblem {
  /** A required key that is absent. */
  missing?: boolean;
}

/**
 * `titel: ...` without `title`: the unknown key already says "did you mean "title"?", so the
 * "missing required key" report for the same map would only repeat it.
 */
function dropMisspeltMissing(problems: SchemaProblem[]): PathProblem[] {
  const parentOf = (p: Path) => formatPath(p.slice(0, -1));
  const missing = problems.filter((p) => p.missing);
  const misspelt = new Set<string>();
  for (const p of problems) {
    const key = p.path[p.path.length - 1];
    if (!p.atKey || typeof key !== 'string') continue;
    const siblings = missing.filter((m) => parentOf(m.path) === parentOf(p.path));
    const near = nearest(
      key,
      siblings.map((m) => String(m.path[m.path.length - 1])),
    );
    if (near !== undefined) misspelt.add(formatPath([...p.path.slice(0, -1), near]));
  }
  return problems
    .filter((p) => !(p.missing && misspelt.has(formatPath(p.path))))
    .map(({ missing: _, ...p }) => p);
}

function fromZod(issues: readonly Issue[], prefix: PathSeg[]): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const iss of issues) {
    const path = [...prefix, ...iss.path.filter(isPathSeg)];
    if (iss.code === 'unrecognized_keys') {
      // One message line per key (see strictMap), each pointed at its key.
      const lines = iss.message.split('\n');
      iss.keys.forEach((key, i) => {
        out.push({
          path: [...path, key],
          message: lines[i] ?? `unknown key "${key}"`,
          atKey: true,
        });
      });
    } else if (
      iss.input === undefined &&
      (iss.code === 'invalid_type' || iss.code === 'invalid_union')
    ) {
      out.push({ path, message: iss.message, missing: true });
    } else if (iss.code === 'invalid_union') {
      const branch = fittingBranch(iss.errors);
      if (branch) out.push(...fromZod(branch, path));
      else out.push({ path, message: iss.message });
    } else {
      out.push({ path, message: iss.message });
    }
  }
  return out;
}
