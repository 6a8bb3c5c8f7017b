// The run-time budget: what the load-time estimate lets through still cannot run for ever.
// Small caps stand in for the real ones, so each case is a tiny lesson that goes over them.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineInput } from '../../src/cli/line-input.js';
import { playPlain } from '../../src/cli/play-plain.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { EventBudgetError, haltedLine, runBudgeted } from '../../src/lesson/engine/event-budget.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { PlaySession } from '../../src/progress/play-session.js';
import { defaultCluster, Simulation } from '../../src/sim/index.js';
import { LessonDriver } from '../../src/ui/player/lesson-driver.js';
import { playerStatus } from '../../src/ui/player/player-screen.js';
import type { PlayerState } from '../../src/ui/player/player-state.js';
import { playerView } from '../../src/ui/player/player-view.js';
import { lesson } from '../runner/inline-lesson.js';

const HEAD = [
  'id: budget',
  'title: Budget',
  'cluster:',
  '  nodes:',
  '    - {id: db1, role: leader}',
  '    - {id: db2, role: follower, lag: 100ms}',
  'clients:',
  '  - {id: app}',
  'steps:',
  '  - say: Hello.',
];

const WORKLOAD = 'workload: {clients: 10, duration: 60s, writes: 0.5, rate: 100/s}';

function text(steps: string[]): string {
  return [...HEAD, ...steps.map((s) => `  - ${s}`), ''].join('\n');
}

describe('the run-time event budget', () => {
  it('stops a step over its budget with a located problem, and the run ends', () => {
    const l = lesson(text([WORKLOAD, 'write: {client: app, key: a, value: 1}']), 'x.yaml');
    const r = new LessonRunner(l, { eventBudget: { step: 5_000, run: 1_000_000 } });
    r.advance();
    expect(r.done).toBe(true);
    expect(r.halted).toBeDefined();
    expect(r.halted!.step).toBe('#1');
    expect(r.halted!.pos).toEqual({ line: 11, col: 5 });
    expect(haltedLine(l.file, r.halted!)).toBe(
      'x.yaml:11:5: step #1: the step was stopped after 5,000 simulator events without finishing; a step may take at most 5,000',
    );
    // The write after the workload never ran.
    expect(r.records.some((rec) => rec.step === '#2')).toBe(false);
    expect(r.sim.eventsProcessed).toBeLessThan(5_000 + 1_000);
  });

  it('stops the run when its steps together go over the lesson budget', () => {
    const l = lesson(text([WORKLOAD, WORKLOAD, WORKLOAD]));
    const alone = new LessonRunner(l);
    alone.advance();
    expect(alone.halted).toBeUndefined();
    const perStep = Math.ceil(alone.sim.eventsProcessed / 3) + 2_000;
    const r = new LessonRunner(l, { eventBudget: { step: perStep, run: perStep * 2 } });
    r.advance();
    expect(r.done).toBe(true);
    expect(r.halted?.step).toBe('#3');
    expect(r.halted?.message).toBe(
      `the lesson was stopped after ${(perStep * 2).toLocaleString('en-US')} simulator events; a lesson may take at most ${(perStep * 2).toLocaleString('en-US')}`,
    );
  });

  it('stops the player too, which advances a few events per frame', () => {
    const l = lesson(text([WORKLOAD]));
    const r = new LessonRunner(l, { eventBudget: { step: 3_000, run: 1_000_000 } });
    for (let frame = 0; frame < 100_000 && !r.done; frame++) r.advance(r.sim.now + 50, 200);
    expect(r.done).toBe(true);
    expect(r.halted?.message).toMatch(/^the step was stopped after 3,000 simulator events/);
  });

  it('stops a counterfactual (an option played on a copy) over the step budget', () => {
    const l = lesson(
      [
        ...HEAD,
        '  - id: pick',
        '    choose:',
        '      prompt: What now?',
        '      goal: {lost: 0}',
        '      options:',
        `        - {label: Load, do: [{${WORKLOAD}}]}`,
        '        - {label: Nothing, do: [{wait: 1s}]}',
        '',
      ].join('\n'),
    );
    const r = new LessonRunner(l, { eventBudget: { step: 2_000, run: 1_000_000 } });
    r.advance();
    if (r.state.kind === 'question') r.answer(1);
    expect(r.done).toBe(true);
    expect(r.halted?.step).toBe('pick');
    expect(r.halted?.message).toMatch(/^the step was stopped after 2,000 simulator events/);
  });

  it('runBudgeted throws once the cap is reached and leaves a run that finishes alone', () => {
    const sim = new Simulation(
      defaultCluster([
        { id: 'a', role: 'leader' },
        { id: 'b', role: 'follower' },
      ]),
      { seed: 1 },
    );
    sim.apply({
      type: 'workload',
      tag: 'w',
      spec: {
        clients: 5,
        duration: 10_000,
        writes: 0.5,
        readAfterWrite: 0,
        keys: 10,
        rate: 50,
        policy: 'leader',
      },
    });
    const run = sim.workloads[0]!;
    expect(() => runBudgeted(sim, () => run.active <= 0, 1e9, 500)).toThrow(EventBudgetError);
    expect(() => runBudgeted(sim, () => run.active <= 0, 1e9, 10_000_000)).not.toThrow();
    expect(run.active).toBe(0);
  });
});

describe('a stopped lesson in plain mode and the player', () => {
  const l = lesson(text([WORKLOAD]), 'x.yaml');
  const eventBudget = { step: 5_000, run: 1_000_000 };

  it('plain mode ends with the located line and a failing exit code, not "complete"', async () => {
    const session = new PlaySession(l, undefined, { seed: 1, eventBudget });
    const out: string[] = [];
    const run = playPlain(session, {
      write: (line) => out.push(line),
      input: new LineInput(Readable.from([])),
      json: false,
    });
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toMatchObject({
      exitCode: 1,
      message:
        'x.yaml:11:5: step #1: the step was stopped after 5,000 simulator events without finishing; a step may take at most 5,000',
    });
    expect(out.join('\n')).not.toContain('Lesson complete');
  });

  it("the player's status line says it stopped and why", () => {
    const driver = new LessonDriver(l, undefined, { seed: 1 });
    driver.session.runner = new LessonRunner(l, { seed: 1, eventBudget });
    driver.session.runner.advance();
    const view = playerView(driver);
    expect(view.halted).toMatch(/^x\.yaml:11:5: step #1: the step was stopped after 5,000/);
    expect(playerStatus(view, { message: undefined } as unknown as PlayerState, 1)).toBe(
      `✗ stopped: ${view.halted}`,
    );
  });
});
