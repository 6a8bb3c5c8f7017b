// The menu as data: its entries (continue, lessons by part, extras), the filter, the cursor,
// and a pure reducer over them. The view renders rows; the key hook dispatches actions.

export type LessonStatus = 'new' | 'in-progress' | 'done';

export interface LessonItem {
  id: string;
  title: string;
  /** The part's heading, e.g. "Part 1 — Leaders and followers". */
  part: string;
  /** Position in the menu: the curriculum's lessons first, then the others. */
  order: number;
  /** The lesson's number in the curriculum (shown); none for a lesson outside it. */
  number?: number;
  minutes: number;
  summary: string;
  status: LessonStatus;
  bestScore?: number;
  max?: number;
  /** For a lesson in progress: the step to resume at (1-based). */
  step?: number;
}

export type ExtraKind = 'quiz' | 'review' | 'sandbox';

export interface ExtraItem {
  kind: ExtraKind;
  title?: string;
  summary?: string;
  /** Shown but not selectable; the reason is printed, e.g. "coming soon". */
  disabled?: boolean;
  reason?: string;
}

/** A code challenge: solved in an editor and graded by the CLI, so the menu says how. */
export interface ChallengeItem {
  id: string;
  title: string;
  summary: string;
  /** init, run and replay, as typed in a terminal. */
  commands: readonly string[];
  passed: boolean;
}

export type MenuEntry =
  | { kind: 'continue'; lesson: LessonItem; step?: number }
  | { kind: 'lesson'; lesson: LessonItem }
  | { kind: ExtraKind; item: ExtraItem }
  | { kind: 'challenge'; challenge: ChallengeItem };

export interface MenuInput {
  lessons: readonly LessonItem[];
  extras?: readonly ExtraItem[];
  challenges?: readonly ChallengeItem[];
  /** The lesson last played, preferred for "Continue" when it is in progress. */
  lastPlayedId?: string;
}

export type MenuRow =
  | { kind: 'header'; text: string }
  | { kind: 'entry'; entry: MenuEntry; selectable: boolean };

export interface MenuState {
  /** Index among the selectable entries of the visible rows. */
  cursor: number;
  /** null: not filtering; a string (maybe empty): the filter being typed. */
  filter: string | null;
  /** The key help is open over the menu. */
  help: boolean;
}

export type MenuAction =
  | { type: 'move'; delta: number }
  | { type: 'start-filter' }
  | { type: 'type'; text: string }
  | { type: 'erase' }
  | { type: 'clear-filter' }
  | { type: 'toggle-help' };

export const INITIAL_MENU: MenuState = { cursor: 0, filter: null, help: false };

export const EXTRA_TITLES: Record<ExtraKind, string> = {
  quiz: 'Quiz drill',
  review: 'Review',
  sandbox: 'Sandbox',
};

export function entryTitle(entry: MenuEntry): string {
  switch (entry.kind) {
    case 'continue':
      return `Continue: ${entry.lesson.title}${entry.step === undefined ? '' : ` (step ${entry.step})`}`;
    case 'lesson':
      return entry.lesson.number === undefined
        ? entry.lesson.title
        : `${entry.lesson.number}. ${entry.lesson.title}`;
    case 'challenge':
      return entry.challenge.title;
    default:
      return entry.item.title ?? EXTRA_TITLES[entry.kind];
  }
}

export function entrySummary(entry: MenuEntry): string {
  switch (entry.kind) {
    case 'continue':
    case 'lesson':
      return entry.lesson.summary;
    case 'challenge':
      return challengeSummary(entry.challenge);
    default:
      return entry.item.summary ?? '';
  }
}

/** What to write, whether it passed, and the commands (the work happens in an editor). */
export function challengeSummary(c: ChallengeItem): string {
  const [init, run, replay] = c.commands;
  return [
    `${c.summary} ${c.passed ? '**Passed.**' : 'Not passed yet.'} In a terminal:`,
    '',
    `- \`${init}\``,
    `- \`${run}\``,
    `- \`${replay}\``,
  ].join('\n');
}

export function continueEntry(input: MenuInput): MenuEntry | undefined {
  const inProgress = input.lessons.filter((l) => l.status === 'in-progress');
  const lesson =
    inProgress.find((l) => l.id === input.lastPlayedId) ??
    [...inProgress].sort((a, b) => a.order - b.order)[0];
  return lesson ? { kind: 'continue', lesson, step: lesson.step } : undefined;
}

