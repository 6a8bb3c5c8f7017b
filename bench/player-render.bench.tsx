// One frame of the lesson player rendered off-screen with 7 nodes, from a history of 10,000
// events and of 1,000: the frame reads only a bounded recent window of the history, so its
// cost must not grow with the history's length. A frame is measured as the running player
// draws one (the mounted screen re-rendered with new data) into an in-memory terminal of
// exactly 80×24 (offscreen-ink.ts), in colour as a terminal shows it (the child's stdout is a
// pipe, so chalk's level is set here), and once more without colour. A frame from scratch
// (renderToString) and a plain-text frame are printed for comparison: Ink's cost grows with
// the characters it writes, so the plain frame is this machine's yardstick in the same run.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import chalk from 'chalk';
import { Box, renderToString, Text } from 'ink';
import type { ClusterSnapshot, HistoryEvent, NodeSnapshot, OpRecord } from '../src/sim/types.js';
import { addSample, type LagSamples, NO_SAMPLES } from '../src/ui/lag-chart/lag-sampler.js';
import { PlayerScreen } from '../src/ui/player/player-screen.js';
import { initialPlayer } from '../src/ui/player/player-state.js';
import { buildPlayerView, type ViewInput } from '../src/ui/player/player-view.js';
import { createTheme } from '../src/ui/theme/theme.js';
import { ThemeContext } from '../src/ui/theme/use-theme.js';
import { type BenchContext, type BenchResult, median } from './measure.js';
import { renderOffscreen } from './offscreen-ink.js';

const NODES = ['db-a', 'db-b', 'db-c', 'db-d', 'db-e', 'db-f', 'db-g'];
/** Virtual ms between writes: the same density whatever the history's length. */
const GAP = 5;

function node(id: string, i: number, lsn: number): NodeSnapshot {
  const behind = i === 0 ? 0 : i * 3;
  return {
    id,
    role: i === 0 ? 'leader' : 'follower',
    epoch: 1,
    status: i === 0 ? 'leading' : i === 6 ? 'catching-up' : 'streaming',
    receivedLsn: lsn - behind,
    appliedLsn: lsn - behind,
    lagEntries: behind,
    lagBytes: behind * 1024,
    lagMs: behind * GAP,
    recentKeys: [0, 1, 2].map((k) => ({
      key: `k${(lsn - behind - k) % 50}`,
      value: `v${lsn - behind - k}`,
      lsn: lsn - behind - k,
    })),
    data: {},
  };
}

/** A history of about `count` events: writes on the leader, each shipped to 6 followers. */
function makeInput(count: number): ViewInput {
  const history: HistoryEvent[] = [];
  const ops: OpRecord[] = [];
  let lsn = 0;
  for (let t = 0; history.length < count; t += GAP) {
    lsn++;
    const id = ops.length;
    const read = lsn % 4 === 0;
    ops.push({
      id,
      client: `c${lsn % 5}`,
      user: `u${lsn % 5}`,
      kind: read ? 'read' : 'write',
      key: `k${lsn % 50}`,
      node: read ? NODES[lsn % 7]! : 'db-a',
      invokedAt: t,
      completedAt: t + 2,
      invokeSeq: id * 2,
      completeSeq: id * 2 + 1,
      outcome: 'ok',
      value: `v${lsn}`,
      lsn,
      epoch: 1,
    });
    history.push(
      { t, type: 'op', op: id, phase: 'invoke' },
      { t: t + 2, type: 'op', op: id, phase: 'ok' },
    );
    for (const to of NODES.slice(1)) {
      history.push({ t: t + 1, type: 'send', from: 'db-a', to, msg: 'entry', lsn });
      history.push({ t: t + 3, type: 'deliver', from: 'db-a', to, msg: 'entry', lsn });
    }
  }
  const now = history[history.length - 1]!.t;
  const snapshot: ClusterSnapshot = {
    t: now,
    epoch: 1,
    leader: 'db-a',
    mode: 'async',
    partition: [],
    nodes: NODES.map((id, i) => node(id, i, lsn)),
    inFlight: NODES.slice(1).map((to, i) => ({
      from: 'db-a',
      to,
      kind: 'entry' as const,
      lsn,
      sentAt: now - 1,
      arrivesAt: now + i,
    })),
  };
  let lag: LagSamples = NO_SAMPLES;
  for (let i = 0; i < 120; i++) lag = addSample(lag, { ...snapshot, t: now - (120 - i) * 50 });
  const labels = new Map<number, string[]>();
  for (const op of ops) if (op.kind === 'read' && op.id % 8 === 0) labels.set(op.id, ['stale']);
  return {
    title: 'GitLab, January 2017: the wrong terminal',
    step: 18,
    steps: 39,
    score: 4,
    maxScore: 16,
    phase: 'running',
    generation: 0,
    now,
    snapshot,
    history,
    ops,
    labels,
    lag,
    narration: {
      kind: 'say',
      waiting: false,
      text: '**22:00.** Spammers have been hammering GitLab.com all evening. The peak of that load is compressed below into **30 simulated seconds**: ten clients writing about 120 log entries a second, while `db2` can take only about 25 a second.',
    },
  };
}

