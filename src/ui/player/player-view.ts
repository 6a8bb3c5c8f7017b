// Everything one frame of the player shows, read from the driver as plain data: the
// cluster now, a bounded recent window of the history (so a frame costs the same after
// 10,000 events as after 100), checker labels, lag series and the narration.
import { readLabels } from '../../lesson/engine/read-labels.js';
import type {
  ClusterSnapshot,
  HistoryEvent,
  HistoryView,
  Ms,
  OpRecord,
  OpView,
} from '../../sim/index.js';
import { firstIndexAtOrAfter, opsOf, recentWindow } from '../event-log/history-window.js';
import type { LagSeries } from '../lag-chart/lag-chart.js';
import { type LagSamples, lagSeries, sampleSpan } from '../lag-chart/lag-sampler.js';
import { type Narration, narrationOf } from '../narration/narration.js';
import type { LessonDriver, Phase } from './lesson-driver.js';

/** The space-time diagram shows at most this many events back, and this much time. */
const DIAGRAM_EVENTS = 250;
const DIAGRAM_MAX_SPAN = 10 * 60_000;
const DIAGRAM_MIN_SPAN = 2_000;

export interface PlayerView {
  title: string;
  /** 1-based step being played, of `steps`. */
  step: number;
  steps: number;
  score: number;
  maxScore: number;
  phase: Phase;
  generation: number;
  snapshot: ClusterSnapshot;
  /** Recent events for the event log, oldest first. */
  events: readonly HistoryEvent[];
  /** The operations those events (and the diagram's) mention. */
  ops: readonly OpRecord[];
  labels: ReadonlyMap<number, readonly string[]>;
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
  step: number;
  steps: number;
  score: number;
  maxScore: number;
  phase: Phase;
  generation: number;
  now: Ms;
  snapshot: ClusterSnapshot;
  history: HistoryView;
  ops: OpView;
  labels: ReadonlyMap<number, readonly string[]>;
  lag: LagSamples;
  narration: Narration;
}

/** A frame's data; reads only bounded windows of the history and the operations. */
export function buildPlayerView(input: ViewInput): PlayerView {
  const { history } = input;
  const log = recentWindow(history, 0);
  const diagram = diagramWindow(history, input.now);
  // Both windows are suffixes of the history: the longer one holds the other.
  const longer = diagram.events.length > log.events.length ? diagram.events : log.events;
  return {
    title: input.title,
    step: input.step,
    steps: input.steps,
    score: input.score,
    maxScore: input.maxScore,
    phase: input.phase,
    generation: input.generation,
    snapshot: input.snapshot,
    events: log.events,
    ops: opsOf(longer, input.ops),
    labels: input.labels,
    diagram,
    lag: lagSeries(input.lag),
    lagSpan: sampleSpan(input.lag),
    narration: input.narration,
  };
}

export function playerView(driver: LessonDriver): PlayerView {
  const runner = driver.runner;
  const sim = runner.sim;
  const phase = driver.phase;
  return buildPlayerView({
    title: driver.lesson.title,
    step: Math.min(runner.cursor + 1, driver.lesson.steps.length),
    steps: driver.lesson.steps.length,
    score: runner.score,
    maxScore: runner.maxScore,
    phase,
    generation: driver.generation,
    now: sim.now,
    snapshot: driver.snapshot(),
    history: sim.history,
    ops: sim.ops,
    labels: readLabels(sim),
    lag: driver.lag,
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
    }),
  });
}
