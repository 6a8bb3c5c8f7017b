// Scenario (numeric): a write under async, fully synchronous, or PostgreSQL-style
// `FIRST k` / `ANY k` synchronous standbys. How long until the client hears "committed"?
// Answer: the client's round trip, plus for a synchronous setting the time until the last
// acknowledgement it waits for comes back: the slowest of every standby (sync), of the
// first k listed (FIRST k), or the k-th fastest of all (ANY k).
import { z } from 'zod';
import { strictMap } from '../../lesson/format/schema-parts.js';
import type { ClusterConfig, NodeConfig } from '../../sim/index.js';
import { Prng, Simulation } from '../../sim/index.js';
import { leaderCluster, nodeList, replicaIds, runOp } from './cluster.js';
import { distinctSteps, intRange, msRange, pickOne, sample } from './params.js';
import { defineTemplate } from './template.js';

const SETTINGS = ['async', 'sync', 'first', 'any'] as const;
type Setting = (typeof SETTINGS)[number];

/** Standby delays are multiples of this, so every answer is a whole number of ms. */
const STEP_MS = 5;
/** One-way delay between client and leader, and of every acknowledgement. */
const NET_MS = 1;

interface Standby {
  id: string;
  lag: number;
}

/** The acknowledgement delay the write waits for, or undefined when it waits for none. */
function waitedLag(setting: Setting, k: number, standbys: readonly Standby[]): number | undefined {
  const lags = standbys.map((s) => s.lag);
  if (setting === 'async') return undefined;
  if (setting === 'sync') return Math.max(...lags);
  if (setting === 'first') return Math.max(...lags.slice(0, k));
  return [...lags].sort((a, b) => a - b)[k - 1];
}

function settingLine(setting: Setting, k: number, ids: readonly string[]): string {
  const list = ids.join(', ');
  if (setting === 'async') return 'asynchronous replication: the leader waits for no standby';
  if (setting === 'sync') return 'synchronous replication to every standby';
  const word = setting === 'first' ? 'FIRST' : 'ANY';
  return `synchronous_standby_names = '${word} ${k} (${list})'`;
}

function settingWhy(setting: Setting, k: number, standbys: readonly Standby[]): string {
  const ms = (s: Standby) => `${s.id}: ${s.lag} ms`;
  if (setting === 'async') {
    return 'An asynchronous leader answers as soon as the write is in its own log';
  }
  if (setting === 'sync') {
    return `Fully synchronous: the leader waits for every standby, so for the slowest (${standbys.map(ms).join(', ')})`;
  }
  if (setting === 'first') {
    const chosen = standbys.slice(0, k).map(ms);
    return k === 1
      ? `FIRST 1 makes the first listed standby synchronous (${chosen[0]}), however fast the others are, and waits for it`
      : `FIRST ${k} makes the first ${k} listed standbys synchronous (${nodeList(chosen)}), however fast the others are, and waits for the slowest of them`;
  }
  const fastest = [...standbys]
    .sort((a, b) => a.lag - b.lag)
    .slice(0, k)
    .map(ms);
  return k === 1
    ? `ANY 1 is quorum commit: the leader waits for any one acknowledgement, so for the fastest standby (${fastest[0]})`
    : `ANY ${k} is quorum commit: the leader waits for any ${k} acknowledgements, so for the ${k} fastest standbys (${nodeList(fastest)}) and the slower of them`;
}

export const commitLatency = defineTemplate({
  id: 'commit-latency',
  kind: 'scenario',
  summary: 'how long a write waits under async, sync, FIRST k or ANY k standbys',
  params: strictMap({
    standbys: intRange(2, 4, { min: 2, max: 3 }),
    lag: msRange(STEP_MS, 500, { min: 5, max: 120 }),
    settings: z
      .array(z.enum(SETTINGS))
      .min(1)
      .default([...SETTINGS]),
  }),
  generate(p, seed) {
    const rng = new Prng(seed);
    const count = sample(rng, p.standbys);
    const ids = replicaIds(count);
    // Distinct delays, so "the slowest" and "the k-th fastest" are one standby each.
    const lags = distinctSteps(rng, p.lag, STEP_MS, count);
    while (lags.length < count) lags.push((lags[lags.length - 1] ?? 0) + STEP_MS);
    const standbys: Standby[] = ids.map((id, i) => ({ id, lag: lags[i]! }));
    const setting = pickOne(rng, p.settings);
    // FIRST k and ANY k choose among the standbys: k below their count keeps it a choice.
    const k = setting === 'first' || setting === 'any' ? rng.int(1, Math.max(1, count - 1)) : 0;

    const over: Partial<ClusterConfig> = { netDelay: NET_MS };
    if (setting === 'sync') over.mode = 'sync';
    if (setting === 'first') Object.assign(over, { mode: 'sync', syncStandbys: { first: k } });
    if (setting === 'any') Object.assign(over, { mode: 'sync', syncStandbys: { any: k } });
    const nodes: Omit<NodeConfig, 'role'>[] = standbys.map((s) => ({ id: s.id, lag: s.lag }));
    const sim = new Simulation(leaderCluster(nodes, over), { seed });
    sim.runUntil(100);
    runOp(sim, { type: 'write', client: 'app', key: 'balance', value: 100 });

    const waited = waitedLag(setting, k, standbys);
    // Request to the leader, the entry to the standby, its acknowledgement, the answer.
    const answer = waited === undefined ? 2 * NET_MS : NET_MS + waited + NET_MS + NET_MS;
    return {
      form: 'numeric',
      prompt:
        'A client sends one write to the leader. How many **milliseconds** after sending it does the client get the acknowledgement?',
      facts: [
        `${settingLine(setting, k, ids)}`,
        `client ↔ leader: ${NET_MS} ms each way; a standby's acknowledgement takes ${NET_MS} ms back to the leader`,
        ...standbys.map(
          (s) => `${s.id}: receives each entry ${s.lag} ms after the leader appends it`,
        ),
      ],
      answer,
      tolerance: 0,
      unit: 'milliseconds',
      why:
        waited === undefined
          ? `${settingWhy(setting, k, standbys)}: ${NET_MS} ms there and ${NET_MS} ms back, ${answer} ms in all. Nothing else has the write yet.`
          : `${settingWhy(setting, k, standbys)}: ${NET_MS} ms to the leader + ${waited} ms to that standby + ${NET_MS} ms for its acknowledgement + ${NET_MS} ms back to the client = ${answer} ms.`,
      sim,
    };
  },
});
