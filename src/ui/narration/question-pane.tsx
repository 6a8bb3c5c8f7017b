// A question waiting for an answer: its prompt (with the experiment it asks about, if any)
// above the numbered choices. The choices keep their rows; a long prompt is cut first.
import { Box, Text } from 'ink';
import type { StepRecord } from '../../lesson/engine/runner.js';
import type { InteractiveStep } from '../../lesson/format/types.js';
import { ChoiceList } from '../choice-list/choice-list.js';
import { useTheme } from '../theme/use-theme.js';
import { choicesHeight, questionLines } from './narration-lines.js';
import { PaneLines } from './pane-lines.js';

export interface QuestionPaneProps {
  step: InteractiveStep;
  experiment?: StepRecord;
  width: number;
  height: number;
  onAnswer: (index: number) => void;
  onHint: () => void;
  onCursor?: (index: number) => void;
  isActive: boolean;
}

export function QuestionPane({
  step,
  experiment,
  width,
  height,
  onAnswer,
  onHint,
  onCursor,
  isActive,
}: QuestionPaneProps) {
  const theme = useTheme();
  const codeTicks = !theme.colorEnabled;
  const head = questionLines(step, experiment, width, codeTicks);
  const choices = choicesHeight(step, width, codeTicks, true);
  const headRows = Math.max(1, Math.min(head.length, height - choices - 1));
  const choiceRows = Math.max(1, height - headRows - 1);
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <PaneLines lines={head} width={width} height={headRows} />
      <Text> </Text>
      <ChoiceList
        choices={step.choices.map((c) => c.label)}
        width={width}
        height={choiceRows}
        hint={step.hint}
        onChoose={onAnswer}
        onHint={onHint}
        onCursor={onCursor}
        isActive={isActive}
      />
    </Box>
  );
}
