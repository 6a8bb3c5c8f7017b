// Every client operation of a run, stored in columns. A 100-client workload invokes hundreds
// of thousands of operations, and the run keeps every one for the checkers: as objects
// (~170 bytes, 19 fields) they were most of the heap, and the garbage collector copied and
// marked each of them. Typed columns are never scanned. Reading an operation (`at`) builds
// the same `OpRecord` the simulator used to keep, field for field and in the same order, so
// consumers, JSON and trace hashes see no difference.
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

const ERRORS: readonly (OpError | undefined)[] = [
  undefined,
  'fenced',
  'no-quorum',
  'not-leader',
  'down',
  'unreachable',
  'timeout',
  'restoring',
];
const ROLES = [undefined, 'leader', 'follower'] as const;

// Which optional fields an operation has (a bit each in `flags`): columns are never
// filled with "unset" markers, so growing one is a copy into fresh (zeroed) memory.
const HAS_LSN = 1;
const HAS_EPOCH = 2;
const ACCEPTED = 4;
const ACKED = 8;
const READ_RESULT = 16;
const HAS_AUTO_ID = 32;

const FIRST_ROWS = 256;

function grown<A extends Int32Array | Float64Array | Uint8Array>(
  old: A,
  make: (n: number) => A,
): A {
  const a = make(old.length * 2);
  a.set(old);
  return a;
}

export class OpTable implements OpView {
  private size = 0;
  // Who and what: client and user by index into `clients` / `users`, node by index.
  private client = new Int32Array(FIRST_ROWS);
  private user = new Int32Array(FIRST_ROWS);
  private node = new Int32Array(FIRST_ROWS);
  private write = new Uint8Array(FIRST_ROWS);
  private outcomes = new Uint8Array(FIRST_ROWS);
  private errors = new Uint8Array(FIRST_ROWS);
  private roles = new Uint8Array(FIRST_ROWS);
  private flags = new Uint8Array(FIRST_ROWS);
  // Times and orders (fractional times are common: a client thinks for 1000 / rate ms).
  // completedAt and completeSeq are set exactly when the outcome is no longer pending.
  private invokedAt = new Float64Array(FIRST_ROWS);
  private invokeSeq = new Float64Array(FIRST_ROWS);
  private completedAt = new Float64Array(FIRST_ROWS);
  private completeSeq = new Float64Array(FIRST_ROWS);
  private acceptedAt = new Float64Array(FIRST_ROWS);
  private ackedAt = new Float64Array(FIRST_ROWS);
  // Log positions.
  private lsns = new Int32Array(FIRST_ROWS);
  private epochs = new Int32Array(FIRST_ROWS);
  private versionLsns = new Int32Array(FIRST_ROWS);
  private versionEpochs = new Int32Array(FIRST_ROWS);
  private autoIds = new Int32Array(FIRST_ROWS);
  // Strings and values are shared with the workload and the log: only pointers are kept.
  private readonly keys: string[] = [];
  private readonly values: (Value | undefined)[] = [];
  private readonly deps = new Map<number, Record<string, number>>();
  private readonly clients: string[] = [];
  private readonly users: string[] = [];
  private readonly userIndex = new Map<string, number>();

  /** `nodeIds[i]` names node index i (shared with the simulation, which appends to it). */
  constructor(private readonly nodeIds: readonly NodeId[]) {}

  get length(): number {
    return this.size;
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
    if (id === this.invokedAt.length) this.grow();
    this.client[id] = client;
    this.user[id] = user;
    this.write[id] = write ? 1 : 0;
    this.node[id] = node;
    this.invokedAt[id] = at;
    this.invokeSeq[id] = seq;
    this.keys.push(key);
    this.values.push(undefined);
    this.size = id + 1;
    return id;
  }

  private grow(): void {
    const i32 = (n: number) => new Int32Array(n);
    const f64 = (n: number) => new Float64Array(n);
    const u8 = (n: number) => new Uint8Array(n);
    this.client = grown(this.client, i32);
    this.user = grown(this.user, i32);
    this.node = grown(this.node, i32);
    this.write = grown(this.write, u8);
    this.outcomes = grown(this.outcomes, u8);
    this.errors = grown(this.errors, u8);
    this.roles = grown(this.roles, u8);
    this.flags = grown(this.flags, u8);
    this.invokedAt = grown(this.invokedAt, f64);
    this.invokeSeq = grown(this.invokeSeq, f64);
    this.completedAt = grown(this.completedAt, f64);
    this.completeSeq = grown(this.completeSeq, f64);
    this.acceptedAt = grown(this.acceptedAt, f64);
    this.ackedAt = grown(this.ackedAt, f64);
    this.lsns = grown(this.lsns, i32);
    this.epochs = grown(this.epochs, i32);
    this.versionLsns = grown(this.versionLsns, i32);
    this.versionEpochs = grown(this.versionEpochs, i32);
    this.autoIds = grown(this.autoIds, i32);
  }

