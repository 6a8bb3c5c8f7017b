// Clusters to start a sandbox or `serve` from, each written as a lesson file (read by the
// lesson loader, so a preset is checked like any lesson and `:save` writes it back the same
// way). The first is the default: the three-node cluster a workshop starts with.
import { formatProblem, parseLessonText } from '../lesson/format/load.js';
import { nearest } from '../lesson/format/suggest.js';
import type { Lesson } from '../lesson/format/types.js';

export interface Preset {
  name: string;
  summary: string;
  yaml: string;
}

const header = (name: string, title: string, summary: string) => `id: ${name}
title: ${title}
summary: ${summary}
`;

export const PRESETS: readonly Preset[] = [
  {
    name: 'three-node-async',
    summary: 'a primary and two asynchronous replicas, 2 s and 5 s behind',
    yaml: `${header('three-node-async', 'Three nodes, asynchronous', 'A primary and two asynchronous replicas, 2 s and 5 s behind.')}
cluster:
  topology: leader
  mode: async
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 2s}
    - {id: replica-2, role: follower, lag: 5s}
steps:
  - say: A primary and two asynchronous replicas.
`,
  },
  {
    name: 'sync-pair',
    summary: 'a primary and one synchronous standby: no write is acknowledged before it has it',
    yaml: `${header('sync-pair', 'A synchronous pair', 'A primary and one synchronous standby.')}
cluster:
  topology: leader
  mode: sync
  nodes:
    - {id: primary, role: leader}
    - {id: standby, role: follower, lag: 50ms}
steps:
  - say: A primary and a synchronous standby.
`,
  },
  {
    name: 'cascade',
    summary: 'replica-1 relays the primary’s log to replica-2 and replica-3',
    yaml: `${header('cascade', 'A cascade', 'replica-1 relays the log to two replicas of its own.')}
cluster:
  topology: leader
  mode: async
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 1s}
    - {id: replica-2, role: follower, lag: 2s, upstream: replica-1}
    - {id: replica-3, role: follower, lag: 2s, upstream: replica-1}
steps:
  - say: A primary, a relay and two replicas behind it.
`,
  },
  {
    name: 'five-node-quorum-failover',
    summary: 'five nodes with automatic failover, a majority quorum and fencing',
    yaml: `${header('five-node-quorum-failover', 'Five nodes, quorum failover', 'Five nodes with automatic failover, a majority quorum and fencing.')}
cluster:
  topology: leader
  mode: async
  failover: {auto: true, heartbeat: 1s, timeout: 10s, quorum: true, fencing: true}
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 100ms}
    - {id: replica-2, role: follower, lag: 200ms}
    - {id: replica-3, role: follower, lag: 1s}
    - {id: replica-4, role: follower, lag: 3s}
steps:
  - say: Five nodes that elect a new leader when the primary goes quiet.
`,
  },
  {
    name: 'dynamo-style',
    summary: 'leaderless: three home replicas and a fallback, n=3 w=2 r=2, read repair',
    yaml: `${header('dynamo-style', 'Dynamo-style, leaderless', 'Three home replicas and a fallback; writes need two acks, reads two answers.')}
cluster:
  topology: leaderless
  quorum: {n: 3, w: 2, r: 2, sloppy: true, readRepair: true, antiEntropy: 30s}
  conflict: lww
  nodes:
    - {id: a}
    - {id: b, lag: 500ms}
    - {id: c, lag: 2s}
    - {id: d}
steps:
  - say: Three home replicas (a, b, c) and a fallback (d), no leader.
`,
  },
  {
    name: 'multi-leader',
    summary:
      'multi-leader: a leader in each of two datacenters (one clock 2 s behind), a follower, LWW',
    yaml: `${header('multi-leader', 'Multi-leader, two datacenters', 'A leader in each datacenter accepts writes at once and sends them to the other.')}
cluster:
  topology: multi-leader
  conflict: lww
  replication: all-to-all
  nodes:
    - {id: dc1, role: leader, lag: 1s}
    - {id: dc2, role: leader, lag: 1s, clockSkew: -2s}
    - {id: dc2-replica, role: follower, upstream: dc2, lag: 200ms}
clients:
  - {id: you, home: dc1}
  - {id: other, home: dc2}
steps:
  - say: A leader in each datacenter (dc1, dc2) and a follower of dc2; dc2's clock is 2 s behind.
`,
  },
];

export const DEFAULT_PRESET = 'three-node-async';

export const PRESET_NAMES: readonly string[] = PRESETS.map((p) => p.name);

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** `unknown preset "cascde" (did you mean "cascade"?)`, or the list. */
export function unknownPreset(name: string): string {
  const near = nearest(name, PRESET_NAMES);
  return near === undefined
    ? `unknown preset "${name}" (presets: ${PRESET_NAMES.join(', ')})`
    : `unknown preset "${name}" (did you mean "${near}"?)`;
}

/** The preset as a lesson (its cluster, no clients); its one narration step is dropped. */
export function presetLesson(preset: Preset): Lesson {
  const r = parseLessonText(preset.yaml, `preset:${preset.name}`);
  if (!r.ok) {
    throw new Error(
      `internal: preset ${preset.name} is invalid: ${r.errors.map(formatProblem).join('; ')}`,
    );
  }
  return { ...r.lesson, steps: [] };
}
