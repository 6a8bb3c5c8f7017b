// Generated traffic: each client issues one operation at a time, waits for it, thinks for
// 1/rate seconds, and goes again until the workload's duration is over.
import { DEFAULT_SIZE, startRead, startWrite } from './clients.js';
import type { WorkloadSpec } from './commands.js';
import { CLS_TIMER, EV, type Ev } from './events.js';
import { startLeaderlessRead } from './leaderless/reads.js';
import { startQuorumWrite } from './leaderless/writes.js';
import { startMultiRead, startMultiWrite } from './multi-leader/requests.js';
import type { Simulation } from './simulation.js';
import type { Session } from './state.js';
import type { Ms } from './types.js';

export interface WorkloadRun {
  tag: string;
  spec: WorkloadSpec;
  startAt: Ms;
  endAt: Ms;
  clients: string[];
  /** The clients' sessions, in the same order. */
  sessions: Session[];
  /** Virtual ms a client waits between operations (1 / rate). */
  think: Ms;
  /** Ops of this workload are those with ids in [firstOp, lastOp]. */
  firstOp: number;
  lastOp: number;
  active: number;
  /** Per client: key to read next (read-after-write), or undefined. */
  readNext: (string | undefined)[];
  /** Key names by number, made once ("k1", "k2", ...). */
  keyNames: string[];
}

export function startWorkload(sim: Simulation, spec: WorkloadSpec, tag: string): WorkloadRun {
  const run: WorkloadRun = {
    tag,
    spec,
    startAt: sim.now,
    endAt: sim.now + spec.duration,
    clients: [],
    sessions: [],
    think: 1000 / Math.max(spec.rate, 0.001),
    firstOp: sim.ops.length,
    lastOp: sim.ops.length - 1,
    active: spec.clients,
    readNext: [],
    keyNames: [],
  };
  const runIndex = sim.workloads.length;
  sim.workloads.push(run);
  const think = run.think;
  for (let i = 0; i < spec.clients; i++) {
    const id = `${tag}-c${i + 1}`;
    const s = sim.ensureSession(id, {
      id,
      policy: spec.policy,
      window: spec.window,
      maxLag: spec.maxLag,
    });
    s.workload = { run: runIndex, client: i };
    run.clients.push(id);
    run.sessions.push(s);
    run.readNext.push(undefined);
    // Stagger the first operations across one think time so clients do not march in step.
    const offset = Math.floor((think * i) / spec.clients);
    sim.schedule(sim.now + offset, CLS_TIMER, EV.WORKLOAD_TICK, i, runIndex, 0, 0);
  }
  sim.record({
    t: sim.now,
    type: 'note',
    text: `workload "${tag}": ${spec.clients} clients for ${spec.duration} ms`,
  });
  return run;
}

export function onWorkloadTick(sim: Simulation, ev: Ev): void {
  const run = sim.workloads[ev.m]!;
  const i = ev.n;
  if (sim.now >= run.endAt) {
    run.active--;
    return;
  }
  const spec = run.spec;
  const client = run.clients[i]!;
  const session = run.sessions[i]!;
  const follow = run.readNext[i];
  let op: number;
  if (follow !== undefined) {
    run.readNext[i] = undefined;
    op = read(sim, session, client, follow);
  } else {
    const key = pickKey(sim, run);
    if (sim.rng.next() < spec.writes) {
      // The id this write is about to get: unique, and how the event log names the write
      // (#id). A number, not a string: a long run keeps every value in its log.
      const value = sim.ops.length;
      const size = spec.size ?? DEFAULT_SIZE;
      op = sim.leaderless
        ? startQuorumWrite(sim, session, client, key, value, size)
        : sim.multiLeader
          ? startMultiWrite(sim, session, key, value, size, undefined)
          : startWrite(sim, session, client, key, {
              value,
              size,
              autoId: false,
              txnTime: 0,
              id: undefined,
            });
      if (sim.rng.next() < spec.readAfterWrite) run.readNext[i] = key;
    } else {
      op = read(sim, session, client, key);
    }
  }
  run.lastOp = op;
}

/** A read by the client's policy; a quorum read (leaderless); a read of its home leader (multi-leader). */
function read(sim: Simulation, session: Session, client: string, key: string): number {
  if (sim.leaderless) return startLeaderlessRead(sim, session, client, key, undefined);
  if (sim.multiLeader) return startMultiRead(sim, session, key, undefined);
  return startRead(sim, session, client, key);
}

function pickKey(sim: Simulation, run: WorkloadRun): string {
  const spec = run.spec;
  const n = Math.max(1, spec.keys);
  let i: number;
  // Hot keys: 80 % of operations go to the first 20 % of keys.
  if (spec.hotKeys && n >= 5) {
    const hot = Math.max(1, Math.floor(n / 5));
    i = sim.rng.next() < 0.8 ? sim.rng.int(1, hot) : sim.rng.int(hot + 1, n);
  } else {
    i = sim.rng.int(1, n);
  }
  let key = run.keyNames[i];
  if (key === undefined) {
    key = `k${i}`;
    run.keyNames[i] = key;
  }
  return key;
}

/** Called when an op of a workload client completes: it thinks, then issues its next op. */
export function onWorkloadOpDone(sim: Simulation, w: { run: number; client: number }): void {
  sim.schedule(
    sim.now + sim.workloads[w.run]!.think,
    CLS_TIMER,
    EV.WORKLOAD_TICK,
    w.client,
    w.run,
    0,
    0,
  );
}

/** True when every client of the workload has finished. */
export function workloadDone(run: WorkloadRun): boolean {
  return run.active <= 0;
}
