// Where the curriculum's lessons/ folder is at run time. The CLI runs bundled (dist/cli.js,
// dist/chunks/*.js), tests run from src/, and an installed package sits in node_modules: in
// every case the package root is an ancestor of this module, recognisable by its
// package.json name, with lessons/ next to it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'replication-tutor';

/**
 * Overrides the lessons directory (tests, and authors trying a folder of drafts):
 * REPLICATION_TUTOR_LESSONS=/path/to/lessons replication-tutor list
 */
export const LESSONS_DIR_ENV = 'REPLICATION_TUTOR_LESSONS';

function isOurPackage(dir: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return pkg.name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The package root above `from` (a file URL): the nearest ancestor whose package.json is
 * ours and which has lessons/, else the nearest one that is ours (a package published before
 * any lesson existed has no lessons/), else undefined.
 */
export function findPackageRoot(from: string = import.meta.url): string | undefined {
  let dir = dirname(fileURLToPath(from));
  let firstOurs: string | undefined;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && isOurPackage(dir)) {
      if (isDir(join(dir, 'lessons'))) return dir;
      firstOurs ??= dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return firstOurs;
    dir = parent;
  }
}

/** The lessons directory: $REPLICATION_TUTOR_LESSONS, else the package's lessons/. */
export function lessonsDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[LESSONS_DIR_ENV];
  if (override !== undefined && override !== '') return resolve(override);
  const root = findPackageRoot();
  // Without a package root (a copied bundle) fall back to lessons/ beside the working dir,
  // which the caller reports as "no lessons found in ...".
  return join(root ?? process.cwd(), 'lessons');
}
