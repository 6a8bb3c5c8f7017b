// The simulator of a replicated cluster: its nodes, clients, network and recorded history,
// driven by the event loop (event-loop.ts). Commands (commands.ts, carried out by
// execute.ts) are the only inputs; they are recorded with their virtual time so that a run
// can be replayed exactly (rewind.ts). Topologies: leader-based (leader/), leaderless
// (leaderless/) and multi-leader (multi-leader/).

import { onClientRequest, onClientResponse, onClientTimeout } from './clients.js';
import type { Command, RecordedInput } from './commands.js';
import { EventLoop } from './event-loop.js';
import { EV, type Ev } from './events.js';
import { executeCommand } from './execute.js';
import { History, type MessageKind, type MessageType } from './history.js';
import type { SimHooks } from './hooks.js';
import { ackTimedOut, checkSyncStandbys, onAck } from './leader/acks.js';
import { onArchiveTick, startArchive, WalArchive } from './leader/archive.js';
import { finishBusy } from './leader/backup.js';
import {
  onElectionCheck,
  onHeartbeat,
  onHeartbeatReply,
  onHeartbeatTick,
  onPromote,
} from './leader/failover.js';
import {
  chainLeader,
  currentLeader,
  firstRetained,
  leaderFor,
  referenceLeader,
} from './leader/queries.js';
import { onApply, onDeliver } from './leader/replication.js';
import { formLeaderCluster } from './leader/setup.js';
import { onCommit } from './leader/writes.js';
import { onQuorumMessage, onQuorumTimer } from './leaderless/messages.js';
import { formLeaderlessCluster } from './leaderless/setup.js';
import type { LeaderlessState } from './leaderless/state.js';
import { onLinkDelivery } from './multi-leader/links.js';
import { onClientMessage } from './multi-leader/requests.js';
import { formMultiLeaderCluster } from './multi-leader/setup.js';
import type { MultiLeaderState } from './multi-leader/state.js';
import { Network } from './network.js';
import { newNode } from './node-data.js';
import { OpTable } from './op-table.js';
import { hashString, Prng } from './prng.js';
import { checkCapacity, onServe } from './serving.js';
import { SimulationError } from './simulation-error.js';
import { snapshotCluster } from './snapshot.js';
import type { Backup, PendingWrite, Session, SimNode } from './state.js';
import type {
  ClientConfig,
  ClusterConfig,
  ClusterSnapshot,
  HistoryEvent,
  NodeConfig,
} from './types.js';
import { onWorkloadTick, type WorkloadRun } from './workload.js';

export { CLS_MESSAGE, CLS_TIMER, EV, type Ev, type EvKind } from './events.js';
export { SimulationError };

export interface SimulationOptions {
  seed: number;
  clients?: readonly ClientConfig[];
  /** Record every replication message in the history (default true). */
  recordMessages?: boolean;
  /** Routing and election decisions taken by the caller (hooks.ts); none by default. */
  hooks?: SimHooks;
}

/** A deep copy of a cluster config (plain data; faster than structuredClone). */
function cloneConfig(c: ClusterConfig): ClusterConfig {
  return {
    ...c,
    nodes: c.nodes.map((n) => ({
      ...n,
      lag: typeof n.lag === 'object' ? { ...n.lag } : n.lag,
    })),
    failover: c.failover ? { ...c.failover } : undefined,
    ...(c.quorum ? { quorum: { ...c.quorum } } : {}),
    ...(c.syncStandbys ? { syncStandbys: { ...c.syncStandbys } } : {}),
    ...(c.archive ? { archive: { ...c.archive } } : {}),
  };
}

export class Simulation extends EventLoop {
  readonly cfg: ClusterConfig;
  /** The config as given, before any `set` command changed `cfg` (for replays). */
  readonly initialConfig: ClusterConfig;
  /** The options as given (for replays: rewind re-creates the same clients). */
  readonly options: SimulationOptions;
  readonly seed: number;
  readonly rng: Prng;
  readonly nodes: SimNode[] = [];
  readonly byId = new Map<string, SimNode>();
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
  /** The continuous WAL archive outside the cluster (leader/archive.ts). */
  readonly archive = new WalArchive();
  /** Leader-based: writes waiting for acknowledgements (leader/acks.ts). */
  readonly pending: PendingWrite[] = [];
  readonly inputs: RecordedInput[] = [];
  readonly workloads: WorkloadRun[] = [];
  readonly recordMessages: boolean;
  readonly hooks: SimHooks | undefined;
  /** Leader-based: the highest epoch so far, and whether a promotion is on its way. */
  maxEpoch = 1;
  electionPending = false;
  /** Counter ordering op invocations and completions (see OpRecord.invokeSeq). */
  opSeq = 0;
  /** Leaderless clusters only: replicas' versions, quorum messages, hints (leaderless/). */
  leaderless: LeaderlessState | undefined;
  /** Multi-leader clusters only: every node's versions, the links between them (multi-leader/). */
  multiLeader: MultiLeaderState | undefined;

