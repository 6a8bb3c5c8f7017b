// `replication-tutor challenge run <id> --policy <file>` grading a passing policy over 1,000
// seeds, as a learner runs it (the built CLI: a grading host, the grading worker, and the
// reference solution's worker on the other core). Passing is the slow path: every seed runs
// (a failure stops early). The policies are the starters fixed as the tests fix them.
// Figures: wall time and CPU time (the whole process tree) per challenge. Baseline, in this
// process: the same 1,000 cases simulated with no policy plugged in (CPU). The target: a
// grading run within 5 s on the 2-core development machine.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHALLENGES } from '../src/challenge/challenges/index.js';
import { caseFor } from '../src/challenge/grade.js';
import { runCase } from '../src/sim/index.js';
import { fixStarter } from '../test/challenge/starter-fixes.js';
import { type BenchContext, type BenchResult, median, spawnMs } from './measure.js';

const SEEDS = 1000;
const TARGET_MS = 5000;
const ROUNDS = 3;

/** CPU ms used so far by this process's finished children (Linux; undefined elsewhere). */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat (cutime, cstime), counted from `state` (field 3), in ticks.
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

function cpuMs(fn: () => void): number {
  const a = process.cpuUsage();
  fn();
  const b = process.cpuUsage(a);
  return (b.user + b.system) / 1000;
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'rt-challenge-bench-'));
  const figures: BenchResult['figures'] = [];
  const ratios: BenchResult['ratios'] = [];
  const walls: number[] = [];
  const cpus: number[] = [];
  const bases: number[] = [];
  for (const c of CHALLENGES) {
    const file = join(dir, `${c.id}.mjs`);
    writeFileSync(file, fixStarter(c.id, c.starter));
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const before = childrenCpuMs();
      wall.push(
        spawnMs([ctx.cli, 'challenge', 'run', c.id, '--policy', file], {
          ...process.env,
          REPLICATION_TUTOR_HOME: dir,
        }),
      );
      const after = childrenCpuMs();
      if (before !== undefined && after !== undefined) cpu.push(after - before);
    }
    const cases = Array.from({ length: SEEDS }, (_, i) => caseFor(c, i + 1));
    const base = median(
      Array.from({ length: ROUNDS }, () =>
        cpuMs(() => {
          for (const k of cases) runCase(k, { invariants: [] });
        }),
      ),
    );
    ctx.log(
      `${c.id}: wall ${wall.map(Math.round).join(', ')} ms; CPU ${cpu.join(', ')} ms; plain simulation ${Math.round(base)} ms CPU`,
    );
    walls.push(median(wall));
    if (cpu.length > 0) cpus.push(median(cpu));
    bases.push(base);
    figures.push({
      name: `challenge run ${c.id}, ${SEEDS} seeds, wall`,
      value: Math.round(median(wall)) / 1000,
      unit: 's',
    });
    if (cpu.length > 0) {
      figures.push({
        name: `challenge run ${c.id}, CPU (all processes)`,
        value: Math.round(median(cpu)) / 1000,
        unit: 's',
      });
    }
    figures.push({
      name: `${c.id}: the same cases simulated without a policy, CPU`,
      value: Math.round(base) / 1000,
      unit: 's',
    });
  }
  // The grading chain is serial (CLI → grading host → worker), so on an idle machine its wall
  // time is about its CPU time; on a shared one the wall time also counts the wait for a core.
  const slowestWall = Math.max(...walls);
  figures.push({
    name: 'challenge run, slowest challenge, wall',
    value: Math.round(slowestWall) / 1000,
    unit: 's',
  });
  if (cpus.length === bases.length) {
    const slowestCpu = Math.max(...cpus);
    ratios.push({
      name: `challenge run, slowest challenge, CPU of every process vs the ${TARGET_MS / 1000} s target`,
      value: slowestCpu / TARGET_MS,
      target: 1,
      cmp: '<=',
    });
    ratios.push({
      name: 'challenge run CPU (start-up, cold grading, reference) vs simulating the same cases warm, worst challenge',
      value: Math.max(...cpus.map((c, i) => c / bases[i]!)),
      target: 12,
      cmp: '<=',
    });
  }
  ratios.push({
    name: `challenge run, slowest challenge, wall vs the ${TARGET_MS / 1000} s target (met only with a core free)`,
    value: slowestWall / TARGET_MS,
    target: 1,
    cmp: '<=',
  });
  return { figures, ratios };
}
