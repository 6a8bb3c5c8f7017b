// Right answers must not be guessable from their length.
//
// Authors write the right answer carefully (qualified, complete, with its mechanism) and
// the distractors quickly, so "pick the longest" used to win almost every question. Lengths
// are counted in characters, with runs of whitespace as one. For the drill's bank, and
// separately for the bundled lessons' quiz and predict steps, grouped by number of choices:
//
// 1. Longest: in how many questions of a group is the strictly longest choice right? The
//    share must stay within chance (k/n for a question with k right among n choices,
//    averaged over the group) plus or minus 0.10; in a group of fewer than ten questions,
//    within one question of chance. Too often, and "pick the longest" wins; too rarely, and
//    "rule out the longest" does.
// 2. Shortest: the same for the strictly shortest choice, so trimming right answers cannot
//    turn one tell into another.
// 3. Outlier: a choice stands out when it is more than 1.5 times the median length of its
//    question's choices. Right choices may stand out at most as often as wrong ones do, plus
//    0.25 of them (at least one; counted over all groups together: a share of choices).
//    The looser margin because a right answer that is merely long among long choices is a
//    weaker tell than rule 1's, and rule 1 already bounds the strongest.
//
// The bounds hold for all files together (a new file is counted without being listed), not
// for each file. A failure names the rule and lists, by file and question id (bank) or step
// label (lessons), the questions to change first.
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/quiz/bank.js';
import type { ChoiceQuestion } from '../../src/quiz/types.js';
import { lessonQuestions } from './bundled-questions.js';

/** One question as the length rules see it. */
interface Measured {
  /** `file id` or `file label`, for the failure message. */
  where: string;
  choices: readonly string[];
  right: readonly number[];
}

const MARGIN = 0.1;
const OUTLIER = 1.5;
const OUTLIER_MARGIN = 0.25;
const OFFENDERS = 12;

const length = (s: string) => s.replace(/\s+/g, ' ').trim().length;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The index of the strictly longest (or shortest) choice, or -1 when two share it. */
function extreme(lengths: readonly number[], pick: (...xs: number[]) => number): number {
  const best = pick(...lengths);
  return lengths.filter((l) => l === best).length === 1 ? lengths.indexOf(best) : -1;
}

const longest = (q: Measured) => extreme(q.choices.map(length), Math.max);
const shortest = (q: Measured) => extreme(q.choices.map(length), Math.min);

/** How much longer the longest right choice is than the longest wrong one. */
function lead(q: Measured): number {
  const lengths = q.choices.map(length);
  const right = Math.max(...q.right.map((i) => lengths[i]!));
  const wrong = Math.max(0, ...lengths.filter((_, i) => !q.right.includes(i)));
  return right / Math.max(1, wrong);
}

/** How much shorter the shortest right choice is than the shortest wrong one (higher: shorter). */
function trail(q: Measured): number {
  const lengths = q.choices.map(length);
  const right = Math.min(...q.right.map((i) => lengths[i]!));
  const wrong = Math.min(...lengths.filter((_, i) => !q.right.includes(i)));
  return wrong / Math.max(1, right);
}

/** A length extreme (rules 1 and 2): which choice it picks, and how strongly a question shows it. */
interface Extreme {
  name: string;
  find: (q: Measured) => number;
  /** Higher: the right answer is further towards this extreme. */
  score: (q: Measured) => number;
  describe: (q: Measured) => string;
}

const LONGEST: Extreme = {
  name: 'longest',
  find: longest,
  score: lead,
  describe: (q) => `right ${lead(q).toFixed(2)}x the longest wrong choice`,
};

const SHORTEST: Extreme = {
  name: 'shortest',
  find: shortest,
  score: trail,
  describe: (q) => `shortest wrong choice ${trail(q).toFixed(2)}x the right one`,
};

/** The first questions to change: the right answer furthest towards the extreme first. */
function offenders(qs: readonly Measured[], rule: Extreme): string {
  return [...qs]
    .sort((a, b) => rule.score(b) - rule.score(a))
    .slice(0, OFFENDERS)
    .map((q) => `    ${q.where} (${rule.describe(q)})`)
    .join('\n');
}

/** Rules 1 and 2: groups, by number of choices, where an extreme choice is right too often or too rarely. */
function extremeRight(qs: readonly Measured[], rule: Extreme): string[] {
  const groups = new Map<number, Measured[]>();
  for (const q of qs) groups.set(q.choices.length, [...(groups.get(q.choices.length) ?? []), q]);
  const out: string[] = [];
  for (const [n, group] of [...groups].sort((a, b) => a[0] - b[0])) {
    const hits = group.filter((q) => q.right.includes(rule.find(q)));
    const misses = group.filter((q) => !hits.includes(q));
    const chance = group.reduce((sum, q) => sum + q.right.length / n, 0) / group.length;
    const slack = Math.max(MARGIN * group.length, 1);
    const most = Math.floor(chance * group.length + slack + 1e-9);
    const least = Math.ceil(chance * group.length - slack - 1e-9);
    const share = `the ${rule.name} choice is right in ${hits.length} of ${group.length} questions (chance ${chance.toFixed(2)} allows ${Math.max(0, least)} to ${most})`;
    if (hits.length > most)
      out.push(`${n} choices: ${share}; change first:\n${offenders(hits, rule)}`);
    if (hits.length < least)
      out.push(
        `${n} choices: ${share}, so it can be ruled out; nearest to it:\n${offenders(misses, rule)}`,
      );
  }
  return out;
}

