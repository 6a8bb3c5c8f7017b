// The lesson keys `capacity` (cluster and node) and `syncStandbys` reach the simulator: a run
// through the lesson runner shows a busy node queueing, a node's own capacity beating the
// cluster's, a `set` changing both, and PostgreSQL's FIRST / ANY standby choice.
import { describe, expect, it } from 'vitest';
import { LessonRunner, type StepRecord } from '../../src/lesson/engine/runner.js';
import { lesson } from './inline-lesson.js';

function run(yaml: string): Map<string, StepRecord> {
  const r = new LessonRunner(lesson(yaml));
  r.advance();
  expect(r.done).toBe(true);
  expect(r.problems).toEqual([]);
  return new Map(r.records.map((rec) => [rec.step, rec]));
}

describe('capacity', () => {
  // Each request waits 1 ms each way on the network; a node with capacity c serves one
  // request every 1000 / c ms.
  it('makes a node serve one request at a time: a burst queues, a node of its own is faster', () => {
    const rec = run(`id: cap
title: t
cluster:
  capacity: 100/s
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, capacity: 1000}
steps:
  - write: {client: you, key: k, value: v}
    expect: {latency: {min: 12ms, max: 12ms}}
  - wait: 1s
  - write: {client: a, key: k1, value: 1}
    background: true
  - write: {client: b, key: k2, value: 2}
    background: true
  - id: third
    write: {client: c, key: k3, value: 3}
    expect: {latency: {min: 32ms, max: 32ms}}
  - id: replica-read
    read: {client: you, key: k, from: replica-1}
    expect: {value: v, latency: {min: 3ms, max: 3ms}}
  - set: {node: replica-1, capacity: 10/s}
  - id: slow-replica
    read: {client: you, key: k, from: replica-1}
    expect: {latency: {min: 102ms, max: 102ms}}
  - set: {capacity: 1000/s}
  - id: fast-primary
    read: {client: you, key: k, from: primary}
    expect: {latency: {min: 3ms, max: 3ms}}
`);
    expect(rec.get('third')?.ok).toBe(true);
    expect(rec.get('slow-replica')?.value).toBe('v');
    expect(rec.get('fast-primary')?.value).toBe('v');
  });

  it('is unlimited without the key: a write takes the network round trip only', () => {
    run(`id: nocap
title: t
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower}
steps:
  - write: {client: a, key: k1, value: 1}
    background: true
  - write: {client: b, key: k2, value: 2}
    expect: {latency: {min: 2ms, max: 2ms}}
`);
  });
});

describe('syncStandbys', () => {
  const CLUSTER = `
cluster:
  mode: sync
  syncStandbys: {first: 1}
  nodes:
    - {id: db1, role: leader}
    - {id: db2, role: follower, lag: 5ms}
    - {id: db3, role: follower, lag: 40ms}
`;

  it('FIRST 1 waits for the first listed standby, and for the next at once when it crashes', () => {
    run(`id: first
title: t${CLUSTER}steps:
  - write: {client: you, key: a, value: 1}
    expect: {ok: true, latency: {min: 8ms, max: 8ms}}
  - crash: db2
  - write: {client: you, key: b, value: 2}
    expect: {ok: true, latency: {min: 43ms, max: 43ms}}
`);
  });

  it('ANY 1 takes the fastest answer; set switches between the two', () => {
    run(`id: any
title: t${CLUSTER}steps:
  - set: {node: db2, lag: 2s}
  - write: {client: you, key: a, value: 1}
    expect: {ok: true, latency: {min: 2003ms, max: 2003ms}}
  - set: {syncStandbys: {any: 1}}
  - write: {client: you, key: b, value: 2}
    expect: {ok: true, latency: {min: 43ms, max: 43ms}}
`);
  });

  it('FIRST 2 of two standbys is every standby, as plain sync', () => {
    run(`id: all
title: t
cluster:
  mode: sync
  syncStandbys: {first: 2}
  nodes:
    - {id: db1, role: leader}
    - {id: db2, role: follower, lag: 5ms}
    - {id: db3, role: follower, lag: 40ms}
steps:
  - write: {client: you, key: a, value: 1}
    expect: {ok: true, latency: {min: 43ms, max: 43ms}}
`);
  });
});
