// With fencing, an old leader is shut off at the moment a new one is promoted (out of band,
// even across a partition), so no write is ever accepted by a leader of an older epoch after
// a newer leader was elected. Promised while fencing is on from the start and never turned off.
import { checkInput, runChecker } from '../../check/index.js';
import type { Simulation } from '../../simulation.js';
import { capped, type Invariant } from './invariant.js';

export const noSplitBrain: Invariant = {
  name: 'no-split-brain',
  says: 'with fencing, no two leaders accept writes at overlapping times',
  when: 'end',
  applies: (sim: Simulation) =>
    sim.initialConfig.failover?.fencing === true &&
    !sim.inputs.some((x) => x.cmd.type === 'set-cluster' && x.cmd.params.fencing === false),
  check: (sim: Simulation) =>
    capped(runChecker('split-brain', checkInput(sim)).map((a) => a.message)),
};
