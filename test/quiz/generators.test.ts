// Every generated question is checked against the simulator, for many seeds: the answer a
// generator states is recomputed independently — by running the read on a copy and asking
// the checker, by promoting each follower and counting lost writes, by letting failover run,
// by enumerating quorums — and must agree.
import { describe, expect, it } from 'vitest';
import { cloneSim } from '../../src/lesson/engine/grading.js';
import { runOp } from '../../src/quiz/generators/cluster.js';
import { templateById } from '../../src/quiz/generators/index.js';
import type {
  Generated,
  GeneratedChoice,
  GeneratedNumeric,
  GeneratedRouting,
} from '../../src/quiz/generators/template.js';
import { runRouteOptions } from '../../src/quiz/routing-grade.js';
import { checkAll, multiLeaderReadValues, type Simulation } from '../../src/sim/index.js';

const SEEDS = Array.from({ length: 150 }, (_, i) => i + 1);
const FEW = SEEDS.slice(0, 80);

function gen(id: string, seed: number, params: Record<string, unknown> = {}): Generated {
  const t = templateById(id);
  if (!t) throw new Error(`no template ${id}`);
  return t.generate(params, seed);
}

function choice(g: Generated): GeneratedChoice {
  if (g.form !== 'choice') throw new Error(`expected a choice question, got ${g.form}`);
  return g;
}
function numeric(g: Generated): GeneratedNumeric {
  if (g.form !== 'numeric') throw new Error(`expected a numeric question, got ${g.form}`);
  return g;
}
function routing(g: Generated): GeneratedRouting {
  if (g.form !== 'routing') throw new Error(`expected a routing question, got ${g.form}`);
  return g;
}

/** "primary, replica-1 and replica-3" → the node ids. */
function nodesOf(label: string): string[] {
  return label.split(/, | and /).sort();
}

function wellFormed(g: GeneratedChoice): void {
  expect(new Set(g.choices).size).toBe(g.choices.length);
  expect(g.choices.length).toBeGreaterThanOrEqual(2);
  expect(g.correct).toHaveLength(1);
  expect(g.correct[0]).toBeGreaterThanOrEqual(0);
  expect(g.correct[0]).toBeLessThan(g.choices.length);
}

/** Nodes whose read, run on a copy, the named checker finds nothing wrong with. */
function nodesPassing(
  sim: Simulation,
  key: string,
  checker: 'read-your-writes' | 'monotonic-reads' | 'consistent-prefix',
): string[] {
  return sim.nodes
    .map((n) => n.id)
    .filter((id) => {
      const copy = cloneSim(sim);
      const op = runOp(copy, { type: 'read', client: 'you', key, from: id });
      expect(op.outcome).toBe('ok');
      return !checkAll(copy)[checker].some((a) => a.op === op.id);
    })
    .sort();
}

describe('ryw-nodes', () => {
  it.each(SEEDS)(
    'seed %i: the stated set is exactly the nodes whose read shows your write',
    (seed) => {
      const g = choice(gen('ryw-nodes', seed));
      wellFormed(g);
      const stated = nodesOf(g.choices[g.correct[0]!]!);
      expect(stated).toEqual(nodesPassing(g.sim!, 'profile', 'read-your-writes'));
      // Instructive: some replica can serve, some cannot.
      expect(stated.length).toBeGreaterThan(1);
      expect(stated.length).toBeLessThan(g.sim!.nodes.length);
    },
  );
});

describe('monotonic-nodes', () => {
  it.each(SEEDS)(
    'seed %i: the stated set is exactly the nodes that do not go back in time',
    (seed) => {
      const g = choice(gen('monotonic-nodes', seed));
      wellFormed(g);
      const stated = nodesOf(g.choices[g.correct[0]!]!);
      expect(stated).toEqual(nodesPassing(g.sim!, 'thread', 'monotonic-reads'));
    },
  );
});

