import { describe, expect, it } from 'vitest';
import { originFromLesson, originFromPreset } from '../../src/lab/lab-origin.js';
import { type LabEntry, LiveCluster } from '../../src/lab/live-cluster.js';
import { PRESET_NAMES } from '../../src/lab/presets.js';
import { loadCatalog } from '../../src/lesson/catalog/catalog.js';
import { referenceAnswer, taskSolutions } from '../../src/lesson/catalog/validate.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { traceHash } from '../../src/sim/index.js';

function ok(live: LiveCluster, line: string): LabEntry {
  const r = live.run(line);
  if (!r.ok) throw new Error(`${line}: ${r.error.message}`);
  return r.entry;
}

function value(live: LiveCluster, e: LabEntry) {
  return live.sim.ops.at(e.opId!)?.value;
}

describe('a live cluster', () => {
  it('starts from the default preset: primary, replica-1, replica-2', () => {
    const live = new LiveCluster(originFromPreset());
    expect(live.snapshot().nodes.map((n) => [n.id, n.role])).toEqual([
      ['primary', 'leader'],
      ['replica-1', 'follower'],
      ['replica-2', 'follower'],
    ]);
    expect(live.now).toBe(0);
  });

  it('loads every preset', () => {
    for (const name of PRESET_NAMES) {
      const live = new LiveCluster(originFromPreset(name));
      const snap = live.snapshot();
      if (snap.leaderless || snap.multiLeader) expect(snap.leader).toBeUndefined();
      else expect(snap.leader).toBe('primary');
    }
    // The leaderless preset: quorum reads with `read k`, no leader, nothing to route.
    const dynamo = new LiveCluster(originFromPreset('dynamo-style'));
    expect(dynamo.snapshot().leaderless).toMatchObject({ n: 3, w: 2, r: 2, readRepair: true });
    const five = new LiveCluster(originFromPreset('five-node-quorum-failover'));
    expect(five.sim.cfg.failover).toMatchObject({ auto: true, quorum: true, fencing: true });
    expect(() => originFromPreset('cascde')).toThrow(
      'unknown preset "cascde" (did you mean "cascade"?)',
    );
  });

  it('applies commands now and finishes them as time passes: the lost tweet', () => {
    const live = new LiveCluster(originFromPreset());
    live.advanceTo(1000);
    const w = ok(live, 'write tweet hello');
    expect(w.t).toBe(1000);
    expect(w.doneAt).toBeUndefined();
    expect(live.pending).toEqual([w]);
    const finished = live.advanceTo(1002);
    expect(finished).toEqual([w]);
    expect(w.doneAt).toBe(1002);
    expect(w.result).toBe('write "tweet" = "hello" → acknowledged by primary at LSN 1');
    const early = ok(live, 'read tweet from replica-2');
    live.advanceTo(1004);
    expect(value(live, early)).toBeNull();
    expect(early.result).toContain('replica-2 had applied LSN 0');
    live.advanceTo(6002);
    const late = ok(live, 'read tweet from replica-2');
    live.advance(2);
    expect(value(live, late)).toBe('hello');
  });

  it('runs the leaderless preset: quorum writes and reads, quorum settings by `set`', () => {
    const live = new LiveCluster(originFromPreset('dynamo-style'));
    const w = ok(live, 'write cart milk');
    live.advanceTo(600);
    expect(live.sim.ops.at(w.opId!)?.outcome).toBe('ok');
    expect(w.result).not.toContain('undefined');
    const quorum = ok(live, 'read cart');
    live.advance(5);
    expect(value(live, quorum)).toBe('milk');
    const early = ok(live, 'read cart from c');
    live.advance(5);
    expect(value(live, early)).toBeNull();
    ok(live, 'set w 1');
    expect(live.snapshot().leaderless?.w).toBe(1);
    expect(live.run('write cart eggs via a').ok).toBe(false);
  });

  it('changes nothing for a command it cannot carry out', () => {
    const live = new LiveCluster(originFromPreset());
    ok(live, 'write a 1');
    live.advanceTo(10);
    const hash = live.stateHash();
    const refused = [
      ['crash replca-1', 'unknown node "replca-1" (did you mean "replica-1"?)'],
      ['restart primary', 'primary is running; crash it first'],
      ['promote primary', 'cannot promote "primary": it is already the leader'],
      ['heal', 'the network is not partitioned'],
    ];
    for (const [line, message] of refused) {
      const r = live.run(line!);
      expect(r.ok ? 'applied' : r.error.message).toBe(message);
    }
    ok(live, 'crash replica-1');
    const r = live.run('crash replica-1');
    expect(r.ok ? 'applied' : r.error.message).toBe('replica-1 is already down');
    expect(live.log.map((e) => e.text)).toEqual(['write a 1', 'crash replica-1']);
    expect(hash).not.toBe(live.stateHash());
  });

  it('moves time by wall time at a speed, keeping fractions', () => {
    const live = new LiveCluster(originFromPreset(), { speed: 0.5 });
    live.advance(1);
    live.advance(1);
    live.advance(1);
    expect(live.now).toBe(1);
    live.speed = 60;
    live.advance(1000);
    expect(live.now).toBe(60_001);
  });

  it('calls back when a command finishes, from inside advance', () => {
    const live = new LiveCluster(originFromPreset());
    const seen: string[] = [];
    live.run('write k v', { onDone: (e) => seen.push(e.result ?? '') });
    expect(seen).toEqual([]);
    live.advance(1);
    expect(seen).toEqual([]);
    live.advance(1);
    expect(seen).toEqual(['write "k" = "v" → acknowledged by primary at LSN 1']);
  });

  it('tracks restores, copies and workloads to their end', () => {
    const live = new LiveCluster(originFromPreset());
    ok(live, 'write k v size 1MB');
    live.advanceTo(10_000);
    ok(live, 'backup primary as b1');
    const restore = ok(live, 'restore replica-1 from b1 at 1MB/s');
    const add = ok(live, 'add-follower replica-3 at 1MB/s');
    const work = ok(live, 'workload 2 clients 1s');
    expect(live.pending).toEqual([restore, add, work]);
    expect(live.context().nodes).toContain('replica-3');
    expect(live.context().backups).toEqual(['b1']);
    live.advanceTo(11_100);
    expect(live.pending).toEqual([add, work].filter((e) => e.doneAt === undefined));
    expect(restore.doneAt).toBeDefined();
    live.advanceTo(30_000);
    expect(live.pending).toEqual([]);
    expect(live.snapshot().nodes.find((n) => n.id === 'replica-3')?.status).toBe('streaming');
    // A command that keeps running in the sandbox runs in the background in a saved lesson.
    expect(restore.raw).toEqual({
      restore: { node: 'replica-1', from: 'b1', rate: '1MB/s', background: true },
    });
  });

  it('waits by jumping virtual time', () => {
    const live = new LiveCluster(originFromPreset());
    const w = ok(live, 'wait 3s');
    expect(live.now).toBe(3000);
    expect(w).toMatchObject({ t: 0, doneAt: 3000, result: 'waited 3s' });
  });

  it('rewinds by re-simulating, and goes on from there', () => {
    const script: [number, string][] = [
      [500, 'write tweet hello'],
      [700, 'crash replica-1'],
      [900, 'read tweet from replica-2'],
      [1500, 'wait 2s'],
      [4000, 'restart replica-1'],
      [4200, 'partition primary | replica-1 replica-2'],
      [4300, 'write tweet again'],
      [9000, 'heal'],
    ];
    const live = new LiveCluster(originFromPreset());
    for (const [t, line] of script) {
      live.advanceTo(t);
      ok(live, line);
    }
    live.advanceTo(12_000);
    const end = live.stateHash();

    // Re-simulated to 4250 it is the run that stopped there.
    const back = live.rewoundTo(4250);
    const fresh = new LiveCluster(originFromPreset());
    for (const [t, line] of script.filter(([t]) => t <= 4250)) {
      fresh.advanceTo(t);
      ok(fresh, line);
    }
    fresh.advanceTo(4250);
    expect(back.now).toBe(4250);
    expect(back.stateHash()).toBe(fresh.stateHash());
    expect(back.log.map((e) => e.text)).toEqual(
      script.filter(([t]) => t <= 4250).map(([, l]) => l),
    );

    // The same commands again from there reach the same end.
    for (const [t, line] of script.filter(([t]) => t > 4250)) {
      back.advanceTo(t);
      ok(back, line);
    }
    back.advanceTo(12_000);
    expect(back.stateHash()).toBe(end);

    // A wait that the rewind cuts short is shortened.
    const mid = live.rewoundTo(2500);
    expect(mid.log.at(-1)).toMatchObject({ text: 'wait 1000ms', t: 1500 });
    expect(mid.now).toBe(2500);
  });

  it('offers completion candidates from the live state', () => {
    const live = new LiveCluster(originFromPreset());
    ok(live, 'write tweet hello as bob');
    expect(live.context()).toMatchObject({
      nodes: ['primary', 'replica-1', 'replica-2'],
      keys: ['tweet'],
    });
    expect(live.context().clients).toEqual(expect.arrayContaining(['you', 'bob']));
  });
});

