// The lesson keys for operations reach the simulator: `slots`, node `disk`, `dropSlot`,
// `set slots`/`disk`, and the lag-metric expect keys (lagBytes, receivedLag, replayAge,
// secondsBehind, retained, diskUsed), exact or as ranges, with null for NULL.
import { describe, expect, it } from 'vitest';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import { lesson } from './inline-lesson.js';

function problems(yaml: string) {
  const r = new LessonRunner(lesson(yaml));
  r.advance();
  expect(r.done).toBe(true);
  return r.problems.map((p) => p.message ?? String(p));
}

const CLUSTER = `id: ops
title: t
cluster:
  slots: true
  dataSize: 10MB
  nodes:
    - {id: primary, role: leader, disk: 30MB}
    - {id: replica-1, role: follower, lag: 100ms}
    - {id: replica-2, role: follower, lag: 30s}
`;

describe('slots, disk and lag metrics in lessons', () => {
  it('a forgotten slot fills the disk; dropping it lets writes in again', () => {
    expect(
      problems(`${CLUSTER}steps:
  - write: {key: a, value: 1, size: 1MB}
    expect: {ok: true, diskUsed: {primary: 12MB}, retained: {primary: 1MB}}
  - crash: replica-2
  - write: {key: b, value: 2, size: 3MB}
  - write: {key: c, value: 3, size: 3MB}
  - wait: 1s
    expect: {retained: {primary: 7MB}, lagBytes: {replica-2: 7MB, replica-1: 0B}, diskUsed: {primary: {min: 24MB, max: 24MB}}}
  - write: {key: d, value: 4, size: 4MB}
    expect: {ok: false, error: disk-full, secondsBehind: {replica-2: null}}
  - dropSlot: replica-2
    expect: {retained: {primary: 0B}, diskUsed: {primary: 17MB}}
  - write: {key: d, value: 4, size: 4MB}
    expect: {ok: true}
`),
    ).toEqual([]);
  });

  it('Seconds_Behind_Source reads 0 while the receiver waits; replay age grows when idle', () => {
    expect(
      problems(`${CLUSTER}steps:
  - write: {key: a, value: 1}
  - wait: 10s
    expect: {secondsBehind: {replica-1: 0, replica-2: 0}, receivedLag: {replica-1: 0, replica-2: 1}, replayAge: {replica-1: {min: 10s, max: 11s}, replica-2: null}}
  - wait: 50s
    expect: {replayAge: {replica-1: {min: 60s, max: 61s}, replica-2: {min: 60s, max: 61s}}, lagBytes: {replica-1: 0B, replica-2: 0B}}
`),
    ).toEqual([]);
  });

  it('a wrong figure is reported with the node, what was expected and what was measured', () => {
    const found = problems(`${CLUSTER}steps:
  - write: {key: a, value: 1}
    expect: {secondsBehind: {replica-2: {min: 1}}, lagBytes: {replica-2: 2KB}}
`);
    expect(found.join('\n')).toMatch(/secondsBehind\.replica-2.*got 0/);
    expect(found.join('\n')).toMatch(/lagBytes\.replica-2.*2048.*got 1024/);
  });

  it('set slots and set disk take effect mid-lesson', () => {
    expect(
      problems(`id: ops2
title: t
cluster:
  retain: 1
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 100ms}
steps:
  - set: {slots: true}
  - set: {node: primary, disk: 5KB}
  - crash: replica-1
  - write: {key: a, value: 1}
  - write: {key: b, value: 2}
    expect: {ok: true, retained: {primary: 2KB}}
  - write: {key: c, value: 3}
    expect: {ok: false, error: disk-full}
  - set: {slots: false}
    expect: {retained: {primary: 1KB}}
  - write: {key: c, value: 3}
    expect: {ok: true}
`),
    ).toEqual([]);
  });

  it('unknown nodes in dropSlot and in metric expects are located load errors', () => {
    const r = parseLessonText(
      `${CLUSTER}steps:
  - dropSlot: replica-3
  - wait: 1s
    expect: {secondsBehind: {replica-9: 0}}
`,
      'ops.yaml',
    );
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.errors.map(formatProblem).join('\n');
    expect(text).toMatch(/ops\.yaml:\d+:\d+: steps\[0\]\.dropSlot: .*replica-3/);
    expect(text).toMatch(/steps\[1\]\.expect\.secondsBehind\.replica-9/);
  });
});
