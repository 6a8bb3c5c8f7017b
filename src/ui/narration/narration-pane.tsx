// The top of the player: the lesson's narration, a question, the feedback on an answer, or
// the end of the lesson; with the key that continues when the lesson waits for one.
import { Box, Text } from 'ink';
import { type ChoiceListState, INITIAL_CHOICE_LIST } from '../choice-list/choice-list-state.js';
import { useTheme } from '../theme/use-theme.js';
import type { Narration } from './narration.js';
import { narrationLines, type PaneLine } from './narration-lines.js';
import { PaneLines } from './pane-lines.js';
import { QuestionPane } from './question-pane.js';

export interface NarrationPaneProps {
  narration: Narration;
  /** The narration's lines at `width`, when the caller has them already. */
  lines?: readonly PaneLine[];
  width: number;
  height: number;
  offset: number;
  /** A question's list: highlight, hint, choice (the player's keys drive it). */
  choice?: ChoiceListState;
}

/** The line under the text saying which key moves on, if the lesson waits for one. */
/** While a task takes commands, ↑↓ belong to its command line: the pane scrolls by page. */
const TASK_SCROLL_KEYS = { down: 'PgDn', up: 'PgUp' };

export function narrationCue(n: Narration): string | undefined {
  if ((n.kind === 'say' || n.kind === 'feedback') && n.waiting) return 'Enter ▸ continue';
  if (n.kind === 'task' && n.record) return 'Enter ▸ continue';
  if (n.kind === 'done') return 'q ▸ back · r ▸ play again';
  return undefined;
}

export function NarrationPane(props: NarrationPaneProps) {
  const { narration, width, height, offset } = props;
  const theme = useTheme();
  if (height <= 0) return null;
  if (narration.kind === 'question') {
    return (
      <QuestionPane
        step={narration.step}
        experiment={narration.experiment}
        width={width}
        height={height}
        choice={props.choice ?? INITIAL_CHOICE_LIST}
      />
    );
  }
  const cue = narrationCue(narration);
  const lines = props.lines ?? narrationLines(narration, width, !theme.colorEnabled);
  const textRows = cue && height > 1 ? height - 1 : height;
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <PaneLines
        lines={lines}
        width={width}
        height={textRows}
        offset={offset}
        keys={narration.kind === 'task' ? TASK_SCROLL_KEYS : undefined}
      />
      {cue && height > 1 ? (
        <Text bold color={theme.color('accent')}>
          {cue}
        </Text>
      ) : null}
    </Box>
  );
}
