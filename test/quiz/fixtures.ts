// Small bank questions for unit tests of selection, drills and reports.
import type { ChoiceQuestion, NumericQuestion } from '../../src/quiz/types.js';

export function choiceQ(
  id: string,
  topic = 'failover',
  over: Partial<ChoiceQuestion> = {},
): ChoiceQuestion {
  return {
    id,
    topic,
    lesson: topic,
    difficulty: 1,
    kind: 'choice',
    question: `Question ${id}?`,
    choices: ['wrong', 'right', 'also wrong'],
    answer: [1],
    model: `Model answer of ${id}.`,
    explain: `Explanation of ${id}.`,
    file: 'test.yaml',
    line: 1,
    col: 1,
    ...over,
  };
}

export function numericQ(id: string, answer: number, tolerance = 0): NumericQuestion {
  return {
    id,
    topic: 'leaderless',
    lesson: 'leaderless',
    difficulty: 2,
    kind: 'numeric',
    question: `How many for ${id}?`,
    answer,
    tolerance,
    unit: 'replicas',
    model: 'A number.',
    explain: 'Because.',
    file: 'test.yaml',
    line: 1,
    col: 1,
  };
}