/** Rule 3: right choices standing out by length more often than wrong ones. */
function outliers(qs: readonly Measured[]): string[] {
  let right = 0;
  let rightOut = 0;
  let wrong = 0;
  let wrongOut = 0;
  const hits: Measured[] = [];
  for (const q of qs) {
    const lengths = q.choices.map(length);
    const limit = OUTLIER * median(lengths);
    lengths.forEach((l, i) => {
      const isRight = q.right.includes(i);
      if (isRight) right++;
      else wrong++;
      if (l <= limit) return;
      if (isRight) rightOut++;
      else wrongOut++;
    });
    if (q.right.some((i) => lengths[i]! > limit)) hits.push(q);
  }
  const wrongShare = wrong === 0 ? 0 : wrongOut / wrong;
  const allowed = Math.floor(wrongShare * right + Math.max(OUTLIER_MARGIN * right, 1) + 1e-9);
  if (rightOut <= allowed) return [];
  return [
    `${rightOut} of ${right} right choices are over ${OUTLIER}x their question's median length (wrong choices: ${wrongOut} of ${wrong}, so ${allowed} allowed); change first:\n${offenders(hits, LONGEST)}`,
  ];
}

function lengthTells(qs: readonly Measured[]): string[] {
  return [...extremeRight(qs, LONGEST), ...extremeRight(qs, SHORTEST), ...outliers(qs)];
}

const bank = await loadBank();
const bankQuestions: Measured[] = bank.questions
  .filter((q): q is ChoiceQuestion => q.kind === 'choice')
  .map((q) => ({ where: `${q.file} ${q.id}`, choices: q.choices, right: q.answer }));

/** The right answer padded to be by far the longest choice. */
function padded(qs: readonly Measured[]): Measured[] {
  return qs.map((q) => {
    const choices = [...q.choices];
    const r = q.right[0]!;
    choices[r] = `${choices[r]}, ${'and the reason why it is so, '.repeat(6)}`;
    return { ...q, choices };
  });
}

/** The right answers cut to one character: the shortest choice everywhere. */
function cut(qs: readonly Measured[]): Measured[] {
  return qs.map((q) => ({
    ...q,
    choices: q.choices.map((c, i) => (q.right.includes(i) ? 'x' : c)),
  }));
}

/** Every rule notices both ways of giving the answer away, and names the questions. */
function noticesTells(qs: readonly Measured[]) {
  const long = padded(qs);
  expect(extremeRight(long, LONGEST).join('\n')).toMatch(
    /choices: the longest choice is right in \d+ of \d+ questions .*; change first:\n {4}lessons\/\S+\.yaml \S+ \(right \d+\.\d\dx/,
  );
  expect(extremeRight(long, SHORTEST).join('\n')).toMatch(
    /shortest choice .* so it can be ruled out/,
  );
  expect(outliers(long).join('\n')).toMatch(/right choices are over 1.5x/);
  const short = cut(qs);
  expect(extremeRight(short, SHORTEST).join('\n')).toMatch(/shortest choice .*; change first/);
  expect(extremeRight(short, LONGEST).join('\n')).toMatch(
    /longest choice .* so it can be ruled out/,
  );
}

describe('answer lengths in the bank', () => {
  it('has the choice questions of every bank file', () => {
    expect(bankQuestions.length).toBeGreaterThan(20);
    const files = new Set(bankQuestions.map((q) => q.where.split(' ')[0]));
    const withChoices = bank.files.filter((f) => f.questions.some((q) => q.kind === 'choice'));
    expect(files.size).toBe(withChoices.length);
  });

  it('keeps the right answer the longest, the shortest and an outlier about as often as chance', () => {
    expect(lengthTells(bankQuestions)).toEqual([]);
  });

  it('notices a bank whose right answers are padded or cut', () => {
    noticesTells(bankQuestions);
  });
});

describe("answer lengths in the lessons' quiz and predict steps", async () => {
  const questions: Measured[] = (await lessonQuestions())
    .filter((q) => q.kind === 'quiz' || q.kind === 'predict')
    .map((q) => ({ where: `${q.file} ${q.label}`, choices: q.labels, right: q.allRight }));

  it('finds the quiz and predict steps of every bundled lesson', () => {
    expect(questions.length).toBeGreaterThan(40);
    expect(new Set(questions.map((q) => q.where.split(' ')[0])).size).toBeGreaterThan(5);
  });

  it('keeps the right answer the longest, the shortest and an outlier about as often as chance', () => {
    expect(lengthTells(questions)).toEqual([]);
  });

  it('notices lessons whose right answers are padded or cut', () => {
    noticesTells(questions);
  });
});

describe('the length rules themselves', () => {
  const q = (choices: string[], right: number[]): Measured => ({
    where: 'x.yaml q',
    choices,
    right,
  });

  it('counts no extreme when two choices share the longest or shortest length', () => {
    const tie = q(['aaaa', 'bbbb', 'cc', 'dd'], [0]);
    expect(longest(tie)).toBe(-1);
    expect(shortest(tie)).toBe(-1);
    expect(longest(q(['aaaa', 'bbbbb', 'cc'], [1]))).toBe(1);
  });

  it('lets a small group sit one question away from chance', () => {
    // One 5-choice question whose right answer is the longest: chance is 0.2 of a question.
    expect(lengthTells([q(['aa', 'bbbbbb', 'cc', 'dd', 'ee'], [1])])).toEqual([]);
    const two = [
      q(['aa', 'bbbbbb', 'cc', 'dd', 'ee'], [1]),
      q(['aaaaaa', 'b', 'cc', 'dd', 'ee'], [0]),
    ];
    expect(extremeRight(two, LONGEST).join('\n')).toMatch(
      /right in 2 of 2 questions \(chance 0.20 allows 0 to 1\)/,
    );
  });
});
