// A fuzz case in words: the cluster in one line, then one line per step, so that a shrunk
// failure can be read (and turned into a test or a lesson) without the code that made it.
import type { ClusterParams, Command } from '../commands.js';
import type { ClusterConfig, Delay, NodeConfig } from '../types.js';
import type { FuzzCase } from './generate.js';

function delay(d: Delay): string {
  return typeof d === 'number' ? `${d} ms` : `${d.min}–${d.max} ms`;
}

function nodeLine(n: NodeConfig): string {
  const parts = [n.id, n.role];
  if (n.lag !== undefined) parts.push(`lag ${delay(n.lag)}`);
  if (n.replay) parts.push(`replay ${n.replay} ms`);
  if (n.throughput !== undefined) parts.push(`${n.throughput} entries/s`);
  if (n.upstream) parts.push(`from ${n.upstream}`);
  if (n.sync) parts.push('sync');
  if (n.capacity !== undefined) parts.push(`${n.capacity} ops/s`);
  return parts.join(' ');
}

/** A leaderless cluster: its quorums and conflict mode instead of modes and failover. */
function describeLeaderless(c: ClusterConfig): string[] {
  const q = c.quorum;
  const opts = [
    q ? `n=${q.n} w=${q.w} r=${q.r}` : 'default quorums',
    `conflict ${c.conflict ?? 'lww'}`,
  ];
  if (q?.sloppy) opts.push('sloppy quorum');
  if (q?.readRepair) opts.push('read repair');
  if (q?.antiEntropy !== undefined) opts.push(`anti-entropy every ${q.antiEntropy} ms`);
  if (q?.readFrom === 'random') opts.push('reads ask r at random');
  if (c.ackTimeout !== undefined) opts.push(`ackTimeout ${c.ackTimeout} ms`);
  return [
    `leaderless cluster: ${opts.join(', ')}`,
    ...c.nodes.map((n) => `  ${n.id}${n.lag !== undefined ? ` lag ${delay(n.lag)}` : ''}`),
  ];
}

/** A multi-leader cluster: conflict policy and replication topology, leaders and followers. */
function describeMultiLeader(c: ClusterConfig): string[] {
  return [
    `multi-leader cluster: conflict ${c.conflict ?? 'lww'}, ${c.replication ?? 'all-to-all'}`,
    ...c.nodes.map((n) => {
      const parts = [n.id, n.role];
      if (n.lag !== undefined) parts.push(`lag ${delay(n.lag)}`);
      if (n.clockSkew) parts.push(`clock ${n.clockSkew > 0 ? '+' : ''}${n.clockSkew} ms`);
      if (n.upstream) parts.push(`from ${n.upstream}`);
      return `  ${parts.join(' ')}`;
    }),
  ];
}

export function describeCluster(c: ClusterConfig): string[] {
  if (c.topology === 'leaderless') return describeLeaderless(c);
  if (c.topology === 'multi-leader') return describeMultiLeader(c);
  const opts = [
    c.mode === 'semi-sync' ? `semi-sync (${c.minAcks} acks)` : c.mode,
    `ack on ${c.ackOn}`,
    `${c.log} log`,
  ];
  if (c.ackTimeout !== undefined) opts.push(`ackTimeout ${c.ackTimeout} ms → ${c.onTimeout}`);
  if (c.retain !== undefined) opts.push(`retain ${c.retain}`);
  if (c.capacity !== undefined) opts.push(`capacity ${c.capacity} ops/s`);
  if (c.syncStandbys) {
    const s = c.syncStandbys;
    opts.push('first' in s ? `sync standbys: first ${s.first}` : `sync standbys: any ${s.any}`);
  }
  const fo = c.failover;
  opts.push(
    fo
      ? `failover (heartbeat ${fo.heartbeat} ms, timeout ${fo.timeout} ms${fo.fencing ? ', fencing' : ''}${fo.quorum ? ', quorum' : ''}${fo.maxLagOnFailover !== undefined ? `, maxLag ${fo.maxLagOnFailover}` : ''}${fo.auto ? '' : ', manual'})`
      : 'no failover',
  );
  return [`cluster: ${opts.join(', ')}`, ...c.nodes.map((n) => `  ${nodeLine(n)}`)];
}

