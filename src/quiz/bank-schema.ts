// The bank file format (lessons/quiz/<topic>.yaml) as zod schemas, built from the lesson
// schema's parts so errors read the same: strict maps with "did you mean", "expected X,
// found Y". A file gives a default topic (and lesson) for its questions; each question is
// checked by the schema of its `kind`.
import { z } from 'zod';
import { expecting, name, strictMap, text } from '../lesson/format/schema-parts.js';
import { CLASSIC_IDS, TOPIC_IDS } from './topics.js';
import { type Difficulty, MODEL_ANSWER_MAX_WORDS, QUESTION_KINDS } from './types.js';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => w !== '').length;
}

const kebabId = (example: string) =>
  z.string().regex(KEBAB, { error: expecting(`a kebab-case id like ${example}`) });

const topic = z.enum(TOPIC_IDS as [string, ...string[]]);

const DIFFICULTY_WORDS: Record<string, Difficulty> = { easy: 1, medium: 2, hard: 3 };

const difficulty = z
  .union([z.literal([1, 2, 3]), z.enum(['easy', 'medium', 'hard'])], {
    error: expecting('1, 2, 3, easy, medium or hard'),
  })
  .transform((d): Difficulty => (typeof d === 'number' ? (d as Difficulty) : DIFFICULTY_WORDS[d]!));

const modelAnswer = text.refine((s) => wordCount(s) <= MODEL_ANSWER_MAX_WORDS, {
  error: (iss) =>
    `the model answer has ${wordCount(String(iss.input))} words; keep it to at most ${MODEL_ANSWER_MAX_WORDS}, what you would say in 20 seconds`,
});

const common = {
  id: kebabId('quorum-overlap-basics').describe('Unique across the whole bank.'),
  topic: topic.optional().describe('Curriculum topic; default: the file’s.'),
  lesson: kebabId('lost-tweet').optional().describe('Lesson or topic to revisit.'),
  difficulty,
  question: text,
  model: modelAnswer.describe('The 20-second answer, at most 60 words.'),
  explain: text.describe('The longer explanation.'),
  classic: z.enum(CLASSIC_IDS as [string, ...string[]]).optional(),
};

const choiceIndex = z.int({ error: expecting('a choice index counted from 0') }).min(0, {
  error: expecting('a choice index counted from 0'),
});

/** A choice: text, or `{label, last: true}` to keep it last when choices are shuffled. */
const bankChoice = z.union(
  [
    text,
    strictMap(
      {
        label: text,
        last: z.boolean().optional().describe('Keep this choice last ("none of the above").'),
      },
      'a choice like {label: "None of these", last: true}',
    ),
  ],
  { error: expecting('a choice: text, or {label, last: true}') },
);

export const choiceSchema = strictMap(
  {
    ...common,
    kind: z.literal('choice'),
    choices: z.array(bankChoice).min(2).max(9),
    answer: z
      .union([choiceIndex, z.array(choiceIndex).min(1)], {
        error: expecting('a choice index counted from 0, or a list of them'),
      })
      .transform((a) => (Array.isArray(a) ? a : [a])),
  },
  'a question: a map with id, difficulty, kind, question, model and explain',
).transform(({ choices, ...q }) => {
  const last = choices.flatMap((c, i) => (typeof c !== 'string' && c.last ? [i] : []));
  return {
    ...q,
    choices: choices.map((c) => (typeof c === 'string' ? c : c.label)),
    ...(last.length > 0 && { last }),
  };
});

export const numericSchema = strictMap(
  {
    ...common,
    kind: z.literal('numeric'),
    answer: z.number({ error: expecting('a number') }),
    tolerance: z.number().min(0).default(0).describe('Accepted distance from the answer.'),
    unit: text.optional(),
  },
  'a question: a map with id, difficulty, kind, question, model and explain',
);

export const templateSchema = strictMap(
  {
    ...common,
    kind: z.enum(['scenario', 'routing']),
    template: name.describe('A template id (src/quiz/generators).'),
    params: z.record(z.string(), z.unknown()).default({}),
  },
  'a question: a map with id, difficulty, kind, question, model and explain',
);

export const kindSchema = z.enum(QUESTION_KINDS);

export const bankFileSchema = strictMap(
  {
    topic: topic.describe('Default topic of the questions in this file.'),
    lesson: kebabId('lost-tweet').optional().describe('Default lesson to revisit.'),
    questions: z.array(z.unknown()).min(1),
  },
  'a question bank: a map with topic and questions',
);

export const SCHEMA_BY_KIND = {
  choice: choiceSchema,
  numeric: numericSchema,
  scenario: templateSchema,
  routing: templateSchema,
} as const;
