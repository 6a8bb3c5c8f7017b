// The curriculum manifest (lessons/curriculum.json): its parts, the lessons of each in order,
// and the question-bank topics each lesson covers. The menu's headings and order, the drill's
// topic names and "revisit lesson N" all come from it, so adding a lesson touches lessons/
// only. It is read synchronously and once: it is small, shipped with the package, and the
// menu's first frame needs it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from './lesson-paths.js';

export interface CurriculumLesson {
  id: string;
  title: string;
  /** 1-based position across all parts. */
  number: number;
  part: string;
  /** The bank topics this lesson covers (default: its id). */
  quizTopics: readonly string[];
}

export interface Curriculum {
  parts: readonly { title: string; lessons: readonly CurriculumLesson[] }[];
  lessons: readonly CurriculumLesson[];
}

export const OUTSIDE_CURRICULUM = 'More lessons';

export class CurriculumError extends Error {}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function fail(file: string, where: string, expected: string): never {
  throw new CurriculumError(`${file}: ${where}: expected ${expected}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the manifest's shape; every problem names its place (`parts[1].lessons[0].id`). */
export function parseCurriculum(text: string, file = 'curriculum.json'): Curriculum {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    fail(file, 'the file', `JSON (${(e as Error).message})`);
  }
  if (!isRecord(doc) || !Array.isArray(doc.parts) || doc.parts.length === 0)
    fail(file, 'parts', 'a non-empty list of parts');
  const seen = new Set<string>();
  const lessons: CurriculumLesson[] = [];
  const parts = doc.parts.map((p: unknown, i: number) => {
    const at = `parts[${i}]`;
    if (!isRecord(p) || typeof p.title !== 'string' || p.title.trim() === '')
      fail(file, `${at}.title`, 'a part title');
    if (!Array.isArray(p.lessons)) fail(file, `${at}.lessons`, 'a list of lessons');
    const title = p.title;
    const list = p.lessons.map((l: unknown, j: number) => {
      const lat = `${at}.lessons[${j}]`;
      if (!isRecord(l) || typeof l.id !== 'string' || !ID.test(l.id))
        fail(file, `${lat}.id`, 'a kebab-case lesson id');
      if (seen.has(l.id)) fail(file, `${lat}.id`, `an id not listed before ("${l.id}" is)`);
      seen.add(l.id);
      if (typeof l.title !== 'string' || l.title.trim() === '')
        fail(file, `${lat}.title`, 'a lesson title');
      const topics = l.quizTopics ?? [l.id];
      if (!Array.isArray(topics) || topics.some((t) => typeof t !== 'string' || !ID.test(t)))
        fail(file, `${lat}.quizTopics`, 'a list of kebab-case topic ids');
      const lesson: CurriculumLesson = {
        id: l.id,
        title: l.title,
        number: lessons.length + 1,
        part: title,
        quizTopics: topics as string[],
      };
      lessons.push(lesson);
      return lesson;
    });
    return { title, lessons: list };
  });
  return { parts, lessons };
}

let cached: Curriculum | undefined;

/** The curriculum shipped with the package. */
export function curriculum(): Curriculum {
  if (cached) return cached;
  const root = findPackageRoot();
  const file = join(root ?? process.cwd(), 'lessons', 'curriculum.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CurriculumError(`${file}: cannot read the curriculum manifest`);
  }
  cached = parseCurriculum(text, file);
  return cached;
}

/** Where a lesson sits in the curriculum, if it is part of it. */
export function placeOf(id: string, c: Curriculum = curriculum()): CurriculumLesson | undefined {
  return c.lessons.find((l) => l.id === id);
}

/** The lesson that covers a bank topic (or is that id), if any. */
export function lessonForTopic(
  topic: string,
  c: Curriculum = curriculum(),
): CurriculumLesson | undefined {
  return (
    c.lessons.find((l) => l.id === topic) ?? c.lessons.find((l) => l.quizTopics.includes(topic))
  );
}

/**
 * Curriculum order: lessons of the manifest by their place in it, then the others by their
 * `order` key and id.
 */
export function curriculumOrder(
  a: { id: string; order: number },
  b: { id: string; order: number },
): number {
  const pa = placeOf(a.id)?.number ?? Number.POSITIVE_INFINITY;
  const pb = placeOf(b.id)?.number ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.order - b.order || a.id.localeCompare(b.id);
}
