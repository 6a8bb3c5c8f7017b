// Every client operation of a run, stored in columns. A 100-client workload invokes hundreds
// of thousands of operations, and the run keeps every one for the checkers: as objects
// (~170 bytes, 19 fields) they were most of the heap, and the garbage collector copied and
// marked each of them. Typed columns are never scanned. Reading an operation (`at`) builds
// the same `OpRecord` the simulator used to keep, field for field and in the same order, so
// consumers, JSON and trace hashes see no difference.
//
// Rows live in chunks of 64K (one buffer for all numeric columns, ~5.5 MB), like the
// history's: a long run adds chunks and never copies or reallocates what it has.
import type { Ms, NodeId, OpError, OpRecord, OpView, Value } from './types.js';

export const PENDING = 0;
export const OK = 1;
export const FAIL = 2;
export const INFO = 3;
export type OutcomeCode = typeof PENDING | typeof OK | typeof FAIL | typeof INFO;
const OUTCOMES = ['pending', 'ok', 'fail', 'info'] as const;

export function outcomeCode(o: OpRecord['outcome']): OutcomeCode {
  return o === 'ok' ? OK : o === 'fail' ? FAIL : o === 'info' ? INFO : PENDING;
}

/** Error codes: 0 is none. */
const ERRORS = [
  undefined,
  'fenced',
  'no-quorum',
  'not-leader',
  'down',
  'unreachable',
  'timeout',
  'restoring',
  'version-mismatch',
  'disk-full',
  'wrong-shard',
] as const satisfies readonly (OpError | undefined)[];
// Fails to compile when OpError gains a value this list lacks.
const everyErrorHasACode: [Exclude<OpError, (typeof ERRORS)[number]>] extends [never]
  ? true
  : never = true;
void everyErrorHasACode;
const ROLES = [undefined, 'leader', 'follower'] as const;

// Which optional fields an operation has (a bit each in `flags`): columns are never
// filled with "unset" markers, so a new chunk is fresh (zeroed) memory as it comes.
const HAS_LSN = 1;
const HAS_EPOCH = 2;
const ACCEPTED = 4;
const ACKED = 8;
const READ_RESULT = 16;
const HAS_AUTO_ID = 32;

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;
/** The first chunk starts this small and doubles up to CHUNK (a lesson has a few dozen ops). */
const FIRST_ROWS = 256;
/** Bytes per row of the numeric columns: 6 doubles, 8 int32s, 5 bytes. */
const ROW_BYTES = 6 * 8 + 8 * 4 + 5;

class Chunk {
  // Times and orders (fractional times are common: a client thinks for 1000 / rate ms).
  // completedAt and completeSeq are set exactly when the outcome is no longer pending.
  readonly invokedAt: Float64Array;
  readonly invokeSeq: Float64Array;
  readonly completedAt: Float64Array;
  readonly completeSeq: Float64Array;
  readonly acceptedAt: Float64Array;
  readonly ackedAt: Float64Array;
  // Who (client and user by index into the table's name lists, node by index) and where.
  readonly client: Int32Array;
  readonly user: Int32Array;
  readonly node: Int32Array;
  readonly lsns: Int32Array;
  readonly epochs: Int32Array;
  readonly versionLsns: Int32Array;
  readonly versionEpochs: Int32Array;
  readonly autoIds: Int32Array;
  readonly write: Uint8Array;
  readonly outcomes: Uint8Array;
  readonly errors: Uint8Array;
  readonly roles: Uint8Array;
  readonly flags: Uint8Array;
  // Keys and values are shared with the workload and the log: only pointers are kept.
  readonly keys: string[];
  readonly values: (Value | undefined)[];

