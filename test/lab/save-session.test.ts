import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { originFromLesson, originFromPreset } from '../../src/lab/lab-origin.js';
import { LiveCluster } from '../../src/lab/live-cluster.js';
import { lessonIdFromFileName, saveSession } from '../../src/lab/save/save-session.js';
import { SaveError, writeSessionFile } from '../../src/lab/save/write-session.js';
import { loadCatalog } from '../../src/lesson/catalog/catalog.js';
import { validateLesson } from '../../src/lesson/catalog/validate.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import type { Lesson } from '../../src/lesson/format/types.js';
import { traceHash } from '../../src/sim/index.js';
import { runBuiltCli } from '../run-cli.js';

function play(live: LiveCluster, script: [number, string][]): void {
  for (const [t, line] of script) {
    live.advanceTo(t);
    const r = live.run(line);
    if (!r.ok) throw new Error(`${line}: ${r.error.message}`);
  }
}

function load(yaml: string): Lesson {
  const r = parseLessonText(yaml, 'saved.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.lesson;
}

/** Plays the saved lesson headless; its end state must be the session's. */
function replay(lesson: Lesson) {
  const runner = new LessonRunner(lesson);
  runner.advance();
  expect(runner.problems).toEqual([]);
  return runner.sim;
}

const SESSION: [number, string][] = [
  [400, 'write tweet "hello world"'],
  [401, 'read tweet from replica-2'],
  [6000, 'read tweet from replica-2'],
  [6500, 'set replica-1 lag 1s..3s'],
  [7000, 'write tweet again as bob'],
  [7200, 'crash replica-2'],
  [8000, 'partition primary | replica-1 replica-2'],
  [8100, 'write during-cut 1'],
  [9000, 'heal'],
  [9500, 'restart replica-2'],
  [10_000, 'backup primary as b1'],
  [10_000, 'wipe replica-1'],
  [10_001, 'restore replica-1 from b1 at 10MB/s'],
  [12_000, 'pause primary 2s'],
  [12_500, 'read tweet'],
  [20_000, 'add-follower replica-3 at 50MB/s lag 500ms'],
  [20_000, 'workload 5 clients 3s writes 0.3'],
  [24_000, 'wait 2s'],
  [27_000, 'set mode semi-sync'],
  [27_500, 'promote replica-2'],
  [28_000, 'write after-promote x'],
];

describe(':save', () => {
  it('writes a lesson that loads, validates and replays to the same state', () => {
    const live = new LiveCluster(originFromPreset());
    play(live, SESSION);
    live.advanceTo(35_000);
    const saved = saveSession(live, { id: 'my-session', title: 'My session' });
    expect(saved.notes).toEqual([]);
    const lesson = load(saved.yaml);
    expect(lesson).toMatchObject({ id: 'my-session', title: 'My session', seed: live.seed });
    expect(validateLesson(lesson)).toEqual([]);
    const sim = replay(lesson);
    expect(sim.now).toBe(35_000);
    expect(traceHash(sim)).toBe(live.stateHash());
  });

  it('reads like a hand-written lesson', () => {
    const live = new LiveCluster(originFromPreset());
    play(live, [
      [1000, 'write tweet hello'],
      [1000, 'read tweet from replica-2'],
      [6500, 'read tweet from replica-2'],
    ]);
    live.advanceTo(7000);
    const { yaml } = saveSession(live);
    expect(yaml).toContain('id: sandbox-three-node-async');
    expect(yaml).toContain('    - {id: replica-2, role: follower, lag: 5s}');
    const steps = yaml.slice(yaml.indexOf('  - wait:'));
    expect(steps.split('\n')).toEqual([
      '  - wait: 1s',
      '  - write: {key: tweet, value: hello, background: true}',
      '  - read: {key: tweet, from: replica-2}',
      '  - wait: 5498ms',
      '  - read: {key: tweet, from: replica-2}',
      '  - wait: 498ms',
      '',
    ]);
  });

  it('starts with the steps that led to a lesson moment', async () => {
    const catalog = await loadCatalog();
    const source = catalog.lessons.find((l) => l.lesson.id === 'lost-tweet')!.lesson;
    const live = new LiveCluster(originFromLesson(source, { step: 12 }));
    const t0 = live.now;
    play(live, [
      [t0 + 100, 'crash replica-1'],
      [t0 + 200, 'write tweet-x "from the sandbox" as web-lsn'],
      [t0 + 300, 'read tweet-x from route as web-lsn'],
    ]);
    live.advanceTo(t0 + 5000);
    const saved = saveSession(live);
    expect(saved.data.id).toBe('sandbox-lost-tweet');
    const lesson = load(saved.yaml);
    expect(lesson.clients).toEqual(source.clients);
    expect(validateLesson(lesson, [source.seed])).toEqual([]);
    expect(traceHash(replay(lesson))).toBe(live.stateHash());
  });

  it('says when a command came while a read was still waiting', () => {
    const live = new LiveCluster(originFromPreset());
    play(live, [
      [0, 'pause replica-1 3s'],
      [10, 'read x from replica-1'],
      [1000, 'crash replica-2'],
    ]);
    live.advanceTo(5000);
    const saved = saveSession(live);
    expect(saved.notes).toEqual([
      '"crash replica-2" was given at t=1.000s, while a read was still waiting for its answer; the saved lesson gives it when the read has finished, 2s later',
    ]);
    expect(() => load(saved.yaml)).not.toThrow();
  });

  it('names the lesson after the file and refuses to overwrite by accident', () => {
    expect(lessonIdFromFileName('/tmp/My Session.yaml')).toBe('my-session');
    expect(lessonIdFromFileName('x/__.yml')).toBe('sandbox-session');
    const dir = mkdtempSync(join(tmpdir(), 'lab-save-'));
    const file = join(dir, 'split-brain-demo.yaml');
    const live = new LiveCluster(originFromPreset('five-node-quorum-failover'));
    play(live, [
      [100, 'write a 1'],
      [200, 'partition primary | replica-1 replica-2 replica-3 replica-4'],
    ]);
    live.advanceTo(30_000);
    writeSessionFile(live, file);
    expect(readFileSync(file, 'utf8')).toContain('id: split-brain-demo');
    expect(() => writeSessionFile(live, file)).toThrow(SaveError);
    expect(() => writeSessionFile(live, file)).toThrow(`${file} already exists`);
    writeFileSync(file, 'old');
    writeSessionFile(live, file, { overwrite: true });
    expect(readFileSync(file, 'utf8')).toContain('failover: {auto: true');
    expect(() => writeSessionFile(live, join(dir, 'nope', 'x.yaml'))).toThrow(
      'the folder does not exist',
    );
    expect(() => writeSessionFile(live, join(dir, 'x.txt'))).toThrow('a lesson file ends in .yaml');

    // The command-line validator accepts it.
    const r = runBuiltCli(['validate', file]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${file}: ok (split-brain-demo, 20 seeds)`);
    expect(r.status).toBe(0);
  });
});
