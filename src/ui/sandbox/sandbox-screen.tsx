// One frame of the sandbox, from plain data: a header (where it started, the time, the
// commands), what was typed and what came of it, the player's panes (cluster, lag chart,
// event log or space-time diagram), the command line and the footer. No engine calls and
// no key handling here, so it renders the same off-screen.
import { Box, Text } from 'ink';
import { CommandLineView } from '../command-line/command-line.js';
import type { CommandLineState } from '../command-line/command-line-state.js';
import { type PlayerLayout, planPlayerLayout } from '../player/player-layout.js';
import { WatchPanes } from '../player/player-screen.js';
import { formatSpeed } from '../player/speed.js';
import type { WindowSize } from '../screen/use-window-size.js';
import { sideBySide } from '../text/line-fit.js';
import { composeRuns, type Run } from '../text/paint.js';
import { type PaintedLine, PaintedLines, PaintedText } from '../text/painted-lines.js';
import { formatEventTime } from '../text/story-time.js';
import { textWidth, truncate, wrapWords as wrap } from '../text/text.js';
import type { Theme } from '../theme/theme.js';
import { useTheme } from '../theme/use-theme.js';
import { SandboxHelp } from './sandbox-help.js';
import { commandKeysText } from './sandbox-keys.js';
import type { SandboxUi } from './sandbox-state.js';
import type { SandboxView } from './sandbox-view.js';
import { transcriptRuns } from './transcript.js';

export interface SandboxScreenProps {
  view: SandboxView;
  ui: SandboxUi;
  line: CommandLineState;
  size: WindowSize;
}

/** Rows under the command line for candidates and errors: two where there is room. */
export function detailRows(size: WindowSize): number {
  return size.rows >= 30 ? 2 : 1;
}

/** The first lines a new session shows where the transcript will be. */
export function welcomeLines(view: SandboxView): string[] {
  const nodes = view.snapshot.nodes.map((n) => n.id);
  const followers = nodes.filter((id) => id !== view.snapshot.leader);
  // The last follower: in the presets, the one furthest behind.
  const reader = followers[followers.length - 1] ?? nodes[0] ?? 'replica-1';
  const victim = followers[0] ?? reader;
  const from = view.source.startsWith('lesson')
    ? `The cluster of ${view.source}, live`
    : 'A live cluster';
  return [
    `${from}: type commands below, Enter runs them. Try write tweet hello, then read tweet from ${reader}, or crash ${victim}.`,
    'Tab completes · ↑ recalls · ? help · Esc, then one key: c crash… · :save f.yaml',
  ];
}

/** The transcript's lines for `width` (the welcome while nothing was typed), oldest first. */
export function transcriptLines(view: SandboxView, width: number, theme?: Theme): Run[][] {
  if (view.transcript.length === 0) {
    return welcomeLines(view).flatMap((l) =>
      wrap(l, width).map((w): Run[] => [{ text: w, paint: { dimColor: true } }]),
    );
  }
  return view.transcript.flatMap((item) => transcriptRuns(item, width, theme));
}

/** Right side of the footer: the message, or play state and speed. */
export function sandboxStatus(view: SandboxView, ui: SandboxUi): string {
  if (ui.message) return ui.message.text;
  const state = ui.paused ? '⏸ paused' : '▶ live';
  const pending = view.pending > 0 ? ` · ${view.pending} running` : '';
  return `${state} · ${formatSpeed(ui.speed)}${pending}`;
}

interface FooterItem {
  keys: string;
  label: string;
  keep?: boolean;
}

/** The footer's keys for the mode, least important dropped first to fit `room`. */
export function footerItems(ui: SandboxUi, lineEmpty: boolean, room: number): FooterItem[] {
  const items: FooterItem[] =
    ui.focus === 'type'
      ? [
          { keys: 'Enter', label: 'run', keep: true },
          { keys: 'Tab', label: 'complete', keep: true },
          { keys: 'Esc', label: 'single keys', keep: true },
          { keys: '↑', label: 'history' },
          ...(lineEmpty
            ? [
                { keys: 'space', label: ui.paused ? 'play' : 'pause' },
                { keys: '?', label: 'help', keep: true },
              ]
            : []),
        ]
      : [
          { keys: 'Enter', label: 'type', keep: true },
          { keys: 'space', label: ui.paused ? 'play' : 'pause', keep: true },
          { keys: '→', label: 'next' },
          { keys: '←', label: 'back' },
          { keys: '+/-', label: 'speed' },
          { keys: commandKeysText(), label: 'commands' },
          { keys: 'd', label: 'diagram' },
          { keys: '?', label: 'help', keep: true },
          { keys: 'q', label: 'leave', keep: true },
        ];
  const width = (list: readonly FooterItem[]) =>
    list.reduce((w, it, i) => w + (i > 0 ? 2 : 0) + textWidth(`${it.keys} ${it.label}`), 0);
  const out = [...items];
  for (let i = out.length - 1; i >= 0 && width(out) > room; i--) {
    if (!out[i]?.keep) out.splice(i, 1);
  }
  return out;
}

