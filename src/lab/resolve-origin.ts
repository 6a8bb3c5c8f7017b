// A command-line argument → where a session starts: nothing (the default preset), a preset
// name, or a lesson id or file (its cluster, or the moment before a given step). For
// `sandbox [lesson-or-preset]` and `serve [cluster]`.
import { resolveLesson } from '../lesson/catalog/catalog.js';
import type { LessonProblem } from '../lesson/format/load.js';
import { nearest } from '../lesson/format/suggest.js';
import {
  type LabOrigin,
  type LessonMoment,
  originFromLesson,
  originFromPreset,
} from './lab-origin.js';
import { DEFAULT_PRESET, findPreset, PRESET_NAMES } from './presets.js';

export type OriginResult =
  | { ok: true; origin: LabOrigin /** A preset name or lesson id. */; label: string }
  | {
      ok: false;
      /** One line: what was wrong. */
      message: string;
      /** A broken lesson file's problems (file:line:col), when that is what was wrong. */
      problems: LessonProblem[];
    };

function looksLikePath(arg: string): boolean {
  return arg.includes('/') || arg.includes('\\') || /\.ya?ml$/i.test(arg);
}

export async function resolveOrigin(
  arg: string | undefined,
  moment: LessonMoment = {},
): Promise<OriginResult> {
  const name = arg ?? DEFAULT_PRESET;
  if (findPreset(name))
    return { ok: true, origin: originFromPreset(name, moment.seed), label: name };
  const near = nearest(name, PRESET_NAMES);
  if (near !== undefined && !looksLikePath(name)) {
    return {
      ok: false,
      message: `unknown preset "${name}" (did you mean "${near}"?)`,
      problems: [],
    };
  }
  const r = await resolveLesson(name);
  if (r.ok) return { ok: true, origin: originFromLesson(r.lesson, moment), label: r.lesson.id };
  const [first, ...rest] = r.errors;
  if (first && first.file === '' && rest.length === 0) {
    // An unknown id: it may have been meant as a preset.
    return {
      ok: false,
      message: `${first.message}; presets: ${PRESET_NAMES.join(', ')}`,
      problems: [],
    };
  }
  return {
    ok: false,
    message: `${name}: the lesson has ${r.errors.length} error(s); fix them, or run 'replication-tutor validate ${name}'`,
    problems: r.errors,
  };
}
