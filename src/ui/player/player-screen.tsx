// One frame of the lesson player, from plain data: header, narration or question, cluster,
// lag chart and event log (or the space-time diagram), footer. No engine calls and no key
// handling here besides the question's list, so it renders the same off-screen.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { CARD_LEGEND } from '../cluster/card-legend.js';
import { ClusterPane } from '../cluster/cluster-pane.js';
import {
  type CommandLineError,
  CommandLineView,
  commandLineHeight,
} from '../command-line/command-line.js';
import type { CommandLineState } from '../command-line/command-line-state.js';
import { EventLog } from '../event-log/event-log.js';
import { KEYMAP } from '../keys/keymap.js';
import { LagChart } from '../lag-chart/lag-chart.js';
import { narrationKey } from '../narration/narration.js';
import {
  choicesHeight,
  narrationLines,
  type PaneLine,
  questionLines,
} from '../narration/narration-lines.js';
import { NarrationPane, narrationCue } from '../narration/narration-pane.js';
import { maxScroll } from '../narration/pane-lines.js';
import { Footer } from '../screen/footer.js';
import { HelpOverlay } from '../screen/help-overlay.js';
import type { WindowSize } from '../screen/use-window-size.js';
import { SpaceTime } from '../space-time/space-time.js';
import { StatusView } from '../status-view/status-view.js';
import { formatDuration } from '../text/format.js';
import { sideBySide } from '../text/line-fit.js';
import { type PaintedLine, PaintedText } from '../text/painted-lines.js';
import { formatNow } from '../text/story-time.js';
import { textWidth, truncate } from '../text/text.js';
import { useTheme } from '../theme/use-theme.js';
import { narrationWidth, type PlayerLayout, planPlayerLayout } from './player-layout.js';
import { choiceState, type PlayerState, questionKey, scrollOffset } from './player-state.js';
import type { PlayerView } from './player-view.js';
import { formatSpeed } from './speed.js';
import { TIME_LAPSE_NOTES } from './time-lapse-notes.js';

/** The player's keys: its own and those of a question's list. */
export const PLAYER_BINDINGS = KEYMAP.filter(
  (b) => b.contexts.includes('player') || b.contexts.includes('choice'),
);

export interface PlayerScreenProps {
  view: PlayerView;
  ui: PlayerState;
  size: WindowSize;
  /** Virtual ms per wall ms right now (above the speed while a long step is compressed). */
  rate: number;
  /** A task's command line, while the task takes commands. */
  commandLine?: { state: CommandLineState; error?: CommandLineError };
}

/** Rows the task's command line takes under the panes: the input and one row for errors. */
export const TASK_LINE_ROWS = commandLineHeight(1);

/** The footer while a task takes commands: its keys, and the play state. */
export function taskFooter(view: PlayerView, ui: PlayerState): string {
  const keys = '⏎ run · Tab complete · ↑ history · ^T hint · ^G give up · Esc leave';
  const status =
    view.phase !== 'running'
      ? ''
      : ui.paused
        ? `⏸ paused · ${formatSpeed(ui.speed)}`
        : `▶ running · ${formatSpeed(ui.speed)}`;
  return ui.message ? `${keys}  ${ui.message}` : status ? `${keys}  ${status}` : keys;
}

/** The node a routing question's highlighted choice sends the operation to. */
export function highlightedNode(view: PlayerView, ui: PlayerState): string | undefined {
  const n = view.narration;
  if (n.kind !== 'question' || n.step.kind !== 'choose' || n.step.form !== 'route')
    return undefined;
  return n.step.choices[choiceState(ui, questionKey(view.generation, n.step.label)).cursor]?.node;
}

/** Right side of the footer: play state, speed, and any time-lapse. */
export function playerStatus(view: PlayerView, ui: PlayerState, rate: number): string {
  if (ui.message) return ui.message;
  if (view.halted !== undefined) return `✗ stopped: ${view.halted}`;
  const state =
    view.phase === 'done'
      ? '✓ done'
      : ui.paused
        ? '⏸ paused'
        : view.phase === 'running'
          ? '▶ playing'
          : view.phase === 'question'
            ? '? answer'
            : '⏎ waiting';
  const parts = [state, formatSpeed(ui.speed)];
  if (view.phase === 'running' && rate > ui.speed * 1.01)
    parts.push(`≫ ×${Math.round(rate / ui.speed)} long step`);
  if (ui.lapse) parts.push(`≫ +${formatDuration(ui.lapse.skipped)}`);
  return parts.join(' · ');
}

