// The discrete-event simulator of a leader-based cluster. One virtual clock, one seeded
// PRNG, one priority queue. Commands (commands.ts) are the only inputs; they are recorded
// with their virtual time so that a run can be replayed exactly (rewind.ts).

import { ackTimedOut, onAck } from './acks.js';
import { applyBackup, backupNode, beginCopy, finishBusy } from './backup.js';
import {
  invokeRead,
  invokeWrite,
  onClientRequest,
  onClientResponse,
  onClientTimeout,
  onCommit,
} from './clients.js';
import type { Command, RecordedInput } from './commands.js';
import { EventQueue, type Queued } from './event-queue.js';
import {
  onElectionCheck,
  onHeartbeat,
  onHeartbeatReply,
  onHeartbeatTick,
  onPromote,
  promote,
  startFailoverTimers,
} from './failover.js';
import { Network } from './network.js';
import { Prng } from './prng.js';
import { catchUp, onApply, onDeliver, truncateDivergent, wipeNode } from './replication.js';
import { snapshotCluster } from './snapshot.js';
import type { Backup, Entry, PendingWrite, Session, SimNode } from './state.js';
import type {
  ClientConfig,
  ClusterConfig,
  ClusterSnapshot,
  HistoryEvent,
  Ms,
  NodeConfig,
  OpRecord,
  Value,
} from './types.js';
import { onWorkloadTick, startWorkload, type WorkloadRun } from './workload.js';

/** Event kinds. Plain numbers keep the hot loop monomorphic. */
export const EV = {
  DELIVER: 0,
  APPLY: 1,
  ACK: 2,
  CLIENT_REQ: 3,
  CLIENT_RESP: 4,
  CLIENT_TIMEOUT: 5,
  ACK_TIMEOUT: 6,
  COMMIT: 7,
  HB_TICK: 8,
  HEARTBEAT: 9,
  HB_REPLY: 10,
  ELECTION_CHECK: 11,
  PROMOTE: 12,
  BUSY_DONE: 13,
  WORKLOAD_TICK: 14,
} as const;
export type EvKind = (typeof EV)[keyof typeof EV];

/** Within one millisecond: messages first, then timers and faults. Steps run after both. */
export const CLS_MESSAGE = 0;
export const CLS_TIMER = 1;

/** A client's response, carried by a CLIENT_RESP event until it reaches the client. */
export interface Response {
  outcome: 'ok' | 'fail' | 'info';
  error?: OpRecord['error'];
  value?: Value;
  lsn?: number;
  epoch?: number;
  versionLsn?: number;
  versionEpoch?: number;
  role?: 'leader' | 'follower';
}

export interface Ev extends Queued {
  k: EvKind;
  /** Target node index (or client session index for workload ticks). */
  n: number;
  /** Other node index (sender), or -1. */
  m: number;
  /** A number whose meaning depends on the kind (LSN, epoch, incarnation). */
  x: number;
  /** Generation guard: incarnation or stream generation at scheduling time. */
  g: number;
  e: Entry | undefined;
  o: OpRecord | undefined;
  r: Response | undefined;
}

export interface SimulationOptions {
  seed: number;
  clients?: readonly ClientConfig[];
  /** Record every replication message in the history (default true). */
  recordMessages?: boolean;
}

export class SimulationError extends Error {}

export class Simulation {
  readonly cfg: ClusterConfig;
  /** The config as given, before any `set` command changed `cfg` (for replays). */
  readonly initialConfig: ClusterConfig;
  readonly seed: number;
  readonly rng: Prng;
  readonly nodes: SimNode[] = [];
  readonly byId = new Map<string, SimNode>();
  readonly queue = new EventQueue<Ev>();
  readonly history: HistoryEvent[] = [];
  readonly ops: OpRecord[] = [];
  readonly sessions = new Map<string, Session>();
  /** Read-your-writes memory per user (the cross-device variant). */
  readonly userWriteLsn = new Map<string, number>();
  readonly net = new Network();
  readonly backups: Backup[] = [];
  readonly pending: PendingWrite[] = [];
  readonly inputs: RecordedInput[] = [];
  readonly workloads: WorkloadRun[] = [];
  readonly recordMessages: boolean;
  now: Ms = 0;
  maxEpoch = 1;
  electionPending = false;
  eventsProcessed = 0;
  /** Counter ordering op invocations and completions (see OpRecord.invokeSeq). */
  opSeq = 0;

