// The run's history, stored compactly. Nearly every event is an operation's invoke or
// completion or a replication message, and a long run holds millions of them: as objects
// they cost ~85 bytes each and dominate both memory and the garbage collector's work. Those
// are kept in three typed columns (20 bytes an event); the rare events (faults, elections,
// notes) stay objects. Reading an event builds its object on demand, so consumers see the
// same `HistoryEvent` values either way.
import type { HistoryEvent, HistoryView, Ms, NodeId, QuorumMessageKind } from './types.js';

// Row kinds, in the low 3 bits of the packed column.
const OP_INVOKE = 0;
const OP_OK = 1;
const OP_FAIL = 2;
const OP_INFO = 3;
const SEND = 4;
const DELIVER = 5;
const DROP = 6;
const OBJECT = 7;

const PHASES = ['invoke', 'ok', 'fail', 'info'] as const;
const MESSAGE_TYPES = ['send', 'deliver', 'drop'] as const;
const MESSAGES = ['entry', 'ack', 'heartbeat', 'vote'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];
export type MessageKind = (typeof MESSAGES)[number];

/** A node index that stands for "no node" (a delivery on a stream with no source). */
export const NO_NODE = 0xfff;
const NODE_BITS = 12;

// Leaderless quorum messages are message rows with QUORUM set: their kind takes the two
// message-kind bits plus the top two, and an end is a node index or CLIENT | client index.
const QUORUM = 1 << 29;
const CLIENT = 0x800;
const QUORUM_MESSAGES = [
  'write',
  'ack',
  'refuse',
  'read',
  'reply',
  'repair',
  'hint',
  'handoff',
  'sync',
] as const satisfies readonly QuorumMessageKind[];
const QUORUM_CODE = new Map<string, number>(QUORUM_MESSAGES.map((k, i) => [k, i]));

