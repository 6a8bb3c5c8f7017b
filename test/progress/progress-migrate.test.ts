import { describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  isKnownVersion,
  MIGRATIONS,
  type Migration,
  migrate,
  PROGRESS_VERSIONS,
} from '../../src/progress/progress-migrate.js';

describe('progress versions and migrations', () => {
  it('the current version is the last listed, and every older one has a migration', () => {
    expect(PROGRESS_VERSIONS.at(-1)).toBe(CURRENT_VERSION);
    for (const v of PROGRESS_VERSIONS.slice(0, -1)) expect(MIGRATIONS[v]).toBeTypeOf('function');
  });

  it('knows versions 1..current only', () => {
    expect(isKnownVersion(1)).toBe(true);
    expect(isKnownVersion(CURRENT_VERSION + 1)).toBe(false);
    expect(isKnownVersion(0)).toBe(false);
    expect(isKnownVersion(1.5)).toBe(false);
  });

  it('leaves data at the current version unchanged', () => {
    const data = { version: CURRENT_VERSION, lessons: {} };
    expect(migrate(CURRENT_VERSION, data)).toBe(data);
  });

  it('chains migrations one version at a time', () => {
    const steps: Record<number, Migration> = {
      1: (d) => ({ ...d, version: 2, quiz: {} }),
      2: (d) => ({ ...d, version: 3, renamed: d.quiz }),
    };
    expect(migrate(1, { version: 1, lessons: {} }, 3, steps)).toEqual({
      version: 3,
      lessons: {},
      quiz: {},
      renamed: {},
    });
    expect(migrate(2, { version: 2, quiz: { q: 1 } }, 3, steps)).toEqual({
      version: 3,
      quiz: { q: 1 },
      renamed: { q: 1 },
    });
  });

  it('refuses a missing step, a step that forgets the version, and a newer source', () => {
    expect(() => migrate(1, { version: 1 }, 2, {})).toThrow(/no migration from progress version 1/);
    expect(() => migrate(1, { version: 1 }, 2, { 1: (d) => d })).toThrow(/did not produce 2/);
    expect(() => migrate(3, { version: 3 }, 2, {})).toThrow(RangeError);
  });
});