  constructor(config: ClusterConfig, options: SimulationOptions) {
    this.cfg = structuredClone(config);
    this.initialConfig = structuredClone(config);
    this.seed = options.seed;
    this.rng = new Prng(options.seed);
    this.recordMessages = options.recordMessages ?? true;
    for (const nc of this.cfg.nodes) this.addNode(nc);
    const leaders = this.nodes.filter((n) => n.role === 'leader');
    if (this.cfg.topology === 'leader' && leaders.length !== 1) {
      throw new SimulationError(
        `a leader topology needs exactly one leader, found ${leaders.length}`,
      );
    }
    if (this.cfg.topology !== 'leader') {
      throw new SimulationError(`topology "${this.cfg.topology}" is not simulated yet`);
    }
    const leader = leaders[0]!;
    for (const n of this.nodes) {
      if (n === leader) continue;
      const up = n.cfg.upstream ? this.node(n.cfg.upstream) : leader;
      n.source = up;
      n.caughtUpOnce = true;
    }
    for (const c of options.clients ?? []) this.ensureSession(c.id, c);
    startFailoverTimers(this);
  }

  // ---- setup helpers ----------------------------------------------------------------------

  addNode(nc: NodeConfig): SimNode {
    if (this.byId.has(nc.id)) throw new SimulationError(`duplicate node id "${nc.id}"`);
    const idx = this.nodes.length;
    const node: SimNode = {
      id: nc.id,
      idx,
      cfg: { ...nc },
      role: nc.role,
      epoch: 1,
      up: true,
      inc: 0,
      fenced: false,
      pausedUntil: 0,
      log: [],
      applied: 0,
      data: new Map(),
      evaluated: [],
      autoInc: new Map(),
      rng: this.rng.fork(idx),
      source: undefined,
      linkGen: 0,
      linkBusyUntil: 0,
      linkLastArrival: 0,
      stalled: false,
      lastApplyAt: 0,
      needsResync: false,
      caughtUpOnce: false,
      busy: undefined,
      busyUntil: 0,
      lastHeard: this.now,
      leaderLsnSeen: 0,
      ackedLsn: 0,
      lastContact: this.now,
      degraded: false,
      lostLease: false,
      recent: [],
    };
    this.nodes.push(node);
    this.byId.set(node.id, node);
    return node;
  }

  node(id: string): SimNode {
    const n = this.byId.get(id);
    if (!n) {
      throw new SimulationError(
        `unknown node "${id}" (nodes: ${this.nodes.map((x) => x.id).join(', ')})`,
      );
    }
    return n;
  }

  ensureSession(id: string, cfg?: ClientConfig): Session {
    let s = this.sessions.get(id);
    if (!s) {
      s = {
        cfg: cfg ? { ...cfg } : { id, policy: 'leader' },
        lastWriteLsn: 0,
        lastWriteAt: -1,
        maxReadLsn: 0,
        seen: new Map(),
      };
      this.sessions.set(id, s);
    } else if (cfg) {
      s.cfg = { ...cfg };
    }
    return s;
  }

  // ---- scheduling ---------------------------------------------------------------------------

  schedule(
    t: Ms,
    cls: number,
    k: EvKind,
    n: number,
    m = -1,
    x = 0,
    g = 0,
    e?: Entry,
    o?: OpRecord,
    r?: Response,
  ): Ev {
    const ev: Ev = { t, cls, seq: 0, k, n, m, x, g, e, o, r };
    this.queue.push(ev);
    return ev;
  }

  /** Puts an event back for when a paused node resumes (a stall, not a loss). */
  defer(ev: Ev, until: Ms): void {
    this.schedule(until, ev.cls, ev.k, ev.n, ev.m, ev.x, ev.g, ev.e, ev.o, ev.r);
  }

  record(ev: HistoryEvent): void {
    this.history.push(ev);
  }

  isPaused(n: SimNode): boolean {
    return n.pausedUntil > this.now;
  }

  // ---- the event loop -----------------------------------------------------------------------

  /** Time of the next pending event, or undefined when nothing is scheduled. */
  nextEventTime(): Ms | undefined {
    return this.queue.peek()?.t;
  }

  /** Processes exactly one event (advancing the clock to it). False when none is pending. */
  step(): boolean {
    const ev = this.queue.pop();
    if (!ev) return false;
    this.now = ev.t;
    this.eventsProcessed++;
    this.dispatch(ev);
    return true;
  }

  /** Processes every event due at or before `t`, then sets the clock to `t`. */
  runUntil(t: Ms): void {
    const q = this.queue;
    for (;;) {
      const head = q.peek();
      if (!head || head.t > t) break;
      this.step();
    }
    if (t > this.now) this.now = t;
  }

  /**
   * Runs until `done()` holds after an event (then finishes that millisecond, so that a replay
   * which stops at the same time reaches the same state), or until `limit`. Returns whether
   * the condition held.
   */
  runUntilCondition(done: () => boolean, limit: Ms): boolean {
    if (done()) return true;
    for (;;) {
      const head = this.queue.peek();
      if (!head || head.t > limit) {
        this.runUntil(limit);
        return done();
      }
      this.step();
      if (done()) {
        this.runUntil(this.now);
        return true;
      }
    }
  }

