// `serve` in a terminal: the live screen, redrawn a few times a second from the running
// cluster, until q, Ctrl-C or a signal. The timer lives in a React effect, so it stops when
// the screen unmounts (a timer outside React would keep the process alive). The caller
// closes the ports once this resolves.
import { useApp, useInput, useStdin } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { ServeRuntime } from '../../lab/serve/serve-runtime.js';
import { readLabels } from '../../lesson/engine/read-labels.js';
import { displayOps } from '../../lesson/engine/sent-values.js';
import type { ExitReason } from '../app/app.js';
import { useWindowSize } from '../screen/use-window-size.js';
import { ServeScreen } from './serve-screen.js';
import { buildServeView } from './serve-view.js';

/** Redraws per second. */
const FPS = 8;
/** Checker labels cost a pass over the whole history: at most this often, and not on huge runs. */
const LABELS_EVERY_MS = 1000;
const LABELS_MAX_OPS = 20_000;

interface ServeAppProps {
  runtime: ServeRuntime;
  label: string;
  onExit: (reason: ExitReason) => void;
}

export function ServeApp({ runtime, label, onExit }: ServeAppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const size = useWindowSize();
  const [, setFrame] = useState(0);
  const labels = useRef<{ at: number; seq: number; map: ReadonlyMap<number, readonly string[]> }>({
    at: Number.NEGATIVE_INFINITY,
    seq: -1,
    map: new Map(),
  });
  useEffect(() => {
    const id = setInterval(() => setFrame((f) => f + 1), 1000 / FPS);
    return () => clearInterval(id);
  }, []);
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') {
        onExit('interrupt');
        exit();
      } else if (input === 'q') {
        onExit('quit');
        exit();
      }
    },
    { isActive: Boolean(isRawModeSupported) },
  );
  runtime.sync();
  const sim = runtime.live.sim;
  const now = performance.now();
  const l = labels.current;
  if (l.seq !== sim.opSeq && now - l.at >= LABELS_EVERY_MS && sim.ops.length <= LABELS_MAX_OPS) {
    labels.current = { at: now, seq: sim.opSeq, map: readLabels(sim) };
  }
  const view = buildServeView({
    label,
    snapshot: runtime.live.snapshot(),
    history: sim.history,
    ops: displayOps(sim),
    requests: runtime.requests.recent(),
    requestCount: runtime.requests.count,
    endpoints: runtime.endpoints.map((e) => ({ node: e.node, url: e.url })),
    labels: labels.current.map,
  });
  return <ServeScreen view={view} size={size} />;
}
