// The sandbox's commands: what each is called, what words it takes, and the lesson step it
// stands for. One table serves parsing (parse-command.ts), Tab completion (complete.ts)
// and help. Each command is written like the lesson step it becomes: `crash replica-1` is
// `crash: replica-1`, `read tweet from replica-2` is `read: {key: tweet, from: replica-2}`.
import {
  ACK_MODES,
  ACK_ON,
  CONFLICT_POLICIES,
  LOG_FORMATS,
  ON_TIMEOUT,
  POLICIES,
  REPLICATIONS,
} from '../format/vocab.js';
import type { ArgType } from './arg-types.js';
import * as T from './arg-types.js';
import type { CommandContext } from './command-context.js';

/** A lesson step as its YAML map: exactly one kind key (`{crash: replica-1}`). */
export type RawStep = Record<string, unknown>;

export interface Slot {
  name: string;
  type: ArgType;
}

/** A word in a fixed place. `literal`: an optional filler word (`pause primary for 12s`). */
export interface Positional {
  name: string;
  type?: ArgType;
  optional?: boolean;
  /** Takes every word up to the next keyword: a value of several words. */
  rest?: boolean;
  literal?: string;
}

export interface Args {
  /** Checked values by slot or option name. */
  values: Map<string, unknown>;
  flags: Set<string>;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  positionals: Positional[];
  /** `keyword <value>` anywhere after the required words. */
  options: Record<string, Slot>;
  flags: string[];
  build(args: Args, ctx: CommandContext): RawStep;
}

const get = (a: Args, name: string) => a.values.get(name);

/** Only the given keys (an absent option is left out of the step, as an author would). */
function defined(m: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined));
}

/** `limit 1`: UPDATE/DELETE … LIMIT 1 (one row is all the simulator changes). */
const LIMIT_ONE: ArgType = {
  what: '1 (one row)',
  parse(tok) {
    if (tok.text !== '1') throw new T.ArgError(`expected limit 1, found "${tok.text}"`, tok);
    return 1;
  },
  candidates: () => ['1'],
};

/** The value rows must hold for `limit 1 where <value>`. */
const WHERE_VALUE: ArgType = { what: 'a value', parse: (tok) => T.literalValue(tok) };

