// Routing: you just wrote; send your next read to a node. The leader is saturated, so a
// replica that has your write is the answer; the read runs and the read-your-writes checker
// judges it.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { seconds } from './cluster.js';
import { ownWriteScene } from './lag-scenes.js';
import { intRange, msRange } from './params.js';
import { defineTemplate } from './template.js';

export const routeOwnRead = defineTemplate({
  id: 'route-own-read',
  kind: 'routing',
  summary: 'route a read so that it shows your own write, sparing the leader',
  params: strictMap({
    replicas: intRange(2, 5, { min: 2, max: 4 }),
    lag: msRange(100, 30_000, { min: 300, max: 5000 }),
  }),
  generate(p, seed) {
    const s = ownWriteScene(p, seed);
    const lsn = s.write.lsn ?? 0;
    const nodes = ['primary', ...s.replicas];
    const fresh = s.replicas.filter((r) => (s.applied.get(r) ?? 0) >= lsn);
    return {
      form: 'routing',
      prompt: `You just updated your profile (acknowledged as **LSN ${lsn}**) and reload it. The leader is saturated: send the read to a replica that will show your update, and to the leader only if none can. Where do you send it?`,
      facts: [
        `primary (leader): applied LSN ${s.leaderLsn}`,
        ...s.replicas.map(
          (r) =>
            `${r}: applied LSN ${s.applied.get(r)} (replication lag ${seconds(s.lags.get(r)!)})`,
        ),
      ],
      sim: s.sim,
      client: 'you',
      op: { kind: 'read', key: s.key },
      goal: 'read-your-writes',
      preferReplica: true,
      nodes,
      expected: (fresh.length > 0 ? fresh : ['primary']).map((n) => nodes.indexOf(n)),
      why: `Only a node that has applied LSN ${lsn} shows your update; ${fresh.length > 0 ? `${fresh.join(' and ')} ${fresh.length === 1 ? 'has' : 'have'}, so the leader is not needed` : 'no replica has, so it must be the leader'}.`,
    };
  },
});