  constructor(config: ClusterConfig, options: SimulationOptions) {
    super();
    this.cfg = cloneConfig(config);
    this.initialConfig = cloneConfig(config);
    this.options = {
      ...options,
      clients: options.clients?.map((c) => ({ ...c })),
    };
    this.seed = options.seed;
    this.rng = new Prng(options.seed);
    this.recordMessages = options.recordMessages ?? true;
    this.hooks = options.hooks;
    this.history.clientName = (i) => this.sessionList[i]?.cfg.id ?? '?';
    checkCapacity(this.cfg.capacity, 'cluster');
    checkSyncStandbys(this.cfg.syncStandbys);
    for (const nc of this.cfg.nodes) this.addNode(nc);
    if (this.cfg.topology === 'leaderless') {
      this.leaderless = formLeaderlessCluster(this);
    } else if (this.cfg.topology === 'multi-leader') {
      this.multiLeader = formMultiLeaderCluster(this);
    } else if (this.cfg.topology !== 'leader') {
      throw new SimulationError(`topology "${this.cfg.topology}" is not simulated yet`);
    } else {
      formLeaderCluster(this);
      if (this.cfg.archive) startArchive(this, this.cfg.archive);
    }
    for (const c of options.clients ?? []) this.ensureSession(c.id, c);
  }

  // ---- setup --------------------------------------------------------------------------------

  addNode(nc: NodeConfig): SimNode {
    if (this.byId.has(nc.id)) throw new SimulationError(`duplicate node id "${nc.id}"`);
    checkCapacity(nc.capacity, `"${nc.id}"`);
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

  // ---- recording and small facts ------------------------------------------------------------

  /** Schedules an operation's client timeout, `clientTimeout` from now. */
  scheduleClientTimeout(op: number, node: number): void {
    this.addClientTimeout(this.now + this.cfg.clientTimeout, op, node);
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

  reachable(a: SimNode, b: SimNode): boolean {
    return this.net.nodesReach(a.id, b.id);
  }

  // ---- what each event does -----------------------------------------------------------------

  protected dispatch(ev: Ev): void {
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
      case EV.SERVE:
        onServe(this, ev);
        break;
      case EV.ARCHIVE_TICK:
        onArchiveTick(this, ev);
        break;
      case EV.QUORUM:
        onQuorumMessage(this, ev);
        break;
      case EV.QUORUM_TIMER:
        onQuorumTimer(this, ev);
        break;
      case EV.ML_LINK:
        onLinkDelivery(this, ev);
        break;
      case EV.ML_CLIENT:
        onClientMessage(this, ev);
        break;
    }
  }

  // ---- cluster queries (leader/queries.ts) --------------------------------------------------

  /** The leader of the highest epoch that is not fenced (it may be down). */
  currentLeader(): SimNode | undefined {
    return currentLeader(this);
  }

  /** The current leader, or a leader that stepped down for lack of a majority (its log counts). */
  referenceLeader(): SimNode | undefined {
    return referenceLeader(this);
  }

  /** The leader a client would send a write to: the newest one it can reach. */
  leaderFor(client: string): SimNode | undefined {
    return leaderFor(this, client);
  }

  /** The root of a node's replication chain (the leader it ultimately follows). */
  chainLeader(n: SimNode): SimNode | undefined {
    return chainLeader(this, n);
  }

  /** First LSN the leader still keeps for catch-up. */
  firstRetained(leader: SimNode): number {
    return firstRetained(this, leader);
  }

  snapshot(): ClusterSnapshot {
    return snapshotCluster(this);
  }

  // ---- commands (execute.ts) ----------------------------------------------------------------

  /**
   * Applies a command at the current virtual time and records it for replay. Returns the op
   * id for reads and writes. A command that is refused (unknown node, no leader...) throws a
   * SimulationError before changing anything, and is not recorded.
   */
  apply(cmd: Command): number | undefined {
    const input: RecordedInput = { t: this.now, cmd, events: this.eventsProcessed };
    const result = executeCommand(this, cmd);
    this.inputs.push(input);
    return result;
  }
}
