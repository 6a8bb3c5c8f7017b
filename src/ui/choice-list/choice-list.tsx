// Numbered choices for quiz, predict and choose steps. Before the answer: a highlight and
// "your answer"; after it (given as props): ✓ / ✗ per choice and the explanation. The view
// is driven by a state; ChoiceList adds its own keys for a screen where it owns them.
import { Box, Text } from 'ink';
import { layoutMarkdown, type Span } from '../text/markdown.js';
import { StyledLine } from '../text/styled-line.js';
import type { Tone } from '../theme/theme.js';
import { useTheme } from '../theme/use-theme.js';
import type { ChoiceListState } from './choice-list-state.js';
import { useChoiceList } from './use-choice-list.js';

export interface ChoiceAnswer {
  /** Indexes (0-based) of the correct choices. */
  correct: readonly number[];
  /** The learner's choice, when it was not made in this list (e.g. restored). */
  chosen?: number;
  /** Why, with the numbers of the run, as Markdown. */
  explanation?: string;
  /** A short note per choice, shown under it after answering. */
  notes?: readonly (string | undefined)[];
}

export interface ChoiceListProps {
  /** Choice labels, Markdown inline. Numbers reach the first nine; arrows reach all. */
  choices: readonly string[];
  width: number;
  /** Rows available; extra lines are cut. */
  height?: number;
  hint?: string;
  answer?: ChoiceAnswer;
  onChoose: (index: number) => void;
  onHint?: () => void;
  onBack?: () => void;
  /** The highlighted choice, whenever it changes (and at first). */
  onCursor?: (index: number) => void;
  isActive?: boolean;
}

export interface ChoiceLine {
  lead: string;
  leadTone?: Tone;
  spans: Span[];
  dim?: boolean;
}

export interface ChoiceMarks {
  cursor?: number;
  chosen?: number;
  answer?: ChoiceAnswer;
}

/** The lines of the list, laid out for `width`; exported for tests of the wording. */
export function choiceLines(
  choices: readonly string[],
  width: number,
  marks: ChoiceMarks,
  codeTicks: boolean,
): ChoiceLine[] {
  const numberWidth = String(choices.length).length + 2;
  const leadWidth = 4 + numberWidth;
  const lines: ChoiceLine[] = [];
  choices.forEach((label, i) => {
    const correct = marks.answer?.correct.includes(i) ?? false;
    const chosen = marks.chosen === i;
    const verdict = marks.answer ? (correct ? '✓ ' : chosen ? '✗ ' : '  ') : '  ';
    const tone: Tone | undefined = marks.answer
      ? correct
        ? 'ok'
        : chosen
          ? 'danger'
          : undefined
      : marks.cursor === i
        ? 'accent'
        : undefined;
    const pointer = marks.cursor === i && !marks.answer ? '› ' : '  ';
    const number = `${i + 1}.`.padEnd(numberWidth);
    const text = chosen ? `${label} *(your answer)*` : label;
    const wrapped = layoutMarkdown(text, width - leadWidth, { codeTicks });
    wrapped.forEach((spans, j) => {
      lines.push({
        lead: j === 0 ? pointer + verdict + number : ' '.repeat(leadWidth),
        leadTone: tone,
        spans,
        dim: Boolean(marks.answer) && !correct && !chosen,
      });
    });
    const note = marks.answer?.notes?.[i];
    if (note) {
      for (const spans of layoutMarkdown(note, width - leadWidth - 2, { codeTicks })) {
        lines.push({ lead: ' '.repeat(leadWidth + 2), spans, dim: true });
      }
    }
  });
  return lines;
}

export interface ChoiceListViewProps {
  choices: readonly string[];
  width: number;
  /** Rows available; extra lines are cut. */
  height?: number;
  hint?: string;
  answer?: ChoiceAnswer;
  /** The highlight, the hint toggle and the choice made (from the key owner). */
  state: ChoiceListState;
}

/** The list as its state says: for screens whose own key handler drives the state. */
export function ChoiceListView({
  choices,
  width,
  height,
  hint,
  answer,
  state,
}: ChoiceListViewProps) {
  const theme = useTheme();
  const chosen = answer?.chosen ?? state.chosen;
  const codeTicks = !theme.colorEnabled;
  const lines: ChoiceLine[] = choiceLines(
    choices,
    width,
    { cursor: state.cursor, chosen, answer },
    codeTicks,
  );
  if (state.hintShown && hint) {
    layoutMarkdown(`Hint: ${hint}`, width - 2, { codeTicks }).forEach((spans, j) => {
      lines.push({ lead: j === 0 ? '' : '  ', leadTone: 'info', spans });
    });
  }
  if (answer?.explanation) {
    lines.push({ lead: '', spans: [] });
    for (const spans of layoutMarkdown(answer.explanation, width, { codeTicks })) {
      lines.push({ lead: '', spans });
    }
  }
  const shown = height === undefined ? lines : lines.slice(0, Math.max(0, height));
  return (
    <Box flexDirection="column" width={width}>
      {shown.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Box key={i}>
          {line.lead ? (
            <Text
              color={line.leadTone ? theme.color(line.leadTone) : undefined}
              bold={Boolean(line.leadTone)}
            >
              {line.lead}
            </Text>
          ) : null}
          {line.dim ? (
            <Text dimColor wrap="truncate-end">
              <StyledLine spans={line.spans} />
            </Text>
          ) : (
            <StyledLine spans={line.spans} />
          )}
        </Box>
      ))}
    </Box>
  );
}

/** A list that owns the keys of its screen (see use-choice-list.ts). */
export function ChoiceList({
  choices,
  width,
  height,
  hint,
  answer,
  onChoose,
  onHint,
  onBack,
  onCursor,
  isActive,
}: ChoiceListProps) {
  const state = useChoiceList({
    count: choices.length,
    onChoose,
    onHint,
    onBack,
    onCursor,
    locked: answer !== undefined,
    isActive,
  });
  return (
    <ChoiceListView
      choices={choices}
      width={width}
      height={height}
      hint={hint}
      answer={answer}
      state={state}
    />
  );
}