function footerText(items: readonly FooterItem[], theme: Theme): string {
  return composeRuns(
    items.flatMap((it, i) => [
      i > 0 ? '  ' : '',
      { text: it.keys, paint: { bold: true, color: theme.color('accent') } },
      ` ${it.label}`,
    ]),
  );
}

function SideBySide({
  left,
  right,
  width,
}: {
  left: PaintedLine;
  right: PaintedLine;
  width: number;
}) {
  const fit = sideBySide([left, right], width);
  return (
    <Box width={width} justifyContent="space-between">
      {fit ? (
        <PaintedText line={left} width={fit[0]} />
      ) : (
        <Text wrap="truncate-end">{left.text}</Text>
      )}
      {fit ? <PaintedText line={right} width={fit[1]} /> : null}
    </Box>
  );
}

/** The frame's layout: the player's, in the rows the command line leaves; the transcript
 * takes the narration's place (above the cluster, or its own column on a wide window). */
export function sandboxLayout(
  view: SandboxView,
  ui: SandboxUi,
  size: WindowSize,
  theme?: Theme,
): { layout: PlayerLayout; transcript: Run[][] } {
  const rows = size.rows - 1 - detailRows(size);
  const plan = (narration: number) =>
    planPlayerLayout({
      columns: size.columns,
      rows,
      snapshot: view.snapshot,
      narration,
      followers: view.lag.length,
      diagram: ui.diagram,
      status: ui.status,
      reading: false,
    });
  const transcript = transcriptLines(view, plan(0).narration.width, theme);
  return { layout: plan(transcript.length), transcript };
}

export function SandboxScreen({ view, ui, line, size }: SandboxScreenProps) {
  const theme = useTheme();
  const width = size.columns;
  const height = Math.max(1, size.rows - 1);
  if (ui.help) {
    return (
      <Box flexDirection="column" width={width} height={height} overflowY="hidden">
        <SandboxHelp width={width} height={height} offset={ui.help.offset} />
      </Box>
    );
  }
  const details = detailRows(size);
  const { layout, transcript } = sandboxLayout(view, ui, size, theme);
  const shownTranscript = transcript.slice(
    Math.max(0, transcript.length - layout.narration.height),
  );
  const unsaved =
    view.unsaved > 0 && view.unsaved !== view.commands ? ` (${view.unsaved} unsaved)` : '';
  const header: PaintedLine = {
    text: truncate(`Sandbox · ${view.source}`, width),
    paint: { bold: true, color: theme.color('heading') },
  };
  const headerRight: PaintedLine = {
    text: `t=${formatEventTime(view.t)} · ${view.commands} command${view.commands === 1 ? '' : 's'}${unsaved}`,
    paint: { dimColor: true },
  };
  const status = sandboxStatus(view, ui);
  const statusLine: PaintedLine = {
    text: truncate(status, Math.max(10, Math.floor(width / 2))),
    paint: ui.message ? { color: theme.color(ui.message.tone) } : { dimColor: true },
  };
  const keys: PaintedLine = {
    text:
      footerText(
        footerItems(ui, line.text === '', width - textWidth(statusLine.text) - 2),
        theme,
      ) || ' ',
  };
  const typing = ui.focus === 'type' && !ui.confirmLeave;
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <SideBySide left={header} right={headerRight} width={width} />
      <Box height={layout.body} overflowY="hidden" flexDirection={layout.split ? 'row' : 'column'}>
        <Box height={layout.narration.height} width={layout.narration.width} flexDirection="column">
          <PaintedLines
            lines={shownTranscript.map((r) => ({ text: composeRuns(r) || ' ' }))}
            width={layout.narration.width}
          />
        </Box>
        {layout.split ? <Box width={1} /> : null}
        <WatchPanes
          layout={layout}
          snapshot={view.snapshot}
          lag={view.lag}
          lagSpan={view.lagSpan}
          log={view.log}
          ops={view.ops}
          labels={view.labels}
          quorum={view.quorum}
          diagram={view.diagram}
        />
      </Box>
      <CommandLineView
        state={line}
        width={width}
        detailRows={details}
        focused={typing}
        placeholder={
          typing
            ? 'type a command (Tab completes)'
            : 'single keys: c crash, x partition, space pause… (Enter to type)'
        }
        error={ui.error}
      />
      {ui.confirmLeave ? (
        <Text bold color={theme.color('warn')} wrap="truncate-end">
          {`Leave the sandbox? ${view.unsaved} command${view.unsaved === 1 ? '' : 's'} not saved (:save f.yaml keeps ${view.unsaved === 1 ? 'it' : 'them'}). y leaves, any other key stays`}
        </Text>
      ) : (
        <SideBySide left={keys} right={statusLine} width={width} />
      )}
    </Box>
  );
}