describe('prefix-nodes', () => {
  it.each(SEEDS)(
    'seed %i: the stated set is exactly the nodes that show the question after its answer',
    (seed) => {
      const g = choice(gen('prefix-nodes', seed));
      wellFormed(g);
      const stated = nodesOf(g.choices[g.correct[0]!]!);
      expect(stated).toEqual(nodesPassing(g.sim!, 'question', 'consistent-prefix'));
      // Instructive: a replica with the question but not yet the answer is safe, and some
      // replica is not.
      const lsn = (label: string) => Number(/applied LSN (\d+)/.exec(label)![1]);
      const applied = new Map(g.facts.map((f) => [f.split(':')[0]!.split(' ')[0]!, lsn(f)]));
      const [q, a] = [...g.prompt.matchAll(/LSN (\d+)/g)].map((m) => Number(m[1]));
      expect(stated.some((n) => applied.get(n)! >= q! && applied.get(n)! < a!)).toBe(true);
      expect(stated.length).toBeLessThan(g.sim!.nodes.length);
    },
  );
});

describe('async-loss', () => {
  it.each(SEEDS)('seed %i: promoting the best follower loses exactly the stated count', (seed) => {
    const g = numeric(gen('async-loss', seed));
    const sim = g.sim!;
    const lost = sim.nodes
      .filter((n) => n.id !== 'primary')
      .map((n) => {
        const copy = cloneSim(sim);
        copy.apply({ type: 'promote', node: n.id });
        copy.runUntil(copy.now + 2000);
        return checkAll(copy)['lost-writes'].length;
      });
    expect(g.answer).toBe(Math.min(...lost));
  });
});

describe('failover-winner', () => {
  it.each(SEEDS)('seed %i: the stated follower is the one automatic failover elects', (seed) => {
    const g = choice(gen('failover-winner', seed));
    wellFormed(g);
    const copy = cloneSim(g.sim!);
    copy.runUntil(copy.now + 10_000);
    expect(copy.currentLeader()?.id).toBe(g.choices[g.correct[0]!]);
  });

  it('the winner is not always the same node', () => {
    const winners = new Set(
      FEW.map((s) => {
        const g = choice(gen('failover-winner', s));
        return g.choices[g.correct[0]!];
      }),
    );
    expect(winners.size).toBeGreaterThan(1);
  });
});

describe('retention-resync', () => {
  function afterDowntime(sim: Simulation, writes: number): string {
    const copy = cloneSim(sim);
    for (let i = 0; i < writes; i++) {
      copy.runUntil(copy.now + 50);
      copy.apply({ type: 'write', client: 'app', key: `more-${i}`, value: i });
    }
    copy.runUntil(copy.now + 1000);
    copy.apply({ type: 'restart', node: 'replica-1' });
    copy.runUntil(copy.now + 10_000);
    return copy.snapshot().nodes.find((n) => n.id === 'replica-1')!.status;
  }

  it.each(FEW)('seed %i: the stated count still catches up, one more needs a resync', (seed) => {
    const g = numeric(gen('retention-resync', seed));
    expect(g.answer).toBeGreaterThanOrEqual(0);
    expect(afterDowntime(g.sim!, g.answer)).toBe('streaming');
    expect(afterDowntime(g.sim!, g.answer + 1)).toBe('needs-resync');
  });
});

describe('cascade-delay', () => {
  it.each(SEEDS)('seed %i: the last node applies the write when stated', (seed) => {
    const g = numeric(gen('cascade-delay', seed));
    const sim = g.sim!;
    const write = sim.ops.at(0)!;
    const last = sim.nodes[sim.nodes.length - 1]!.id;
    const copy = cloneSim(sim);
    const applied = () => copy.snapshot().nodes.find((n) => n.id === last)!.appliedLsn >= 1;
    expect(copy.runUntilCondition(applied, copy.now + 60_000)).toBe(true);
    const tookSeconds = (copy.now - write.acceptedAt!) / 1000;
    expect(Math.abs(tookSeconds - g.answer)).toBeLessThanOrEqual(g.tolerance);
  });
});