  constructor(readonly rows: number) {
    const buf = new ArrayBuffer(rows * ROW_BYTES);
    let at = 0;
    const f64 = () => {
      const a = new Float64Array(buf, at, rows);
      at += rows * 8;
      return a;
    };
    const i32 = () => {
      const a = new Int32Array(buf, at, rows);
      at += rows * 4;
      return a;
    };
    const u8 = () => {
      const a = new Uint8Array(buf, at, rows);
      at += rows;
      return a;
    };
    this.invokedAt = f64();
    this.invokeSeq = f64();
    this.completedAt = f64();
    this.completeSeq = f64();
    this.acceptedAt = f64();
    this.ackedAt = f64();
    this.client = i32();
    this.user = i32();
    this.node = i32();
    this.lsns = i32();
    this.epochs = i32();
    this.versionLsns = i32();
    this.versionEpochs = i32();
    this.autoIds = i32();
    this.write = u8();
    this.outcomes = u8();
    this.errors = u8();
    this.roles = u8();
    this.flags = u8();
    this.keys = [];
    this.values = [];
  }

  /** A chunk of `rows` rows holding this one's (the first chunk, doubling). */
  grownTo(rows: number): Chunk {
    const c = new Chunk(rows);
    for (const name of NUMERIC_COLUMNS) c[name].set(this[name]);
    c.keys.push(...this.keys);
    c.values.push(...this.values);
    return c;
  }
}

const NUMERIC_COLUMNS = [
  'invokedAt',
  'invokeSeq',
  'completedAt',
  'completeSeq',
  'acceptedAt',
  'ackedAt',
  'client',
  'user',
  'node',
  'lsns',
  'epochs',
  'versionLsns',
  'versionEpochs',
  'autoIds',
  'write',
  'outcomes',
  'errors',
  'roles',
  'flags',
] as const;

export class OpTable implements OpView {
  private size = 0;
  private readonly chunks: Chunk[] = [new Chunk(FIRST_ROWS)];
  private readonly deps = new Map<number, Record<string, number>>();
  /** Sharded clusters: writes' causal dependencies (shard -> LSN), and which write each read's value came from. */
  private readonly shardDeps = new Map<number, Record<string, number>>();
  private readonly readFrom = new Map<number, number>();
  /** Sharded clusters: the shard of a key (records carry it); unset otherwise. */
  shardOfKey: ((key: string) => string) | undefined;
  private readonly clients: string[] = [];
  private readonly users: string[] = [];
  private readonly userIndex = new Map<string, number>();

  /** `nodeIds[i]` names node index i (shared with the simulation, which appends to it). */
  constructor(private readonly nodeIds: readonly NodeId[]) {}

  get length(): number {
    return this.size;
  }

  private chunk(id: number): Chunk {
    return this.chunks[id >>> CHUNK_BITS]!;
  }

  // ---- names ------------------------------------------------------------------------------

  /** Registers a client (once, when its session is created); returns its index. */
  addClient(id: string): number {
    this.clients.push(id);
    return this.clients.length - 1;
  }

  userIndexOf(user: string): number {
    let i = this.userIndex.get(user);
    if (i === undefined) {
      i = this.users.length;
      this.users.push(user);
      this.userIndex.set(user, i);
    }
    return i;
  }

  // ---- writing ----------------------------------------------------------------------------

  /** A new pending operation; returns its id. */
  invoke(
    client: number,
    user: number,
    write: boolean,
    key: string,
    node: number,
    at: Ms,
    seq: number,
  ): number {
    const id = this.size;
    const k = id & IN_CHUNK;
    let c = this.chunks[id >>> CHUNK_BITS];
    if (c === undefined) {
      c = new Chunk(CHUNK);
      this.chunks.push(c);
    } else if (k === c.rows) {
      c = c.grownTo(c.rows * 2);
      this.chunks[0] = c;
    }
    c.client[k] = client;
    c.user[k] = user;
    c.write[k] = write ? 1 : 0;
    c.node[k] = node;
    c.invokedAt[k] = at;
    c.invokeSeq[k] = seq;
    c.keys.push(key);
    c.values.push(undefined);
    this.size = id + 1;
    return id;
  }

  setDeps(id: number, deps: Record<string, number>): void {
    this.deps.set(id, deps);
  }

  setShardDeps(id: number, deps: Record<string, number>): void {
    this.shardDeps.set(id, deps);
  }

  /** A write's causal dependencies (shard -> LSN), when it has any. */
  shardDepsOf(id: number): Record<string, number> | undefined {
    return this.shardDeps.get(id);
  }

