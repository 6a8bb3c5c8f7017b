// Code challenge passes in progress.json: recorded without touching the rest, and the file
// stays readable both ways — an old file (no `challenges`) loads, and a file a newer build
// wrote (fields this build does not know) is neither moved aside nor trimmed on save.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderProgress } from '../../src/cli/progress-command.js';
import { parseProgress } from '../../src/progress/progress-file.js';
import { openProgress } from '../../src/progress/progress-store.js';
import { tempHome } from './temp-home.js';

const clock = () => new Date('2026-03-04T05:06:07.000Z');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('challenge progress', () => {
  it('records a pass and keeps lessons and quiz as they were', () => {
    const home = tempHome();
    const { store } = openProgress({ home, now: clock });
    store.startLesson('lost-tweet', { max: 3 });
    store.recordChallengePass('monotonic-reads', 1000);
    const saved = readJson(store.path);
    expect(saved.challenges).toEqual({
      'monotonic-reads': { passedAt: '2026-03-04T05:06:07.000Z', seeds: 1000 },
    });
    expect(saved.lessons['lost-tweet'].status).toBe('in-progress');
    const again = openProgress({ home }).store;
    expect(Object.keys(again.challenges())).toEqual(['monotonic-reads']);
    expect(renderProgress(again)).toContain('Code challenges passed: monotonic-reads');
  });

  it('loads version 1 and version 2 files written before challenges existed', () => {
    const v1 = parseProgress(
      JSON.stringify({ version: 1, updatedAt: '2025-01-01T10:00:00.000Z', lessons: {} }),
    );
    expect(v1.kind).toBe('ok');
    const v2 = parseProgress(
      JSON.stringify({
        version: 2,
        updatedAt: '2025-01-01T10:00:00.000Z',
        lessons: {},
        quiz: { cards: {}, drills: [] },
      }),
    );
    expect(v2.kind === 'ok' && v2.data.challenges).toBeUndefined();
  });

  it('keeps what a newer build added, at the top and inside a challenge record', () => {
    const home = tempHome();
    const file = path.join(home, 'progress.json');
    const newer = {
      version: 2,
      updatedAt: '2026-01-01T10:00:00.000Z',
      lessons: {},
      quiz: { cards: {}, drills: [] },
      sandbox: { saved: ['a'] },
      challenges: {
        'failover-candidate': { passedAt: '2026-01-01T10:00:00.000Z', seeds: 1000, best: 3 },
      },
    };
    fs.writeFileSync(file, JSON.stringify(newer));
    const { store, warnings } = openProgress({ home, now: clock });
    expect(warnings).toEqual([]);
    store.recordChallengePass('monotonic-reads', 1000);
    const saved = readJson(file);
    expect(saved.sandbox).toEqual({ saved: ['a'] });
    expect(saved.challenges['failover-candidate'].best).toBe(3);
    expect(Object.keys(saved.challenges).sort()).toEqual(['failover-candidate', 'monotonic-reads']);
    expect(
      fs.readdirSync(home).filter((f) => f.includes('corrupt') || f.includes('unusable')),
    ).toEqual([]);
  });

  it('still calls a challenge record of the wrong shape corrupt', () => {
    const bad = parseProgress(
      JSON.stringify({
        version: 2,
        updatedAt: '2025-01-01T10:00:00.000Z',
        lessons: {},
        quiz: { cards: {}, drills: [] },
        challenges: { x: { passedAt: 'yesterday', seeds: 1 } },
      }),
    );
    expect(bad.kind === 'corrupt' && bad.reason).toMatch(/wrong shape, challenges\.x\.passedAt/);
  });
});