const theme = createTheme(true);

interface Size {
  columns: number;
  rows: number;
}

function screen(input: ViewInput, size: Size, diagram: boolean, t = 0) {
  const view = buildPlayerView({
    ...input,
    snapshot: { ...input.snapshot, t: input.snapshot.t + t },
  });
  return (
    <ThemeContext value={theme}>
      <PlayerScreen view={view} ui={{ ...initialPlayer(), diagram }} size={size} rate={1} />
    </ThemeContext>
  );
}

/** A frame as the running player draws it: the mounted screen re-rendered with new data. */
function steadyFrames(input: ViewInput, size: Size, diagram: boolean, n: number): number[] {
  const app = renderOffscreen(screen(input, size, diagram), size.columns, size.rows);
  const times: number[] = [];
  for (let i = 1; i <= n; i++) {
    const before = app.lastFrame();
    const t0 = performance.now();
    app.rerender(screen(input, size, diagram, i));
    times.push(performance.now() - t0);
    if (app.lastFrame() === before) throw new Error('the rerender drew no new frame');
  }
  if (!app.lastFrame()?.includes('leader db-a')) throw new Error('the frame has no cluster');
  app.unmount();
  return times;
}

/** Events one write adds to the history: invoke, ok, and a send and delivery per follower. */
const EVENTS_PER_WRITE = 2 + 2 * (NODES.length - 1);

/**
 * Frames as the player draws them while playing: each one `n` writes further on, so the
 * clock, the node cards, the links and the event log all change from frame to frame.
 */
function playingFrames(input: ViewInput, size: Size, n: number): number[] {
  const lsn = input.snapshot.nodes[0]!.receivedLsn;
  const at = (back: number): ViewInput => {
    const history = input.history.slice(0, input.history.length - back * EVENTS_PER_WRITE);
    const now = history.at(-1)!.t;
    return {
      ...input,
      now,
      history,
      snapshot: { ...input.snapshot, t: now, nodes: NODES.map((id, i) => node(id, i, lsn - back)) },
    };
  };
  // Built before timing: a prefix of the history stands for the run at an earlier time.
  const inputs = Array.from({ length: n + 1 }, (_, k) => at(n - k));
  const app = renderOffscreen(screen(inputs[0]!, size, false), size.columns, size.rows);
  const times: number[] = [];
  for (let k = 1; k <= n; k++) {
    const before = app.lastFrame();
    const t0 = performance.now();
    app.rerender(screen(inputs[k]!, size, false));
    times.push(performance.now() - t0);
    if (app.lastFrame() === before) throw new Error('the rerender drew no new frame');
  }
  app.unmount();
  return times;
}

/** A frame rendered from nothing (a new Ink instance): the first frame, or a resize. */
function coldFrame(input: ViewInput, size: Size): number {
  const t0 = performance.now();
  const out = renderToString(screen(input, size, false), { columns: size.columns });
  const ms = performance.now() - t0;
  if (!out.includes('leader db-a')) throw new Error('the frame has no cluster');
  return ms;
}

/** A full frame of plain text, redrawn: every line 79 characters, no styles, no glyphs. */
function plainFrames(size: Size, n: number): number[] {
  const screenOf = (k: number) => (
    <Box flexDirection="column">
      {Array.from({ length: size.rows - 1 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines
        <Text key={i}>{`${k} ${i} ${'x'.repeat(size.columns)}`.slice(0, size.columns - 1)}</Text>
      ))}
    </Box>
  );
  const app = renderOffscreen(screenOf(0), size.columns, size.rows);
  const times: number[] = [];
  for (let k = 1; k <= n; k++) {
    const t0 = performance.now();
    app.rerender(screenOf(k));
    times.push(performance.now() - t0);
  }
  app.unmount();
  return times;
}