/** Rows per chunk (1.25 MB): columns grow by whole chunks, so nothing is ever copied. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;
const FIRST_ROWS = 2048;

export class History implements HistoryView {
  private readonly tChunks: Float64Array[] = [];
  /** kind (3 bits) | message kind (2 bits) | from (12 bits) | to (12 bits). */
  private readonly packedChunks: Int32Array[] = [];
  /** Op id, LSN (NaN when absent) or index into `objects`. */
  private readonly numChunks: Float64Array[] = [];
  private readonly objects: HistoryEvent[] = [];
  private size = 0;
  /** The chunk being filled, and the row its first slot holds. */
  private curT: Float64Array = new Float64Array(0);
  private curNum: Float64Array = new Float64Array(0);
  private curPacked: Int32Array = new Int32Array(0);
  private curBase = 0;

  /** `nodeIds[i]` names node index i; the simulation appends to it as nodes are added. */
  constructor(private readonly nodeIds: readonly NodeId[]) {}

  /** Names a client by its index (quorum messages); set by the simulation. */
  clientName: (idx: number) => string = () => '?';

  get length(): number {
    return this.size;
  }

  private row(t: Ms, packed: number, num: number): void {
    const i = this.size;
    let j = i - this.curBase;
    if (j === this.curT.length) {
      this.addRoom();
      j = i - this.curBase;
    }
    this.curT[j] = t;
    this.curPacked[j] = packed;
    this.curNum[j] = num;
    this.size = i + 1;
  }

  /**
   * The first chunk starts at FIRST_ROWS and doubles up to a full chunk, so that a short run
   * (a lesson, a grading replay) does not pay for 1.25 MB; after it, whole chunks are added.
   */
  private addRoom(): void {
    const chunks = this.tChunks.length;
    const rows = this.curT.length;
    if (chunks === 1 && rows < CHUNK) this.setChunk(0, rows * 2);
    else this.setChunk(chunks, chunks === 0 ? FIRST_ROWS : CHUNK);
  }

  private setChunk(index: number, rows: number): void {
    // One buffer per chunk for all three columns: one allocation instead of three.
    const buf = new ArrayBuffer(rows * 20);
    const t = new Float64Array(buf, 0, rows);
    const num = new Float64Array(buf, rows * 8, rows);
    const packed = new Int32Array(buf, rows * 16, rows);
    if (index < this.tChunks.length) {
      t.set(this.tChunks[index]!);
      num.set(this.numChunks[index]!);
      packed.set(this.packedChunks[index]!);
    }
    this.tChunks[index] = t;
    this.numChunks[index] = num;
    this.packedChunks[index] = packed;
    this.curT = t;
    this.curNum = num;
    this.curPacked = packed;
    this.curBase = index * CHUNK;
  }

  /** An operation's invocation or completion. */
  op(t: Ms, op: number, phase: 'invoke' | 'ok' | 'fail' | 'info'): void {
    const kind =
      phase === 'invoke'
        ? OP_INVOKE
        : phase === 'ok'
          ? OP_OK
          : phase === 'fail'
            ? OP_FAIL
            : OP_INFO;
    this.row(t, kind, op);
  }

  /** A replication message sent, delivered or dropped between node indexes. */
  message(
    t: Ms,
    type: MessageType,
    from: number,
    to: number,
    msg: MessageKind,
    lsn: number | undefined,
  ): void {
    if (from > NO_NODE || to > NO_NODE) throw new RangeError('too many nodes for the history');
    const kind = type === 'send' ? SEND : type === 'deliver' ? DELIVER : DROP;
    const m = msg === 'entry' ? 0 : msg === 'ack' ? 1 : msg === 'heartbeat' ? 2 : 3;
    this.row(t, kind | (m << 3) | (from << 5) | (to << (5 + NODE_BITS)), lsn ?? Number.NaN);
  }

  /**
   * A leaderless quorum message: `from` and `to` are node indexes, or client indexes when
   * `fromClient` / `toClient`; `op` is the operation (or the write whose version it carries).
   */
  quorum(
    t: Ms,
    type: MessageType,
    msg: QuorumMessageKind,
    from: number,
    fromClient: boolean,
    to: number,
    toClient: boolean,
    op: number,
  ): void {
    if (from >= CLIENT || to >= CLIENT) {
      const name = (i: number, client: boolean) => (client ? this.clientName(i) : this.name(i));
      this.push({
        t,
        type: 'quorum',
        phase: type,
        msg,
        from: name(from, fromClient),
        to: name(to, toClient),
        op,
      });
      return;
    }
    const kind = type === 'send' ? SEND : type === 'deliver' ? DELIVER : DROP;
    const m = QUORUM_CODE.get(msg)!;
    const f = fromClient ? from | CLIENT : from;
    const g = toClient ? to | CLIENT : to;
    this.row(
      t,
      kind | QUORUM | ((m & 3) << 3) | (f << 5) | (g << (5 + NODE_BITS)) | ((m >> 2) << 30),
      op,
    );
  }

  private end(code: number): string {
    return code & CLIENT ? this.clientName(code & (CLIENT - 1)) : this.name(code);
  }

  /** Any other event, kept as given. */
  push(ev: HistoryEvent): void {
    this.row(ev.t, OBJECT, this.objects.length);
    this.objects.push(ev);
  }

  /** Time of event i, without building it (for binary searches). */
  timeAt(i: number): Ms | undefined {
    return i >= 0 && i < this.size ? this.tChunks[i >>> CHUNK_BITS]![i & IN_CHUNK] : undefined;
  }

  at(i: number): HistoryEvent | undefined {
    const j = i < 0 ? this.size + i : i;
    if (j < 0 || j >= this.size) return undefined;
    const c = j >>> CHUNK_BITS;
    const k = j & IN_CHUNK;
    const packed = this.packedChunks[c]![k]!;
    const kind = packed & 7;
    const num = this.numChunks[c]![k]!;
    if (kind === OBJECT) return this.objects[num];
    const t = this.tChunks[c]![k]!;
    if (kind <= OP_INFO) return { t, type: 'op', op: num, phase: PHASES[kind]! };
    const from = (packed >>> 5) & NO_NODE;
    const to = (packed >>> (5 + NODE_BITS)) & NO_NODE;
    if (packed & QUORUM) {
      return {
        t,
        type: 'quorum',
        phase: MESSAGE_TYPES[kind - SEND]!,
        msg: QUORUM_MESSAGES[((packed >>> 3) & 3) | ((packed >>> 30) << 2)]!,
        from: this.end(from),
        to: this.end(to),
        op: num,
      };
    }
    return {
      t,
      type: MESSAGE_TYPES[kind - SEND]!,
      from: this.name(from),
      to: this.name(to),
      msg: MESSAGES[(packed >>> 3) & 3]!,
      lsn: Number.isNaN(num) ? undefined : num,
    };
  }

  private name(idx: number): NodeId {
    return idx === NO_NODE ? '?' : (this.nodeIds[idx] ?? '?');
  }

  slice(start = 0, end: number = this.size): HistoryEvent[] {
    const from = start < 0 ? Math.max(0, this.size + start) : Math.min(start, this.size);
    const to = end < 0 ? Math.max(0, this.size + end) : Math.min(end, this.size);
    const out: HistoryEvent[] = [];
    for (let i = from; i < to; i++) out.push(this.at(i)!);
    return out;
  }

  /** The events that are not operations or messages (faults, elections, notes, …), in order. */
  others(): readonly HistoryEvent[] {
    return this.objects;
  }

  *[Symbol.iterator](): Iterator<HistoryEvent> {
    for (let i = 0; i < this.size; i++) yield this.at(i)!;
  }

  toArray(): HistoryEvent[] {
    return this.slice();
  }

  /** Serialises as the plain array it stands for. */
  toJSON(): HistoryEvent[] {
    return this.toArray();
  }
}