  /** The read `id` returned the value written by op `write`. */
  setReadFrom(id: number, write: number): void {
    this.readFrom.set(id, write);
  }

  readFromOf(id: number): number | undefined {
    return this.readFrom.get(id);
  }

  /** The leader appended the write (its value as evaluated there, and the row's key). */
  accept(
    id: number,
    key: string,
    value: Value,
    lsn: number,
    epoch: number,
    at: Ms,
    autoId: number | undefined,
  ): void {
    const c = this.chunk(id);
    const k = id & IN_CHUNK;
    c.keys[k] = key;
    c.values[k] = value;
    c.lsns[k] = lsn;
    c.epochs[k] = epoch;
    c.acceptedAt[k] = at;
    let f = c.flags[k]! | HAS_LSN | HAS_EPOCH | ACCEPTED;
    if (autoId !== undefined) {
      c.autoIds[k] = autoId;
      f |= HAS_AUTO_ID;
    }
    c.flags[k] = f;
  }

  /** Leaderless: the value a write carries (no leader appends it, so `accept` never runs). */
  written(id: number, value: Value, at: Ms): void {
    const c = this.chunk(id);
    const k = id & IN_CHUNK;
    c.values[k] = value;
    c.acceptedAt[k] = at;
    c.flags[k]! |= ACCEPTED;
  }

  /** The node sent a write's acknowledgement (the client hears it a network delay later). */
  acked(id: number, at: Ms): void {
    const c = this.chunk(id);
    const k = id & IN_CHUNK;
    c.ackedAt[k] = at;
    c.flags[k]! |= ACKED;
  }

  /** The client heard the outcome, or gave up. */
  complete(
    id: number,
    at: Ms,
    seq: number,
    outcome: OutcomeCode,
    error: OpError | undefined,
  ): void {
    const c = this.chunk(id);
    const k = id & IN_CHUNK;
    c.completedAt[k] = at;
    c.completeSeq[k] = seq;
    c.outcomes[k] = outcome;
    if (error !== undefined) c.errors[k] = ERRORS.indexOf(error);
  }

  /** What a read returned. */
  readResult(
    id: number,
    value: Value | undefined,
    lsn: number,
    versionLsn: number,
    versionEpoch: number,
    role: 'leader' | 'follower',
  ): void {
    const c = this.chunk(id);
    const k = id & IN_CHUNK;
    c.values[k] = value;
    c.lsns[k] = lsn;
    c.versionLsns[k] = versionLsn;
    c.versionEpochs[k] = versionEpoch;
    c.roles[k] = role === 'leader' ? 1 : 2;
    c.flags[k]! |= HAS_LSN | READ_RESULT;
  }

  /** A write's position as its response told it (when the leader's accept was not seen). */
  position(id: number, lsn: number, epoch: number | undefined): void {
    const c = this.chunk(id);
    const k = id & IN_CHUNK;
    c.lsns[k] = lsn;
    let f = c.flags[k]! | HAS_LSN;
    if (epoch !== undefined) {
      c.epochs[k] = epoch;
      f |= HAS_EPOCH;
    }
    c.flags[k] = f;
  }

  // ---- reading single fields (the simulator's hot path) -------------------------------------

  outcome(id: number): OutcomeCode {
    return this.chunk(id).outcomes[id & IN_CHUNK]! as OutcomeCode;
  }

  /** Whether the client still waits for the outcome (false too for ids not issued yet). */
  isPending(id: number): boolean {
    return id < this.size && this.chunk(id).outcomes[id & IN_CHUNK] === PENDING;
  }

  isWrite(id: number): boolean {
    return this.chunk(id).write[id & IN_CHUNK] === 1;
  }

  /** The client's index (its session's position in the simulation's session list). */
  clientOf(id: number): number {
    return this.chunk(id).client[id & IN_CHUNK]!;
  }

  clientName(id: number): string {
    return this.clients[this.clientOf(id)]!;
  }

  /** The user's index (see `userIndexOf`). */
  userOf(id: number): number {
    return this.chunk(id).user[id & IN_CHUNK]!;
  }

