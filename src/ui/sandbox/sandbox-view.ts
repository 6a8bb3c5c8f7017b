// Everything one frame of the sandbox shows, read from the driver as plain data: the
// cluster now, the event log's window and the diagram's (the player's own functions, so a
// frame costs the same after 10,000 events as after 10), lag series, labels, the transcript.

import { displayOps } from '../../lesson/engine/sent-values.js';
import type { ClusterSnapshot, Ms, OpRecord } from '../../sim/index.js';
import { opsOf } from '../event-log/history-window.js';
import { type LogFilter, logWindow } from '../event-log/log-filter.js';
import { leaderlessFacts, multiLeaderFacts } from '../event-log/version-facts.js';
import type { LagSeries } from '../lag-chart/lag-chart.js';
import { lagSeries, sampleSpan } from '../lag-chart/lag-sampler.js';
import { diagramWindow, type PlayerView } from '../player/player-view.js';
import type { SandboxDriver } from './sandbox-driver.js';
import { type TranscriptItem, transcriptItems } from './transcript.js';

/** Lines the event log is given at most (more than any pane shows). */
const MAX_LOG_LINES = 200;

export interface SandboxView {
  label: string;
  /** Where the session started, in words. */
  source: string;
  t: Ms;
  commands: number;
  unsaved: number;
  pending: number;
  snapshot: ClusterSnapshot;
  log: PlayerView['log'];
  ops: readonly OpRecord[];
  labels: ReadonlyMap<number, readonly string[]>;
  /** Multi-leader sessions: operations have versions and siblings, no LSNs. */
  quorum?: PlayerView['quorum'];
  diagram: PlayerView['diagram'];
  lag: LagSeries[];
  lagSpan: Ms;
  transcript: TranscriptItem[];
}

export function sourceText(driver: SandboxDriver): string {
  const src = driver.origin.source;
  return src.kind === 'preset' ? `preset ${src.name}` : `lesson ${src.id} at step ${src.step + 1}`;
}

export function sandboxView(
  driver: SandboxDriver,
  log: { filter: LogFilter; anchor?: number } = { filter: 'all' },
): SandboxView {
  const live = driver.live;
  const sim = live.sim;
  const history = sim.history;
  const labels = driver.labels();
  const anchor = log.anchor !== undefined && log.anchor < history.length ? log.anchor : undefined;
  const window = logWindow(history, log.filter, labels, anchor, MAX_LOG_LINES);
  const diagram = diagramWindow(history, sim.now);
  return {
    label: driver.label,
    source: sourceText(driver),
    t: sim.now,
    commands: live.log.length,
    unsaved: driver.unsaved,
    pending: live.pending.length,
    snapshot: live.snapshot(),
    log: { ...window, filter: log.filter },
    ops: opsOf([...window.events, ...diagram.events], displayOps(sim)),
    labels,
    ...((sim.leaderless || sim.multiLeader) && {
      quorum: leaderlessFacts(sim) ?? multiLeaderFacts(sim),
    }),
    diagram,
    lag: lagSeries(driver.lag),
    lagSpan: sampleSpan(driver.lag),
    transcript: transcriptItems(live.log, driver.notes, labels),
  };
}