  setDeps(id: number, deps: Record<string, number>): void {
    this.deps.set(id, deps);
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
    this.keys[id] = key;
    this.values[id] = value;
    this.lsns[id] = lsn;
    this.epochs[id] = epoch;
    this.acceptedAt[id] = at;
    let f = this.flags[id]! | HAS_LSN | HAS_EPOCH | ACCEPTED;
    if (autoId !== undefined) {
      this.autoIds[id] = autoId;
      f |= HAS_AUTO_ID;
    }
    this.flags[id] = f;
  }

  /** The node sent a write's acknowledgement (the client hears it a network delay later). */
  acked(id: number, at: Ms): void {
    this.ackedAt[id] = at;
    this.flags[id]! |= ACKED;
  }

  /** The client heard the outcome, or gave up. */
  complete(
    id: number,
    at: Ms,
    seq: number,
    outcome: OutcomeCode,
    error: OpError | undefined,
  ): void {
    this.completedAt[id] = at;
    this.completeSeq[id] = seq;
    this.outcomes[id] = outcome;
    if (error !== undefined) this.errors[id] = ERRORS.indexOf(error);
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
    this.values[id] = value;
    this.lsns[id] = lsn;
    this.versionLsns[id] = versionLsn;
    this.versionEpochs[id] = versionEpoch;
    this.roles[id] = role === 'leader' ? 1 : 2;
    this.flags[id]! |= HAS_LSN | READ_RESULT;
  }

  /** A write's position as its response told it (when the leader's accept was not seen). */
  position(id: number, lsn: number, epoch: number | undefined): void {
    this.lsns[id] = lsn;
    let f = this.flags[id]! | HAS_LSN;
    if (epoch !== undefined) {
      this.epochs[id] = epoch;
      f |= HAS_EPOCH;
    }
    this.flags[id] = f;
  }

  // ---- reading single fields (the simulator's hot path) -------------------------------------

  outcome(id: number): OutcomeCode {
    return this.outcomes[id]! as OutcomeCode;
  }

  /** Whether the client still waits for the outcome (false too for ids not issued yet). */
  isPending(id: number): boolean {
    return id < this.size && this.outcomes[id] === PENDING;
  }

  isWrite(id: number): boolean {
    return this.write[id] === 1;
  }

  /** The client's index (its session's position in the simulation's session list). */
  clientOf(id: number): number {
    return this.client[id]!;
  }

  clientName(id: number): string {
    return this.clients[this.client[id]!]!;
  }

  userName(id: number): string {
    return this.users[this.user[id]!]!;
  }

  key(id: number): string {
    return this.keys[id]!;
  }

  lsn(id: number): number | undefined {
    return this.flags[id]! & HAS_LSN ? this.lsns[id] : undefined;
  }

  epoch(id: number): number | undefined {
    return this.flags[id]! & HAS_EPOCH ? this.epochs[id] : undefined;
  }

  wasAcked(id: number): boolean {
    return (this.flags[id]! & ACKED) !== 0;
  }

  // ---- reading whole records ----------------------------------------------------------------

  /** The operation as a record (built on each call: later changes do not reach it). */
  at(i: number): OpRecord | undefined {
    const id = i < 0 ? this.size + i : i;
    if (id < 0 || id >= this.size) return undefined;
    const f = this.flags[id]!;
    const done = this.outcomes[id] !== PENDING;
    const common = {
      id,
      client: this.clients[this.client[id]!]!,
      user: this.users[this.user[id]!]!,
      kind: this.write[id] === 1 ? ('write' as const) : ('read' as const),
      key: this.keys[id]!,
      node: this.nodeIds[this.node[id]!]!,
      invokedAt: this.invokedAt[id]!,
      invokeSeq: this.invokeSeq[id]!,
      outcome: OUTCOMES[this.outcomes[id]!]!,
      completedAt: done ? this.completedAt[id] : undefined,
      completeSeq: done ? this.completeSeq[id] : undefined,
      error: ERRORS[this.errors[id]!],
      value: this.values[id],
      lsn: f & HAS_LSN ? this.lsns[id] : undefined,
    };
    // Field order as the records always had it (JSON, and so trace hashes, depend on it).
    if (common.kind === 'read') {
      const read = (f & READ_RESULT) !== 0;
      return {
        ...common,
        versionLsn: read ? this.versionLsns[id] : undefined,
        versionEpoch: read ? this.versionEpochs[id] : undefined,
        role: ROLES[this.roles[id]!],
      };
    }
    return {
      ...common,
      epoch: f & HAS_EPOCH ? this.epochs[id] : undefined,
      acceptedAt: f & ACCEPTED ? this.acceptedAt[id] : undefined,
      ackedAt: f & ACKED ? this.ackedAt[id] : undefined,
      autoId: f & HAS_AUTO_ID ? this.autoIds[id] : undefined,
      deps: this.deps.get(id),
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
