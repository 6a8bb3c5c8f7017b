// `serve --help`, kept apart so that --help loads nothing but text (the preset names are
// written out here; test/lab/serve-command.test.ts keeps them in step with src/lab/presets.ts).
export const SERVE_PRESETS = [
  'three-node-async',
  'sync-pair',
  'cascade',
  'five-node-quorum-failover',
];

export const SERVE_HELP = `
The cluster runs in real time: 1 simulated ms is 1 ms. Every node answers HTTP on 127.0.0.1:
  POST /write {"key": "tweet", "value": "hello"}   the leader: 200 with the LSN; a replica: 421
  GET  /data/<key>                                 value, applied LSN, stale (behind your write)
  GET  /status                                     role, state, LSNs, lag per follower
  POST /admin/crash|restart|pause|partition|heal|delay|promote|command   {"node": "replica-1"}

Presets: ${SERVE_PRESETS.join(', ')}.

Examples:
  replication-tutor serve
  curl -c jar -d '{"key":"tweet","value":"hello"}' 127.0.0.1:13000/write
  curl -b jar 127.0.0.1:13002/data/tweet
  replication-tutor serve --replicas 3 --delay 1s,3s,10s --mode semi-sync
`;
