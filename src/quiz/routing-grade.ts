// Grading a routing question by outcome, as the lesson runner grades `choose` steps: each
// option runs the operation on an exact copy of the simulation, and the lesson engine's
// checker-based judge decides. When the leader is the scarce resource, the leader counts
// only if no replica met the goal.
import { cloneSim, judgeRoute } from '../lesson/engine/grading.js';
import type { Command } from '../sim/index.js';
import { runOp } from './generators/cluster.js';
import type { GeneratedRouting } from './generators/index.js';

export interface RouteOutcome {
  index: number;
  node: string;
  /** The operation met the goal (the checker found nothing wrong). */
  met: boolean;
  /** The answer counts: met, and not the leader when a replica would have done. */
  correct: boolean;
  summary: string;
  usedLeader: boolean;
}

function command(g: GeneratedRouting, node: string): Command {
  return g.op.kind === 'read'
    ? { type: 'read', client: g.client, key: g.op.key, from: node }
    : { type: 'write', client: g.client, key: g.op.key, value: g.op.value, via: node };
}

/** Runs every option from the same moment; the question's simulation is not changed. */
export function runRouteOptions(g: GeneratedRouting): RouteOutcome[] {
  const runs = g.nodes.map((node, index) => {
    const clone = cloneSim(g.sim);
    const usedLeader = node === clone.currentLeader()?.id;
    try {
      const op = runOp(clone, command(g, node), clone.cfg.clientTimeout + 1);
      const { correct, summary } = judgeRoute(clone, g.goal, op);
      return { index, node, met: correct, summary, usedLeader };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return { index, node, met: false, summary: `cannot be done: ${why}`, usedLeader };
    }
  });
  const replicaMet = runs.some((r) => r.met && !r.usedLeader);
  return runs.map((r) => {
    const spared = g.preferReplica && r.usedLeader && replicaMet;
    return {
      ...r,
      correct: r.met && !spared,
      summary:
        r.met && spared ? `${r.summary}; right, but a replica could have served it` : r.summary,
    };
  });
}

/** Feedback lines: what the chosen node did, and what every other node would have done. */
export function routeFeedback(outcomes: readonly RouteOutcome[], chosen: number): string[] {
  const mine = outcomes[chosen];
  if (!mine) return [];
  const lines = [`${mine.summary}.`];
  if (mine.met && !mine.correct) {
    const cheaper = outcomes.find((o) => o.correct && !o.usedLeader);
    lines.push(
      `That was right, but ${cheaper?.node ?? 'a replica'} had already caught up: the read did not need the leader, whose capacity is the scarce one.`,
    );
  }
  lines.push('The other nodes, tried from the same moment:');
  for (const o of outcomes) {
    if (o.index !== chosen) lines.push(`  ${o.correct ? '✓' : '✗'} ${o.node}: ${o.summary}`);
  }
  return lines;
}