const nodeCommand = (name: string, summary: string): CommandSpec => ({
  name,
  usage: `${name} <node>`,
  summary,
  positionals: [{ name: 'node', type: T.node }],
  options: {},
  flags: [],
  build: (a) => ({ [name]: get(a, 'node') }),
});

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'write',
    usage:
      'write <key> <value> [via <node>] [as <client>] [size <size>] [auto-id] [limit 1 [where <value>]]',
    summary:
      'a client writes a key (to the leader, or via a node); auto-id inserts a row at key/<id>; limit 1 updates one row of the table key (null deletes it)',
    positionals: [
      { name: 'key', type: T.key },
      { name: 'value', rest: true },
    ],
    options: {
      via: { name: 'via', type: T.node },
      as: { name: 'client', type: T.client },
      size: { name: 'size', type: T.size },
      limit: { name: 'limit', type: LIMIT_ONE },
      where: { name: 'where', type: WHERE_VALUE },
    },
    flags: ['auto-id'],
    build: (a) => {
      if (a.values.has('where') && !a.values.has('limit')) {
        throw new T.ArgError(
          'write: where needs limit 1 (write <key> <value> limit 1 where <value>)',
        );
      }
      if (a.values.has('limit') && a.flags.has('auto-id')) {
        throw new T.ArgError(
          'write: limit 1 changes an existing row, auto-id inserts one: use one',
        );
      }
      return {
        write: defined({
          client: get(a, 'client'),
          key: get(a, 'key'),
          value: get(a, 'value'),
          via: get(a, 'via'),
          size: get(a, 'size'),
          autoId: a.flags.has('auto-id') ? true : undefined,
          limit: get(a, 'limit'),
          where: get(a, 'where'),
        }),
      };
    },
  },
  {
    name: 'read',
    usage: 'read <key> [from <node>|route] [as <client>]',
    summary:
      "a client reads a key from a node, or by its routing policy (no 'from'; leaderless: a quorum read)",
    positionals: [{ name: 'key', type: T.key }],
    options: {
      from: { name: 'from', type: T.nodeOrRoute },
      as: { name: 'client', type: T.client },
    },
    flags: [],
    build: (a) => ({
      read: defined({ client: get(a, 'client'), key: get(a, 'key'), from: get(a, 'from') }),
    }),
  },
  nodeCommand('crash', 'stop a node at once'),
  nodeCommand('restart', 'start a stopped node again'),
  {
    name: 'pause',
    usage: 'pause <node> [for] <duration>',
    summary: 'the node stalls (a long GC pause), then resumes',
    positionals: [
      { name: 'node', type: T.node },
      { name: 'for', literal: 'for', optional: true },
      { name: 'duration', type: T.duration },
    ],
    options: {},
    flags: [],
    build: (a) => ({ pause: { node: get(a, 'node'), for: get(a, 'duration') } }),
  },
  {
    name: 'partition',
    usage: 'partition <nodes> | <nodes> [| <nodes>…]',
    summary: 'cut the network into groups (nodes not named form one more group)',
    positionals: [],
    options: {},
    flags: [],
    build: (a) => ({ partition: get(a, 'groups') }),
  },
  {
    name: 'heal',
    usage: 'heal',
    summary: 'end the partition',
    positionals: [],
    options: {},
    flags: [],
    build: () => ({ heal: true }),
  },
  {
    name: 'set',
    usage: 'set <node> <setting> <value>… | set <cluster-setting> <value>…',
    summary: 'change a node (lag, replay, …) or the cluster (mode, failover, …)',
    positionals: [],
    options: {},
    flags: [],
    build: (a) => ({ set: get(a, 'set') }),
  },
  {
    name: 'promote',
    usage: 'promote <node> [until <time>]',
    summary: 'manual failover to this node (until: a delayed replica stops its log at that time)',
    positionals: [{ name: 'node', type: T.node }],
    options: { until: { name: 'until', type: T.duration } },
    flags: [],
    build: (a) => {
      const until = get(a, 'until');
      return { promote: until === undefined ? get(a, 'node') : { node: get(a, 'node'), until } };
    },
  },
  nodeCommand('wipe', "delete a node's data"),
  {
    name: 'drop-slot',
    usage: 'drop-slot <node>',
    summary: "drop a follower's replication slot: the leader stops keeping log for it",
    positionals: [{ name: 'node', type: T.node }],
    options: {},
    flags: [],
    build: (a) => ({ dropSlot: get(a, 'node') }),
  },
  {
    name: 'backup',
    usage: 'backup <node> [as <id>] [at <rate>] [fails]',
    summary: 'take a backup of a node (fails: one that silently holds nothing)',
    positionals: [{ name: 'node', type: T.node }],
    options: {
      as: { name: 'id', type: T.backupName },
      at: { name: 'rate', type: T.sizeRate },
    },
    flags: ['fails'],
    build: (a, ctx) => ({
      backup: defined({
        from: get(a, 'node'),
        // Named here, so that a saved session can restore it by name.
        id: get(a, 'id') ?? nextBackupId(ctx),
        fails: a.flags.has('fails') ? true : undefined,
        rate: get(a, 'rate'),
      }),
    }),
  },
  {
    name: 'restore',
    usage: 'restore <node> [from <backup>] [at <rate>] [until <time>|latest] [replay <rate>]',
    summary:
      'restore a node from a backup (default the latest) at a rate (default 100MB/s); until: then replay the WAL archive to that time',
    positionals: [{ name: 'node', type: T.node }],
    options: {
      from: { name: 'from', type: T.backupRef },
      at: { name: 'rate', type: T.sizeRate },
      until: { name: 'until', type: T.recoveryTarget },
      replay: { name: 'replayRate', type: T.sizeRate },
    },
    flags: [],
    build: (a, ctx) => {
      if (get(a, 'from') === undefined && ctx.backups.length === 0) {
        throw new T.ArgError('there is no backup to restore from (take one with: backup <node>)');
      }
      if (get(a, 'replayRate') !== undefined && get(a, 'until') === undefined) {
        throw new T.ArgError(
          'replay <rate> needs until <time>|latest: it is the speed of the WAL archive replay',
        );
      }
      return {
        restore: defined({
          node: get(a, 'node'),
          from: get(a, 'from') ?? 'latest-backup',
          rate: get(a, 'rate') ?? DEFAULT_COPY_RATE,
          until: get(a, 'until'),
          replayRate: get(a, 'replayRate'),
        }),
      };
    },
  },
  {
    name: 'add-follower',
    usage: 'add-follower <id> [from <node>] [at <rate>] [lag <delay>] [upstream <node>]',
    summary: 'a new follower: a snapshot copied at a rate (default 100MB/s), then catch-up',
    positionals: [{ name: 'id', type: T.newNode }],
    options: {
      from: { name: 'from', type: T.node },
      at: { name: 'rate', type: T.sizeRate },
      lag: { name: 'lag', type: T.delay },
      upstream: { name: 'upstream', type: T.node },
    },
    flags: [],
    build: (a) => ({
      addFollower: defined({
        id: get(a, 'id'),
        from: get(a, 'from'),
        rate: get(a, 'rate') ?? DEFAULT_COPY_RATE,
        lag: get(a, 'lag'),
        upstream: get(a, 'upstream'),
      }),
    }),
  },
  {
    name: 'workload',
    usage:
      'workload <n> clients <duration> [writes <fraction>] [policy <policy>] [rate <n/s>] [keys <n>]',
    summary: 'generated traffic: n clients for a while (writes: share of writes, default 0.2)',
    positionals: [
      { name: 'clients', type: T.integer(1) },
      { name: 'clients-word', literal: 'clients', optional: true },
      { name: 'duration', type: T.duration },
    ],
    options: {
      writes: { name: 'writes', type: T.fraction },
      'read-after-write': { name: 'readAfterWrite', type: T.fraction },
      policy: { name: 'policy', type: T.oneOf(POLICIES) },
      rate: { name: 'rate', type: T.countRate },
      keys: { name: 'keys', type: T.integer(1) },
    },
    flags: [],
    build: (a) => ({
      workload: defined({
        clients: get(a, 'clients'),
        duration: get(a, 'duration'),
        writes: get(a, 'writes') ?? DEFAULT_WRITE_SHARE,
        readAfterWrite: get(a, 'readAfterWrite'),
        policy: get(a, 'policy'),
        rate: get(a, 'rate'),
        keys: get(a, 'keys'),
      }),
    }),
  },
  {
    name: 'wait',
    usage: 'wait <duration>',
    summary: 'let time pass',
    positionals: [{ name: 'duration', type: T.duration }],
    options: {},
    flags: [],
    build: (a) => ({ wait: get(a, 'duration') }),
  },
];

