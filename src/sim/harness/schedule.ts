// Seeded schedules of workloads and faults. A schedule is a list of (time, command) pairs
// drawn from its own PRNG, so every schedule is reproducible from its seed; `playSchedule`
// applies them in time order and runs the simulation on.
import type { Command } from '../commands.js';
import { Prng } from '../prng.js';
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import type { Delay, Ms } from '../types.js';

/** A command and the virtual time it is given at. */
export interface Timed {
  t: Ms;
  cmd: Command;
}

export class Schedule {
  readonly items: Timed[] = [];
  readonly rng: Prng;

  constructor(seed: number) {
    this.rng = new Prng(seed * 7919 + 17);
  }

  at(t: Ms, cmd: Command): this {
    this.items.push({ t: Math.round(t), cmd });
    return this;
  }

  /** A uniform time in [from, to]. */
  time(from: Ms, to: Ms): Ms {
    return this.rng.int(from, to);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.rng.int(0, xs.length - 1)]!;
  }

  chance(p: number): boolean {
    return this.rng.next() < p;
  }

  /** A lag range such as {min: 20, max: 180}, or a fixed lag. */
  lag(maxMs: number): Delay {
    const a = this.rng.int(0, maxMs);
    const b = this.rng.int(0, maxMs);
    return this.chance(0.5) ? Math.max(a, b) : { min: Math.min(a, b), max: Math.max(a, b) };
  }

  /** `count` writes from random clients to random keys at random times in [from, to]. */
  writes(count: number, from: Ms, to: Ms, clients: readonly string[], keys = 5): this {
    for (let i = 0; i < count; i++) {
      const client = this.pick(clients);
      this.at(this.time(from, to), {
        type: 'write',
        client,
        key: `k${this.rng.int(1, keys)}`,
        value: `${client}-${i}`,
      });
    }
    return this;
  }

  /** `count` reads routed by each client's policy (or sent to `node`). */
  reads(
    count: number,
    from: Ms,
    to: Ms,
    clients: readonly string[],
    keys = 5,
    node = 'route',
  ): this {
    for (let i = 0; i < count; i++) {
      this.at(this.time(from, to), {
        type: 'read',
        client: this.pick(clients),
        key: `k${this.rng.int(1, keys)}`,
        from: node,
      });
    }
    return this;
  }

  /** Crash a node at a random time and (maybe) restart it a little later. */
  crashRestart(nodeId: string, from: Ms, to: Ms, restartChance = 0.8, maxDown = 3000): this {
    const t = this.time(from, to);
    this.at(t, { type: 'crash', node: nodeId });
    if (this.chance(restartChance)) {
      this.at(t + this.rng.int(1, maxDown), { type: 'restart', node: nodeId });
    }
    return this;
  }

  /** Sorted by time; items at one time keep their insertion order. */
  sorted(): Timed[] {
    return sortByTime(this.items);
  }
}

/** Sorted by time; items at one time keep their order. */
export function sortByTime(items: readonly Timed[]): Timed[] {
  return items
    .map((x, i) => ({ x, i }))
    .sort((a, b) => a.x.t - b.x.t || a.i - b.i)
    .map(({ x }) => x);
}

/**
 * Applies the schedule at its times, then runs to `until`. Commands that the simulator
 * refuses at that moment (e.g. promoting a node that is down) are skipped, as a learner's
 * refused command would be. Returns how many were refused.
 */
export function playSchedule(
  sim: Simulation,
  schedule: Schedule | readonly Timed[],
  until: Ms,
): number {
  const items = schedule instanceof Schedule ? schedule.sorted() : schedule;
  let refused = 0;
  for (const { t, cmd } of items) {
    sim.runUntil(t);
    if (!applyOrRefuse(sim, cmd)) refused++;
  }
  sim.runUntil(until);
  return refused;
}

/** Applies a command; false when the simulator refused it (anything else is a bug: rethrown). */
export function applyOrRefuse(sim: Simulation, cmd: Command): boolean {
  try {
    sim.apply(cmd);
    return true;
  } catch (err) {
    if (!(err instanceof SimulationError)) throw err;
    return false;
  }
}
