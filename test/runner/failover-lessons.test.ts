// The failover and split-brain lessons grade their choices by what the replayed fault traces
// did: these tests pin the outcomes each option must have for the lessons' claims to be true.
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/lesson/catalog/answers-file.js';
import { Observation } from '../../src/lesson/engine/expect-check.js';
import { LessonRunner, type StepRecord } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import type { HistoryEvent, OpRecord } from '../../src/sim/index.js';

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

/** Faults, elections, step-downs, truncations and notes of the run, in order. */
function events(r: LessonRunner): readonly HistoryEvent[] {
  return r.sim.history.others();
}

function electionOf(r: LessonRunner, leader: string, epoch: number) {
  const e = events(r).find(
    (x) => x.type === 'election' && x.leader === leader && x.epoch === epoch,
  );
  if (!e) throw new Error(`no election of ${leader} in epoch ${epoch}`);
  return e;
}

function faultAt(r: LessonRunner, fault: string, node: string, after = 0): number {
  const e = events(r).find(
    (x) => x.type === 'fault' && x.fault === fault && x.node === node && x.t >= after,
  );
  if (!e) throw new Error(`no ${fault} of ${node}`);
  return e.t;
}

function writeOf(r: LessonRunner, key: string, value: string): OpRecord {
  const op = [...r.sim.ops].find((o) => o.kind === 'write' && o.key === key && o.value === value);
  if (!op) throw new Error(`no write ${key} = ${value}`);
  return op;
}

/** Option label → what the option did, as the feedback quotes it. */
function outcomes(rec: StepRecord): Map<string, { correct: boolean; summary: string }> {
  return new Map((rec.outcomes ?? []).map((o) => [o.label, o]));
}

describe('failover', () => {
  it('promotes the follower with the newest log, not the first by name', async () => {
    const r = await run('failover');
    expect(record(r, 'p-winner').correctChoices).toEqual([1]);
    // The narration: db2 noticed first and started the election, db3 won it about 10 s
    // after db1's last heartbeat (db1 crashed half a second after one).
    const crash = faultAt(r, 'crash', 'db1');
    const note = events(r).find((x) => x.type === 'note' && x.text.includes('election started'));
    expect(note?.type === 'note' && note.text).toMatch(/^db2: .*db3 has the newest log/);
    const won = electionOf(r, 'db3', 2);
    // db1's heartbeats go out on the second; it crashed 3.506 s in, so its last one left
    // at 3 s and the 10 s timeout ran out about 9.5 s after the crash.
    expect(won.t - crash).toBeGreaterThanOrEqual(9_490);
    expect(won.t - crash).toBeLessThan(9_600);
  });

  it('the story keeps 30 s: the order sent into the freeze waits 9 s and is confirmed; db1 leads 30 s after the crash', async () => {
    const r = await run('failover');
    const kettle = writeOf(r, 'order-2001', '1 × kettle');
    expect(kettle.outcome).toBe('ok');
    expect(kettle.lsn).toBe(5);
    expect((kettle.completedAt ?? 0) - kettle.invokedAt).toBeGreaterThanOrEqual(9_000);
    expect((kettle.completedAt ?? 0) - kettle.invokedAt).toBeLessThan(9_100);
    const crash = faultAt(r, 'crash', 'db3', kettle.invokedAt);
    const elected = electionOf(r, 'db1', 3);
    expect(elected.t - crash).toBeGreaterThanOrEqual(29_000);
    expect(elected.t - crash).toBeLessThanOrEqual(30_100);
    // No election during the freeze: db1's is the only one after db3's.
    expect(
      events(r).filter((x) => x.type === 'election' && x.t < crash && x.t > kettle.invokedAt),
    ).toEqual([]);
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
    // Nobody was promoted between the crash and the manual promotion.
    const crash = faultAt(r, 'crash', 'db1', 100_000);
    const after = events(r).filter((x) => x.t > crash);
    expect(after.some((x) => x.type === 'note' && x.text.includes('no follower is eligible'))).toBe(
      true,
    );
    expect(
      after.filter((x) => x.type === 'election').map((x) => x.type === 'election' && x.manual),
    ).toEqual([true]);
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

  it("the narration's timeline: fencing at the promotion, the old leader confirms 3 s into the new epoch, db1 answers its heartbeat with epoch 3", async () => {
    const r = await run('split-brain');
    const first = electionOf(r, 'db2', 2);
    expect(faultAt(r, 'fenced', 'db1')).toBe(first.t);
    const second = electionOf(r, 'db1', 3);
    const finn = writeOf(r, 'last-grinder', 'sold to Finn');
    expect(finn).toMatchObject({ outcome: 'ok', epoch: 2, lsn: 3 });
    expect((finn.acceptedAt ?? 0) - second.t).toBeGreaterThanOrEqual(2_500);
    expect((finn.acceptedAt ?? 0) - second.t).toBeLessThan(3_500);
    const down = events(r).find((x) => x.type === 'step-down' && x.node === 'db2');
    expect(down).toMatchObject({ epoch: 3, reason: 'db1 knows a newer epoch' });
  });
});