describe('opening a lesson at a step', () => {
  it('is the cluster the lesson had there, for every shipped lesson', async () => {
    const catalog = await loadCatalog();
    expect(catalog.lessons.length).toBeGreaterThan(3);
    for (const { lesson } of catalog.lessons) {
      const n = lesson.steps.length;
      for (const step of [0, Math.floor(n / 3), Math.floor((2 * n) / 3), n]) {
        const runner = new LessonRunner(
          { ...lesson, steps: lesson.steps.slice(0, step) },
          { autoAnswer: referenceAnswer, tasks: taskSolutions(lesson) },
        );
        runner.advance();
        const live = new LiveCluster(originFromLesson(lesson, { step }));
        expect(live.now, `${lesson.id} at step ${step}`).toBe(runner.sim.now);
        expect(live.stateHash(), `${lesson.id} at step ${step}`).toBe(traceHash(runner.sim));
        expect(
          live.origin.lesson.steps.every(
            (s) => !['say', 'quiz', 'predict', 'choose'].includes(s.kind),
          ),
        ).toBe(true);
      }
    }
  });

  it('replays the answers the learner gave', async () => {
    const catalog = await loadCatalog();
    const lesson = catalog.lessons.find((l) => l.lesson.id === 'gitlab-2017')?.lesson;
    expect(lesson).toBeDefined();
    const choose = lesson!.steps.findIndex((s) => s.kind === 'choose' && s.form === 'action');
    expect(choose).toBeGreaterThan(-1);
    const label = lesson!.steps[choose]!.label;
    const a = new LiveCluster(
      originFromLesson(lesson!, { step: choose + 1, answers: [[label, 0]] }),
    );
    const b = new LiveCluster(
      originFromLesson(lesson!, { step: choose + 1, answers: [[label, 1]] }),
    );
    expect(a.stateHash()).not.toBe(b.stateHash());
    expect(a.origin.source).toMatchObject({ kind: 'lesson', id: 'gitlab-2017', step: choose + 1 });
  });
});
