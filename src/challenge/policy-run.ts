// The learner's policy plugged into one simulation: the simulator's hooks call it with
// frozen copies, its answers are checked before the simulator acts on them, and what it
// decided is recorded for the checkers and the cost. A throw or an unusable answer stops
// the run (PolicyError) and is kept as the run's `error`.
import {
  type ElectionRequest,
  type FuzzCase,
  type RouteRequest,
  type SimHooks,
  Simulation,
} from '../sim/index.js';
import type { Challenge } from './challenge.js';
import {
  type CallWatch,
  type Election,
  type FailoverPolicy,
  NO_WATCH,
  type NodeInfo,
  type Policy,
  PolicyError,
  type ReadRequest,
  type RouterPolicy,
  type Sessions,
} from './policy-types.js';
import { nodeInfos, outcomeOf } from './snapshot.js';

/** A read sent to a node the health checks showed as not ok, while the leader was. */
export interface UnhealthyRoute {
  t: number;
  client: string;
  key: string;
  node: string;
  health: string;
  leader: string;
}

/** One election and the policy's choice. */
export interface ElectionRecord {
  t: number;
  startedBy: string;
  knownLsn: number;
  nodes: readonly NodeInfo[];
  chosen: string | undefined;
}

export interface PolicyRunOptions {
  watch?: CallWatch;
  /** Record replication messages (for drawing the run; grading goes faster without). */
  recordMessages?: boolean;
  /** Part of the learner's file name, to point at its line when it throws. */
  sourceHint?: string;
}

/** The policy's state and record in one run. */
export class PolicyRun {
  readonly elections: ElectionRecord[] = [];
  readonly unhealthyRoutes: UnhealthyRoute[] = [];
  routedReads = 0;
  leaderReads = 0;
  /** Set when the policy threw or answered something unusable: the run stopped there. */
  error: string | undefined;
  private readonly devices = new Map<string, Record<string, unknown>>();
  private readonly users = new Map<string, Record<string, unknown>>();
  readonly sim: Simulation;

  constructor(
    readonly challenge: Challenge,
    private readonly policy: Policy,
    c: FuzzCase,
    private readonly options: PolicyRunOptions = {},
  ) {
    this.sim = new Simulation(c.config, {
      seed: c.seed,
      clients: c.clients,
      recordMessages: options.recordMessages ?? false,
      hooks: this.hooks(),
    });
  }

  private hooks(): SimHooks {
    if (this.challenge.kind === 'failover') {
      return { chooseLeader: (req) => this.choose(req) };
    }
    const router = this.policy as RouterPolicy;
    return {
      routeRead: (req) => this.route(req),
      opDone: router.observe ? (op) => this.observe(op) : undefined,
    };
  }

  private sessions(client: string, user: string): Sessions {
    let device = this.devices.get(client);
    if (!device) {
      device = {};
      this.devices.set(client, device);
    }
    let u = this.users.get(user);
    if (!u) {
      u = {};
      this.users.set(user, u);
    }
    return Object.freeze({ device, user: u });
  }

  /** Calls into the learner's code, timed by the watch; a throw becomes the run's error. */
  private call<T>(name: string, fn: () => T): T {
    const watch = this.options.watch ?? NO_WATCH;
    watch.enter();
    try {
      return fn();
    } catch (err) {
      this.fail(`${name} threw ${describeThrown(err, this.options.sourceHint)}`);
    } finally {
      watch.leave();
    }
  }

  private fail(message: string): never {
    this.error ??= message;
    throw new PolicyError(message);
  }

  private route(req: RouteRequest): string {
    const router = this.policy as RouterPolicy;
    const nodes = nodeInfos(req.nodes);
    const read: ReadRequest = Object.freeze({
      now: req.now,
      client: req.client,
      user: req.user,
      key: req.key,
      leader: req.leader,
      ...(this.challenge.maxLagMs !== undefined ? { maxLagMs: this.challenge.maxLagMs } : {}),
    });
    const session = this.sessions(req.client, req.user);
    const chosen = this.call('route', () => router.route(read, nodes, session));
    if (typeof chosen !== 'string' || !nodes.some((n) => n.id === chosen)) {
      this.fail(
        `route returned ${show(chosen)}, not a node id (${nodes.map((n) => n.id).join(', ')})`,
      );
    }
    this.routedReads++;
    if (chosen === req.leader) this.leaderReads++;
    const to = nodes.find((n) => n.id === chosen)!;
    const leader = nodes.find((n) => n.id === req.leader);
    if (to.health !== 'ok' && leader?.health === 'ok') {
      this.unhealthyRoutes.push({
        t: req.now,
        client: req.client,
        key: req.key,
        node: to.id,
        health: to.health,
        leader: leader.id,
      });
    }
    return chosen;
  }

  private observe(op: number): void {
    const router = this.policy as RouterPolicy;
    const rec = this.sim.ops.at(op);
    if (!rec) return;
    const session = this.sessions(rec.client, rec.user);
    const outcome = outcomeOf(rec, this.sim.now);
    this.call('observe', () => router.observe?.(outcome, session));
  }

  private choose(req: ElectionRequest): string | undefined {
    const failover = this.policy as FailoverPolicy;
    const nodes = nodeInfos(req.nodes);
    const election: Election = Object.freeze({
      now: req.now,
      startedBy: req.startedBy,
      knownLsn: req.knownLsn,
      maxLossEntries: this.challenge.maxLossEntries ?? 0,
      nodes,
    });
    const chosen = this.call('choose', () => failover.choose(election));
    if (chosen !== null && chosen !== undefined && typeof chosen !== 'string') {
      this.fail(`choose returned ${show(chosen)}, not a node id or null`);
    }
    const id = chosen ?? undefined;
    if (id !== undefined && !nodes.some((n) => n.id === id)) {
      this.fail(
        `choose returned ${show(id)}, not a node id (${nodes.map((n) => n.id).join(', ')})`,
      );
    }
    this.elections.push({
      t: req.now,
      startedBy: req.startedBy,
      knownLsn: req.knownLsn,
      nodes,
      chosen: id,
    });
    return id;
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return 'a function';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** `TypeError: x is not a function (at policy.mjs:12:5)`: the thrown value and where. */
export function describeThrown(err: unknown, sourceHint?: string): string {
  if (!(err instanceof Error)) return show(err);
  const frames = (err.stack ?? '').split('\n').slice(1);
  const frame = frames.find((f) => sourceHint !== undefined && f.includes(sourceHint));
  const at = frame?.match(/([^/\\(\s]+:\d+:\d+)\)?\s*$/)?.[1];
  return `${err.name}: ${err.message}${at ? ` (at ${at})` : ''}`;
}
