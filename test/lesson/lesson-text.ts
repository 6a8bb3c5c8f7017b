// Small valid lesson files for catalog and CLI tests.
export interface LessonText {
  id: string;
  title?: string;
  order?: number;
  minutes?: number;
  summary?: string;
}

export function lessonText(l: LessonText): string {
  return [
    `id: ${l.id}`,
    `title: ${l.title ?? `Lesson ${l.id}`}`,
    ...(l.order === undefined ? [] : [`order: ${l.order}`]),
    ...(l.minutes === undefined ? [] : [`minutes: ${l.minutes}`]),
    ...(l.summary === undefined ? [] : [`summary: ${JSON.stringify(l.summary)}`]),
    'topics: [replication-lag]',
    'cluster:',
    '  nodes:',
    '    - {id: primary, role: leader}',
    '    - {id: replica-1, role: follower, lag: 2s}',
    'steps:',
    '  - say: Hello.',
    '',
  ].join('\n');
}