describe('commit-latency', () => {
  it.each(SEEDS)('seed %i: the write took exactly the stated time on the cluster', (seed) => {
    const g = numeric(gen('commit-latency', seed));
    const write = g.sim!.ops.at(0)!;
    expect(write.outcome).toBe('ok');
    expect(write.completedAt! - write.invokedAt).toBe(g.answer);
    expect(g.why).toContain(`${g.answer} ms`);
  });

  it('asks about every setting; FIRST k sometimes waits longer than the k fastest would', () => {
    const gs = FEW.map((s) => numeric(gen('commit-latency', s)));
    const kinds = new Set(
      gs.map((g) => /^(async|synchronous replication|.*FIRST|.*ANY)/.exec(g.facts[0]!)?.[1]),
    );
    expect(kinds.size).toBe(4);
    const lagsOf = (g: GeneratedNumeric) =>
      g.facts.flatMap((f) => {
        const m = /receives each entry (\d+) ms/.exec(f);
        return m ? [Number(m[1])] : [];
      });
    // Under FIRST k the leader waits for the listed standbys even when others are faster.
    const slowerThanQuorum = gs.filter((g) => {
      const m = /'FIRST (\d)/.exec(g.facts[0]!);
      if (!m) return false;
      const kth = [...lagsOf(g)].sort((a, b) => a - b)[Number(m[1]) - 1]!;
      return g.answer > kth + 3;
    });
    expect(slowerThanQuorum.length).toBeGreaterThan(0);
  });

  it('with one setting only, asks only about it', () => {
    for (const s of FEW.slice(0, 20)) {
      const g = numeric(gen('commit-latency', s, { settings: ['any'] }));
      expect(g.facts[0]).toMatch(/^synchronous_standby_names = 'ANY \d \(replica-1, /);
    }
  });
});

describe('quorum-overlap', () => {
  /** All k-subsets of {0..n-1} as bit masks. */
  function subsets(n: number, k: number): number[] {
    const out: number[] = [];
    for (let m = 0; m < 1 << n; m++) {
      let bits = 0;
      for (let x = m; x; x &= x - 1) bits++;
      if (bits === k) out.push(m);
    }
    return out;
  }
  const overlaps = (n: number, w: number, r: number) =>
    subsets(n, w).every((a) => subsets(n, r).every((b) => (a & b) !== 0));

  it.each(SEEDS)('seed %i: the answer agrees with enumerating every quorum', (seed) => {
    const g = numeric(gen('quorum-overlap', seed));
    const nums = Object.fromEntries(
      [...g.prompt.matchAll(/\*\*(\w) = (\d+)\*\*/g)].map((m) => [m[1], Number(m[2])]),
    );
    const n = nums.n!;
    if (/smallest read quorum/.test(g.prompt)) {
      const r = Array.from({ length: n }, (_, i) => i + 1).find((x) => overlaps(n, nums.w!, x));
      expect(g.answer).toBe(r);
    } else if (/smallest write quorum/.test(g.prompt)) {
      const w = Array.from({ length: n }, (_, i) => i + 1).find((x) => overlaps(n, x, nums.r!));
      expect(g.answer).toBe(w);
    } else if (/both reads and writes/.test(g.prompt)) {
      // The most nodes that can be down while a w-set and an r-set of live nodes remain.
      const down = Array.from({ length: n + 1 }, (_, i) => i).filter(
        (d) => n - d >= nums.w! && n - d >= nums.r!,
      );
      expect(g.answer).toBe(Math.max(...down));
    } else {
      const down = Array.from({ length: n + 1 }, (_, i) => i).filter((d) => n - d >= nums.w!);
      expect(g.answer).toBe(Math.max(...down));
    }
  });
});

describe('version-vector-order', () => {
  /** Happened-before from the listed history alone: a graph of events, no vectors. */
  function relationFromHistory(facts: readonly string[], x: string, y: string): 0 | 1 | 2 {
    // Each replica's events form a chain; "X sends everything to Y" links X's latest event
    // to Y's next one. v happened before u when u's event can reach back to v's.
    const preds = new Map<number, number[]>();
    const lastAt = new Map<string, number>();
    const writeEvent = new Map<string, number>();
    facts.forEach((f, i) => {
      const w = /^\d+\. (\w) writes (v\d+)$/.exec(f);
      const s = /^\d+\. (\w) sends everything it has to (\w)$/.exec(f);
      const at = w ? w[1]! : s![2]!;
      const p: number[] = [];
      if (lastAt.has(at)) p.push(lastAt.get(at)!);
      if (s && lastAt.has(s[1]!)) p.push(lastAt.get(s[1]!)!);
      preds.set(i, p);
      lastAt.set(at, i);
      if (w) writeEvent.set(w[2]!, i);
    });
    const reaches = (from: number, to: number): boolean => {
      const stack = [from];
      const seen = new Set<number>();
      while (stack.length) {
        const e = stack.pop()!;
        if (e === to) return true;
        if (seen.has(e)) continue;
        seen.add(e);
        stack.push(...(preds.get(e) ?? []));
      }
      return false;
    };
    const ex = writeEvent.get(x)!;
    const ey = writeEvent.get(y)!;
    if (reaches(ey, ex)) return 0;
    if (reaches(ex, ey)) return 1;
    return 2;
  }

  it.each(SEEDS)('seed %i: the relation follows from the history, and vectors agree', (seed) => {
    const h = choice(gen('version-vector-order', seed, { show: 'history' }));
    const v = choice(gen('version-vector-order', seed, { show: 'vectors' }));
    wellFormed(h);
    const [x, y] = /How are (v\d+) and (v\d+) related/.exec(h.prompt)!.slice(1);
    expect(h.correct[0]).toBe(relationFromHistory(h.facts, x!, y!));
    expect(v.correct).toEqual(h.correct);
  });
});

describe.each([
  'route-own-read',
  'route-monotonic',
  'route-prefix',
  'route-write-after-failover',
  'route-sync-standby',
])('%s', (id) => {
  it.each(FEW)(
    'seed %i: the options that pass when run are the ones the generator expects',
    (seed) => {
      const g = routing(gen(id, seed));
      const outcomes = runRouteOptions(g);
      const passed = outcomes.filter((o) => o.correct).map((o) => o.index);
      expect(passed).toEqual([...g.expected].sort((a, b) => a - b));
      expect(passed.length).toBeGreaterThan(0);
      expect(passed.length).toBeLessThan(g.nodes.length);
    },
  );
});

describe('quorum-stale-read', () => {
  const outcomeOf = (label: string) =>
    label.startsWith('"eggs"') ? 'new' : label.startsWith('"milk"') ? 'old' : 'no-quorum';

  it.each(SEEDS)(
    'seed %i: the stated answer is what the read returned, by the read rule',
    (seed) => {
      const g = choice(gen('quorum-stale-read', seed));
      expect(g.choices).toHaveLength(3);
      wellFormed(g);
      const stated = outcomeOf(g.choices[g.correct[0]!]!);
      const sim = g.sim!;
      const read = sim.ops.at(sim.ops.length - 1)!;
      expect(read.kind).toBe('read');
      // The rule, from the cluster as it is: the replicas up, the first r of them in listed
      // order answer, and the newest version among their answers is returned.
      const snap = sim.snapshot();
      const r = snap.leaderless!.r;
      const up = snap.nodes.filter((n) => n.status !== 'down').map((n) => n.id);
      const holds = (id: string) =>
        snap
          .leaderless!.replicas.find((rep) => rep.id === id)!
          .keys.some((k) => k.versions.some((v) => v.value === 'eggs'));
      const byRule = up.length < r ? 'no-quorum' : up.slice(0, r).some(holds) ? 'new' : 'old';
      expect(stated).toBe(byRule);
      if (stated === 'no-quorum') expect([read.outcome, read.error]).toEqual(['fail', 'no-quorum']);
      else expect(read.value).toBe(stated === 'new' ? 'eggs' : 'milk');
      // The checker agrees: stale exactly when the old value came back.
      const stale = checkAll(sim)['stale-read'].some((a) => a.op === read.id);
      expect(stale).toBe(stated === 'old');
    },
  );

  it('asks every outcome over the seeds, with the right answer in every position', () => {
    const outcomes = new Set<string>();
    const positions = new Set<number>();
    for (const seed of SEEDS) {
      const g = choice(gen('quorum-stale-read', seed));
      outcomes.add(outcomeOf(g.choices[g.correct[0]!]!));
      positions.add(g.correct[0]!);
    }
    expect([...outcomes].sort()).toEqual(['new', 'no-quorum', 'old']);
    expect([...positions].sort()).toEqual([0, 1, 2]);
  });
});

describe('generators are reproducible', () => {
  it.each([
    'ryw-nodes',
    'async-loss',
    'route-sync-standby',
    'version-vector-order',
    'quorum-stale-read',
    'lww-skew',
  ])('%s: same seed, same question', (id) => {
    const a = gen(id, 42);
    const b = gen(id, 42);
    expect(a.prompt).toBe(b.prompt);
    expect(a.facts).toEqual(b.facts);
    expect(a.why).toBe(b.why);
  });
});

describe('log-divergence', () => {
  /** Diverges under this log, by the lesson's account of statement logs. */
  const DIVERGES: Record<string, readonly string[]> = {
    statement: ['now', 'rand', 'uuid', 'sysdate', 'auto-increment', 'limit'],
    'statement-pinned': ['uuid', 'sysdate', 'limit'],
    row: [],
    wal: [],
  };
  const KIND_OF: [RegExp, string][] = [
    [/SYSDATE\(\)/, 'sysdate'],
    [/NOW\(\)/, 'now'],
    [/RAND\(\)/, 'rand'],
    [/UUID\(\)/, 'uuid'],
    [/two INSERTs/, 'auto-increment'],
    [/LIMIT 1/, 'limit'],
    [/balance = 90/, 'deterministic'],
  ];
  const LOG_OF: [RegExp, string][] = [
    [/pinned values/, 'statement-pinned'],
    [/^replication log: statements:/, 'statement'],
    [/rows \(a logical log\)/, 'row'],
    [/^replication log: WAL:/, 'wal'],
  ];
  const which = (table: [RegExp, string][], text: string) =>
    table.find(([re]) => re.test(text))?.[1];

  it.each(SEEDS)('seed %i: the answer matches every node’s data, compared row by row', (seed) => {
    const g = choice(gen('log-divergence', seed));
    wellFormed(g);
    const nodes = g.sim!.snapshot().nodes;
    expect(nodes.every((n) => n.appliedLsn === nodes[0]!.appliedLsn)).toBe(true);
    const differ = nodes.some((n) => JSON.stringify(n.data) !== JSON.stringify(nodes[0]!.data));
    expect(g.correct).toEqual([differ ? 1 : 0]);
    // And it is what statement, pinned, row and WAL logs are known to do.
    const kind = which(KIND_OF, g.facts[2]!)!;
    const log = which(LOG_OF, g.facts[0]!)!;
    expect(differ).toBe(DIVERGES[log]!.includes(kind));
    expect(checkAll(g.sim!).divergence.length > 0).toBe(differ);
  });

  it('covers every log and every statement; restricted parameters are honoured', () => {
    const gs = SEEDS.map((s) => choice(gen('log-divergence', s)));
    expect(new Set(gs.map((g) => which(LOG_OF, g.facts[0]!))).size).toBe(4);
    expect(new Set(gs.map((g) => which(KIND_OF, g.facts[2]!))).size).toBe(7);
    for (const s of FEW.slice(0, 20)) {
      const g = choice(
        gen('log-divergence', s, { logs: ['statement-pinned'], statements: ['rand'] }),
      );
      expect(g.correct).toEqual([0]);
      expect(g.why).toContain('seed of RAND()');
      expect(g.why).toContain('unsafe');
    }
  });
});

describe('seconds-behind', () => {
  it.each(SEEDS)(
    "seed %i: the answer is MySQL's figure, recomputed from the history and the ops",
    (seed) => {
      const g = numeric(gen('seconds-behind', seed));
      const sim = g.sim!;
      let received = 0;
      for (const e of sim.history) {
        if (e.type === 'deliver' && e.msg === 'entry' && e.to === 'replica-1') received++;
      }
      const applied = sim.node('replica-1').applied;
      const leaderTop = sim.currentLeader()!.log.length;
      // The replica is always behind the source in this scenario: the point of the question.
      expect(received).toBeLessThan(leaderTop);
      if (applied === received) {
        expect(g.answer).toBe(0);
      } else {
        const commit = [...sim.ops].find((o) => o.kind === 'write' && o.lsn === applied + 1);
        expect(g.answer).toBe(Math.floor((sim.now - commit!.acceptedAt!) / 1000));
      }
      expect(g.facts.join('\n')).toContain(`applied up to LSN ${applied}`);
    },
  );

  it('reads 0 for some replicas and a number of seconds for others', () => {
    const answers = SEEDS.slice(0, 40).map((s) => numeric(gen('seconds-behind', s)).answer);
    expect(answers.some((a) => a === 0)).toBe(true);
    expect(answers.some((a) => a > 0)).toBe(true);
  });
});

describe('lww-skew', () => {
  /** The facts as stated: each leader's clock offset, client, value and real time. */
  function stated(g: GeneratedChoice) {
    return g.facts.map((f) => {
      const m =
        /^(eu|us): clock (exact|([+−])([\d.]+) s); \w+ writes meeting = "([^"]+)" there at t = ([\d.]+) s/.exec(
          f,
        );
      if (!m) throw new Error(`unexpected fact: ${f}`);
      const skew = m[2] === 'exact' ? 0 : (m[3] === '−' ? -1 : 1) * Number(m[4]) * 1000;
      return { leader: m[1]!, value: m[5]!, at: Number(m[6]) * 1000, skew };
    });
  }

  it.each(SEEDS)(
    'seed %i: the higher stamp (real time + offset) is what both leaders keep',
    (seed) => {
      const g = choice(gen('lww-skew', seed));
      wellFormed(g);
      const [a, b] = stated(g);
      const winner = a!.at + a!.skew > b!.at + b!.skew ? a! : b!;
      expect(g.choices[g.correct[0]!]).toBe(`"${winner.value}" on both leaders`);
      // The simulation agrees, read again on a copy of it from each leader.
      for (const node of ['eu', 'us']) {
        const copy = cloneSim(g.sim!);
        const op = runOp(copy, { type: 'read', client: 'alice', key: 'meeting', from: node });
        expect(multiLeaderReadValues(copy, op.id)).toEqual([winner.value]);
      }
      // The writes were concurrent: the second came before the first could have arrived.
      expect(Math.abs(b!.at - a!.at)).toBeLessThan(
        Number(/reach the other ([\d.]+) s/.exec(g.prompt)![1]) * 1000,
      );
      // The loser counts as a lost acknowledged write.
      expect(checkAll(g.sim!)['lost-writes'].length).toBe(1);
    },
  );

  it('sometimes the earlier write wins (a clock decided), sometimes the later one', () => {
    const later = FEW.map((s) => {
      const g = choice(gen('lww-skew', s));
      const [a, b] = stated(g);
      return g.choices[g.correct[0]!] === `"${b!.value}" on both leaders` && b!.at > a!.at;
    });
    expect(later.filter(Boolean).length).toBeGreaterThan(10);
    expect(later.filter((x) => !x).length).toBeGreaterThan(10);
  });
});
