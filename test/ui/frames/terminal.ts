// Ink rendering into an in-memory terminal of a true size. ink-testing-library always
// reports 100 columns and no rows, so a screen laid out for 80×24 is drawn into a 100-column
// grid there; here Ink, the window-size hook and the frame all see the size given.
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

/** Keys written here reach Ink as a terminal's stdin would deliver them. */
class KeyIn extends EventEmitter {
  isTTY = true;
  private pending: string | null = null;
  write = (data: string): void => {
    this.pending = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const data = this.pending;
    this.pending = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export interface Terminal {
  stdin: { write: (data: string) => void };
  lastFrame(): string | undefined;
  rerender(tree: ReactNode): void;
  unmount(): void;
}

export function renderInTerminal(tree: ReactNode, columns = 80, rows = 24): Terminal {
  const stdout = new MemoryOut(columns, rows);
  const stdin = new KeyIn();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new MemoryOut(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    stdin,
    lastFrame: () => stdout.last,
    rerender: instance.rerender,
    unmount: instance.unmount,
  };
}