/** What space does now: continue where the lesson waits for a key, else play or pause. */
export function spaceLabel(view: PlayerView, ui: PlayerState): string {
  if (view.phase === 'say' || view.phase === 'feedback') return 'continue';
  return ui.paused ? 'play' : 'pause';
}

/** Lines the narration would like (the cue and a question's choices included). */
function narrationWant(
  view: PlayerView,
  ui: PlayerState,
  lines: readonly PaneLine[],
  width: number,
  codeTicks: boolean,
): number {
  const n = view.narration;
  if (n.kind === 'question') {
    const hint = choiceState(ui, questionKey(view.generation, n.step.label)).hintShown;
    return (
      questionLines(n.step, n.experiment, width, codeTicks).length +
      1 +
      choicesHeight(n.step, width, codeTicks, hint)
    );
  }
  return lines.length + (narrationCue(n) ? 1 : 0);
}

/**
 * The layout of a frame, the narration's lines (none for a question, whose pane lays out its
 * own) and their scroll bounds (for the keys).
 */
export function screenLayout(
  view: PlayerView,
  ui: PlayerState,
  size: WindowSize,
  codeTicks: boolean,
  taskLine = false,
): { layout: PlayerLayout; lines: PaneLine[]; scrollKey: string; scrollMax: number } {
  const n = view.narration;
  // The width planPlayerLayout gives the narration, stacked or side by side.
  const width = narrationWidth(size.columns);
  const lines = n.kind === 'question' ? [] : narrationLines(n, width, codeTicks);
  const layout = planPlayerLayout({
    columns: size.columns,
    // A task's command line sits under the panes.
    rows: taskLine ? size.rows - TASK_LINE_ROWS : size.rows,
    snapshot: view.snapshot,
    narration: narrationWant(view, ui, lines, width, codeTicks),
    followers: view.lag.length,
    diagram: ui.diagram,
    status: ui.status,
    reading: view.phase !== 'running',
  });
  const rows = layout.narration.height - (narrationCue(n) ? 1 : 0);
  return {
    layout,
    lines,
    scrollKey: narrationKey(n, view.generation),
    scrollMax: maxScroll(lines.length, rows),
  };
}

const Header = memo(function Header({
  title,
  right,
  width,
}: {
  title: string;
  right: string;
  width: number;
}) {
  const theme = useTheme();
  const left: PaintedLine = {
    text: truncate(title, Math.max(1, width - textWidth(right) - 2)),
    paint: { bold: true, color: theme.color('heading') },
  };
  const status: PaintedLine = { text: right, paint: { dimColor: true } };
  const fit = sideBySide([left, status], width);
  return (
    <Box width={width} justifyContent="space-between">
      {fit ? <PaintedText line={left} width={fit[0]} /> : <Text {...left.paint}>{left.text}</Text>}
      {fit ? <PaintedText line={status} width={fit[1]} /> : <Text dimColor>{right}</Text>}
    </Box>
  );
});

export interface WatchPanesProps {
  layout: Pick<PlayerLayout, 'cluster' | 'lag' | 'events' | 'diagram'> &
    Partial<Pick<PlayerLayout, 'status'>>;
  snapshot: PlayerView['snapshot'];
  /** A node to mark (a routing question's highlighted choice). */
  highlight?: string;
  clock?: PlayerView['clock'];
  lag: PlayerView['lag'];
  lagSpan: PlayerView['lagSpan'];
  log: PlayerView['log'];
  ops: PlayerView['ops'];
  labels: PlayerView['labels'];
  diagram: PlayerView['diagram'];
  /** Leaderless runs: which reads asked one replica. */
  quorum?: PlayerView['quorum'];
}

/** The cluster, the lag chart and the event log (or the space-time diagram, or the status
 * table in place of them all), as laid out: the player and the sandbox show the same panes. */
