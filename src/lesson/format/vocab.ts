// The words a lesson file may use, as runtime lists. The simulator's string unions are types
// only; the checks at the bottom fail to compile if a list and its union drift apart.
import type {
  AckMode,
  AckOn,
  LogFormat,
  NodeStatus,
  OnTimeout,
  OpError,
  RoutingPolicyName,
  Topology,
} from '../../sim/index.js';

export const TOPOLOGIES = ['leader', 'multi-leader', 'leaderless'] as const;
export const ACK_MODES = ['async', 'sync', 'semi-sync'] as const;
export const ACK_ON = ['receive', 'apply'] as const;
export const ON_TIMEOUT = ['unknown', 'degrade'] as const;
export const LOG_FORMATS = ['row', 'statement', 'statement-pinned', 'wal'] as const;
export const ROLES = ['leader', 'follower', 'replica'] as const;
export const CONFLICT_POLICIES = ['lww', 'replica-id', 'siblings', 'none'] as const;
export const REPLICATIONS = ['all-to-all', 'ring', 'star'] as const;
export const POLICIES = [
  'leader',
  'random',
  'sticky',
  'read-your-writes',
  'monotonic',
  'window-after-write',
  'bounded-lag',
] as const;
export const OP_ERRORS = [
  'fenced',
  'no-quorum',
  'not-leader',
  'down',
  'unreachable',
  'timeout',
  'restoring',
  'version-mismatch',
  'disk-full',
] as const;
export const NODE_STATUSES = [
  'leading',
  'streaming',
  'catching-up',
  'disconnected',
  'needs-resync',
  'copying',
  'restoring',
  'paused',
  'down',
  'fenced',
  'version-mismatch',
  'up',
] as const;

/** Every step kind, in the order the format lists them (messages list them this way). */
export const STEP_KINDS = [
  'say',
  'write',
  'read',
  'wait',
  'until',
  'crash',
  'restart',
  'pause',
  'partition',
  'heal',
  'set',
  'promote',
  'wipe',
  'backup',
  'restore',
  'addFollower',
  'workload',
  'dropSlot',
  'quiz',
  'predict',
  'choose',
  'experiment',
  'task',
] as const;
export type StepKindName = (typeof STEP_KINDS)[number];

/** Keys a step may carry besides its kind. */
export const STEP_COMMON_KEYS = [
  'id',
  'expect',
  'note',
  'hint',
  'background',
  'story',
  'resume',
  'branch',
] as const;

/** Kinds that take virtual time and so may run in the background. */
export const BACKGROUND_KINDS: readonly StepKindName[] = [
  'write',
  'workload',
  'backup',
  'restore',
  'addFollower',
];

// Same members as the simulator's unions, in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type VocabMatchesSimulator = [
  Assert<Same<(typeof TOPOLOGIES)[number], Topology>>,
  Assert<Same<(typeof ACK_MODES)[number], AckMode>>,
  Assert<Same<(typeof ACK_ON)[number], AckOn>>,
  Assert<Same<(typeof ON_TIMEOUT)[number], OnTimeout>>,
  Assert<Same<(typeof LOG_FORMATS)[number], LogFormat>>,
  Assert<Same<(typeof POLICIES)[number], RoutingPolicyName>>,
  Assert<Same<(typeof OP_ERRORS)[number], OpError>>,
  Assert<Same<(typeof NODE_STATUSES)[number], NodeStatus>>,
];
