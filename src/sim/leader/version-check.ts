// WAL couples versions. A WAL stream describes changes to the leader's on-disk pages, so only
// a server of the same major version can apply it: a follower on another version refuses the
// stream (and cannot open data files written in the other format), while row and statement
// logs are plain changes any version can apply. That is why major upgrades without downtime
// go through logical replication.
import type { Simulation } from '../simulation.js';
import type { SimNode } from '../state.js';
import { chainLeader } from './queries.js';
import { catchUp } from './replication.js';

/**
 * The leader whose WAL `f` cannot apply, if any: under `log: wal`, both declare a version and
 * they differ. The WAL is the chain leader's, relayed unchanged down a cascade.
 */
export function walVersionConflict(sim: Simulation, f: SimNode): SimNode | undefined {
  if (sim.cfg.log !== 'wal' || f.role !== 'follower') return undefined;
  const mine = f.cfg.version;
  if (mine === undefined) return undefined;
  const root = chainLeader(sim, f) ?? f.source;
  const theirs = root?.cfg.version;
  return theirs !== undefined && theirs !== mine ? root : undefined;
}

/**
 * Called as a stream to `f` (re)starts: refuses it when `f` cannot apply its leader's WAL
 * (recorded once, as a `version-mismatch` fault) and returns true; clears a refusal otherwise.
 */
export function refuseWalStream(sim: Simulation, f: SimNode): boolean {
  const root = walVersionConflict(sim, f);
  if (!root) {
    f.versionRefused = false;
    return false;
  }
  if (!f.versionRefused) {
    f.versionRefused = true;
    f.linkGen++;
    sim.record({
      t: sim.now,
      type: 'fault',
      fault: 'version-mismatch',
      node: f.id,
      detail: `(version ${f.cfg.version}) refuses ${root.id}'s WAL (version ${root.cfg.version})`,
    });
  }
  return true;
}

/** After a change of versions or of the log format: refuse or resume each follower's stream. */
export function recheckVersions(sim: Simulation): void {
  for (const f of sim.nodes) {
    if (f.role !== 'follower') {
      f.versionRefused = false;
      continue;
    }
    const refused = walVersionConflict(sim, f) !== undefined;
    if (refused === f.versionRefused) continue;
    if (!refused) f.versionRefused = false;
    // A (re)started stream checks again (catchUp → refuseWalStream) and ships what f lacks.
    catchUp(sim, f);
  }
}
