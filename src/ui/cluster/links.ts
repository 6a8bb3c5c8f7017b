// Replication links of a snapshot, described for people: who ships to whom, what is in
// flight on each link, whether the partition cuts it and whether an end is down. Pure reading of the snapshot; the
// simulator decides what is in flight, this only groups and words it.
import type { ClusterSnapshot, InFlightMessage, Ms, NodeId } from '../../sim/index.js';
import { formatDuration, plural } from '../text/format.js';

export interface LinkView {
  from: NodeId;
  to: NodeId;
  /** The partition separates the two ends. */
  cut: boolean;
  /** Ends of the link that are down (the snapshot's status): nothing crosses it. */
  down: NodeId[];
  entries: number;
  firstLsn?: number;
  lastLsn?: number;
  /** Time until the next entry on this link arrives. */
  nextIn?: Ms;
  /** Control messages on this link or coming back over it, by kind. */
  control: Partial<Record<InFlightMessage['kind'], number>>;
}

function groupOf(partition: readonly string[][], id: string): number {
  return partition.findIndex((g) => g.includes(id));
}

export function isCut(partition: readonly string[][], a: NodeId, b: NodeId): boolean {
  if (partition.length === 0) return false;
  const ga = groupOf(partition, a);
  const gb = groupOf(partition, b);
  // A node listed in no group is cut off from every listed one.
  return ga === -1 || gb === -1 || ga !== gb;
}

/** Links in display order: configured ones (upstream or leader → follower) first. */
export function describeLinks(snapshot: ClusterSnapshot): LinkView[] {
  const links = new Map<string, LinkView>();
  const isDown = new Set(snapshot.nodes.filter((n) => n.status === 'down').map((n) => n.id));
  const linkFor = (from: NodeId, to: NodeId): LinkView => {
    const key = `${from}\u0000${to}`;
    let link = links.get(key);
    if (!link) {
      link = {
        from,
        to,
        cut: isCut(snapshot.partition, from, to),
        down: [from, to].filter((id) => isDown.has(id)),
        entries: 0,
        control: {},
      };
      links.set(key, link);
    }
    return link;
  };

  for (const node of snapshot.nodes) {
    if (node.role !== 'follower') continue;
    const source = node.upstream ?? snapshot.leader;
    if (source !== undefined && source !== node.id) linkFor(source, node.id);
  }

  for (const msg of snapshot.inFlight) {
    if (msg.kind === 'entry') {
      const link = linkFor(msg.from, msg.to);
      link.entries += 1;
      if (msg.lsn !== undefined) {
        link.firstLsn = Math.min(link.firstLsn ?? msg.lsn, msg.lsn);
        link.lastLsn = Math.max(link.lastLsn ?? msg.lsn, msg.lsn);
      }
      const wait = Math.max(0, msg.arrivesAt - snapshot.t);
      link.nextIn = Math.min(link.nextIn ?? wait, wait);
      continue;
    }
    // Acks travel back over the link they acknowledge; show them there.
    const reverse = links.get(`${msg.to}\u0000${msg.from}`);
    const link = reverse ?? linkFor(msg.from, msg.to);
    link.control[msg.kind] = (link.control[msg.kind] ?? 0) + 1;
  }
  return [...links.values()];
}

const CONTROL_WORDS: Record<Exclude<InFlightMessage['kind'], 'entry'>, string> = {
  ack: 'ack',
  heartbeat: 'heartbeat',
  vote: 'vote',
};

/**
 * `primary ──▸ replica-2  3 entries in flight (LSN 5..7), next in 1.2s`; a link with an end
 * down: `primary ─✕▸ replica-2  primary is down · idle`.
 */
export function formatLink(link: LinkView): string {
  const arrow = link.down.length > 0 ? '─✕▸' : link.cut ? '─✂▸' : '──▸';
  const parts: string[] = [];
  if (link.entries > 0) {
    const range =
      link.firstLsn === undefined
        ? ''
        : link.firstLsn === link.lastLsn
          ? ` (LSN ${link.firstLsn})`
          : ` (LSN ${link.firstLsn}..${link.lastLsn})`;
    const next = link.nextIn === undefined ? '' : `, next in ${formatDuration(link.nextIn)}`;
    parts.push(`${plural(link.entries, 'entry', 'entries')} in flight${range}${next}`);
  }
  for (const kind of ['ack', 'heartbeat', 'vote'] as const) {
    const n = link.control[kind];
    if (n) parts.push(plural(n, CONTROL_WORDS[kind]));
  }
  if (parts.length === 0) parts.push('idle');
  const down =
    link.down.length === 0
      ? ''
      : `${link.down.join(' and ')} ${link.down.length > 1 ? 'are' : 'is'} down · `;
  const cut = link.cut ? 'cut by partition · ' : '';
  return `${link.from} ${arrow} ${link.to}  ${down}${cut}${parts.join(' · ')}`;
}

/** `✂ partition: [primary] | [replica-1, replica-2]` */
export function formatPartition(partition: readonly string[][]): string | undefined {
  if (partition.length === 0) return undefined;
  return `✂ partition: ${partition.map((g) => `[${g.join(', ')}]`).join(' | ')}`;
}
