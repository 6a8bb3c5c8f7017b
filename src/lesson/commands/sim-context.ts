// The names a command may use on a running simulation: its nodes, the clients that exist,
// the keys any node holds or any operation touched, and the backups taken. The lesson
// engine's task step parses the learner's lines against it.
import type { Simulation } from '../../sim/index.js';
import { type CommandContext, DEFAULT_CLIENT } from './command-context.js';

export function simContext(
  sim: Simulation,
  declaredClients: readonly string[] = [],
): CommandContext {
  const keys = new Set<string>();
  for (const n of sim.nodes) for (const k of n.data.keys()) keys.add(k);
  for (const op of sim.ops) if (op.key !== undefined) keys.add(op.key);
  return {
    nodes: sim.nodes.map((n) => n.id),
    clients: [...new Set([DEFAULT_CLIENT, ...declaredClients, ...sim.sessions.keys()])],
    keys: [...keys],
    backups: [...new Set(sim.backups.map((b) => b.id))],
  };
}

/** The context after a command ran: the node it added, the backup it took, its key, client. */
export function contextAfter(ctx: CommandContext, raw: Record<string, unknown>): CommandContext {
  const [kind, body] = Object.entries(raw)[0] ?? [];
  const m = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const add = (list: readonly string[], v: unknown) =>
    typeof v === 'string' && !list.includes(v) ? [...list, v] : list;
  return {
    nodes: kind === 'addFollower' ? add(ctx.nodes, m.id) : ctx.nodes,
    clients: add(ctx.clients, m.client),
    keys: add(ctx.keys, m.key),
    backups:
      kind === 'backup'
        ? add(ctx.backups, m.id ?? `backup-${ctx.backups.length + 1}`)
        : ctx.backups,
  };
}
