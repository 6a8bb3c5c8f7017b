// One drill question: what it is about, the prompt with the cluster's state, then the
// choices (or a number field). Once answered, the whole question becomes one scrollable
// page — prompt, marked choices, verdict, model answer, why — opened at the verdict, so the
// numbers above it stay one key away however small the terminal.
import { Box, Text } from 'ink';
import type { Asked, Verdict } from '../../quiz/ask.js';
import { topicLabel } from '../../quiz/topics.js';
import { DIFFICULTY_NAMES } from '../../quiz/types.js';
import { ChoiceListView, choiceLines } from '../choice-list/choice-list.js';
import type { ChoiceListState } from '../choice-list/choice-list-state.js';
import { layoutMarkdown } from '../text/markdown.js';
import { MarkdownText } from '../text/markdown-text.js';
import { useTheme } from '../theme/use-theme.js';
import { type NumberField, QuizNumberInput } from './quiz-number-input.js';

export interface QuizQuestionProps {
  asked: Asked;
  number: number;
  total: number;
  verdict?: Verdict;
  /** The learner's choice, once made (choice questions). */
  chosen?: number;
  width: number;
  height: number;
  /** Lines scrolled from where the answered page opens (negative: up towards the prompt). */
  scroll: number;
  /** The choice list's state, or the number typed so far (the drill's keys drive both). */
  choice: ChoiceListState;
  field: NumberField;
}

/** The prompt, with the cluster's state as a list under it (Markdown). */
export function promptMarkdown(asked: Asked): string {
  const facts = asked.facts.map((f) => `- ${f}`).join('\n');
  return facts ? `${asked.prompt}\n\n${facts}` : asked.prompt;
}

/** The choices with ✓ / ✗ after answering, or the number given (Markdown). */
export function markedAnswers(asked: Asked, v: Verdict, chosen: number | undefined): string {
  if (asked.form === 'number') return `- ${v.correct ? '✓' : '✗'} ${v.given} *(your answer)*`;
  return asked.choices
    .map((c, i) => {
      const mark = v.correctChoices.includes(i) ? '✓' : i === chosen ? '✗' : '·';
      return `- ${mark} ${i + 1}. ${c}${i === chosen ? ' *(your answer)*' : ''}`;
    })
    .join('\n');
}

/** The feedback after an answer (Markdown). */
export function feedbackMarkdown(asked: Asked, v: Verdict): string {
  const head = v.correct
    ? '**✓ Correct.**'
    : `**✗ Not quite.** Your answer: ${v.given}. The answer: ${v.expected}.`;
  const parts = [head, ...v.feedback.map((f) => f.replace(/^ {2}/, '- '))];
  parts.push(
    `**Model answer:** ${asked.question.model}`,
    `**Why:** ${asked.question.explain.trim()}`,
  );
  if (!v.correct) parts.push(`**Revisit:** ${topicLabel(asked.question.lesson)}`);
  return parts.join('\n\n');
}

/** The answered page and the line it opens at: the marked choices, then the verdict. */
export function answeredPage(
  asked: Asked,
  v: Verdict,
  chosen: number | undefined,
  width: number,
  codeTicks: boolean,
): { text: string; lines: number; opensAt: number } {
  const before = `${promptMarkdown(asked)}\n\n${markedAnswers(asked, v, chosen)}`;
  const text = `${before}\n\n${feedbackMarkdown(asked, v)}`;
  const promptLines = layoutMarkdown(promptMarkdown(asked), width, { codeTicks }).length;
  return {
    text,
    lines: layoutMarkdown(text, width, { codeTicks }).length,
    opensAt: promptLines + 1,
  };
}

/** Where the answered page opens, and how far it scrolls either way from there. */
export function pageScroll(page: { lines: number; opensAt: number }, rows: number) {
  const last = Math.max(0, page.lines - rows);
  const start = Math.min(page.opensAt, last);
  return { start, min: -start, max: last - start };
}

/** Rows for the prompt and the choices while the question waits for an answer. */
export function questionRows(
  asked: Asked,
  width: number,
  height: number,
  codeTicks: boolean,
): { prompt: number; choices: number } {
  const promptLines = layoutMarkdown(promptMarkdown(asked), width, { codeTicks }).length;
  const choices =
    asked.form === 'choice' ? choiceLines(asked.choices, width, {}, codeTicks).length : 2;
  // The meta line and the gap before the choices.
  const prompt = Math.max(1, Math.min(promptLines, height - 2 - choices));
  return { prompt, choices: Math.max(1, Math.min(choices, height - 2 - prompt)) };
}

/** Page rows below the meta line and the "more above" line. */
export function answeredRows(height: number): number {
  return Math.max(1, height - 2);
}

export function QuizQuestion(p: QuizQuestionProps) {
  const theme = useTheme();
  const codeTicks = !theme.colorEnabled;
  const q = p.asked.question;
  const meta = (
    <Text dimColor wrap="truncate-end">
      {/* The topic only once answered: it would give away "which guarantee broke?". */}
      {`Question ${p.number} of ${p.total} · ${p.verdict ? `${topicLabel(q.topic)} · ` : ''}${DIFFICULTY_NAMES[q.difficulty]} · ${q.kind}`}
    </Text>
  );
  if (p.verdict) {
    const page = answeredPage(p.asked, p.verdict, p.chosen, p.width, codeTicks);
    const rows = answeredRows(p.height);
    // Open at the verdict (keeping the page full), then scroll from there.
    const range = pageScroll(page, rows);
    const offset = range.start + Math.max(range.min, Math.min(range.max, p.scroll));
    return (
      <Box flexDirection="column" width={p.width} height={p.height} overflow="hidden">
        {meta}
        <Text dimColor>{offset > 0 ? `↑ ${offset} more line${offset === 1 ? '' : 's'}` : ' '}</Text>
        <MarkdownText text={page.text} width={p.width} height={rows} offset={offset} />
      </Box>
    );
  }
  const rows = questionRows(p.asked, p.width, p.height, codeTicks);
  return (
    <Box flexDirection="column" width={p.width} height={p.height} overflow="hidden">
      {meta}
      <MarkdownText text={promptMarkdown(p.asked)} width={p.width} height={rows.prompt} />
      <Text> </Text>
      {p.asked.form === 'choice' ? (
        <ChoiceListView
          choices={p.asked.choices}
          width={p.width}
          height={rows.choices}
          state={p.choice}
        />
      ) : (
        <QuizNumberInput field={p.field} unit={p.asked.unit} />
      )}
    </Box>
  );
}
