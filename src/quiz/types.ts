// The question bank after loading: plain data, one shape per kind. Choice and numeric
// questions carry their answer; scenario and routing questions carry a template id and its
// parameters, and their question and answer are generated per seed (generators/).

export type Difficulty = 1 | 2 | 3;

export const DIFFICULTY_NAMES: Readonly<Record<Difficulty, string>> = {
  1: 'easy',
  2: 'medium',
  3: 'hard',
};

export const QUESTION_KINDS = ['choice', 'numeric', 'scenario', 'routing'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** "What you would say in 20 seconds". */
export const MODEL_ANSWER_MAX_WORDS = 60;

export interface QuestionBase {
  id: string;
  topic: string;
  /** The lesson (or curriculum topic) to revisit after a miss. */
  lesson: string;
  difficulty: Difficulty;
  kind: QuestionKind;
  /** The question; for generated kinds, the stem shown in listings and exports. */
  question: string;
  /** The short model answer. */
  model: string;
  /** The longer explanation. */
  explain: string;
  /** The classic interview question this one stands for, if any (topics.ts CLASSICS). */
  classic?: string;
  /** Where it was written, for messages. */
  file: string;
  line: number;
  col: number;
}

export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  choices: string[];
  /** 0-based indexes; any of them counts as correct. */
  answer: number[];
  /** Indexes of choices shown last whatever the shuffle ("none of the above"). */
  last?: number[];
}

export interface NumericQuestion extends QuestionBase {
  kind: 'numeric';
  answer: number;
  /** Accepted distance from the answer (0: exact). */
  tolerance: number;
  unit?: string;
}

export interface TemplateQuestion extends QuestionBase {
  kind: 'scenario' | 'routing';
  template: string;
  /** As written; checked by the template's own schema when loading. */
  params: Record<string, unknown>;
}

export type BankQuestion = ChoiceQuestion | NumericQuestion | TemplateQuestion;
