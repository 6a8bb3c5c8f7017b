// A bank question made ready to ask: fixed questions as written, templates generated for a
// seed. `grade` judges an answer and says why; a routing answer is run on the simulator.
import { choiceOrder } from '../lesson/engine/choice-order.js';
import { hashString } from '../sim/index.js';
import type { Generated, GeneratedRouting } from './generators/index.js';
import { templateById } from './generators/index.js';
import { closeEnough, showNumber } from './numeric.js';
import { type RouteOutcome, routeFeedback, runRouteOptions } from './routing-grade.js';
import type { BankQuestion } from './types.js';

export type Answer =
  | { kind: 'choice'; index: number }
  | { kind: 'number'; value: number }
  /** "I don't know": scored as wrong, and the answer is shown. */
  | { kind: 'skip' };

export interface Verdict {
  correct: boolean;
  /** The learner's answer in words. */
  given: string;
  /** The right answer in words. */
  expected: string;
  /** 0-based indexes of the choices that count (empty for number answers). */
  correctChoices: number[];
  /** Why, with this instance's numbers (routing: what each node did). */
  feedback: string[];
}

export interface Asked {
  question: BankQuestion;
  /** The seed this instance was generated with. */
  seed: number;
  prompt: string;
  facts: string[];
  form: 'choice' | 'number';
  /** As displayed (shuffled for the learner); empty for number answers. Answers and verdicts
   * number them in this order. */
  choices: string[];
  /** Position → index as written (or generated); the identity when not shuffled. */
  order: number[];
  unit?: string;
  grade(answer: Answer): Verdict;
}

/** The seed of one question in a drill: the same drill seed gives the same instance. */
export function instanceSeed(drillSeed: number, questionId: string): number {
  return hashString(`${drillSeed}:${questionId}`) % 1_000_000_000;
}

/** "1 write", "3 writes", "1.5 s". */
export function withUnit(n: number, unit: string | undefined): string {
  if (!unit) return showNumber(n);
  const singular = n === 1 && /[a-z]s$/.test(unit) ? unit.slice(0, -1) : unit;
  return `${showNumber(n)} ${singular}`;
}

function givenText(answer: Answer, choices: readonly string[], unit?: string): string {
  if (answer.kind === 'skip') return 'skipped';
  if (answer.kind === 'number') return withUnit(answer.value, unit);
  return `${answer.index + 1}. ${choices[answer.index] ?? '?'}`;
}

/** Shuffles a choice question for one learner: seeded by `orderSeed` and the question's id. */
function shuffled(
  question: BankQuestion,
  choices: readonly string[],
  correct: readonly number[],
  orderSeed: number | undefined,
  last: readonly number[] = [],
): { choices: string[]; correct: number[]; order: number[] } {
  const order =
    orderSeed === undefined
      ? choices.map((_, i) => i)
      : choiceOrder(
          orderSeed,
          question.id,
          choices.map((_, i) => ({ last: last.includes(i) })),
        );
  return {
    choices: order.map((i) => choices[i]!),
    correct: correct.map((i) => order.indexOf(i)).sort((a, b) => a - b),
    order,
  };
}

function choiceAsked(
  base: Pick<Asked, 'question' | 'seed' | 'prompt' | 'facts'>,
  shown: { choices: string[]; correct: number[]; order: number[] },
  why: string[],
): Asked {
  const { choices, correct, order } = shown;
  return {
    ...base,
    form: 'choice',
    choices,
    order,
    grade(answer) {
      const ok = answer.kind === 'choice' && correct.includes(answer.index);
      return {
        correct: ok,
        given: givenText(answer, choices),
        expected: correct.map((i) => `${i + 1}. ${choices[i]}`).join(' or '),
        correctChoices: [...correct],
        feedback: why,
      };
    },
  };
}

function numberAsked(
  base: Pick<Asked, 'question' | 'seed' | 'prompt' | 'facts'>,
  n: { answer: number; tolerance: number; unit?: string },
  why: string[],
): Asked {
  const unit = n.unit;
  const expected = `${withUnit(n.answer, unit)}${n.tolerance > 0 ? ` (± ${showNumber(n.tolerance)})` : ''}`;
  return {
    ...base,
    form: 'number',
    choices: [],
    order: [],
    unit,
    grade(answer) {
      const ok = answer.kind === 'number' && closeEnough(answer.value, n.answer, n.tolerance);
      return {
        correct: ok,
        given: givenText(answer, [], unit),
        expected,
        correctChoices: [],
        feedback: why,
      };
    },
  };
}

function routingAsked(
  base: Pick<Asked, 'question' | 'seed' | 'prompt' | 'facts'>,
  g: GeneratedRouting,
): Asked {
  let outcomes: RouteOutcome[] | undefined;
  // Nodes keep the cluster's order, as in a lesson's routing choice.
  const choices = g.nodes;
  return {
    ...base,
    form: 'choice',
    choices,
    order: choices.map((_, i) => i),
    grade(answer) {
      outcomes ??= runRouteOptions(g);
      const right = outcomes.filter((o) => o.correct);
      const chosen = answer.kind === 'choice' ? outcomes[answer.index] : undefined;
      const feedback = chosen
        ? routeFeedback(outcomes, chosen.index)
        : outcomes.map((o) => `${o.correct ? '✓' : '✗'} ${o.node}: ${o.summary}`);
      return {
        correct: chosen?.correct ?? false,
        given: givenText(answer, choices),
        expected: right.map((o) => `${o.index + 1}. ${o.node}`).join(' or ') || 'none',
        correctChoices: right.map((o) => o.index),
        feedback: [...feedback, g.why],
      };
    },
  };
}

/**
 * The question as asked with this seed. With `orderSeed` (the learner's, or a script's
 * --seed) its choices are shuffled for that learner; routing choices keep the node order.
 */
export function ask(question: BankQuestion, seed: number, orderSeed?: number): Asked {
  const base = { question, seed, prompt: question.question, facts: [] as string[] };
  switch (question.kind) {
    case 'choice':
      return choiceAsked(
        base,
        shuffled(question, question.choices, question.answer, orderSeed, question.last),
        [],
      );
    case 'numeric':
      return numberAsked(base, question, []);
    default: {
      const template = templateById(question.template);
      if (!template) throw new Error(`unknown template "${question.template}"`);
      return fromGenerated({ ...base }, template.generate(question.params, seed), orderSeed);
    }
  }
}

export function fromGenerated(
  base: Pick<Asked, 'question' | 'seed'>,
  g: Generated,
  orderSeed?: number,
): Asked {
  const full = { ...base, prompt: g.prompt, facts: g.facts };
  if (g.form === 'choice')
    return choiceAsked(full, shuffled(base.question, g.choices, g.correct, orderSeed), [g.why]);
  if (g.form === 'numeric') return numberAsked(full, g, [g.why]);
  return routingAsked(full, g);
}
