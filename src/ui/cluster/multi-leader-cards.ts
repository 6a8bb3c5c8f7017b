// What the cluster pane shows of a multi-leader cluster: a card per node (a leader, the hub
// of a star, or a follower `of` the node it replicates) listing each key's versions as reads see them
// — value and LWW clock stamp, or version vector; siblings marked — and, under replica id,
// the concurrent versions a node keeps but does not show (they lose to a leader listed
// first). Below, each link with entries on it: how many, and when the next arrives or that
// the link is held. Pure: it reads the snapshot.
import type { ClusterSnapshot, LinkSnapshot, MultiReplicaSnapshot } from '../../sim/index.js';
import { formatDuration, formatValue } from '../text/format.js';
import { type VersionPane, versionClock } from './quorum-lines.js';

/** One line per version of each key; siblings get a line each, kept losers a dim line. */
export function multiReplicaBody(rep: MultiReplicaSnapshot, conflict: string): string[] {
  const mode = conflict === 'lww' ? 'lww' : 'siblings';
  const out: string[] = [];
  for (const k of rep.keys) {
    const sib = k.versions.length > 1 ? '⑂' : '';
    for (const v of k.versions) {
      out.push(`${sib}${k.key} = ${formatValue(v.value)} ${versionClock(v, mode)}`);
    }
    for (const v of k.hidden) {
      out.push(`✗${k.key} = ${formatValue(v.value)} ${versionClock(v, mode)} loses`);
    }
  }
  return out;
}

function linkText(l: LinkSnapshot, snapshot: ClusterSnapshot): string {
  const queued = `${l.queued} entr${l.queued === 1 ? 'y' : 'ies'}`;
  if (l.held) return `${l.from} ──▸ ${l.to}  ${queued} held (cut off or down)`;
  const next = snapshot.multiLeader!.inFlight.find(
    (e) => e.from === l.from && e.to === l.to && e.arrivesAt >= 0,
  );
  const when = next
    ? `, next "${next.key}" #${next.op} in ${formatDuration(Math.max(0, next.arrivesAt - snapshot.t))}`
    : '';
  return `${l.from} ──▸ ${l.to}  ${queued}${when}`;
}

export function multiLeaderPane(snapshot: ClusterSnapshot): VersionPane {
  const m = snapshot.multiLeader!;
  const star = m.replication === 'star';
  return {
    title: 'multi-leader',
    settings: `${m.conflict} · ${m.replication}`,
    cards: snapshot.nodes.map((node, i) => {
      const rep = m.replicas[i]!;
      const tag =
        rep.role === 'leader'
          ? star && rep.id === m.leaders[0]
            ? 'hub'
            : 'leader'
          : `of ${rep.upstream}`;
      return { node, tag, body: multiReplicaBody(rep, m.conflict) };
    }),
    messages: m.links.filter((l) => l.queued > 0).map((l) => linkText(l, snapshot)),
    more: (n) => `+${n} more links with entries`,
  };
}
