// The failover and split-brain lessons grade their choices by what the replayed fault traces
// did: these tests pin the outcomes each option must have for the lessons' claims to be true.
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/lesson/catalog/answers-file.js';
import { Observation } from '../../src/lesson/engine/expect-check.js';
import { LessonRunner, type StepRecord } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';

async function run(id: string): Promise<LessonRunner> {
  const r = await loadLessonFile(`lessons/${id}.yaml`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const answers = await loadAnswersFile(`lessons/answers/${id}.yaml`, r.lesson);
  const runner = new LessonRunner(r.lesson, { answers });
  runner.advance();
  expect(runner.done).toBe(true);
  expect(runner.problems).toEqual([]);
  return runner;
}

function record(r: LessonRunner, step: string): StepRecord {
  const rec = r.records.find((x) => x.step === step && x.correct !== undefined);
  if (!rec) throw new Error(`no graded record for ${step}`);
  return rec;
}

/** Option label → what the option did, as the feedback quotes it. */
function outcomes(rec: StepRecord): Map<string, { correct: boolean; summary: string }> {
  return new Map((rec.outcomes ?? []).map((o) => [o.label, o]));
}

describe('failover', () => {
  it('promotes the follower with the newest log, not the first by name', async () => {
    const r = await run('failover');
    expect(record(r, 'p-winner').correctChoices).toEqual([1]);
  });

  it('grades the timeout by the replayed pause and crash: too short loses a write, too long leaves no leader', async () => {
    const r = await run('failover');
    const rec = record(r, 'c-timeout');
    expect(rec.correct).toBe(true);
    const o = outcomes(rec);
    expect([...o.values()].filter((x) => x.correct).length).toBe(1);
    expect(o.get('30 s')).toMatchObject({ correct: true });
    expect(o.get('30 s')?.summary).toContain(
      'no acknowledged write lost, split-brain: 0, db1 is leading',
    );
    for (const short of ['5 s: fail over fast', '10 s, as now']) {
      expect(o.get(short)?.correct).toBe(false);
      expect(o.get(short)?.summary).toContain('1 acknowledged write lost, split-brain: 1');
    }
    const long = o.get('5 min: never fail over by mistake');
    expect(long?.correct).toBe(false);
    expect(long?.summary).toContain('no acknowledged write lost');
    expect(long?.summary).toContain('db1 is disconnected');
  });

  it('with a lag limit nobody is promoted; promoting by hand loses what the follower lacked', async () => {
    const r = await run('failover');
    expect(record(r, 'p-max-lag').correctChoices).toEqual([1]);
    // The flash sale's entries db2 never received: lost once it was promoted by hand.
    expect(new Observation(r.sim).count('lost-writes')).toBe(94);
    expect(r.sim.currentLeader()?.id).toBe('db2');
  });
});

describe('split-brain', () => {
  it('without a guard the old leader takes writes; either guard refuses them, and neither saves the write acknowledged before the election', async () => {
    const r = await run('split-brain');
    const rec = record(r, 'c-guard');
    expect(rec.correct).toBe(true);
    const o = outcomes(rec);
    expect(o.get('No guard: the election is enough')).toMatchObject({ correct: false });
    expect(o.get('No guard: the election is enough')?.summary).toContain(
      '2 acknowledged writes lost, split-brain: 1',
    );
    for (const guard of ['Fencing (STONITH)', 'Majority quorum with a leader lease']) {
      expect(o.get(guard)?.correct).toBe(true);
      expect(o.get(guard)?.summary).toContain('1 acknowledged write lost, split-brain: 0');
    }
  });

  it('the isolated old leader confirms a write, and the higher epoch wins when the network heals', async () => {
    const r = await run('split-brain');
    expect(record(r, 'p-old-leader').correctChoices).toEqual([0]);
    expect(record(r, 'p-heal').correctChoices).toEqual([0]);
    expect(r.sim.currentLeader()?.id).toBe('db1');
  });
});
