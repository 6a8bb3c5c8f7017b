// The bare command asks whether this is a first run before its first frame: with no
// progress file it opens the store (and loads its schema) only after the menu is drawn.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { noProgressYet } from '../../src/cli/first-run.js';

const saved = process.env.REPLICATION_TUTOR_HOME;
afterEach(() => {
  if (saved === undefined) delete process.env.REPLICATION_TUTOR_HOME;
  else process.env.REPLICATION_TUTOR_HOME = saved;
});

describe('noProgressYet', () => {
  it('is true for a home without progress.json (or no home directory yet), false with one', () => {
    const home = mkdtempSync(join(tmpdir(), 'rt-first-run-'));
    process.env.REPLICATION_TUTOR_HOME = join(home, 'not-created-yet');
    expect(noProgressYet()).toBe(true);
    mkdirSync(join(home, 'data'));
    process.env.REPLICATION_TUTOR_HOME = join(home, 'data');
    expect(noProgressYet()).toBe(true);
    writeFileSync(join(home, 'data', 'progress.json'), '{}');
    expect(noProgressYet()).toBe(false);
  });
});
