// Routing: you read a thread from one replica; send the next read where it will not go back
// in time. The read runs and the monotonic-reads checker judges it.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { threadScene } from './lag-scenes.js';
import { intRange, msRange } from './params.js';
import { defineTemplate } from './template.js';

export const routeMonotonic = defineTemplate({
  id: 'route-monotonic',
  kind: 'routing',
  summary: 'route a read so that it is not older than what the user already saw',
  params: strictMap({
    replicas: intRange(2, 5, { min: 3, max: 4 }),
    lag: msRange(100, 30_000, { min: 300, max: 4000 }),
  }),
  generate(p, seed) {
    const s = threadScene(p, seed);
    const seen = s.firstRead.versionLsn ?? 0;
    const nodes = ['primary', ...s.replicas];
    const fresh = s.replicas.filter((r) => (s.applied.get(r) ?? 0) >= seen);
    return {
      form: 'routing',
      prompt: `You read a busy comment thread from **${s.firstNode}** and saw it as of **LSN ${seen}**. You refresh. Spare the leader: send the read to a replica that cannot show you an older thread, and to the leader only if none can. Where do you send it?`,
      facts: [
        `primary (leader): applied LSN ${s.leaderLsn}`,
        ...s.replicas.map((r) => `${r}: applied LSN ${s.applied.get(r)}`),
      ],
      sim: s.sim,
      client: 'you',
      op: { kind: 'read', key: s.key },
      goal: 'monotonic',
      preferReplica: true,
      nodes,
      expected: (fresh.length > 0 ? fresh : ['primary']).map((n) => nodes.indexOf(n)),
      why: `Any node at LSN ${seen} or later keeps time moving forward: ${fresh.join(', ')}. The others are behind what you saw.`,
    };
  },
});