  private dispatch(ev: Ev): void {
    switch (ev.k) {
      case EV.DELIVER:
        onDeliver(this, ev);
        break;
      case EV.APPLY:
        onApply(this, ev);
        break;
      case EV.ACK:
        onAck(this, ev);
        break;
      case EV.CLIENT_REQ:
        onClientRequest(this, ev);
        break;
      case EV.CLIENT_RESP:
        onClientResponse(this, ev);
        break;
      case EV.CLIENT_TIMEOUT:
        onClientTimeout(this, ev);
        break;
      case EV.ACK_TIMEOUT:
        ackTimedOut(this, ev);
        break;
      case EV.COMMIT:
        onCommit(this, ev);
        break;
      case EV.HB_TICK:
        onHeartbeatTick(this, ev);
        break;
      case EV.HEARTBEAT:
        onHeartbeat(this, ev);
        break;
      case EV.HB_REPLY:
        onHeartbeatReply(this, ev);
        break;
      case EV.ELECTION_CHECK:
        onElectionCheck(this, ev);
        break;
      case EV.PROMOTE:
        onPromote(this, ev);
        break;
      case EV.BUSY_DONE:
        finishBusy(this, ev);
        break;
      case EV.WORKLOAD_TICK:
        onWorkloadTick(this, ev);
        break;
    }
  }

  // ---- cluster queries ----------------------------------------------------------------------

  /** The leader of the highest epoch that is not fenced (it may be down). */
  currentLeader(): SimNode | undefined {
    let best: SimNode | undefined;
    for (const n of this.nodes) {
      if (n.role !== 'leader' || n.fenced) continue;
      if (!best || n.epoch > best.epoch) best = n;
    }
    return best;
  }

  /** The leader a client would send a write to: the newest one it can reach. */
  leaderFor(client: string): SimNode | undefined {
    let best: SimNode | undefined;
    for (const n of this.nodes) {
      if (n.role !== 'leader' || n.fenced || !this.net.clientReaches(client, n.id)) continue;
      if (!best || n.epoch > best.epoch) best = n;
    }
    return best ?? this.currentLeader();
  }

  reachable(a: SimNode, b: SimNode): boolean {
    return this.net.nodesReach(a.id, b.id);
  }

  /** The root of a node's replication chain (the leader it ultimately follows). */
  chainLeader(n: SimNode): SimNode | undefined {
    let cur: SimNode | undefined = n;
    for (let hops = 0; cur && hops <= this.nodes.length; hops++) {
      if (cur.role === 'leader') return cur;
      cur = cur.source;
    }
    return undefined;
  }

  /** First LSN the leader still keeps for catch-up. */
  firstRetained(leader: SimNode): number {
    const keep = this.cfg.retain;
    return keep === undefined ? 1 : Math.max(1, leader.log.length - keep + 1);
  }

  snapshot(): ClusterSnapshot {
    return snapshotCluster(this);
  }

  // ---- commands -----------------------------------------------------------------------------

  /** Applies a command at the current virtual time and records it for replay. Returns the op id for reads and writes. */
  apply(cmd: Command): number | undefined {
    this.inputs.push({ t: this.now, cmd });
    switch (cmd.type) {
      case 'write':
        return invokeWrite(this, cmd).id;
      case 'read':
        return invokeRead(this, cmd).id;
      case 'crash':
        this.crash(this.node(cmd.node));
        return undefined;
      case 'restart':
        this.restart(this.node(cmd.node));
        return undefined;
      case 'pause': {
        const n = this.node(cmd.node);
        n.pausedUntil = Math.max(n.pausedUntil, this.now + cmd.for);
        this.record({
          t: this.now,
          type: 'fault',
          fault: 'pause',
          node: n.id,
          detail: `${cmd.for} ms`,
        });
        return undefined;
      }
      case 'partition':
        this.net.partition(cmd.groups);
        this.record({
          t: this.now,
          type: 'fault',
          fault: 'partition',
          detail: cmd.groups.map((g) => `[${g.join(', ')}]`).join(' | '),
        });
        return undefined;
      case 'heal':
        this.heal();
        return undefined;
      case 'set-node':
        this.setNode(this.node(cmd.node), cmd.params);
        return undefined;
      case 'set-cluster':
        this.setCluster(cmd.params);
        return undefined;
      case 'promote':
        promote(this, this.node(cmd.node), true);
        return undefined;
      case 'wipe':
        wipeNode(this, this.node(cmd.node));
        return undefined;
      case 'backup':
        backupNode(this, this.node(cmd.from), cmd.id, cmd.fails);
        return undefined;
      case 'restore':
        applyBackup(this, this.node(cmd.node), cmd.from, cmd.rate);
        return undefined;
      case 'add-follower': {
        const from = cmd.from ? this.node(cmd.from) : this.currentLeader();
        if (!from) throw new SimulationError('no leader to copy a snapshot from');
        const n = this.addNode({ ...cmd.node, role: 'follower' });
        n.epoch = from.epoch;
        beginCopy(this, n, from, cmd.rate);
        return undefined;
      }
      case 'resync': {
        const n = this.node(cmd.node);
        const from = this.currentLeader();
        if (!from || from === n) throw new SimulationError(`no leader to resync "${n.id}" from`);
        beginCopy(this, n, from, cmd.rate);
        return undefined;
      }
      case 'client':
        this.ensureSession(cmd.client.id, cmd.client);
        return undefined;
      case 'workload':
        startWorkload(this, cmd.spec, cmd.tag);
        return undefined;
    }
  }

