// What a question template is: a parameter schema (checked when the bank loads, so a bad
// range is a file:line:col error) and a generator from (parameters, seed) to one question.
// Generators are pure: the same parameters and seed always give the same question, read off
// a simulation they build themselves.
import type { z } from 'zod';
import { humanIssueMessage } from '../../lesson/format/schema-messages.js';
import type { RouteGoal } from '../../lesson/format/types.js';
import type { Simulation, Value } from '../../sim/index.js';

interface GeneratedBase {
  /** The question, with the numbers of this instance (Markdown inline). */
  prompt: string;
  /** State of the cluster the learner reasons about, one line each. */
  facts: string[];
  /** Why the answer is what it is, with this instance's numbers. */
  why: string;
  /** The simulation the question was read from, so tests can re-run it independently. */
  sim?: Simulation;
}

export interface GeneratedChoice extends GeneratedBase {
  form: 'choice';
  choices: string[];
  /** 0-based indexes of the correct choices. */
  correct: number[];
}

export interface GeneratedNumeric extends GeneratedBase {
  form: 'numeric';
  answer: number;
  tolerance: number;
  unit?: string;
}

export type RouteOp = { kind: 'read'; key: string } | { kind: 'write'; key: string; value: Value };

/** A question answered by doing: the chosen node runs `op` and a checker judges it. */
export interface GeneratedRouting extends GeneratedBase {
  form: 'routing';
  sim: Simulation;
  client: string;
  op: RouteOp;
  goal: RouteGoal;
  /** The leader counts only when no replica meets the goal (its capacity is the scarce one). */
  preferReplica: boolean;
  /** Node ids, one per choice. */
  nodes: string[];
  /** The choices the generator expects to be right, from its own reading of the state. */
  expected: number[];
}

export type Generated = GeneratedChoice | GeneratedNumeric | GeneratedRouting;

export type TemplateKind = 'scenario' | 'routing';

export interface TemplateDef<P> {
  id: string;
  kind: TemplateKind;
  /** One line for the bank author: what it asks. */
  summary: string;
  params: z.ZodType<P>;
  generate(params: P, seed: number): Generated;
}

export type ParamsCheck = { ok: true } | { ok: false; issues: readonly z.core.$ZodIssue[] };

/** A template with its parameter type hidden, so the registry can hold them all. */
export interface Template {
  id: string;
  kind: TemplateKind;
  summary: string;
  checkParams(raw: unknown): ParamsCheck;
  generate(raw: unknown, seed: number): Generated;
}

export function defineTemplate<P>(def: TemplateDef<P>): Template {
  return {
    id: def.id,
    kind: def.kind,
    summary: def.summary,
    checkParams(raw) {
      const r = def.params.safeParse(raw ?? {}, { error: humanIssueMessage, reportInput: true });
      return r.success ? { ok: true } : { ok: false, issues: r.error.issues };
    },
    generate(raw, seed) {
      // The loader has checked the parameters; a failure here is a bug, not a bad file.
      return def.generate(def.params.parse(raw ?? {}), seed);
    },
  };
}