  key(id: number): string {
    return this.chunk(id).keys[id & IN_CHUNK]!;
  }

  lsn(id: number): number | undefined {
    const c = this.chunk(id);
    const k = id & IN_CHUNK;
    return c.flags[k]! & HAS_LSN ? c.lsns[k] : undefined;
  }

  epoch(id: number): number | undefined {
    const c = this.chunk(id);
    const k = id & IN_CHUNK;
    return c.flags[k]! & HAS_EPOCH ? c.epochs[k] : undefined;
  }

  wasAcked(id: number): boolean {
    return (this.chunk(id).flags[id & IN_CHUNK]! & ACKED) !== 0;
  }

  // ---- reading whole records ----------------------------------------------------------------

  /** The operation as a record (built on each call: later changes do not reach it). */
  at(i: number): OpRecord | undefined {
    const id = i < 0 ? this.size + i : i;
    if (id < 0 || id >= this.size) return undefined;
    const c = this.chunk(id);
    const k = id & IN_CHUNK;
    const f = c.flags[k]!;
    const done = c.outcomes[k] !== PENDING;
    // Two whole literals, field order as the records always had it: JSON (and so trace
    // hashes) depend on the order, and checkers that scan thousands of records stay fast on
    // two fixed shapes (records built by spreading were several times slower to read).
    if (c.write[k] === 0) {
      const read = (f & READ_RESULT) !== 0;
      return {
        id,
        client: this.clients[c.client[k]!]!,
        user: this.users[c.user[k]!]!,
        kind: 'read',
        key: c.keys[k]!,
        node: this.nodeIds[c.node[k]!]!,
        invokedAt: c.invokedAt[k]!,
        invokeSeq: c.invokeSeq[k]!,
        outcome: OUTCOMES[c.outcomes[k]!]!,
        completedAt: done ? c.completedAt[k] : undefined,
        completeSeq: done ? c.completeSeq[k] : undefined,
        error: ERRORS[c.errors[k]!],
        value: c.values[k],
        lsn: f & HAS_LSN ? c.lsns[k] : undefined,
        versionLsn: read ? c.versionLsns[k] : undefined,
        versionEpoch: read ? c.versionEpochs[k] : undefined,
        role: ROLES[c.roles[k]!],
        shard: this.shardOfKey?.(c.keys[k]!),
      };
    }
    return {
      id,
      client: this.clients[c.client[k]!]!,
      user: this.users[c.user[k]!]!,
      kind: 'write',
      key: c.keys[k]!,
      node: this.nodeIds[c.node[k]!]!,
      invokedAt: c.invokedAt[k]!,
      invokeSeq: c.invokeSeq[k]!,
      outcome: OUTCOMES[c.outcomes[k]!]!,
      completedAt: done ? c.completedAt[k] : undefined,
      completeSeq: done ? c.completeSeq[k] : undefined,
      error: ERRORS[c.errors[k]!],
      value: c.values[k],
      lsn: f & HAS_LSN ? c.lsns[k] : undefined,
      epoch: f & HAS_EPOCH ? c.epochs[k] : undefined,
      acceptedAt: f & ACCEPTED ? c.acceptedAt[k] : undefined,
      ackedAt: f & ACKED ? c.ackedAt[k] : undefined,
      autoId: f & HAS_AUTO_ID ? c.autoIds[k] : undefined,
      deps: this.deps.get(id),
      shard: this.shardOfKey?.(c.keys[k]!),
      shardDeps: this.shardDeps.get(id),
    };
  }

  slice(start = 0, end: number = this.size): OpRecord[] {
    const from = start < 0 ? Math.max(0, this.size + start) : Math.min(start, this.size);
    const to = end < 0 ? Math.max(0, this.size + end) : Math.min(end, this.size);
    const out: OpRecord[] = [];
    for (let i = from; i < to; i++) out.push(this.at(i)!);
    return out;
  }

  *[Symbol.iterator](): Iterator<OpRecord> {
    for (let i = 0; i < this.size; i++) yield this.at(i)!;
  }

  /** Serialises as the plain array it stands for. */
  toJSON(): OpRecord[] {
    return this.slice();
  }
}