  private crash(n: SimNode): void {
    if (!n.up) return;
    n.up = false;
    n.inc++;
    n.pausedUntil = 0;
    if (n.busy) n.busy = undefined;
    this.record({ t: this.now, type: 'fault', fault: 'crash', node: n.id });
  }

  private restart(n: SimNode): void {
    if (n.up) return;
    n.up = true;
    n.inc++;
    this.record({ t: this.now, type: 'fault', fault: 'restart', node: n.id });
    n.lastHeard = this.now;
    const leader = this.currentLeader();
    if (n.role === 'leader') {
      if (leader && leader !== n && leader.epoch > n.epoch) {
        // A newer leader exists: rejoin as its follower; what it never received is truncated.
        n.role = 'follower';
        n.epoch = leader.epoch;
        this.record({
          t: this.now,
          type: 'step-down',
          node: n.id,
          epoch: leader.epoch,
          reason: 'restarted after a failover',
        });
        this.follow(n, leader);
      } else {
        // Still the leader: its followers missed what was in flight when it crashed.
        for (const f of this.nodes) if (f.source === n && f.up) catchUp(this, f);
      }
    } else {
      const up = n.cfg.upstream ? this.byId.get(n.cfg.upstream) : undefined;
      const target = up?.up && up.role === 'follower' ? up : leader;
      if (target && target !== n) {
        if (target.role === 'leader' && target.epoch > n.epoch) n.epoch = target.epoch;
        this.follow(n, target);
      }
    }
    startFailoverTimers(this, n);
  }

  /** Points `n` at a new source: truncate what the source does not have, then catch up. */
  follow(n: SimNode, source: SimNode): void {
    n.source = source;
    const root = this.chainLeader(source);
    if (root) truncateDivergent(this, n, root);
    if (n.applied < n.log.length) {
      this.schedule(
        this.now + (n.cfg.replay ?? 0),
        CLS_TIMER,
        EV.APPLY,
        n.idx,
        -1,
        n.log.length,
        n.inc,
      );
    }
    catchUp(this, n);
  }

  private heal(): void {
    this.net.heal();
    this.record({ t: this.now, type: 'fault', fault: 'heal' });
    for (const f of this.nodes) {
      if (f.stalled && f.up && f.source) catchUp(this, f);
    }
  }

  private setNode(n: SimNode, params: Partial<NodeConfig>): void {
    const before = n.cfg.upstream;
    n.cfg = { ...n.cfg, ...params };
    const detail = Object.entries(params)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(' ');
    this.record({ t: this.now, type: 'fault', fault: 'set', node: n.id, detail });
    if ('upstream' in params && params.upstream !== before && n.role === 'follower') {
      const target = params.upstream ? this.node(params.upstream) : this.currentLeader();
      if (target) this.follow(n, target);
    }
  }

  private setCluster(
    params: Command & { type: 'set-cluster' } extends { params: infer P } ? P : never,
  ): void {
    const { auto, heartbeat, timeout, fencing, quorum, maxLagOnFailover, ...rest } = params;
    Object.assign(this.cfg, rest);
    const fo = { auto, heartbeat, timeout, fencing, quorum, maxLagOnFailover };
    const touched = Object.entries(fo).filter(([, v]) => v !== undefined);
    if (touched.length > 0) {
      const prev = this.cfg.failover;
      this.cfg.failover = {
        auto: prev?.auto ?? true,
        heartbeat: prev?.heartbeat ?? 1000,
        timeout: prev?.timeout ?? 30_000,
        fencing: prev?.fencing ?? false,
        quorum: prev?.quorum ?? false,
        maxLagOnFailover: prev?.maxLagOnFailover,
        ...Object.fromEntries(touched),
      };
      if (!prev) startFailoverTimers(this);
    }
    const detail = Object.entries(params)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(' ');
    this.record({ t: this.now, type: 'fault', fault: 'set', detail });
  }
}
