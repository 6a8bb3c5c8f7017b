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
  type WritePayload,
} from './clients.js';
import type { Command, RecordedInput } from './commands.js';
import { EventQueue, precedes, type Queued } from './event-queue.js';
import {
  onElectionCheck,
  onHeartbeat,
  onHeartbeatReply,
  onHeartbeatTick,
  onPromote,
  promote,
  startFailoverTimers,
} from './failover.js';
import {
  crashNode,
  healNetwork,
  partitionNetwork,
  pauseNode,
  restartNode,
  setClusterParams,
  setNodeParams,
  validateNodeParams,
} from './faults.js';
import { History, type MessageKind, type MessageType } from './history.js';
import { Network } from './network.js';
import { newNode } from './node-data.js';
import { OpTable } from './op-table.js';
import { hashString, Prng } from './prng.js';
import { onApply, onDeliver, wipeNode } from './replication.js';
import type { Response } from './response.js';
import { snapshotCluster } from './snapshot.js';
import type { Backup, Entry, PendingWrite, Session, SimNode } from './state.js';
import { TimeoutRing } from './timeout-ring.js';
import type {
  ClientConfig,
  ClusterConfig,
  ClusterSnapshot,
  HistoryEvent,
  Ms,
  NodeConfig,
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

/**
 * The queue lane each kind of event asks for (-1: the heap). A lane suits events of one
 * constant delay, which arrive in time order; the queue falls back to its heap whenever an
 * event would not, so this table only affects speed, never the order of events.
 */
const NET_LANE = 0;
const LANE_OF_KIND: readonly number[] = [
  -1, // DELIVER: lag varies per entry
  -1, // APPLY
  NET_LANE, // ACK
  NET_LANE, // CLIENT_REQ
  NET_LANE, // CLIENT_RESP
  -1, // CLIENT_TIMEOUT: kept in a ring of their own (TimeoutRing); the heap takes stragglers
  1, // ACK_TIMEOUT
  -1, // COMMIT
  -1, // HB_TICK
  NET_LANE, // HEARTBEAT
  NET_LANE, // HB_REPLY
  -1, // ELECTION_CHECK
  -1, // PROMOTE
  -1, // BUSY_DONE
  2, // WORKLOAD_TICK: a workload's clients all think for the same time
];
const LANES = 3;

/** Within one millisecond: messages first, then timers and faults. Steps run after both. */
export const CLS_MESSAGE = 0;
export const CLS_TIMER = 1;

/**
 * One scheduled event. Event objects are pooled and reused once processed, so nothing may
 * keep a reference to one after its handler returns (handlers that want it later `defer` it).
 */
export interface Ev extends Queued {
  k: EvKind;
  /** Target node index (or client session index for workload ticks). */
  n: number;
  /** Other node index (sender), or -1. */
  m: number;
  /** A number whose meaning depends on the kind (LSN, epoch, incarnation, timer token). */
  x: number;
  /** Generation guard: incarnation or stream generation at scheduling time. */
  g: number;
  /** A second number: when a message was sent (messages), a heartbeat's send time (replies). */
  y: number;
  e: Entry | undefined;
  /** Op id, or -1. */
  op: number;
  r: Response | undefined;
  /** A write request's payload (travels with the request to the leader's commit). */
  p: WritePayload | undefined;
}

/**
 * Event objects no queue holds any more, for reuse. Shared between simulations, so that
 * many short runs (grading over seeds, rewinds) do not each allocate their own: an event
 * carries nothing from one use to the next (`take` sets every field), so sharing cannot
 * make two runs differ. Bounded, so one huge run does not pin its peak forever.
 */
const FREE_EVENTS: Ev[] = [];
const MAX_FREE_EVENTS = 50_000;

export interface SimulationOptions {
  seed: number;
  clients?: readonly ClientConfig[];
  /** Record every replication message in the history (default true). */
  recordMessages?: boolean;
}

export class SimulationError extends Error {}

/** A deep copy of a cluster config (plain data; faster than structuredClone). */
function cloneConfig(c: ClusterConfig): ClusterConfig {
  return {
    ...c,
    nodes: c.nodes.map((n) => ({
      ...n,
      lag: typeof n.lag === 'object' ? { ...n.lag } : n.lag,
    })),
    failover: c.failover ? { ...c.failover } : undefined,
  };
}

export class Simulation {
  readonly cfg: ClusterConfig;
  /** The config as given, before any `set` command changed `cfg` (for replays). */
  readonly initialConfig: ClusterConfig;
  /** The options as given (for replays: rewind re-creates the same clients). */
  readonly options: SimulationOptions;
  readonly seed: number;
  readonly rng: Prng;
  readonly nodes: SimNode[] = [];
  readonly byId = new Map<string, SimNode>();
  readonly queue = new EventQueue<Ev>(LANES);
  /** Client timeouts not yet due (see scheduleClientTimeout). */
  private readonly timeouts = new TimeoutRing();
  /** Node ids by index (the history names nodes by index). */
  private readonly nodeIds: string[] = [];
  readonly history = new History(this.nodeIds);
  readonly ops = new OpTable(this.nodeIds);
  readonly sessions = new Map<string, Session>();
  /** Sessions by index (`Session.idx`, an op's client). */
  readonly sessionList: Session[] = [];
  /** Read-your-writes memory per user (the cross-device variant), by user index. */
  readonly userWriteLsn: number[] = [];
  readonly net = new Network();
  readonly backups: Backup[] = [];
  readonly pending: PendingWrite[] = [];
  readonly inputs: RecordedInput[] = [];
  readonly workloads: WorkloadRun[] = [];
  readonly recordMessages: boolean;
  now: Ms = 0;
  maxEpoch = 1;
  electionPending = false;
  /** Events processed so far (timers of operations that already finished are not counted). */
  eventsProcessed = 0;
  /** Counter ordering op invocations and completions (see OpRecord.invokeSeq). */
  opSeq = 0;
  /** Processed events, reused by `take`: shared by every simulation (see FREE_EVENTS). */
  private readonly pool: Ev[] = FREE_EVENTS;
  /** Set by `defer` while a handler runs: the event went back into the queue. */
  private requeued = false;

  constructor(config: ClusterConfig, options: SimulationOptions) {
    this.cfg = cloneConfig(config);
    this.initialConfig = cloneConfig(config);
    this.options = {
      ...options,
      clients: options.clients?.map((c) => ({ ...c })),
    };
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
    for (const n of this.nodes) {
      if (!this.chainLeader(n)) {
        throw new SimulationError(`"${n.id}": its upstream chain never reaches the leader`);
      }
    }
    for (const c of options.clients ?? []) this.ensureSession(c.id, c);
    // The first leader starts with a lease from everyone: the cluster was just formed.
    for (const n of this.nodes) leader.heardAt[n.idx] = 0;
    startFailoverTimers(this);
  }

  // ---- setup helpers ----------------------------------------------------------------------

  addNode(nc: NodeConfig): SimNode {
    if (this.byId.has(nc.id)) throw new SimulationError(`duplicate node id "${nc.id}"`);
    const node = newNode(nc, this.nodes.length, this.rng.fork(this.nodes.length), this.now);
    this.nodes.push(node);
    this.nodeIds.push(node.id);
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
      const c: ClientConfig = cfg ? { ...cfg } : { id, policy: 'leader' };
      s = {
        cfg: c,
        idx: this.ops.addClient(id),
        userIdx: this.ops.userIndexOf(c.user ?? id),
        lastWriteLsn: 0,
        lastWriteAt: -1,
        maxReadLsn: 0,
        seen: new Map(),
        userHash: hashString(c.user ?? id),
        workload: undefined,
      };
      this.sessions.set(id, s);
      this.sessionList.push(s);
    } else if (cfg) {
      s.cfg = { ...cfg };
      s.userHash = hashString(cfg.user ?? id);
      s.userIdx = this.ops.userIndexOf(cfg.user ?? id);
    }
    return s;
  }

  // ---- scheduling ---------------------------------------------------------------------------

  private take(
    t: Ms,
    cls: number,
    k: EvKind,
    n: number,
    m: number,
    x: number,
    g: number,
    e: Entry | undefined,
    op: number,
    r: Response | undefined,
    y: number,
    p: WritePayload | undefined,
  ): Ev {
    // Never schedule into the past: the clock only moves forward.
    const at = t < this.now ? this.now : t;
    const ev = this.pool.pop();
    if (ev === undefined) return { t: at, cls, seq: 0, k, n, m, x, g, y, e, op, r, p };
    ev.t = at;
    ev.cls = cls;
    ev.k = k;
    ev.n = n;
    ev.m = m;
    ev.x = x;
    ev.g = g;
    ev.y = y;
    ev.e = e;
    ev.op = op;
    ev.r = r;
    ev.p = p;
    return ev;
  }

  schedule(
    t: Ms,
    cls: number,
    k: EvKind,
    n: number,
    m = -1,
    x = 0,
    g = 0,
    e?: Entry,
    op = -1,
    r?: Response,
    y = 0,
    p?: WritePayload,
  ): void {
    this.queue.push(this.take(t, cls, k, n, m, x, g, e, op, r, y, p), LANE_OF_KIND[k]);
  }

  /**
   * Schedules an operation's client timeout. Nearly every one is due after its operation
   * finished: they wait in `timeouts` as plain numbers, and only one that is due while its
   * operation still waits becomes an event (see TimeoutRing).
   */
  scheduleClientTimeout(op: number, node: number): void {
    const at = this.now + this.cfg.clientTimeout;
    const ring = this.timeouts;
    if (ring.fits(at)) ring.push(at, this.queue.takeSeq(CLS_TIMER), op, node);
    else this.schedule(at, CLS_TIMER, EV.CLIENT_TIMEOUT, node, -1, 0, 0, undefined, op);
  }

  /**
   * Puts the event being handled back for when a paused node resumes (a stall, not a loss).
   * It keeps its place among events of the same time, so a link stays FIFO across a pause.
   */
  defer(ev: Ev, until: Ms): void {
    ev.t = until;
    this.queue.requeue(ev);
    this.requeued = true;
  }

  record(ev: HistoryEvent): void {
    this.history.push(ev);
  }

  recordOp(op: number, phase: 'invoke' | 'ok' | 'fail' | 'info'): void {
    this.history.op(this.now, op, phase);
  }

  /**
   * A replication message, by node index (see History: messages are stored compactly);
   * nothing when the run does not record messages.
   */
  recordMessage(type: MessageType, from: number, to: number, msg: MessageKind, lsn: number): void {
    if (this.recordMessages) this.history.message(this.now, type, from, to, msg, lsn);
  }

  isPaused(n: SimNode): boolean {
    return n.pausedUntil > this.now;
  }

  // ---- the event loop -----------------------------------------------------------------------

  /** A client timeout of an operation that already finished: nothing left to do. */
  private isDead(ev: Ev): boolean {
    return ev.k === EV.CLIENT_TIMEOUT && !this.ops.isPending(ev.op);
  }

  private release(ev: Ev): void {
    ev.e = undefined;
    ev.r = undefined;
    ev.p = undefined;
    if (this.pool.length < MAX_FREE_EVENTS) this.pool.push(ev);
  }

  /** Drops the timeouts of finished operations from the front of the ring. */
  private pruneTimeouts(): void {
    const ring = this.timeouts;
    const ops = this.ops;
    while (ring.size > 0 && !ops.isPending(ring.headOp())) ring.shift();
  }

  /** The ring's first timeout as an event (it leaves the ring). */
  private takeTimeout(): Ev {
    const ring = this.timeouts;
    const ev = this.take(
      ring.headT(),
      CLS_TIMER,
      EV.CLIENT_TIMEOUT,
      ring.headNode(),
      -1,
      0,
      0,
      undefined,
      ring.headOp(),
      undefined,
      0,
      undefined,
    );
    ev.seq = ring.headSeq();
    ring.shift();
    return ev;
  }

  /** The next event that will do something, dropping finished timers on the way. */
  private peekLive(): Ev | undefined {
    const q = this.queue;
    for (;;) {
      this.pruneTimeouts();
      const head = q.peek();
      const ring = this.timeouts;
      if (
        ring.size > 0 &&
        (head === undefined || precedes(ring.headT(), ring.headSeq(), head.t, head.seq))
      ) {
        // A live timeout is next: it joins the queue, with its place in the order kept.
        const ev = this.takeTimeout();
        q.requeue(ev);
        return ev;
      }
      if (head === undefined || !this.isDead(head)) return head;
      q.pop();
      this.release(head);
    }
  }

  private process(ev: Ev): void {
    this.now = ev.t;
    this.eventsProcessed++;
    this.dispatch(ev);
    if (this.requeued) this.requeued = false;
    else this.release(ev);
  }

  /** Time of the next pending event, or undefined when nothing is scheduled. */
  nextEventTime(): Ms | undefined {
    return this.peekLive()?.t;
  }

  /** Processes exactly one event (advancing the clock to it). False when none is pending. */
  step(): boolean {
    const ev = this.peekLive();
    if (ev === undefined) return false;
    this.queue.pop();
    this.process(ev);
    return true;
  }

  /** Processes every event due at or before `t`, then sets the clock to `t`. */
  runUntil(t: Ms): void {
    this.runUntilEvents(t, Number.POSITIVE_INFINITY);
  }

  /**
   * As `runUntil(t)`, except that events due exactly at `t` run only while fewer than
   * `events` have run in all: a replay reaches the point in a millisecond where a command
   * was given after single `step()`s (see rewind.ts).
   */
  runUntilEvents(t: Ms, events: number): void {
    this.drain(t, events);
    if (t > this.now) this.now = t;
  }

  /**
   * The event loop proper. Kept apart from `runUntil`: V8 optimises a long first loop while
   * it runs, and code after such a loop, never run before, lacked type feedback and sent the
   * optimised code back to the interpreter at every exit (seen with --trace-deopt).
   */
  private drain(t: Ms, events: number): void {
    const q = this.queue;
    const ring = this.timeouts;
    for (;;) {
      this.pruneTimeouts();
      let ev: Ev | undefined;
      if (ring.size === 0) {
        ev = q.popUntil(t);
        if (ev === undefined) return;
      } else {
        ev = q.popUntilBefore(t, ring.headT(), ring.headSeq());
        if (ev === undefined) {
          // Nothing in the queue comes before the ring's first (live) timeout.
          if (ring.headT() > t) return;
          ev = this.takeTimeout();
        }
      }
      if (this.isDead(ev)) {
        this.release(ev);
      } else if (ev.t === t && this.eventsProcessed >= events) {
        // Back where it was: it keeps its sequence number, so its place in the order.
        q.requeue(ev);
        return;
      } else {
        this.process(ev);
      }
    }
  }

  /**
   * Runs until `done()` holds after an event (then finishes that millisecond, so that a replay
   * which stops at the same time reaches the same state), or until `limit`. Returns whether
   * the condition held.
   */
  runUntilCondition(done: () => boolean, limit: Ms): boolean {
    if (done()) return true;
    for (;;) {
      const head = this.peekLive();
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

  /**
   * The log that counts: the current leader's or, when a leader stepped down for lack of a
   * majority and nobody replaced it, that deposed leader's (its log is still the newest).
   */
  referenceLeader(): SimNode | undefined {
    const cur = this.currentLeader();
    if (cur) return cur;
    let best: SimNode | undefined;
    for (const n of this.nodes) {
      if (n.lostLease && (!best || n.epoch > best.epoch)) best = n;
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
    return best ?? this.referenceLeader();
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

  /**
   * Applies a command at the current virtual time and records it for replay. Returns the op
   * id for reads and writes. A command that is refused (unknown node, no leader...) throws a
   * SimulationError before changing anything, and is not recorded.
   */
  apply(cmd: Command): number | undefined {
    const input: RecordedInput = { t: this.now, cmd, events: this.eventsProcessed };
    const result = this.execute(cmd);
    this.inputs.push(input);
    return result;
  }

  private execute(cmd: Command): number | undefined {
    switch (cmd.type) {
      case 'write':
        return invokeWrite(this, cmd);
      case 'read':
        return invokeRead(this, cmd);
      case 'crash':
        crashNode(this, this.node(cmd.node));
        return undefined;
      case 'restart':
        restartNode(this, this.node(cmd.node));
        return undefined;
      case 'pause':
        pauseNode(this, this.node(cmd.node), cmd.for);
        return undefined;
      case 'partition':
        partitionNetwork(this, cmd.groups);
        return undefined;
      case 'heal':
        healNetwork(this);
        return undefined;
      case 'set-node': {
        const n = this.node(cmd.node);
        validateNodeParams(this, n, cmd.params);
        setNodeParams(this, n, cmd.params);
        return undefined;
      }
      case 'set-cluster':
        setClusterParams(this, cmd.params);
        return undefined;
      case 'promote': {
        const n = this.node(cmd.node);
        if (!n.up) throw new SimulationError(`cannot promote "${n.id}": it is down`);
        if (n.busy !== undefined) {
          throw new SimulationError(`cannot promote "${n.id}": it is ${n.busy}`);
        }
        if (n.role === 'leader' && !n.fenced && n === this.currentLeader()) {
          throw new SimulationError(`cannot promote "${n.id}": it is already the leader`);
        }
        promote(this, n, true);
        return undefined;
      }
      case 'wipe':
        wipeNode(this, this.node(cmd.node));
        return undefined;
      case 'backup':
        backupNode(this, this.node(cmd.from), cmd.id, cmd.fails);
        return undefined;
      case 'restore': {
        const n = this.node(cmd.node);
        applyBackup(this, n, cmd.from, cmd.rate);
        return undefined;
      }
      case 'add-follower': {
        const from = cmd.from ? this.node(cmd.from) : this.currentLeader();
        if (!from) throw new SimulationError('no leader to copy a snapshot from');
        if (this.byId.has(cmd.node.id)) {
          throw new SimulationError(`duplicate node id "${cmd.node.id}"`);
        }
        const n = this.addNode({ ...cmd.node, role: 'follower' });
        n.epoch = from.epoch;
        beginCopy(this, n, from, cmd.rate);
        startFailoverTimers(this, n);
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
}
