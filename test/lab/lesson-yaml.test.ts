import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  clientToRaw,
  clusterToRaw,
  formatCountRate,
  formatDuration,
  formatSize,
  formatSizeRate,
  stepToRaw,
} from '../../src/lab/save/lesson-yaml.js';
import { loadCatalog } from '../../src/lesson/catalog/catalog.js';
import { stepOf } from '../../src/lesson/commands/step-of.js';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import type { Step } from '../../src/lesson/format/types.js';
import { parseCountRate, parseSizeRate } from '../../src/lesson/format/units.js';
import { repoRoot } from '../run-cli.js';

/** Every step that acts on the cluster, nested ones included. */
function actionSteps(steps: readonly Step[]): Step[] {
  return steps.flatMap((s): Step[] => {
    // A task is not an action: a session opened after one replays its solution's steps.
    if (s.kind === 'say' || s.kind === 'quiz' || s.kind === 'experiment' || s.kind === 'task')
      return [];
    if (s.kind === 'predict') return actionSteps([s.run]);
    if (s.kind === 'choose')
      return s.form === 'action' ? s.choices.flatMap((c) => actionSteps(c.do ?? [])) : [];
    return [s];
  });
}

/** A step without what only the file position or the author's notes give it. */
function bare(s: Step): Record<string, unknown> {
  const {
    label: _l,
    pos: _p,
    id: _i,
    expect: _e,
    expectPos: _x,
    note: _n,
    hint: _h,
    ...rest
  } = s as Step & { expectPos?: unknown };
  return rest;
}

describe('lesson data back to lesson YAML', () => {
  it('writes units an author would, and only spellings that read back exactly', () => {
    expect(formatDuration(6 * 3_600_000)).toBe('6h');
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(1500)).toBe('1500ms');
    expect(formatDuration(-2000)).toBe('-2s');
    expect(formatSize(4 * 1024 ** 3)).toBe('4GB');
    expect(formatSize(1536)).toBe('1536B');
    for (const text of ['600GB/h', '100MB/s', '1GB/s', '50MB/s', '10KB/s']) {
      expect(formatSizeRate(parseSizeRate(text))).toBe(text);
    }
    expect(formatSizeRate(parseSizeRate('3.5MB/s'))).toBe('3584KB/s');
    for (const rate of [1 / 3, 0.000_123_456_789, 178_956.970_666_666_66, 1e-9]) {
      expect(parseSizeRate(formatSizeRate(rate))).toBe(rate);
    }
    expect(formatCountRate(parseCountRate('500/s'))).toBe('500/s');
    expect(parseCountRate(formatCountRate(7 / 3))).toBe(7 / 3);
  });

  it('round-trips the cluster, clients and every action step of every shipped lesson', async () => {
    const catalog = await loadCatalog();
    expect(catalog.lessons.length).toBeGreaterThan(3);
    for (const { lesson } of catalog.lessons) {
      const steps = actionSteps(lesson.steps);
      const data = {
        id: lesson.id,
        title: lesson.title,
        cluster: clusterToRaw(lesson.cluster),
        clients: lesson.clients.map(clientToRaw),
        steps: [{ say: 'x' }],
      };
      const r = parseLessonText(stringify(data), `${lesson.id}.yaml`);
      if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
      expect(r.lesson.cluster, lesson.id).toEqual(lesson.cluster);
      expect(r.lesson.clients, lesson.id).toEqual(lesson.clients);
      for (const s of steps) {
        expect(bare(stepOf(stepToRaw(s))), `${lesson.id} ${s.label}`).toEqual(bare(s));
      }
    }
  });

  it('writes a sharded cluster back as shards, each with its own nodes', () => {
    const file = 'test/fixtures/valid/shards.yaml';
    const r0 = parseLessonText(readFileSync(join(repoRoot, file), 'utf8'), file);
    if (!r0.ok) throw new Error(r0.errors.map(formatProblem).join('\n'));
    const raw = clusterToRaw(r0.lesson.cluster);
    expect(raw.nodes).toBeUndefined();
    expect(raw.shards).toEqual([
      {
        id: 's1',
        keys: ['question', 'q-*'],
        nodes: [
          { id: 's1-leader', role: 'leader' },
          { id: 's1-replica', role: 'follower', lag: '10s' },
        ],
      },
      {
        id: 's2',
        keys: ['answer'],
        nodes: [
          { id: 's2-leader', role: 'leader' },
          { id: 's2-replica', role: 'follower', lag: '100ms' },
        ],
      },
    ]);
    const data = { id: 'x', title: 'X', cluster: raw, steps: [{ say: 'x' }] };
    const r = parseLessonText(stringify(data), 'x.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
    expect(r.lesson.cluster).toEqual(r0.lesson.cluster);
  });
});
