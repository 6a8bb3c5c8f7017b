// Point-in-time recovery from a lesson file: the cluster's WAL archive, a restore `until` with a
// `replayRate`, a delayed replica promoted `until` a time, and the `archived` expect key.
import { describe, expect, it } from 'vitest';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import { lesson } from './inline-lesson.js';

const PITR = (until: string) => `id: pitr
title: t
cluster:
  archive: {every: 1m}
  dataSize: 100GB
  nodes:
    - {id: db1, role: leader}
    - {id: db2, role: follower, lag: 100ms}
steps:
  - write: {key: a, value: 1, size: 10GB}
  - backup: {from: db2, id: base}
  - wait: 10m
  - write: {key: b, value: 2, size: 10GB}
  - wait: 10m
  - write: {key: c, value: 3, size: 10GB}
    expect: {archived: 2}
  - crash: db1
  - wipe: db1
  - crash: db2
  - wipe: db2
  - restart: db1
  - restore: {node: db1, from: base, rate: 100GB/h, until: ${until}, replayRate: 10GB/h}
  - read: {key: b, from: db1}
`;

describe('point-in-time restore in a lesson', () => {
  it('replays the archive to the latest entry it holds: the unarchived write is lost', () => {
    const r = new LessonRunner(lesson(PITR('latest')));
    r.advance();
    expect(r.problems).toEqual([]);
    const read = r.records[r.records.length - 1]!;
    expect(read).toMatchObject({ kind: 'read', value: 2, lsn: 2 });
    // 110 GB of base backup at 100 GB/h, then 10 GB of archive at 10 GB/h: 2 h 6 min.
    const restore = r.records.find((x) => x.kind === 'restore')!;
    expect(restore.summary).toBe('db1 restored from base + WAL archive to the latest');
    expect(r.sim.now - restore.t).toBeLessThan(1000);
    expect(restore.t).toBeGreaterThan(20 * 60_000 + 126 * 60_000);
  });

  it('stops at the time given: nothing written after it is replayed', () => {
    const r = new LessonRunner(lesson(PITR('5m')));
    r.advance();
    expect(r.problems).toEqual([]);
    expect(r.records[r.records.length - 1]).toMatchObject({ kind: 'read', value: null, lsn: 1 });
  });

  it('a delayed replica promoted until a time never applies what came after', () => {
    const r = new LessonRunner(
      lesson(`id: delayed
title: t
cluster:
  nodes:
    - {id: db1, role: leader}
    - {id: db3, role: follower, replay: 1h}
steps:
  - write: {key: rooms, value: all}
  - wait: 2h
  - write: {key: rooms, value: deleted}
  - wait: 1m
  - crash: db1
  - promote: {node: db3, until: 90m}
    expect: {leader: db3, lost: 1}
  - read: {key: rooms, from: db3}
    expect: {value: all, lsn: 1}
`),
    );
    r.advance();
    expect(r.problems).toEqual([]);
    expect(r.records.find((x) => x.kind === 'promote')?.summary).toBe(
      'db3 promoted to leader with its log up to t=90m',
    );
  });

  it('says what is wrong with a bad target, a replay rate alone, or a bad promote', () => {
    const bad = (yaml: string) => {
      const res = parseLessonText(yaml, 'bad.yaml');
      return res.ok ? [] : res.errors.map(formatProblem);
    };
    const base = `id: x\ntitle: t\ncluster:\n  archive: {every: 1m}\n  nodes: [{id: db1, role: leader}, {id: db2}]\nsteps:\n  - backup: {from: db1}\n`;
    expect(
      bad(`${base}  - restore: {node: db1, from: latest-backup, rate: 1GB/h, until: soon}\n`).join(
        '\n',
      ),
    ).toMatch(/until: expected a duration like 250ms/);
    expect(
      bad(
        `${base}  - restore: {node: db1, from: latest-backup, rate: 1GB/h, replayRate: 1GB/h}\n`,
      ).join('\n'),
    ).toMatch(/replayRate needs until/);
    expect(bad(`${base}  - promote: {node: db9, until: 1h}\n`).join('\n')).toMatch(
      /unknown node "db9"/,
    );
    expect(bad(`${base}  - promote: {node: db2}\n`).join('\n')).toMatch(/promote.until/);
    expect(
      bad(
        `id: x\ntitle: t\ncluster:\n  archive: {every: 0s}\n  nodes: [{id: db1, role: leader}]\nsteps:\n  - wait: 1s\n`,
      ).join('\n'),
    ).toMatch(/every must be longer than 0/);
  });
});
