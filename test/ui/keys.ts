// Sending keys to an ink-testing-library app: one key, then wait until the frame changes
// (or a short timeout for keys that change nothing), so each press sees the last state.

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  backspace: '\u007F',
} as const;

interface App {
  stdin: { write: (data: string) => void };
  lastFrame: () => string | undefined;
}

export function tick(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Write one key and wait for the next frame (at most `timeout` ms). */
export async function press(app: App, key: string, timeout = 1_000): Promise<string> {
  const before = app.lastFrame();
  app.stdin.write(key);
  const start = Date.now();
  while (Date.now() - start < timeout) {
    await tick(5);
    if (app.lastFrame() !== before) break;
  }
  // One more turn so effects that re-subscribe the input handler have run.
  await tick(0);
  return app.lastFrame() ?? '';
}

export async function type(app: App, text: string): Promise<string> {
  for (const ch of text) await press(app, ch);
  return app.lastFrame() ?? '';
}

/** Waits until the frame contains `text` (screens that load lazily), then lets it subscribe. */
export async function until(app: App, text: string, timeout = 5_000): Promise<string> {
  const start = Date.now();
  while (!(app.lastFrame() ?? '').includes(text) && Date.now() - start < timeout) await tick(10);
  // The new screen's key handlers subscribe in effects, just after its first frame.
  await tick(20);
  return app.lastFrame() ?? '';
}

/** Waits until the frame matches `pattern`: for changes a ticking screen may redraw around. */
export async function untilMatch(app: App, pattern: RegExp, timeout = 5_000): Promise<string> {
  const start = Date.now();
  while (!pattern.test(app.lastFrame() ?? '') && Date.now() - start < timeout) await tick(10);
  await tick(0);
  return app.lastFrame() ?? '';
}