const SMALL: Size = { columns: 80, rows: 24 };
const LARGE: Size = { columns: 100, rows: 30 };

/** Frames are measured in colour, as a terminal shows them (the child's stdout is a pipe). */
const COLOUR = 3;

function measure(): Record<string, number> {
  chalk.level = COLOUR;
  const small = makeInput(1_000);
  const large = makeInput(10_000);
  // Warm-up: the JIT and Ink's text caches.
  steadyFrames(small, SMALL, false, 20);
  steadyFrames(large, SMALL, false, 20);
  playingFrames(large, SMALL, 20);
  const s1k: number[] = [];
  const s10k: number[] = [];
  const mono10k: number[] = [];
  const play10k: number[] = [];
  for (let round = 0; round < 6; round++) {
    s1k.push(...steadyFrames(small, SMALL, false, 15));
    s10k.push(...steadyFrames(large, SMALL, false, 15));
    play10k.push(...playingFrames(large, SMALL, 15));
    chalk.level = 0;
    mono10k.push(...steadyFrames(large, SMALL, false, 15));
    chalk.level = COLOUR;
  }
  const cold: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < 30; i++) {
    cold.push(coldFrame(large, SMALL));
    plain.push(...plainFrames(SMALL, 3));
  }
  return {
    steady1k: median(s1k),
    steady10k: median(s10k),
    mono10k: median(mono10k),
    play10k: median(play10k),
    cold10k: median(cold),
    plain: median(plain),
    large10k: median(steadyFrames(large, LARGE, false, 60)),
    diagram10k: median(steadyFrames(large, SMALL, true, 60)),
    events1k: small.history.length,
    events10k: large.history.length,
  };
}

// React picks its production build when first loaded, from NODE_ENV: measure in a child
// process that has it set, as the bundled CLI has.
const CHILD_FLAG = '--player-render-child';
if (process.argv.includes(CHILD_FLAG)) process.stdout.write(JSON.stringify(measure()));

export async function run(ctx: BenchContext): Promise<BenchResult> {
  let r: Record<string, number>;
  // Read at run time: the bench bundle defines process.env.NODE_ENV as a constant.
  if (Reflect.get(process.env, 'NODE_ENV') === 'production') r = measure();
  else {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), CHILD_FLAG], {
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(`player-render child failed: ${child.stderr}`);
    r = JSON.parse(child.stdout);
  }
  const get = (k: string) => r[k] ?? Number.NaN;
  ctx.log(
    `7 nodes; histories of ${get('events1k')} and ${get('events10k')} events; frames at 80×24 unless said`,
  );
  return {
    figures: [
      {
        name: 'player frame while playing (every pane changes), 10,000 events',
        value: get('play10k'),
        unit: 'ms',
      },
      { name: 'player frame, 10,000 events', value: get('steady10k'), unit: 'ms' },
      { name: 'player frame, 1,000 events', value: get('steady1k'), unit: 'ms' },
      {
        name: 'player frame without colour (NO_COLOR), 10,000 events',
        value: get('mono10k'),
        unit: 'ms',
      },
      {
        name: 'player frame from scratch (renderToString), 10,000 events',
        value: get('cold10k'),
        unit: 'ms',
      },
      { name: 'player frame at 100×30, 10,000 events', value: get('large10k'), unit: 'ms' },
      {
        name: 'player frame with the space-time diagram, 10,000 events',
        value: get('diagram10k'),
        unit: 'ms',
      },
      {
        name: 'plain-text full frame (23 lines of 79 characters at 80×24)',
        value: get('plain'),
        unit: 'ms',
      },
      {
        name: 'player frame / plain-text full frame',
        value: get('steady10k') / get('plain'),
        unit: '×',
      },
    ],
    ratios: [
      {
        name: 'player frame while playing, 10,000 events, vs the 8 ms budget',
        value: get('play10k') / 8,
        target: 1,
        cmp: '<=',
      },
      {
        name: 'player frame, 10,000 events, vs the 8 ms budget',
        value: get('steady10k') / 8,
        target: 1,
        cmp: '<=',
      },
      {
        name: 'player frame, 10,000 vs 1,000 events',
        value: get('steady10k') / get('steady1k'),
        target: 1.5,
        cmp: '<=',
      },
    ],
  };
}