export function WatchPanes({
  layout,
  snapshot,
  highlight,
  clock,
  lag,
  lagSpan,
  log,
  ops,
  labels,
  diagram,
  quorum,
}: WatchPanesProps) {
  if (layout.status && layout.status.height > 0) {
    return (
      <Box flexDirection="column" width={layout.status.width}>
        <StatusView
          snapshot={snapshot}
          width={layout.status.width}
          height={layout.status.height}
          now={formatNow(snapshot.t, clock)}
        />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={layout.cluster.width}>
      <ClusterPane
        snapshot={snapshot}
        width={layout.cluster.width}
        height={layout.cluster.height}
        highlight={highlight}
        clock={clock}
      />
      {layout.lag.height > 0 ? (
        <LagChart
          series={lag}
          width={layout.lag.width}
          height={layout.lag.height}
          unit="ms"
          span={lagSpan}
        />
      ) : null}
      {layout.events.height > 0 ? (
        <EventLog
          events={log.events}
          filter={log.filter}
          newer={log.newer}
          older={log.older}
          ops={ops}
          labels={labels}
          quorum={quorum}
          width={layout.events.width}
          height={layout.events.height}
          clock={clock}
        />
      ) : null}
      {layout.diagram.height > 0 ? (
        <SpaceTime
          nodes={snapshot.nodes.map((n) => n.id)}
          events={diagram.events}
          ops={ops}
          from={diagram.from}
          to={diagram.to}
          width={layout.diagram.width}
          height={layout.diagram.height}
          clock={clock}
          inFlight={snapshot.inFlight}
          quorumInFlight={snapshot.leaderless?.inFlight}
        />
      ) : null}
    </Box>
  );
}

export function PlayerScreen({ view, ui, size, rate, commandLine }: PlayerScreenProps) {
  const theme = useTheme();
  const width = size.columns;
  const height = Math.max(1, size.rows - 1);
  if (ui.help) {
    return (
      <Box flexDirection="column" width={width} height={height} overflowY="hidden">
        <HelpOverlay
          width={width}
          height={height}
          bindings={PLAYER_BINDINGS}
          legend={CARD_LEGEND}
          notes={TIME_LAPSE_NOTES}
        />
      </Box>
    );
  }
  const { layout, lines, scrollKey } = screenLayout(
    view,
    ui,
    size,
    !theme.colorEnabled,
    commandLine !== undefined,
  );
  const narration = (
    <NarrationPane
      narration={view.narration}
      lines={lines}
      width={layout.narration.width}
      height={layout.narration.height}
      offset={scrollOffset(ui, scrollKey)}
      choice={
        view.narration.kind === 'question'
          ? choiceState(ui, questionKey(view.generation, view.narration.step.label))
          : undefined
      }
    />
  );
  const watch = (
    <WatchPanes
      layout={layout}
      snapshot={view.snapshot}
      highlight={highlightedNode(view, ui)}
      clock={view.clock}
      lag={view.lag}
      lagSpan={view.lagSpan}
      log={view.log}
      ops={view.ops}
      labels={view.labels}
      diagram={view.diagram}
      quorum={view.quorum}
    />
  );
  // Clipped vertically only: every line is already cut to the width, and a horizontal clip
  // makes Ink re-slice every line of every frame (most of a frame's cost).
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <Header
        title={view.title}
        right={`step ${view.step}/${view.steps} · score ${view.score}/${view.maxScore}`}
        width={width}
      />
      <Box height={layout.body} overflowY="hidden" flexDirection={layout.split ? 'row' : 'column'}>
        {narration}
        {layout.split ? <Box width={1} /> : null}
        {watch}
      </Box>
      {commandLine ? (
        <CommandLineView
          state={commandLine.state}
          width={width}
          prompt="task> "
          focused={view.phase === 'task'}
          placeholder="type a command; Tab completes"
          error={commandLine.error}
          hint={view.phase === 'running' ? '▶ the command is running…' : undefined}
        />
      ) : null}
      {commandLine ? (
        <Text dimColor wrap="truncate-end">
          {taskFooter(view, ui)}
        </Text>
      ) : ui.confirmRestart ? (
        <Text bold color={theme.color('warn')} wrap="truncate-end">
          Restart this lesson from the beginning? Your answers are cleared, the best score kept. y =
          yes, any other key = no
        </Text>
      ) : (
        <Footer
          context={view.phase === 'question' ? 'choice' : 'player'}
          width={width}
          status={playerStatus(view, ui, rate)}
          labels={{ 'toggle-pause': spaceLabel(view, ui) }}
        />
      )}
    </Box>
  );
}
