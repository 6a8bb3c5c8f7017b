// Node capacity: a node with a `capacity` (operations per second) serves client requests one
// at a time in arrival order, each taking 1000 / capacity ms, while the rest wait. A hot node
// queues and its latency grows: what makes reads on the leader cost latency, and read
// replicas add read throughput. Without a capacity a request is served the moment it
// arrives, as before.
import { fail, serveRequest, type WritePayload } from './clients.js';
import { CLS_TIMER, EV, type Ev } from './events.js';
import type { Simulation } from './simulation.js';
import { SimulationError } from './simulation-error.js';
import type { SimNode } from './state.js';

/** The node's capacity in operations per second, or undefined (unlimited). */
export function capacityOf(sim: Simulation, n: SimNode): number | undefined {
  return n.cfg.capacity ?? sim.cfg.capacity;
}

/** Throws unless `value` is a usable capacity (or absent). */
export function checkCapacity(value: number | undefined, where: string): void {
  if (value === undefined) return;
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new SimulationError(
      `${where}: capacity must be a positive number of operations per second, got ${JSON.stringify(value)}`,
    );
  }
}

/** How many requests wait at `n`, the one being served included. */
export function queuedRequests(n: SimNode): number {
  return n.serving.length - n.servingHead;
}

/** A request reached `n` (up, not paused) and joins its queue; served when its turn ends. */
export function enqueueRequest(
  sim: Simulation,
  n: SimNode,
  op: number,
  p: WritePayload | undefined,
  capacity: number,
): void {
  n.serving.push({ op, p });
  if (queuedRequests(n) === 1) startServing(sim, n, capacity);
}

function startServing(sim: Simulation, n: SimNode, capacity: number): void {
  sim.schedule(sim.now + 1000 / capacity, CLS_TIMER, EV.SERVE, n.idx, -1, 0, n.inc);
}

/** The request at the head of the queue is served; the next one starts. */
export function onServe(sim: Simulation, ev: Ev): void {
  const n = sim.nodes[ev.n]!;
  if (!n.up || n.inc !== ev.g) return;
  if (sim.isPaused(n)) {
    // A paused node serves nothing: the request in service finishes once it resumes.
    sim.defer(ev, n.pausedUntil);
    return;
  }
  const req = n.serving[n.servingHead]!;
  advance(n);
  serveRequest(sim, n, req.op, req.p);
  if (queuedRequests(n) === 0) return;
  const capacity = capacityOf(sim, n);
  if (capacity !== undefined) {
    startServing(sim, n, capacity);
    return;
  }
  // The capacity was lifted meanwhile: everyone waiting is served now, in order.
  while (queuedRequests(n) > 0) {
    const next = n.serving[n.servingHead]!;
    advance(n);
    serveRequest(sim, n, next.op, next.p);
  }
}

function advance(n: SimNode): void {
  n.servingHead++;
  if (n.servingHead === n.serving.length) {
    n.serving.length = 0;
    n.servingHead = 0;
  } else if (n.servingHead >= 1024 && n.servingHead * 2 >= n.serving.length) {
    n.serving.splice(0, n.servingHead);
    n.servingHead = 0;
  }
}

/** A crash drops the node's connections: every waiting request is refused (`down`). */
export function dropRequests(sim: Simulation, n: SimNode): void {
  if (queuedRequests(n) === 0) return;
  const waiting = n.serving.slice(n.servingHead);
  n.serving = [];
  n.servingHead = 0;
  for (const r of waiting) fail(sim, r.op, n, 'down');
}
