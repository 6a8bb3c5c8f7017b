// The same config, seed and inputs give the same run: replaying the recorded inputs into a
// fresh simulation ends with the same trace hash (this is also what rewind relies on).
import { rewind } from '../../rewind.js';
import type { Simulation } from '../../simulation.js';
import { traceHash } from '../../trace-hash.js';
import type { Invariant } from './invariant.js';

export const determinism: Invariant = {
  name: 'determinism',
  says: 'the same config, seed and inputs give the same trace hash',
  when: 'end',
  applies: () => true,
  check: (sim: Simulation) => {
    const again = traceHash(rewind(sim, sim.now));
    const first = traceHash(sim);
    return again === first ? [] : [`a replay of the same inputs hashes ${again}, the run ${first}`];
  },
};
