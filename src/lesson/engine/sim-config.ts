// Maps a loaded lesson onto the simulator's inputs: the cluster config and, per step, the
// command the step stands for.
import type { ClusterConfig, Command, WorkloadSpec as SimWorkload } from '../../sim/index.js';
import type { Lesson, LessonCluster, WorkloadSpec } from '../format/types.js';

export function clusterConfig(c: LessonCluster): ClusterConfig {
  return {
    topology: c.topology,
    mode: c.mode,
    minAcks: c.minAcks,
    ackOn: c.ackOn,
    ackTimeout: c.ackTimeout,
    onTimeout: c.onTimeout,
    log: c.log,
    retain: c.retain,
    netDelay: c.clientLatency,
    clientTimeout: c.clientTimeout,
    dataSize: c.dataSize,
    capacity: c.capacity,
    syncStandbys: c.syncStandbys ? { ...c.syncStandbys } : undefined,
    ...(c.archive && { archive: { ...c.archive } }),
    ...(c.slots !== undefined && { slots: c.slots }),
    nodes: c.nodes.map((n) => ({ ...n })),
    failover: c.failover ? { ...c.failover } : undefined,
    ...(c.topology === 'leaderless'
      ? { quorum: c.quorum ? { ...c.quorum } : undefined, conflict: c.conflict }
      : {}),
    ...(c.topology === 'multi-leader' ? { conflict: c.conflict, replication: c.replication } : {}),
  };
}

/** Operations per second per client when a lesson does not say. */
export const DEFAULT_CLIENT_RATE = 5;
export const DEFAULT_WORKLOAD_KEYS = 20;

export function simWorkload(w: WorkloadSpec, policy = w.policy): SimWorkload {
  const rate =
    w.countPerMs !== undefined
      ? (w.countPerMs * 1000) / Math.max(1, w.clients)
      : DEFAULT_CLIENT_RATE;
  return {
    clients: w.clients,
    duration: w.duration,
    writes: w.writes,
    readAfterWrite: w.readAfterWrite,
    keys: w.keys ?? DEFAULT_WORKLOAD_KEYS,
    rate,
    policy,
    size: w.size,
  };
}

export function lessonClients(lesson: Lesson) {
  return lesson.clients.map((c) => ({ ...c }));
}

/** Commands that declare the lesson's clients, so routing policies know them from the start. */
export function clientCommands(lesson: Lesson): Command[] {
  return lesson.clients.map((client) => ({ type: 'client', client: { ...client } }));
}