function params(p: ClusterParams | Partial<NodeConfig>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');
}

export function describeCommand(cmd: Command): string {
  switch (cmd.type) {
    case 'write': {
      const extra = [
        cmd.via ? `via ${cmd.via}` : '',
        cmd.autoId ? 'auto-id' : '',
        cmd.txnTime ? `txn ${cmd.txnTime} ms` : '',
        cmd.limit
          ? `limit 1${cmd.where !== undefined ? ` where ${JSON.stringify(cmd.where)}` : ''}`
          : '',
      ].filter(Boolean);
      return `${cmd.client} writes ${cmd.key} = ${JSON.stringify(cmd.value)}${extra.length ? ` (${extra.join(', ')})` : ''}`;
    }
    case 'read':
      return `${cmd.client} reads ${cmd.key} ${cmd.from === 'route' ? '(routed)' : `from ${cmd.from}`}`;
    case 'crash':
    case 'restart':
    case 'wipe':
      return `${cmd.type} ${cmd.node}`;
    case 'promote':
      return cmd.until === undefined
        ? `${cmd.type} ${cmd.node}`
        : `${cmd.type} ${cmd.node} until ${cmd.until} ms`;
    case 'pause':
      return `pause ${cmd.node} for ${cmd.for} ms`;
    case 'partition':
      return `partition ${cmd.groups.map((g) => `[${g.join(', ')}]`).join(' ')} | the rest`;
    case 'heal':
      return 'heal the network';
    case 'set-node':
      return `set ${cmd.node} ${params(cmd.params)}`;
    case 'set-cluster':
      return `set cluster ${params(cmd.params)}`;
    case 'backup':
      return `backup ${cmd.from} as "${cmd.id}"${cmd.fails ? ' (fails silently)' : ''}`;
    case 'restore':
      return `restore ${cmd.node} from "${cmd.from}" at ${cmd.rate} bytes/ms${
        cmd.until === undefined
          ? ''
          : `, then the WAL archive until ${cmd.until === 'latest' ? 'latest' : `${cmd.until} ms`}`
      }`;
    case 'add-follower':
      return `add follower ${nodeLine(cmd.node)}${cmd.from ? ` copied from ${cmd.from}` : ''} at ${cmd.rate} bytes/ms`;
    case 'resync':
      return `resync ${cmd.node} at ${cmd.rate} bytes/ms`;
    case 'drop-slot':
      return `drop the replication slot of ${cmd.node}`;
    case 'client':
      return `client ${cmd.client.id} routes by ${cmd.client.policy}`;
    case 'workload': {
      const w = cmd.spec;
      return `workload "${cmd.tag}": ${w.clients} clients × ${w.rate}/s for ${w.duration} ms, ${Math.round(w.writes * 100)} % writes, ${w.keys} keys, ${w.policy} routing`;
    }
  }
}

/** The case as readable lines: cluster, clients, steps, end. */
export function describeCase(c: FuzzCase): string[] {
  const lines = describeCluster(c.config);
  if (c.clients.length > 0) {
    lines.push(
      `clients: ${c.clients.map((x) => `${x.id} (${x.policy}${x.home ? `, home ${x.home}` : ''})`).join(', ')}`,
    );
  }
  const width = String(Math.max(c.until, ...c.steps.map((s) => s.t))).length;
  lines.push('steps:');
  for (const s of c.steps) {
    lines.push(`  ${String(s.t).padStart(width)} ms  ${describeCommand(s.cmd)}`);
  }
  lines.push(`  ${String(c.until).padStart(width)} ms  end of schedule`);
  if (c.settle > 0) {
    lines.push(`  then heal, restart every node that is down, and run ${c.settle} ms more`);
  }
  return lines;
}
