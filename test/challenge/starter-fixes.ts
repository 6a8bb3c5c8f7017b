// The edits a learner makes to each starter file to pass its challenge, as an editor would
// make them (replace this text with that). Tests apply them to the starter `init` writes;
// the challenge benchmark grades the result.
export const STARTER_FIXES: Record<string, ReadonlyArray<readonly [string, string]>> = {
  'monotonic-reads': [
    [
      "n.role === 'follower' && n.health === 'ok');",
      "n.role === 'follower' && n.health === 'ok' && n.appliedLsn >= (session.device.seen ?? 0));",
    ],
    [
      'export function observe(outcome, session) {}',
      "export function observe(outcome, session) {\n  if (outcome.kind === 'read' && outcome.ok) {\n    session.device.seen = Math.max(session.device.seen ?? 0, outcome.lsn);\n  }\n}",
    ],
  ],
  'read-your-writes-across-devices': [['session.device.lastWrite', 'session.user.lastWrite']],
  'bounded-staleness-router': [
    [
      "n.role === 'follower' && n.health === 'ok');",
      "n.role === 'follower' && n.health === 'ok' && n.lagMs <= read.maxLagMs);",
    ],
  ],
  'failover-candidate': [
    [
      "n.health !== 'down'",
      "n.health === 'ok' && election.knownLsn - n.receivedLsn <= election.maxLossEntries",
    ],
  ],
};

/** The starter with the learner's fix applied (every occurrence of each edit). */
export function fixStarter(id: string, starter: string): string {
  let out = starter;
  for (const [from, to] of STARTER_FIXES[id] ?? []) {
    if (!out.includes(from)) throw new Error(`${id}: the starter no longer contains ${from}`);
    out = out.replaceAll(from, to);
  }
  return out;
}