export const DEFAULT_COPY_RATE = '100MB/s';

/** The first of backup-1, backup-2, … not taken yet. */
function nextBackupId(ctx: CommandContext): string {
  for (let i = 1; ; i++) if (!ctx.backups.includes(`backup-${i}`)) return `backup-${i}`;
}
export const DEFAULT_WRITE_SHARE = 0.2;

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export const COMMAND_NAMES: readonly string[] = COMMANDS.map((c) => c.name);

// ---- set: node settings and cluster settings, by the lesson format's names ----------------

export interface Setting {
  /** The lesson format's key. */
  key: string;
  type: ArgType;
  /** A word that may stand before the value and is skipped (`set archive every 1m`). */
  filler?: string;
}

/** `set archive every 1m`: the WAL archive's interval. */
const ARCHIVE: ArgType = {
  what: 'an interval like 1m (set archive every 1m)',
  parse: (tok, ctx) => ({ every: T.duration.parse(tok, ctx) }),
};

const UPSTREAM: ArgType = {
  what: 'a node, or leader',
  parse(tok, ctx) {
    if (tok.text === 'leader' || tok.text === 'none') return null;
    return T.node.parse(tok, ctx);
  },
  candidates: (ctx) => [...ctx.nodes, 'leader'],
};

export const NODE_SETTINGS: readonly Setting[] = [
  { key: 'lag', type: T.delay },
  { key: 'replay', type: T.duration },
  { key: 'throughput', type: T.perSecond },
  { key: 'clockSkew', type: T.signedDuration },
  { key: 'upstream', type: UPSTREAM },
  { key: 'version', type: T.integer(1) },
  { key: 'disk', type: T.size },
];

export const CLUSTER_SETTINGS: readonly Setting[] = [
  { key: 'mode', type: T.oneOf(ACK_MODES) },
  { key: 'minAcks', type: T.integer(1) },
  { key: 'ackOn', type: T.oneOf(ACK_ON) },
  { key: 'ackTimeout', type: T.duration },
  { key: 'onTimeout', type: T.oneOf(ON_TIMEOUT) },
  { key: 'retain', type: T.integer(1) },
  { key: 'auto', type: T.bool },
  { key: 'heartbeat', type: T.duration },
  { key: 'timeout', type: T.duration },
  { key: 'fencing', type: T.bool },
  { key: 'quorum', type: T.bool },
  { key: 'maxLagOnFailover', type: T.integer(0) },
  { key: 'log', type: T.oneOf(LOG_FORMATS) },
  { key: 'archive', type: ARCHIVE, filler: 'every' },
  { key: 'slots', type: T.bool },
  // Leaderless quorums.
  { key: 'n', type: T.integer(1) },
  { key: 'w', type: T.integer(1) },
  { key: 'r', type: T.integer(1) },
  { key: 'sloppy', type: T.bool },
  { key: 'readRepair', type: T.bool },
  { key: 'antiEntropy', type: T.duration },
  { key: 'readFrom', type: T.oneOf(['all', 'random']) },
  // Multi-leader.
  { key: 'conflict', type: T.oneOf(CONFLICT_POLICIES) },
  { key: 'replication', type: T.oneOf(REPLICATIONS) },
];

/** `clock-skew` and `clockSkew` (any case) name the same setting. */
function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function findSetting(word: string, settings: readonly Setting[]): Setting | undefined {
  const w = word.toLowerCase();
  return settings.find((s) => s.key.toLowerCase() === w || kebab(s.key) === w);
}

/** The spellings Tab offers: kebab-case, as the commands are written. */
export function settingWords(settings: readonly Setting[]): string[] {
  return settings.map((s) => kebab(s.key));
}
