// Loading the learner's policy file (in the grading worker): an ES module (.mjs, or .js in
// an ES package) or CommonJS (.cjs), which must export the challenge's function. Every way
// it can fail is one line saying where and what was expected.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { Challenge } from '../../challenge/challenge.js';
import { describeThrown } from '../../challenge/policy-run.js';
import type { Policy } from '../../challenge/policy-types.js';

export class PolicyLoadError extends Error {}

function exported(mod: Record<string, unknown>, name: string): unknown {
  if (typeof mod[name] === 'function') return mod[name];
  const d = mod.default as Record<string, unknown> | undefined;
  return d && typeof d === 'object' ? d[name] : undefined;
}

export async function loadPolicy(file: string, challenge: Challenge): Promise<Policy> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw new PolicyLoadError(`${file}: ${loadFailure(err, file)}`);
  }
  const names = challenge.kind === 'router' ? ['route', 'observe'] : ['choose'];
  const required = names[0]!;
  const fn = exported(mod, required);
  if (typeof fn !== 'function') {
    const has = Object.keys(mod).filter((k) => k !== 'default');
    throw new PolicyLoadError(
      `${file}: no exported function "${required}" (${challenge.id} needs \`export function ${required}(...)\`; the file exports ${has.length ? has.join(', ') : 'nothing'})`,
    );
  }
  const observe = names[1] ? exported(mod, names[1]) : undefined;
  if (observe !== undefined && typeof observe !== 'function') {
    throw new PolicyLoadError(`${file}: "${names[1]}" is exported but is not a function`);
  }
  const policy: Record<string, unknown> = { [required]: fn };
  if (observe) policy.observe = observe;
  return policy as unknown as Policy;
}

/** Why an import failed, in one line: a syntax error with its line, or what the module threw. */
function loadFailure(err: unknown, file: string): string {
  if (err instanceof SyntaxError) {
    const line = syntaxErrorLine(file);
    // Node reads a .js file outside an ES package as CommonJS, where `export` is an error.
    const cjs =
      /\.c?js$/.test(file) && /export|import statement outside a module/.test(err.message)
        ? ' (this .js file is loaded as CommonJS: name it .mjs)'
        : '';
    return `syntax error${line ? ` on line ${line}` : ''}: ${err.message}${cjs}`;
  }
  const base = file.split(/[/\\]/).pop();
  return `loading it threw ${describeThrown(err, base)}`;
}

/**
 * The line of a syntax error. A failed import does not say where; `node --check` does, in
 * its first line (`/path/to/file.mjs:12`).
 */
function syntaxErrorLine(file: string): string | undefined {
  const r = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 5000 });
  return r.stderr?.split('\n')[0]?.match(/:(\d+)$/)?.[1];
}
