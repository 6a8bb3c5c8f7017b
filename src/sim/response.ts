// What a node answers a client. Every response has every field (unset ones undefined):
// responses are made and read once per operation, and one shape keeps those reads fast.
import type { OpError, Value } from './types.js';

export interface Response {
  outcome: 'ok' | 'fail' | 'info';
  error: OpError | undefined;
  value: Value | undefined;
  /** Write: the entry's LSN. Read: the node's applied LSN when it answered. */
  lsn: number | undefined;
  epoch: number | undefined;
  /** Read: the LSN and epoch of the entry behind the returned value (0 when absent). */
  versionLsn: number | undefined;
  versionEpoch: number | undefined;
  role: 'leader' | 'follower' | undefined;
}

function response(
  outcome: Response['outcome'],
  error: OpError | undefined,
  lsn: number | undefined,
  epoch: number | undefined,
): Response {
  return {
    outcome,
    error,
    value: undefined,
    lsn,
    epoch,
    versionLsn: undefined,
    versionEpoch: undefined,
    role: undefined,
  };
}

/** The write is acknowledged at this position. */
export function writeAcked(lsn: number, epoch: number): Response {
  return response('ok', undefined, lsn, epoch);
}

/** The write is in the log at this position but was not acknowledged in time. */
export function writeUnknown(lsn: number, epoch: number): Response {
  return response('info', 'timeout', lsn, epoch);
}

/** The node refused (or could not be reached). */
export function refused(error: OpError): Response {
  return response('fail', error, undefined, undefined);
}

/** The client gave up waiting: a read changed nothing; a write's fate is unknown. */
export function gaveUp(write: boolean): Response {
  return response(write ? 'info' : 'fail', 'timeout', undefined, undefined);
}

/** A read served by a node. */
export function readServed(
  value: Value,
  lsn: number,
  versionLsn: number,
  versionEpoch: number,
  role: 'leader' | 'follower',
): Response {
  return {
    outcome: 'ok',
    error: undefined,
    value,
    lsn,
    epoch: undefined,
    versionLsn,
    versionEpoch,
    role,
  };
}
