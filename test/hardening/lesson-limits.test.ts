// Resource limits checked at load time: each reproducer is a tiny lesson that used to hang
// `validate` or eat gigabytes; now it is one located line naming the limit and the step.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  estimateLesson,
  MAX_ESTIMATED_EVENTS,
  MAX_LESSON_MS,
  MAX_NODES,
  MAX_OPERATIONS,
} from '../../src/lesson/format/limits.js';
import { formatProblem, loadLessonFile, parseLessonText } from '../../src/lesson/format/load.js';

const FILE = 'lessons/x.yaml';

function lesson(opts: { nodes?: string[]; failover?: string; dataSize?: string; steps: string[] }) {
  const nodes = opts.nodes ?? [
    '    - {id: db1, role: leader}',
    '    - {id: db2, role: follower, lag: 100ms}',
  ];
  return [
    'id: limits',
    'title: Limits',
    'cluster:',
    ...(opts.dataSize ? [`  dataSize: ${opts.dataSize}`] : []),
    ...(opts.failover ? [`  failover: ${opts.failover}`] : []),
    '  nodes:',
    ...nodes,
    'clients:',
    '  - {id: app}',
    'steps:',
    '  - say: Hello.',
    ...opts.steps.map((s) => `  - ${s}`),
    '',
  ].join('\n');
}

function errorsOf(text: string): string[] {
  const r = parseLessonText(text, FILE);
  if (r.ok) return [];
  return r.errors.map(formatProblem);
}

function followers(n: number): string[] {
  return [
    '    - {id: db1, role: leader}',
    ...Array.from({ length: n }, (_, i) => `    - {id: f${i}, role: follower}`),
  ];
}

describe('load-time limits', () => {
  it.each([1_000, 10_000])('refuses %i nodes at cluster.nodes, once', (n) => {
    const errors = errorsOf(lesson({ nodes: followers(n), steps: [] }));
    expect(errors).toEqual([
      `${FILE}:5:5: cluster.nodes: ${(n + 1).toLocaleString('en-US')} nodes; a cluster may have at most ${MAX_NODES}`,
    ]);
  });

  it('accepts exactly the node limit and refuses an addFollower past it at that step', () => {
    expect(errorsOf(lesson({ nodes: followers(MAX_NODES - 1), steps: [] }))).toEqual([]);
    const errors = errorsOf(
      lesson({
        nodes: followers(MAX_NODES - 1),
        steps: ['addFollower: {id: extra, rate: 100MB/s}'],
      }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^lessons\/x\.yaml:\d+:18: steps\[1\]\.addFollower: the cluster reaches 65 nodes here; a cluster may have at most 64$/,
    );
  });

  it('refuses 100k workload clients, naming the step and the clients key', () => {
    const errors = errorsOf(
      lesson({ steps: ['workload: {clients: 100000, duration: 60s, writes: 0.5}'] }),
    );
    expect(errors).toEqual([
      `${FILE}:11:15: steps[1].workload: 100,000 clients × 5/s × 1min is 3e7 operations; a lesson may generate at most 200,000`,
      `${FILE}:11:25: steps[1].workload.clients: 100,000 clients; a workload may have at most 1,000`,
    ]);
  });

  it('refuses a 1M/s rate by its total operations', () => {
    const errors = errorsOf(
      lesson({ steps: ['workload: {clients: 10, duration: 60s, writes: 0.5, rate: 1000000/s}'] }),
    );
    expect(errors).toEqual([
      `${FILE}:11:15: steps[1].workload: 1M/s × 1min is 6e7 operations; a lesson may generate at most ${MAX_OPERATIONS.toLocaleString('en-US')}`,
    ]);
  });

  it('refuses 1e9 keys', () => {
    const errors = errorsOf(
      lesson({ steps: ['workload: {clients: 2, duration: 1s, writes: 0.5, keys: 1000000000}'] }),
    );
    expect(errors).toEqual([
      `${FILE}:11:61: steps[1].workload.keys: 1e9 keys; a workload may use at most 1,000,000`,
    ]);
  });

  it('refuses a wait of ten years with a 1 ms heartbeat (duration and estimated events)', () => {
    const errors = errorsOf(
      lesson({ failover: '{auto: true, heartbeat: 1ms, timeout: 5s}', steps: ['wait: 3650d'] }),
    );
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe(
      `${FILE}:12:11: steps[1].wait: a wait of 10 years; a lesson may cover at most 30 days of virtual time`,
    );
    expect(errors[1]).toMatch(
      /^lessons\/x\.yaml:12:11: steps\[1\]\.wait: 10 years with a 1ms heartbeat to 1 follower\(s\) is about 9\.5e11 events; a lesson may take at most 3,000,000 simulator events$/,
    );
  });

  it('refuses a 1 ms heartbeat over a lawful span by its event count alone', () => {
    const errors = errorsOf(
      lesson({ failover: '{auto: true, heartbeat: 1ms, timeout: 5s}', steps: ['wait: 1h'] }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('steps[1].wait: 1h with a 1ms heartbeat');
  });

  it('refuses a restore of petabytes at 1 B/day by how long it takes', () => {
    const errors = errorsOf(
      lesson({
        dataSize: '5PB',
        steps: ['backup: {from: db1}', 'restore: {node: db2, from: latest-backup, rate: 1B/d}'],
      }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^lessons\/x\.yaml:13:\d+: steps\[2\]\.restore\.rate: restoring 5\.63PB at 1B\/day takes 1\.5e13 years; a lesson may cover at most 30 days of virtual time$/,
    );
  });

  it('counts workloads together and reports the step that crosses the cap', () => {
    const w = 'workload: {clients: 100, duration: 100s, writes: 0.1, rate: 800/s}';
    const errors = errorsOf(lesson({ steps: [w, w, w] }));
    expect(errors).toEqual([
      `${FILE}:13:15: steps[3].workload: the lesson's workloads reach 240,000 operations here; a lesson may generate at most 200,000`,
    ]);
  });

  it('refuses a 15 KB file of large workloads with a handful of lines, not thousands', () => {
    const steps: string[] = [];
    while (steps.join('\n').length < 15_000)
      steps.push('workload: {clients: 1000, duration: 30d, writes: 0.9, rate: 100000/s}');
    const text = lesson({ steps });
    expect(text.length).toBeGreaterThan(15_000);
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThanOrEqual(4);
    for (const e of errors) expect(e).toMatch(/^lessons\/x\.yaml:\d+:\d+: steps\[\d+\]\.workload/);
  });

  it('estimates a workload by its rate × duration', () => {
    const one = lesson({
      steps: ['workload: {clients: 100, duration: 100s, writes: 0.1, rate: 500/s}'],
    });
    const r = parseLessonText(one, FILE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(estimateLesson(r.lesson).operations).toBe(50_000);
  });

  it('leaves every shipped lesson well inside every limit', async () => {
    const dir = join(import.meta.dirname, '../../lessons');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const r = await loadLessonFile(join(dir, f));
      expect(r.ok, f).toBe(true);
      if (!r.ok) continue;
      const e = estimateLesson(r.lesson);
      expect(e.operations, f).toBeLessThanOrEqual(MAX_OPERATIONS / 4);
      expect(e.events, f).toBeLessThanOrEqual(MAX_ESTIMATED_EVENTS / 4);
      expect(e.virtualMs, f).toBeLessThanOrEqual(MAX_LESSON_MS / 4);
      expect(e.nodes, f).toBeLessThanOrEqual(MAX_NODES / 4);
    }
  });
});
