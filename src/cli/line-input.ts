// Reads standard input one line at a time on demand; `undefined` at end of input. Reading
// pauses while lines wait unread (`yes 2 | replication-tutor play ...` must not fill memory),
// and `close` stops it for good once the lesson, menu or drill is over, so the process exits
// even while the input never ends.
import { createInterface, type Interface } from 'node:readline';

/** Lines held before reading pauses (a chunk already read may add a few thousand more). */
const MAX_WAITING = 256;

export class LineInput {
  private lines: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private ended = false;
  private paused = false;
  private readonly rl: Interface;

  constructor(private readonly input: NodeJS.ReadableStream = process.stdin) {
    const rl = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
    this.rl = rl;
    rl.on('line', (line) => {
      if (this.ended) return;
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(line);
        return;
      }
      this.lines.push(line);
      if (!this.paused && this.lines.length >= MAX_WAITING) {
        this.paused = true;
        rl.pause();
      }
    });
    rl.on('close', () => {
      this.ended = true;
      this.waiting?.(undefined);
      this.waiting = undefined;
    });
  }

  next(): Promise<string | undefined> {
    const line = this.lines.shift();
    if (this.paused && this.lines.length < MAX_WAITING / 2) {
      this.paused = false;
      this.rl.resume();
    }
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Stops reading: what is unread stays unread, and the input lets the process exit. */
  close(): void {
    this.lines = [];
    this.rl.close();
    const stream = this.input as NodeJS.ReadableStream & { destroy?: () => void };
    stream.pause();
    // A pipe whose writer never stops (`yes`) would keep the process alive: let it go.
    stream.destroy?.();
  }
}
