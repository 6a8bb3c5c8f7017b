// Ink rendering into memory at a chosen terminal size, for benchmarks. ink-testing-library
// does the same but always reports 100 columns, so Ink would fill a 100-column grid for a
// screen laid out for 80; here the grid is the size the frame claims to be.
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { ReactNode } from 'react';

class MemoryOut extends EventEmitter {
  last: string | undefined;
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.last = frame;
    return true;
  };
}

/** A stdin Ink accepts (it never reads from it here). */
class IdleIn extends EventEmitter {
  isTTY = true;
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read = (): null => null;
}

export interface Offscreen {
  rerender(tree: ReactNode): void;
  lastFrame(): string | undefined;
  unmount(): void;
}

export function renderOffscreen(tree: ReactNode, columns: number, rows: number): Offscreen {
  const stdout = new MemoryOut(columns, rows);
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new MemoryOut(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: new IdleIn() as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    rerender: instance.rerender,
    lastFrame: () => stdout.last,
    unmount: instance.unmount,
  };
}
