import { describe, expect, it } from 'vitest';
import { describeStep, statusPhrase } from '../../src/lesson/engine/describe-outcome.js';
import type { Step } from '../../src/lesson/format/types.js';
import { lesson } from './inline-lesson.js';

function stepsOf(yaml: string): Step[] {
  return lesson(yaml).steps;
}

const HEAD = `id: t
title: T
summary: s
cluster:
  nodes: [{id: db1, role: leader}, {id: db2, role: follower}]
steps:
`;

describe('describeStep: set', () => {
  it('prints maxLagOnFailover as a count of entries, not a time', () => {
    const [step] = stepsOf(`${HEAD}  - set: {maxLagOnFailover: 20}\n`);
    expect(describeStep(step!)).toBe('maxLagOnFailover = 20');
  });

  it('prints durations as durations', () => {
    const [a, b] = stepsOf(
      `${HEAD}  - set: {timeout: 10s, heartbeat: 1s, minAcks: 1}\n  - set: {node: db2, lag: 200ms}\n`,
    );
    expect(describeStep(a!)).toContain('timeout = 10s');
    expect(describeStep(a!)).toContain('heartbeat = 1s');
    expect(describeStep(a!)).toContain('minAcks = 1');
    expect(describeStep(b!)).toBe('db2: lag = 200ms');
  });
});

describe('statusPhrase', () => {
  it('reads as English for every status', () => {
    expect(statusPhrase('replica-1', 'needs-resync')).toBe('replica-1 needs a resync');
    expect(statusPhrase('db2', 'catching-up')).toBe('db2 is catching up');
    expect(statusPhrase('db2', 'streaming')).toBe('db2 is streaming');
    expect(statusPhrase('db1', 'down')).toBe('db1 is down');
  });
});
