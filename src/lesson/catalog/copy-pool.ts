// Copies of one run's cluster for validate's paths. A copy is made by replaying the run's
// inputs from the start (sim-copy.ts), which costs as much as the run's simulation so far. A
// path that rejoins the reference run gives its cluster back: it is then in the reference
// state, and later it only needs the inputs given since to be a copy again.
import type { Simulation } from '../../sim/index.js';
import { catchUp, exactCopy } from '../engine/sim-copy.js';

export class CopyPool {
  private readonly spares: Simulation[] = [];

  /** An exact copy of `sim`: a spare brought up to date, or a new replay. */
  copy(sim: Simulation): Simulation {
    while (this.spares.length > 0) {
      const spare = this.spares.pop()!;
      if (catchUp(spare, sim)) return spare;
    }
    return exactCopy(sim);
  }

  /** Keeps a cluster that is in the state of the run `sim` (proven by the caller) for reuse. */
  give(spare: Simulation, sim: Simulation): void {
    if (spare !== sim) this.spares.push(spare);
  }
}
