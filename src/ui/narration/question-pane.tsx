// A question waiting for an answer: its prompt (with the experiment it asks about, if any)
// above the numbered choices. The choices keep their rows; a long prompt is cut first.
import { Box, Text } from 'ink';
import type { InteractiveStep } from '../../lesson/format/types.js';
import { ChoiceListView } from '../choice-list/choice-list.js';
import type { ChoiceListState } from '../choice-list/choice-list-state.js';
import { useTheme } from '../theme/use-theme.js';
import type { ShownExperiment } from './narration.js';
import { choicesHeight, questionLines } from './narration-lines.js';
import { PaneLines } from './pane-lines.js';

export interface QuestionPaneProps {
  step: InteractiveStep;
  experiment?: ShownExperiment;
  width: number;
  height: number;
  /** The list's state, driven by the player's keys. */
  choice: ChoiceListState;
}

export function QuestionPane({ step, experiment, width, height, choice }: QuestionPaneProps) {
  const theme = useTheme();
  const codeTicks = !theme.colorEnabled;
  const head = questionLines(step, experiment, width, codeTicks);
  // The hint's rows only once it is shown: until then the table above may use them.
  const choices = choicesHeight(step, width, codeTicks, choice.hintShown);
  const headRows = Math.max(1, Math.min(head.length, height - choices - 1));
  const choiceRows = Math.max(1, height - headRows - 1);
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <PaneLines lines={head} width={width} height={headRows} />
      <Text> </Text>
      <ChoiceListView
        choices={step.choices.map((c) => c.label)}
        width={width}
        height={choiceRows}
        hint={step.hint}
        state={choice}
      />
    </Box>
  );
}
