// Rewind by replay: the state at an earlier time, rebuilt from the recorded inputs, is the
// state of a run that stopped there: same snapshot, same history, same operations.
import { describe, expect, it } from 'vitest';
import {
  type ClusterConfig,
  playSchedule,
  replayTo,
  rewind,
  Schedule,
  Simulation,
  type SimulationOptions,
  type Timed,
  traceHash,
} from '../../src/sim/index.js';
import { config, failover, threeNodes } from './make-cluster.js';

const NODES = ['n1', 'n2', 'n3', 'n4'];

function scenario(seed: number): { cfg: ClusterConfig; opts: SimulationOptions; items: Timed[] } {
  const sch = new Schedule(seed);
  const cfg = config(
    NODES.map((id, i) =>
      i === 0
        ? { id, role: 'leader' as const }
        : { id, role: 'follower' as const, lag: sch.lag(800), replay: sch.rng.int(0, 100) },
    ),
    {
      mode: sch.pick(['async', 'semi-sync'] as const),
      failover: failover({ heartbeat: 200, timeout: 1000 }),
      clientTimeout: 3000,
    },
  );
  const opts = {
    seed,
    clients: [
      { id: 'ryw', policy: 'read-your-writes' as const },
      { id: 'rnd', policy: 'random' as const },
    ],
  };
  sch.at(0, {
    type: 'workload',
    tag: 'w',
    spec: {
      clients: 5,
      duration: 6000,
      writes: 0.4,
      readAfterWrite: 0.5,
      keys: 4,
      rate: 10,
      policy: 'monotonic',
    },
  });
  sch.writes(10, 0, 6000, ['ryw', 'rnd']);
  sch.reads(10, 0, 6000, ['ryw', 'rnd']);
  sch.at(sch.time(500, 2500), { type: 'crash', node: 'n1' });
  sch.at(sch.time(3000, 4000), { type: 'restart', node: 'n1' });
  const t = sch.time(3000, 5000);
  sch.at(t, { type: 'partition', groups: [[sch.pick(NODES)]] });
  sch.at(t + 700, { type: 'heal' });
  sch.at(sch.time(0, 6000), { type: 'pause', node: sch.pick(NODES), for: 1500 });
  return { cfg, opts, items: sch.sorted() };
}

/** What a run that stopped at `t` looks like. */
function stoppedAt(seed: number, t: number): Simulation {
  const { cfg, opts, items } = scenario(seed);
  const s = new Simulation(cfg, opts);
  playSchedule(
    s,
    items.filter((x) => x.t <= t),
    t,
  );
  return s;
}

function fingerprint(s: Simulation): string {
  return JSON.stringify({ snap: s.snapshot(), ops: s.ops, history: s.history });
}

describe('rewind', () => {
  it('reproduces runs stopped earlier: mid-workload, during a partition, after failovers', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { cfg, opts, items } = scenario(seed);
      const full = new Simulation(cfg, opts);
      playSchedule(full, items, 12_000);
      expect(full.history.toArray().some((e) => e.type === 'election')).toBe(true);
      for (const t of [0, 777, 2500, 3500, 4444, 6000, 9000, 12_000]) {
        const back = rewind(full, t);
        expect(back.now).toBe(t);
        expect(fingerprint(back), `seed ${seed} t=${t}`).toBe(fingerprint(stoppedAt(seed, t)));
      }
      // Rewinding to now changes nothing.
      expect(traceHash(rewind(full, full.now))).toBe(traceHash(full));
    }
  });

  it('replayTo rebuilds from the config, options and inputs alone', () => {
    const { cfg, opts, items } = scenario(3);
    const full = new Simulation(cfg, opts);
    playSchedule(full, items, 8000);
    const copy = replayTo(full.initialConfig, full.options, full.inputs, 5000);
    expect(fingerprint(copy)).toBe(fingerprint(stoppedAt(3, 5000)));
  });

  it('a command given mid-millisecond (after single steps) replays at the same point', () => {
    const s = new Simulation(threeNodes([0, 0]), { seed: 1 });
    s.apply({ type: 'write', client: 'a', key: 'k', value: 1 });
    s.apply({ type: 'write', client: 'b', key: 'k', value: 2 });
    // At t=1 both requests arrive; handle only the first, then crash the leader.
    s.runUntil(0);
    s.step();
    expect(s.now).toBe(1);
    expect(s.nextEventTime()).toBe(1);
    s.apply({ type: 'crash', node: 'primary' });
    s.runUntil(100);
    expect(s.ops.slice().map((o) => o.outcome)).toEqual(['ok', 'fail']);
    const back = rewind(s, 100);
    expect(fingerprint(back)).toBe(fingerprint(s));
    expect(back.ops.slice().map((o) => o.outcome)).toEqual(['ok', 'fail']);
  });

  it('runUntilEvents stops inside a millisecond once the count is reached', () => {
    const make = () => {
      const s = new Simulation(threeNodes([0, 0]), { seed: 1 });
      s.apply({ type: 'write', client: 'a', key: 'k', value: 1 });
      s.apply({ type: 'write', client: 'b', key: 'k', value: 2 });
      return s;
    };
    const stepped = make();
    stepped.runUntil(0);
    stepped.step(); // the first of the two requests due at t=1
    const s = make();
    s.runUntilEvents(1, stepped.eventsProcessed);
    expect(s.eventsProcessed).toBe(stepped.eventsProcessed);
    expect(s.now).toBe(1);
    expect(s.nextEventTime()).toBe(1); // the second request still waits
    s.runUntil(1);
    expect(s.eventsProcessed).toBe(stepped.eventsProcessed + 1);
    expect(s.nextEventTime()).toBeGreaterThan(1);
  });

  it('keeps the run options: clients and their policies, recordMessages overridable', () => {
    const s = new Simulation(threeNodes([1000, 5000]), {
      seed: 9,
      clients: [{ id: 'me', policy: 'read-your-writes' }],
    });
    s.apply({ type: 'write', client: 'me', key: 'k', value: 1 });
    s.runUntil(10);
    s.apply({ type: 'read', client: 'me', key: 'k', from: 'route' });
    s.runUntil(20);
    expect(s.ops.at(1)!.node).toBe('primary');
    const back = rewind(s, 20);
    expect(back.ops.at(1)!.node).toBe('primary');
    const quiet = rewind(s, 20, { recordMessages: false });
    expect(quiet.history.toArray().some((e) => e.type === 'send')).toBe(false);
    expect(JSON.stringify(quiet.snapshot())).toBe(JSON.stringify(s.snapshot()));
  });
});
