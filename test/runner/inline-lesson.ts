// Parses an inline lesson for runner tests, failing loudly on load errors.
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import type { Lesson } from '../../src/lesson/format/types.js';

export function lesson(yaml: string, file = 'inline.yaml'): Lesson {
  const r = parseLessonText(yaml, file);
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.lesson;
}
