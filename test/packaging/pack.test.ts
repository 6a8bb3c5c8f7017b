// Packs the tarball as npm would publish it, installs it offline into a temporary prefix
// (possible only because the bundle has no runtime dependencies) and runs the installed bin.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { repoRoot } from '../run-cli.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work = '';
let bin = '';
let packedFiles: string[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'rt-pack-'));
  // The global setup (test/global-setup.ts) built dist/; --ignore-scripts keeps prepack from
  // rebuilding it underneath tests that run in parallel.
  const out = execFileSync(
    npm,
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  const info = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const tarball = join(work, info[0]!.filename);
  packedFiles = info[0]!.files.map((f) => f.path);
  execFileSync(
    npm,
    [
      'install',
      '--global',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--prefix',
      join(work, 'prefix'),
      tarball,
    ],
    { cwd: work, encoding: 'utf8', stdio: 'pipe' },
  );
  bin = join(work, 'prefix', 'bin', 'replication-tutor');
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the published package', () => {
  it('declares no runtime dependencies', () => {
    const installed = JSON.parse(
      readFileSync(
        join(work, 'prefix', 'lib', 'node_modules', 'replication-tutor', 'package.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    expect(installed.dependencies).toBeUndefined();
    expect(installed.engines).toEqual({ node: '20 || 22 || >=24' });
  });

  it('ships the bundle and the lessons, not the sources', () => {
    expect(packedFiles).toContain('dist/cli.js');
    expect(packedFiles.some((f) => f.startsWith('src/'))).toBe(false);
    expect(packedFiles.some((f) => f.startsWith('test/'))).toBe(false);
  });

  it('runs --version and --help from the installed bin', () => {
    const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(pkg.version);
    const h = spawnSync(bin, ['--help'], { encoding: 'utf8' });
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('Usage: replication-tutor');
  });
});