/** Every word of the query appears in the entry's title, id or part (case-insensitive). */
export function matchesFilter(entry: MenuEntry, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay =
    entry.kind === 'lesson' || entry.kind === 'continue'
      ? `${entry.lesson.title} ${entry.lesson.id} ${entry.lesson.part}`
      : entry.kind === 'challenge'
        ? `${entry.challenge.title} ${entry.challenge.id} challenges`
        : `${entryTitle(entry)} ${entry.kind}`;
  const lower = hay.toLowerCase();
  return words.every((w) => lower.includes(w));
}

/** The menu's rows for the current filter: headers, then entries. */
export function menuRows(input: MenuInput, filter: string | null): MenuRow[] {
  const rows: MenuRow[] = [];
  const query = filter ?? '';
  const filtering = query.trim() !== '';
  const cont = continueEntry(input);
  // While filtering the continue entry would only duplicate its lesson.
  if (cont && !filtering) rows.push({ kind: 'entry', entry: cont, selectable: true });

  const lessons = [...input.lessons].sort((a, b) => a.order - b.order);
  let part: string | undefined;
  for (const lesson of lessons) {
    const entry: MenuEntry = { kind: 'lesson', lesson };
    if (!matchesFilter(entry, query)) continue;
    if (lesson.part !== part) {
      part = lesson.part;
      rows.push({ kind: 'header', text: part });
    }
    rows.push({ kind: 'entry', entry, selectable: true });
  }

  const extras = (input.extras ?? [])
    .map((item): MenuEntry => ({ kind: item.kind, item }))
    .filter((e) => matchesFilter(e, query));
  if (extras.length > 0) {
    rows.push({ kind: 'header', text: 'Practice' });
    for (const entry of extras) {
      const disabled =
        entry.kind !== 'continue' &&
        entry.kind !== 'lesson' &&
        entry.kind !== 'challenge' &&
        entry.item.disabled;
      rows.push({ kind: 'entry', entry, selectable: !disabled });
    }
  }

  const challenges = (input.challenges ?? [])
    .map((challenge): MenuEntry => ({ kind: 'challenge', challenge }))
    .filter((e) => matchesFilter(e, query));
  if (challenges.length > 0) {
    rows.push({ kind: 'header', text: 'Challenges — write the code, graded over 1,000 seeds' });
    for (const entry of challenges) rows.push({ kind: 'entry', entry, selectable: true });
  }
  return rows;
}

export function selectableEntries(rows: readonly MenuRow[]): MenuEntry[] {
  return rows.flatMap((r) => (r.kind === 'entry' && r.selectable ? [r.entry] : []));
}

/** The highlighted entry and its row; the cursor is clamped to the selectable entries. */
export function focusedRow(
  rows: readonly MenuRow[],
  cursor: number,
): { entry?: MenuEntry; row: number } {
  let seen = 0;
  let last: { entry?: MenuEntry; row: number } = { row: -1 };
  for (const [i, r] of rows.entries()) {
    if (r.kind !== 'entry' || !r.selectable) continue;
    last = { entry: r.entry, row: i };
    if (seen === Math.max(0, cursor)) return last;
    seen += 1;
  }
  return last;
}

/** The highlighted entry, if any entry is selectable. */
export function highlighted(input: MenuInput, state: MenuState): MenuEntry | undefined {
  return focusedRow(menuRows(input, state.filter), state.cursor).entry;
}

export function reduceMenu(state: MenuState, action: MenuAction, input: MenuInput): MenuState {
  switch (action.type) {
    case 'move': {
      const count = selectableEntries(menuRows(input, state.filter)).length;
      if (count === 0) return state;
      const cursor = Math.min(Math.max(0, state.cursor), count - 1);
      // Wrap around at both ends.
      return { ...state, cursor: (((cursor + action.delta) % count) + count) % count };
    }
    case 'start-filter':
      return state.filter === null ? { ...state, cursor: 0, filter: '' } : state;
    case 'type':
      return { ...state, cursor: 0, filter: (state.filter ?? '') + action.text };
    case 'erase':
      if (state.filter === null) return state;
      return { ...state, cursor: 0, filter: Array.from(state.filter).slice(0, -1).join('') };
    case 'clear-filter':
      return { ...state, cursor: 0, filter: null };
    case 'toggle-help':
      return { ...state, help: !state.help };
  }
}
