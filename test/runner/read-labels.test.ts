// The event log's labels: reads the checkers flag, and the writes a split brain, a reused id
// or a divergence concerns, so that narration pointing at the event log finds them there.
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/lesson/catalog/answers-file.js';
import { readLabels } from '../../src/lesson/engine/read-labels.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import { defaultCluster, Simulation } from '../../src/sim/index.js';

async function played(id: string): Promise<LessonRunner> {
  const r = await loadLessonFile(`lessons/${id}.yaml`);
  if (!r.ok) throw new Error('lesson does not load');
  const answers = await loadAnswersFile(`lessons/answers/${id}.yaml`, r.lesson);
  const runner = new LessonRunner(r.lesson, { answers });
  runner.advance();
  return runner;
}

function labelled(runner: LessonRunner, pattern: RegExp) {
  const out: { id: number; node: string; epoch?: number; key: string; labels: string[] }[] = [];
  for (const [id, labels] of readLabels(runner.sim)) {
    const op = runner.sim.ops.at(id)!;
    if (labels.some((l) => pattern.test(l)))
      out.push({ id, node: op.node, epoch: op.epoch, key: op.key, labels });
  }
  return out;
}

describe('readLabels', () => {
  it('labels the writes a stale leader accepted in a split brain', async () => {
    const runner = await played('split-brain');
    const writes = labelled(runner, /^split brain: /);
    expect(writes.length).toBeGreaterThan(0);
    for (const w of writes) {
      expect(runner.sim.ops.at(w.id)!.kind).toBe('write');
      const label = w.labels.find((l) => l.startsWith('split brain'))!;
      expect(label).toMatch(
        new RegExp(
          `^split brain: accepted by ${w.node} in epoch ${w.epoch} after \\S+ led epoch \\d+$`,
        ),
      );
    }
  });

  it('labels every write that was handed a reused id', async () => {
    const runner = await played('github-2012');
    const writes = labelled(runner, /^reused id /);
    expect(writes.length).toBeGreaterThanOrEqual(2);
    const keys = new Set(writes.map((w) => w.key));
    for (const key of keys) {
      const same = writes.filter((w) => w.key === key);
      expect(same.length).toBeGreaterThanOrEqual(2);
      for (const w of same) expect(w.labels).toContain(`reused id ${key}`);
    }
  });

  it('labels the write a statement log re-ran to other values, with the nodes that differ', () => {
    const nodes = [
      { id: 'primary', role: 'leader' as const },
      { id: 'replica-1', role: 'follower' as const, lag: 100 },
      { id: 'replica-2', role: 'follower' as const, lag: 200 },
    ];
    const run = (log: 'statement' | 'row') => {
      const sim = new Simulation(defaultCluster(nodes, { log }), { seed: 1 });
      const w = sim.apply({ type: 'write', client: 'app', key: 'coupon', value: 'RAND()' })!;
      sim.apply({ type: 'write', client: 'app', key: 'plain', value: 'x' });
      sim.runUntil(500);
      sim.apply({ type: 'read', client: 'ops', key: 'coupon', from: 'replica-1' });
      sim.runUntil(600);
      return { labels: readLabels(sim), w };
    };
    const statement = run('statement');
    expect([...statement.labels]).toEqual([[statement.w, ['diverged on replica-1, replica-2']]]);
    expect([...run('row').labels]).toEqual([]);
  });
});
