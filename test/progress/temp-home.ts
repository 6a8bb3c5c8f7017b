// Temp directories for progress tests, removed after each test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) {
    // Restore permissions a test may have taken away, or rm fails.
    fs.chmodSync(dir, 0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

export function tempHome(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-progress-'));
  made.push(dir);
  return dir;
}

/** Files in `dir`, sorted, for asserting what a save left behind. */
export function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
