// `until: {caughtUp}` on a leaderless cluster, through the lesson engine: with and without a
// node, holding after hinted handoff, and a bounded wait that ends when it never holds.
import { describe, expect, it } from 'vitest';
import { validateLesson } from '../../src/lesson/catalog/validate.js';
import { describeStep } from '../../src/lesson/engine/describe-outcome.js';
import { clusterConfig } from '../../src/lesson/engine/sim-config.js';
import { finish, startStep } from '../../src/lesson/engine/step-activity.js';
import { Simulation } from '../../src/sim/index.js';
import { lesson } from './inline-lesson.js';

const CLUSTER = `
cluster:
  topology: leaderless
  quorum: {n: 3, w: 3, r: 2, sloppy: true}
  nodes:
    - {id: a}
    - {id: b, lag: 300ms}
    - {id: c}
    - {id: d}
`;

describe('until caughtUp on a leaderless cluster', () => {
  it('holds once hinted handoff brought the restarted replica up to date', () => {
    const l = lesson(`id: ll-until\ntitle: t${CLUSTER}steps:
  - crash: b
  - write: {client: you, key: k, value: v}
    expect: {ok: true}
  - restart: b
  - until: {node: b, caughtUp: true, max: 5s}
  - until: {caughtUp: true, max: 5s}
  - read: {client: you, key: k, from: b}
    expect: {value: v}
`);
    expect(validateLesson(l, [1, 2, 3])).toEqual([]);
  });

  it('fails validation, without hanging, when a home replica stays down', () => {
    const l = lesson(`id: ll-down\ntitle: t${CLUSTER}steps:
  - crash: b
  - write: {client: you, key: k, value: v}
  - until: {caughtUp: true, max: 2s}
`);
    expect(validateLesson(l, [1]).map((p) => p.message)).toEqual([
      'until: the condition did not hold within 2s (on every seed)',
    ]);
  });

  it('a bounded wait ends at its max with the condition not held', () => {
    const l = lesson(`id: ll-bounded\ntitle: t${CLUSTER}steps:
  - crash: b
  - write: {client: you, key: k, value: v}
  - until: {node: b, caughtUp: true, max: 10s}
`);
    const s = new Simulation(clusterConfig(l.cluster), { seed: 1, clients: [] });
    for (const step of l.steps.slice(0, 2)) finish(s, startStep(s, step));
    const t0 = s.now;
    const until = startStep(s, l.steps[2]!);
    finish(s, until);
    expect(until.held!()).toBe(false);
    expect(s.now).toBe(t0 + 10_000);
    expect(describeStep(l.steps[2]!, s)).toBe('waited until b caught up');
  });
});

describe('until caughtUp without a node on a leader-based cluster', () => {
  const LEADER = `
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 1s}
    - {id: replica-2, role: follower, lag: 3s}
`;
  it('waits for every node to apply the leader log', () => {
    const l = lesson(`id: all-caught-up\ntitle: t${LEADER}steps:
  - write: {client: you, key: k, value: v}
  - until: {caughtUp: true, max: 5s}
  - read: {client: you, key: k, from: replica-2}
    expect: {value: v}
`);
    expect(validateLesson(l, [1])).toEqual([]);
  });

  it('does not hold while a follower is down', () => {
    const l = lesson(`id: one-down\ntitle: t${LEADER}steps:
  - crash: replica-1
  - write: {client: you, key: k, value: v}
  - until: {caughtUp: true, max: 5s}
`);
    expect(validateLesson(l, [1]).map((p) => p.message)).toEqual([
      'until: the condition did not hold within 5s (on every seed)',
    ]);
  });
});
