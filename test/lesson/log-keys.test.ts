// The lesson keys of replication logs: `log: statement-pinned`, node `version`, `set` of a
// version or of the log format, and UPDATE/DELETE … LIMIT 1 writes. How they load, what they
// do when a lesson runs them, and what the loader refuses, with the line it points at.
import { describe, expect, it } from 'vitest';
import { clusterConfig } from '../../src/lesson/engine/sim-config.js';
import { startStep } from '../../src/lesson/engine/step-activity.js';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import type { Lesson, SetStep, WriteStep } from '../../src/lesson/format/types.js';
import { Simulation } from '../../src/sim/index.js';

function load(yaml: string): Lesson {
  const r = parseLessonText(yaml, 'inline.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.lesson;
}

function problems(yaml: string): string[] {
  const r = parseLessonText(yaml, 'inline.yaml');
  return r.ok ? [] : r.errors.map(formatProblem);
}

const lesson = (steps: string, log = 'statement-pinned') => `id: x
title: X
cluster:
  log: ${log}
  nodes:
    - {id: db1, role: leader, version: 16}
    - {id: db2, lag: 100ms, version: 16}
steps:
${steps}
`;

describe('replication log keys', () => {
  it('loads the log format, node versions, LIMIT writes and set of version and log', () => {
    const l = load(
      lesson(`  - write: {key: jobs, value: open, autoId: true}
  - write: {key: jobs, value: ana, limit: 1, where: open}
  - write: {key: seen, value: "SYSDATE()"}
  - set: {node: db2, version: 17}
  - set: {log: wal}`),
    );
    expect(l.cluster.log).toBe('statement-pinned');
    expect(l.cluster.nodes.map((n) => n.version)).toEqual([16, 16]);
    const [, claim, seen, version, log] = l.steps as [
      unknown,
      WriteStep,
      WriteStep,
      SetStep,
      SetStep,
    ];
    expect([claim.limit, claim.where]).toEqual([1, 'open']);
    expect(seen.functions).toEqual(['SYSDATE']);
    expect(version.nodeParams).toEqual({ version: 17 });
    expect(log.clusterParams).toEqual({ log: 'wal' });
  });

  it('runs them: the claimed row is the one the leader scanned first, and db2 refuses WAL of 16', () => {
    const l = load(
      lesson(`  - write: {key: jobs, value: open, autoId: true}
  - write: {key: jobs, value: ana, limit: 1}
  - set: {node: db2, version: 17}
  - set: {log: wal}`),
    );
    const sim = new Simulation(clusterConfig(l.cluster), { seed: 1 });
    const run = (i: number) => {
      const a = startStep(sim, l.steps[i]!);
      sim.runUntilCondition(() => a.done(), sim.now + 1000);
      return a.op;
    };
    expect(run(0)?.key).toBe('jobs/1');
    expect(run(1)?.key).toBe('jobs/1');
    run(2);
    expect(sim.snapshot().nodes[1]!.status).toBe('streaming'); // a statement log: any version
    run(3);
    expect(sim.snapshot().nodes[1]!.status).toBe('version-mismatch');
  });

  it('refuses what cannot mean anything, pointing at the key', () => {
    expect(problems(lesson('  - write: {key: jobs, value: x, where: open}'))).toEqual([
      'inline.yaml:9:41: steps[0].write.where: where needs limit: 1',
    ]);
    expect(problems(lesson('  - write: {key: jobs, value: x, limit: 2}'))).toEqual([
      'inline.yaml:9:41: steps[0].write.limit: expected 1 (one row, as LIMIT 1), found 2',
    ]);
    expect(
      problems(lesson('  - write: {key: jobs, value: x, limit: 1, autoId: true}'))[0],
    ).toContain('limit changes an existing row; autoId inserts a new one');
    expect(problems(lesson('  - set: {version: 17}'))[0]).toContain(
      '"version" is a node setting; say which node with "node"',
    );
    expect(problems(lesson('  - set: {node: db2, log: row}'))[0]).toContain(
      '"log" is a cluster setting',
    );
    expect(problems(lesson('  - say: Hi.', 'statment'))[0]).toContain('statement');
    expect(
      problems(
        lesson('  - say: Hi.').replace(
          '{id: db2, lag: 100ms, version: 16}',
          '{id: db2, version: 0}',
        ),
      )[0],
    ).toContain('a major version like 16');
  });
});
