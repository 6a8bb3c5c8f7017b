// Everything one frame of the player shows, read from the driver as plain data: the
// cluster now, a bounded recent window of the history (so a frame costs the same after
// 10,000 events as after 100), checker labels, lag series and the narration.
import { haltedLine } from '../../lesson/engine/event-budget.js';
import { readLabels } from '../../lesson/engine/read-labels.js';
import { displayOps } from '../../lesson/engine/sent-values.js';
import type {
  ClusterSnapshot,
  HistoryEvent,
  HistoryView,
  Ms,
  OpRecord,
  OpView,
} from '../../sim/index.js';
import type { QuorumFacts } from '../event-log/event-format.js';
import { firstIndexAtOrAfter, opsOf } from '../event-log/history-window.js';
import { type LogFilter, logWindow } from '../event-log/log-filter.js';
import { leaderlessFacts, multiLeaderFacts } from '../event-log/version-facts.js';
import type { LagSeries } from '../lag-chart/lag-chart.js';
import { type LagSamples, lagSeries, sampleSpan } from '../lag-chart/lag-sampler.js';
import { type Narration, narrationOf } from '../narration/narration.js';
import type { StoryClock } from '../text/story-time.js';
import type { LessonDriver, Phase } from './lesson-driver.js';

/** Lines the event log is given at most (more than any pane shows). */
const MAX_LOG_LINES = 200;

/** The space-time diagram shows at most this many events back, and this much time. */
const DIAGRAM_EVENTS = 250;
const DIAGRAM_MAX_SPAN = 10 * 60_000;
const DIAGRAM_MIN_SPAN = 2_000;

export interface PlayerView {
  title: string;
  /** The story's wall clock, when the lesson sets one. */
  clock?: StoryClock;
  /** 1-based step being played, of `steps`. */
  step: number;
  steps: number;
  score: number;
  maxScore: number;
  phase: Phase;
  /** Set when the lesson was stopped by an event budget: the located one-line reason. */
  halted?: string;
  generation: number;
  snapshot: ClusterSnapshot;
  /** The event log: its events (oldest first), filter, and how many lie beyond them. */
  log: {
    events: readonly HistoryEvent[];
    filter: LogFilter;
    newer: number;
    older: number;
  };
  /** The operations those events (and the diagram's) mention. */
  ops: readonly OpRecord[];
  labels: ReadonlyMap<number, readonly string[]>;
  /** Leaderless runs: which reads asked one replica (the log says quorum reads apart). */
  quorum?: QuorumFacts;
  diagram: { events: readonly HistoryEvent[]; from: Ms; to: Ms };
  lag: LagSeries[];
  lagSpan: Ms;
  narration: Narration;
}

/** The diagram's window: the last DIAGRAM_EVENTS events, between 2 s and 10 min long. */
export function diagramWindow(
  history: HistoryView,
  now: Ms,
): { events: readonly HistoryEvent[]; from: Ms; to: Ms } {
  const back = history.at(Math.max(0, history.length - DIAGRAM_EVENTS))?.t ?? 0;
  const from = Math.max(
    0,
    Math.min(now - DIAGRAM_MIN_SPAN, Math.max(back, now - DIAGRAM_MAX_SPAN)),
  );
  const to = now + 1;
  return { events: history.slice(firstIndexAtOrAfter(history, from)), from, to };
}

/** What a frame is built from: the simulator's state and the lesson's, as plain data. */
export interface ViewInput {
  title: string;
  clock?: StoryClock;
  step: number;
  steps: number;
  score: number;
  maxScore: number;
  phase: Phase;
  halted?: string;
  generation: number;
  now: Ms;
  snapshot: ClusterSnapshot;
  history: HistoryView;
  ops: OpView;
  labels: ReadonlyMap<number, readonly string[]>;
  /** Leaderless runs: which reads asked one replica (the log says quorum reads apart). */
  quorum?: QuorumFacts;
  lag: LagSamples;
  narration: Narration;
  /** The log's filter and scroll anchor (see player-state.ts). */
  log?: { filter: LogFilter; anchor?: number };
}

/** A frame's data; reads only bounded windows of the history and the operations. */
export function buildPlayerView(input: ViewInput): PlayerView {
  const { history } = input;
  const filter = input.log?.filter ?? 'all';
  const anchor = input.log?.anchor;
  const log = logWindow(
    history,
    filter,
    input.labels,
    anchor !== undefined && anchor < history.length ? anchor : undefined,
    MAX_LOG_LINES,
  );
  const diagram = diagramWindow(history, input.now);
  return {
    title: input.title,
    clock: input.clock,
    step: input.step,
    steps: input.steps,
    score: input.score,
    maxScore: input.maxScore,
    phase: input.phase,
    ...(input.halted !== undefined && { halted: input.halted }),
    generation: input.generation,
    snapshot: input.snapshot,
    log: { ...log, filter },
    ops: opsOf([...log.events, ...diagram.events], input.ops),
    labels: input.labels,
    ...(input.quorum && { quorum: input.quorum }),
    diagram,
    lag: lagSeries(input.lag),
    lagSpan: sampleSpan(input.lag),
    narration: input.narration,
  };
}

export function playerView(
  driver: LessonDriver,
  log?: { filter: LogFilter; anchor?: number },
): PlayerView {
  const runner = driver.runner;
  const sim = runner.sim;
  const phase = driver.phase;
  return buildPlayerView({
    title: driver.lesson.title,
    clock: driver.clock,
    step: Math.min(runner.cursor + 1, driver.lesson.steps.length),
    steps: driver.lesson.steps.length,
    score: runner.score,
    maxScore: runner.maxScore,
    phase,
    ...(runner.halted && { halted: haltedLine(driver.lesson.file, runner.halted) }),
    generation: driver.generation,
    now: sim.now,
    snapshot: driver.snapshot(),
    history: sim.history,
    ops: displayOps(sim),
    labels: readLabels(sim),
    ...((sim.leaderless || sim.multiLeader) && {
      quorum: leaderlessFacts(sim) ?? multiLeaderFacts(sim),
    }),
    lag: driver.lag,
    log,
    narration: narrationOf({
      phase,
      question: driver.question,
      feedback: driver.feedback,
      outcome: driver.outcome,
      records: runner.records,
      // The steps as displayed: records index their choices in the learner's order.
      steps: runner.lesson.steps,
      score: runner.score,
      maxScore: runner.maxScore,
      task: driver.task,
      now: sim.now,
    }),
  });
}
