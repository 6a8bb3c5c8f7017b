// Valid lessons come out normalised: units converted, defaults applied, steps tagged by kind,
// labelled and placed in the file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, loadLessonFile, parseLessonText } from '../../src/lesson/format/load.js';
import type { Lesson, Step } from '../../src/lesson/format/types.js';
import { repoRoot } from '../run-cli.js';

function load(name: string): Lesson {
  const file = `test/fixtures/valid/${name}`;
  const r = parseLessonText(readFileSync(join(repoRoot, file), 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.lesson;
}

function stepWith<K extends Step['kind']>(lesson: Lesson, label: string, kind: K) {
  const step = lesson.steps.find((s) => s.label === label);
  if (step?.kind !== kind) throw new Error(`no ${kind} step ${label}`);
  return step as Extract<Step, { kind: K }>;
}

describe('a minimal lesson', () => {
  it('gets every default', () => {
    expect(load('minimal.yaml')).toEqual({
      file: 'test/fixtures/valid/minimal.yaml',
      id: 'minimal',
      title: 'Minimal',
      order: 1000,
      topics: [],
      minutes: 5,
      summary: '',
      objectives: [],
      seed: 1,
      cluster: {
        topology: 'leader',
        mode: 'async',
        minAcks: 1,
        ackOn: 'receive',
        onTimeout: 'unknown',
        log: 'row',
        clientLatency: 1,
        clientTimeout: 10_000,
        dataSize: 0,
        nodes: [
          { id: 'primary', role: 'leader' },
          { id: 'replica-1', role: 'follower' },
        ],
      },
      clients: [],
      steps: [{ kind: 'say', text: 'Hello.', label: '#0', pos: { line: 10, col: 5 } }],
    });
  });

  it('is valid but warned about against the curriculum rules', () => {
    const file = 'test/fixtures/valid/minimal.yaml';
    const r = parseLessonText(readFileSync(join(repoRoot, file), 'utf8'), file);
    expect(r.warnings.map(formatProblem)).toEqual([
      `${file}:1:1: objectives: no objectives: say what the learner can do afterwards`,
      `${file}:10:3: steps: no predict, choose or task step: let the learner act on the cluster, not only read`,
      `${file}:10:3: steps: 0 quiz steps; a lesson should have at least two`,
    ]);
  });
});

describe('a lesson with every step kind', () => {
  const lesson = load('full.yaml');

  it('has no curriculum warnings', () => {
    const file = 'test/fixtures/valid/full.yaml';
    const r = parseLessonText(readFileSync(join(repoRoot, file), 'utf8'), file);
    expect(r.warnings).toEqual([]);
  });

  it('converts the cluster: units, replica → follower, failover defaults', () => {
    const c = lesson.cluster;
    expect(c).toMatchObject({
      mode: 'semi-sync',
      ackOn: 'apply',
      ackTimeout: 5000,
      onTimeout: 'degrade',
      log: 'statement',
      retain: 1000,
      clientLatency: 2,
      clientTimeout: 3000,
      dataSize: 4 * 1024 ** 3,
      failover: { auto: true, heartbeat: 1000, timeout: 10_000, fencing: true, quorum: false },
    });
    expect(c.nodes[1]).toEqual({
      id: 'replica-1',
      role: 'follower',
      lag: 2000,
      replay: 500,
      throughput: 500,
      sync: true,
      clockSkew: -250,
    });
    expect(c.nodes[2]).toMatchObject({ lag: { min: 1000, max: 3000 }, upstream: 'replica-1' });
  });

  it('fills client defaults', () => {
    expect(lesson.clients).toEqual([
      { id: 'you', user: 'you', policy: 'read-your-writes', memory: 'user' },
      {
        id: 'phone',
        user: 'alice',
        policy: 'window-after-write',
        window: 60_000,
        memory: 'device',
      },
    ]);
  });

  it('uses every step kind', () => {
    const kinds = new Set(lesson.steps.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(
      [
        'say',
        'write',
        'read',
        'wait',
        'until',
        'crash',
        'restart',
        'pause',
        'partition',
        'heal',
        'set',
        'promote',
        'wipe',
        'backup',
        'restore',
        'addFollower',
        'workload',
        'quiz',
        'predict',
        'choose',
        'experiment',
      ].sort(),
    );
  });

  it('labels steps by id or index and keeps their positions', () => {
    expect(lesson.steps.slice(0, 3).map((s) => [s.label, s.pos])).toEqual([
      ['#0', { line: 50, col: 5 }],
      ['w1', { line: 52, col: 5 }],
      ['#2', { line: 56, col: 5 }],
    ]);
    expect(stepWith(lesson, 'w1', 'write').expectPos).toEqual({ line: 55, col: 13 });
  });

  it('normalises writes: size, SQL functions, autoId, txnTime, background', () => {
    expect(stepWith(lesson, 'w1', 'write')).toMatchObject({
      client: 'you',
      key: 'tweet',
      value: 'Hello at NOW()',
      functions: ['NOW'],
      size: 2048,
      autoId: true,
      txnTime: 50,
      background: false,
      expect: { ok: true, lsn: 1 },
    });
    expect(stepWith(lesson, '#2', 'write')).toMatchObject({
      client: 'you',
      value: 1,
      size: 1024,
      via: 'primary',
      background: true,
    });
  });

  it('defaults a read to the client "you" routed by policy', () => {
    expect(stepWith(lesson, '#4', 'read')).toMatchObject({ client: 'you', from: 'route' });
    expect(stepWith(lesson, '#3', 'read').expect).toEqual({
      stale: true,
      value: null,
      latency: { max: 10 },
    });
  });

  it('converts timed steps to ms and sizes/rates to bytes per ms', () => {
    expect(stepWith(lesson, '#5', 'wait').duration).toBe(3000);
    expect(stepWith(lesson, '#6', 'until')).toMatchObject({
      node: 'replica-2',
      caughtUp: true,
      max: 30_000,
    });
    expect(stepWith(lesson, '#9', 'pause')).toMatchObject({ node: 'primary', duration: 12_000 });
    expect(stepWith(lesson, '#16', 'backup')).toMatchObject({
      from: 'replica-1',
      backupId: 'nightly',
      fails: false,
      bytesPerMs: (100 * 1024 ** 2) / 1000,
    });
    expect(stepWith(lesson, '#18', 'restore')).toMatchObject({
      node: 'primary',
      from: 'nightly',
      bytesPerMs: (600 * 1024 ** 3) / 3_600_000,
      background: true,
    });
    expect(stepWith(lesson, '#19', 'addFollower')).toMatchObject({
      node: 'replica-3',
      bytesPerMs: (100 * 1024 ** 2) / 1000,
      lag: 1000,
    });
  });

  it('splits set into node, cluster and failover parameters', () => {
    expect(stepWith(lesson, '#12', 'set')).toMatchObject({
      node: 'replica-1',
      nodeParams: { lag: 10_000, upstream: null },
      clusterParams: {},
      failoverParams: {},
    });
    expect(stepWith(lesson, '#13', 'set')).toMatchObject({
      clusterParams: { mode: 'sync' },
      failoverParams: { timeout: 5000 },
      nodeParams: {},
    });
  });

  it('gives workloads and experiments one workload shape', () => {
    expect(stepWith(lesson, '#20', 'workload').workload).toEqual({
      clients: 50,
      duration: 60_000,
      writes: 0.2,
      readAfterWrite: 0,
      policy: 'sticky',
      countPerMs: 0.5,
      size: 1024,
    });
    expect(stepWith(lesson, '#26', 'experiment')).toMatchObject({
      workload: { clients: 100, readAfterWrite: 0.5, policy: 'leader' },
      policies: ['leader', 'random', 'read-your-writes', 'sticky'],
      measure: ['anomalies', 'leaderLoad', 'p99'],
    });
  });

  it('exposes the choices of interactive steps uniformly', () => {
    const q1 = stepWith(lesson, 'q1', 'quiz');
    expect(q1).toMatchObject({
      prompt: 'Why?',
      choices: [{ label: 'Because' }, { label: 'Because not' }, { label: 'Who knows' }],
      answer: [1],
      multiple: false,
      explain: 'Lag.',
      hint: 'Look at LSNs.',
    });
    expect(stepWith(lesson, 'q2', 'quiz')).toMatchObject({ answer: [0, 2], multiple: true });

    const p1 = stepWith(lesson, 'p1', 'predict');
    expect(p1.choices).toEqual([
      { label: 'Hello', expect: { value: 'Hello' } },
      { label: 'Nothing', expect: { value: null } },
    ]);
    expect(p1.answer).toBeUndefined();
    expect(p1.run).toMatchObject({ kind: 'read', from: 'replica-3', label: 'p1.then' });
    expect(p1.run.pos).toEqual({ line: 98, col: 13 });
  });

  it('defaults routing options to every node known at that step', () => {
    const c1 = stepWith(lesson, 'c1', 'choose');
    expect(c1).toMatchObject({
      form: 'route',
      client: 'you',
      op: { kind: 'read', key: 'tweet' },
      goal: 'read-your-writes',
      prefer: 'replica',
    });
    // replica-3 was added by the addFollower step before it.
    expect(c1.choices.map((c) => c.node)).toEqual([
      'primary',
      'replica-1',
      'replica-2',
      'replica-3',
    ]);
  });

  it('turns action options into choices with nested, labelled steps', () => {
    const c2 = stepWith(lesson, 'c2', 'choose');
    if (c2.form !== 'action') throw new Error('expected an action choice');
    expect(c2.goal).toEqual({ lost: 0 });
    expect(c2.choices.map((c) => c.label)).toEqual(['db1 (primary)', 'db2 (secondary)']);
    const second = c2.choices[1]?.do ?? [];
    expect(second.map((s) => [s.kind, s.label, s.pos.line])).toEqual([
      ['wipe', 'c2.options[1].do[0]', 113],
      ['read', 'c2-check', 114],
    ]);
  });
});

describe('reading files', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'rt-load-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('loads from disk and reports positions with the given path', async () => {
    const r = await loadLessonFile(join(repoRoot, 'test/fixtures/broken/unknown-node-read.yaml'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.line).toBe(16);
  });

  it('refuses a file over 512 KiB without parsing it', async () => {
    const file = join(tmp, 'huge.yaml');
    writeFileSync(file, `id: huge\nsummary: "${'x'.repeat(600 * 1024)}"\n`);
    const r = await loadLessonFile(file);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map(formatProblem)).toEqual([
        `${file}: file too large (601 KiB; a lesson file may be at most 512 KiB)`,
      ]);
    }
  });

  it('says in one line when a file cannot be read', async () => {
    const missing = join(tmp, 'nope.yaml');
    const r = await loadLessonFile(missing);
    expect(r.ok ? [] : r.errors.map(formatProblem)).toEqual([
      `${missing}: cannot read: no such file`,
    ]);
    const asDir = await loadLessonFile(tmp);
    expect(asDir.ok ? [] : asDir.errors.map(formatProblem)).toEqual([
      `${tmp}: cannot read: it is a directory, not a lesson file`,
    ]);
  });

  it('exposes a locator for any data path of a loaded lesson', () => {
    const file = 'test/fixtures/valid/full.yaml';
    const r = parseLessonText(readFileSync(join(repoRoot, file), 'utf8'), file);
    if (!r.ok) throw new Error('full.yaml should load');
    expect(r.locate(['cluster', 'nodes', 1, 'lag'])).toEqual({ line: 29, col: 12 });
    expect(r.locate(['cluster', 'nodes', 1, 'lag'], true)).toEqual({ line: 29, col: 7 });
  });
});
