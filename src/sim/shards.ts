// Sharding: which shard stores a key, and the shards' groups of nodes. A shard lists exact
// keys and prefixes ending in `*`; a key matching neither maps to a shard by a stable hash.
// Each shard is a leader-based group of its own (leader/group.ts): its own log, LSNs,
// epochs and failover.
import { hashString } from './prng.js';
import { SimulationError } from './simulation-error.js';
import type { ClusterConfig, ShardConfig } from './types.js';

/**
 * The shard index of `key` among `shards` (in listed order): a shard listing the key
 * exactly; else the one whose prefix (`q-*`) matches the most characters (listed order
 * breaks ties); else, for a row key `table/id`, the shard of `table`; else FNV-1a (32-bit,
 * over the key's UTF-16 code units, the simulator's `hashString`) modulo the number of shards. The hash is fixed: the same key maps to the
 * same shard in every run and every version (tests pin examples).
 */
export function shardIndexOf(shards: readonly ShardConfig[], key: string): number {
  let best = -1;
  let bestLen = -1;
  for (let i = 0; i < shards.length; i++) {
    for (const k of shards[i]!.keys) {
      if (k === key) return i;
      if (k.endsWith('*')) {
        const prefix = k.slice(0, -1);
        if (prefix.length > bestLen && key.startsWith(prefix)) {
          best = i;
          bestLen = prefix.length;
        }
      }
    }
  }
  if (best >= 0) return best;
  // A row `table/id` (auto-increment ids, LIMIT statements) lives with its table.
  const slash = key.indexOf('/');
  if (slash > 0) return shardIndexOf(shards, key.slice(0, slash));
  return hashString(key) % shards.length;
}

/** Maps keys to shard indices, remembering each answer (a run asks about few keys, often). */
export class KeyShards {
  private readonly memo = new Map<string, number>();
  constructor(private readonly shards: readonly ShardConfig[]) {}

  indexOf(key: string): number {
    let i = this.memo.get(key);
    if (i === undefined) {
      i = shardIndexOf(this.shards, key);
      this.memo.set(key, i);
    }
    return i;
  }
}

/**
 * Throws unless the shards partition the nodes: ids unique, each with keys, no key in two
 * shards, every node in exactly one shard, and a leader-based topology.
 */
export function checkShards(cfg: ClusterConfig): void {
  const shards = cfg.shards;
  if (!shards) return;
  if (cfg.topology !== 'leader') {
    throw new SimulationError(`shards need topology: leader (got ${cfg.topology})`);
  }
  if (shards.length === 0) throw new SimulationError('shards: list at least one shard');
  if (cfg.archive) {
    throw new SimulationError('a WAL archive is for one log; a sharded cluster has one per shard');
  }
  const ids = new Set<string>();
  const keyOwner = new Map<string, string>();
  const nodeOwner = new Map<string, string>();
  const known = new Set(cfg.nodes.map((n) => n.id));
  for (const s of shards) {
    if (ids.has(s.id)) throw new SimulationError(`duplicate shard id "${s.id}"`);
    ids.add(s.id);
    if (s.keys.length === 0) throw new SimulationError(`shard "${s.id}" lists no keys`);
    for (const k of s.keys) {
      const owner = keyOwner.get(k);
      if (owner !== undefined) {
        throw new SimulationError(`key "${k}" is in shard "${owner}" and shard "${s.id}"`);
      }
      keyOwner.set(k, s.id);
    }
    if (s.nodes.length === 0) throw new SimulationError(`shard "${s.id}" has no nodes`);
    for (const n of s.nodes) {
      if (!known.has(n)) throw new SimulationError(`shard "${s.id}": unknown node "${n}"`);
      const owner = nodeOwner.get(n);
      if (owner !== undefined) {
        throw new SimulationError(`node "${n}" is in shard "${owner}" and shard "${s.id}"`);
      }
      nodeOwner.set(n, s.id);
    }
  }
  for (const n of cfg.nodes) {
    if (!nodeOwner.has(n.id)) throw new SimulationError(`node "${n.id}" is in no shard`);
  }
}
