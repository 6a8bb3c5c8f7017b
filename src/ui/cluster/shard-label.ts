// How a sharded cluster names its nodes and leaders: a node's label carries its shard
// (`s1 · db1`), and the header lists each shard's leader instead of one leader.
import type { ClusterSnapshot, NodeSnapshot } from '../../sim/index.js';

/** A node's name on a card or a row: `s1 · db1` in a sharded cluster, else its id. */
export function nodeLabel(node: NodeSnapshot): string {
  return node.shard === undefined ? node.id : `${node.shard} · ${node.id}`;
}

/** Each shard's leader, `s1 db1 · s2 db4` (`none` for a shard without one); undefined unsharded. */
export function shardLeadersText(snapshot: ClusterSnapshot): string | undefined {
  if (!snapshot.shards) return undefined;
  return snapshot.shards
    .map((s) => {
      const down = snapshot.nodes.find((n) => n.id === s.leader)?.status === 'down';
      return `${s.id} ${s.leader ?? 'none'}${down ? ' (down)' : ''}`;
    })
    .join(' · ');
}
