// Commands that would change nothing: the simulator accepts them as no-ops, but a person
// typing them wants to hear why nothing happened. The sandbox and a task's command line
// refuse them with these words, before anything runs.
import type { Simulation } from '../../sim/index.js';
import type { Step } from '../format/types.js';

/** Why the cluster cannot carry out a command that would change nothing, if so. */
export function commandRefusal(sim: Simulation, step: Step): string | undefined {
  const node =
    'node' in step && typeof step.node === 'string' ? sim.byId.get(step.node) : undefined;
  switch (step.kind) {
    case 'crash':
      return node && !node.up ? `${node.id} is already down` : undefined;
    case 'restart':
      return node?.up ? `${node.id} is running; crash it first` : undefined;
    case 'pause':
      return node && !node.up ? `${node.id} is down; restart it first` : undefined;
    case 'heal':
      return sim.net.isPartitioned ? undefined : 'the network is not partitioned';
    default:
      return undefined;
  }
}
