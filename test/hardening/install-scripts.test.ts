// A fresh clone installs quietly: npm 11 blocks a dependency's install script unless
// package.json's allowScripts covers it, and warns about every one it blocked. So every locked
// package with an install script must be approved (true) or denied on purpose (false).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../run-cli.js';

interface LockedPackage {
  version?: string;
  hasInstallScript?: boolean;
}

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

/** `node_modules/@scope/name` → `@scope/name`. */
function nameOf(lockPath: string): string {
  return lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

describe('install scripts', () => {
  it('every locked package with one is approved or denied in allowScripts', () => {
    const allow = pkg.allowScripts ?? {};
    const covered = (name: string, version: string | undefined) =>
      Object.hasOwn(allow, name) ||
      (version !== undefined && Object.hasOwn(allow, `${name}@${version}`));
    const withScripts = Object.entries(lock.packages)
      .filter(([p, v]) => p !== '' && v.hasInstallScript)
      .map(([p, v]) => ({ name: nameOf(p), version: v.version }));
    expect(withScripts.map((p) => p.name)).toContain('esbuild');
    expect(withScripts.filter((p) => !covered(p.name, p.version))).toEqual([]);
  });

  it('esbuild, which the build needs, is approved rather than denied', () => {
    expect(pkg.allowScripts?.esbuild).toBe(true);
  });
});
