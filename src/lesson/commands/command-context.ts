// What a command is checked against: the names that exist in the live cluster right now.
// The live cluster builds it (live-cluster.ts); tests build it by hand.

export interface CommandContext {
  /** Node ids, in the cluster's order. */
  nodes: readonly string[];
  /** Client ids that exist (declared, or used by an earlier command). */
  clients: readonly string[];
  /** Keys written or read so far, for completion. */
  keys: readonly string[];
  /** Backup ids taken so far, oldest first. */
  backups: readonly string[];
}

export const LATEST_BACKUP = 'latest-backup';

/** The client a command without `as <client>` acts for (the lesson format's default). */
export const DEFAULT_CLIENT = 'you';
