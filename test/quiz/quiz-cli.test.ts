// `replication-tutor quiz` as a user runs it, through the built CLI (node scripts/build.mjs
// first) with a temporary home: a whole drill in plain mode, saved cards and drills, review,
// listing, export, bad flags, and `validate` covering the bank.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ask, instanceSeed } from '../../src/quiz/ask.js';
import { loadBank } from '../../src/quiz/bank.js';
import { parseTypedNumber } from '../../src/quiz/numeric.js';
import { selectQuestions } from '../../src/quiz/select.js';
import { runBuiltCli } from '../run-cli.js';

let home = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'rt-quiz-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const env = () => ({ REPLICATION_TUTOR_HOME: home });
const quiz = (args: string[], input = '') => runBuiltCli(['quiz', ...args], { input, env: env() });
const bank = await loadBank();

/** What a learner who knows every answer types for this seed and count (fresh progress). */
function rightAnswers(seed: number, count: number): string[] {
  const qs = selectQuestions(bank.questions, {
    seed,
    count,
    now: new Date(),
    cards: {},
    review: false,
  });
  return qs.map((q) => {
    // --seed fixes the order of the choices too.
    const asked = ask(q, instanceSeed(seed, q.id), seed);
    const v = asked.grade({ kind: 'skip' });
    if (asked.form === 'choice') return String(v.correctChoices[0]! + 1);
    return String(parseTypedNumber(v.expected.split(' (')[0]!));
  });
}

function progress(): {
  version: number;
  quiz: {
    cards: Record<string, { box: number; lastCorrect: boolean; due: string }>;
    drills: { score: number; asked: number; seed: number }[];
  };
} {
  return JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
}

describe('quiz in plain mode', () => {
  it('runs a whole drill from a pipe: every answer right scores N/N and is saved', () => {
    const answers = rightAnswers(42, 12);
    const r = quiz(['--seed', '42', '--count', '12'], `${answers.join('\n')}\n`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Interview drill: 12 questions, seed 42 (repeat with --seed 42).');
    expect(r.stdout).toContain('[12/12] ');
    expect(r.stdout).not.toContain('Not quite');
    expect(r.stdout).toContain('Score: 12/12');
    expect(r.stdout).toContain('Weakest topics: none, every topic answered right.');
    const saved = progress();
    expect(saved.version).toBe(2);
    expect(Object.keys(saved.quiz.cards)).toHaveLength(12);
    expect(Object.values(saved.quiz.cards).every((c) => c.box === 2 && c.lastCorrect)).toBe(true);
    expect(saved.quiz.drills).toEqual([
      expect.objectContaining({ seed: 42, score: 12, asked: 12 }),
    ]);
  });

  it('is the same drill for the same seed, with generated questions drawn from it', () => {
    const a = quiz(['--seed', '9', '--count', '30'], '');
    const b = quiz(['--seed', '9', '--count', '30'], '');
    const first = (out: string) => out.split('\n').slice(0, 12).join('\n');
    expect(first(a.stdout)).toBe(first(b.stdout));
    expect(a.stdout).toContain('Question: ');
  });

  it('reports wrong answers by topic with the lesson to revisit, and brings them back on review', () => {
    const r = quiz(
      ['--seed', '5', '--count', '3', '--topic', 'lost-tweet', '--difficulty', 'easy'],
      's\ns\ns\n',
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Score: 0\/\d/);
    expect(r.stdout).toContain('Weakest topics: lesson 3, The Lost Tweet (read-your-writes)');
    expect(r.stdout).toContain(
      'lesson 3, The Lost Tweet (read-your-writes): replication-tutor play lost-tweet',
    );
    // Missed questions are due again in ten minutes, not now.
    const early = quiz(['--review'], '');
    expect(early.status).toBe(0);
    expect(early.stdout).toMatch(
      /^Nothing is due for review\. The next question is due at \d{4}-\d\d-\d\d \d\d:\d\d\.\n$/,
    );
    // Ten minutes later (moved by hand), review drills exactly those questions.
    const file = join(home, 'progress.json');
    const data = progress();
    for (const c of Object.values(data.quiz.cards)) c.due = '2020-01-01T00:00:00.000Z';
    writeFileSync(file, JSON.stringify(data));
    const missed = Object.keys(data.quiz.cards).length;
    const review = quiz(['--review', '--seed', '1'], '');
    expect(review.stdout).toContain(`Review: ${missed} question${missed === 1 ? '' : 's'}`);
  });

  it('ends at the end of input with what was answered saved, exit 0', () => {
    const answers = rightAnswers(8, 10);
    const r = quiz(['--seed', '8'], `${answers.slice(0, 4).join('\n')}\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Input ended after 4 of 10 questions.');
    expect(r.stdout).toContain('Score: 4/4');
    expect(Object.keys(progress().quiz.cards)).toHaveLength(4);
  });

  it('upgrades a version-1 progress file, keeping its lessons', () => {
    const v1 = {
      version: 1,
      updatedAt: '2025-01-01T10:00:00.000Z',
      lessons: {
        'lost-tweet': {
          status: 'done',
          score: 2,
          max: 2,
          best: null,
          lastStep: null,
          answers: [],
          attempts: 1,
          startedAt: null,
          finishedAt: null,
          updatedAt: '2025-01-01T10:00:00.000Z',
        },
      },
    };
    writeFileSync(join(home, 'progress.json'), JSON.stringify(v1));
    const r = quiz(['--seed', '3', '--count', '1'], 's\n');
    expect(r.stderr).toBe('');
    const saved = progress() as unknown as { version: number; lessons: object };
    expect(saved.version).toBe(2);
    expect(saved.lessons).toEqual(v1.lessons);
  });
});

describe('quiz --list and --export', () => {
  it('--list prints one question per line', () => {
    const r = quiz(['--list']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(bank.questions.length);
    expect(lines.find((l) => l.startsWith('replication-goals '))).toMatch(
      /^replication-goals\s+why-replicate\s+easy\s+choice\s+An interviewer asks what replication is for\./,
    );
  });

  it('--list --json prints JSON Lines with id, topic, difficulty, kind and question', () => {
    const r = quiz(['--list', '--json', '--topic', 'leaderless']);
    const rows = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.length).toBe(bank.questions.filter((q) => q.topic === 'leaderless').length);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['id', 'topic', 'difficulty', 'kind', 'question']);
      expect(row.topic).toBe('leaderless');
    }
  });

  it('--export writes the bank as Markdown with answers, model answers and explanations', () => {
    const file = join(home, 'bank.md');
    const r = quiz(['--export', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`Wrote ${bank.questions.length} questions to ${file}\n`);
    const md = readFileSync(file, 'utf8');
    expect(md.match(/^### /gm)).toHaveLength(bank.questions.length);
    expect(md).toContain('## Lesson 15, Leaderless quorums');
    expect(md).toContain('### smallest-r-n5-w3 · easy · numeric');
    expect(md).toContain('**Answer:** 3');
    expect(md).toContain('**Model answer (20 seconds):**');
    expect(md).toContain('**Explanation.**');
    expect(md).toMatch(
      /### ryw-route-read · medium · routing[\s\S]*?\*\*Answer:\*\* \d\. replica-\d/,
    );
  });

  it('--export --missed writes only the questions last answered wrongly', () => {
    quiz(['--seed', '2', '--count', '2'], 's\ns\n');
    const missed = Object.keys(progress().quiz.cards);
    const file = join(home, 'missed.md');
    const r = quiz(['--export', file, '--missed']);
    expect(r.stdout).toBe(`Wrote 2 questions to ${file}\n`);
    const md = readFileSync(file, 'utf8');
    expect(md).toContain('The questions you last answered wrongly.');
    for (const id of missed) expect(md).toContain(`### ${id} `);
    expect(md.match(/^### /gm)).toHaveLength(2);
  });
});

describe('quiz flags', () => {
  it.each([
    [['--count', '0'], '--count: expected a whole number from 1 to 1000, found "0"'],
    [['--count', 'ten'], '--count: expected a whole number from 1 to 1000, found "ten"'],
    [['--time-limit', '10'], '--time-limit: expected a duration like 10m, 90s or 1h, found "10"'],
    [
      ['--difficulty', 'extreme'],
      '--difficulty: expected easy, medium, hard (or 1, 2, 3), found "extreme"',
    ],
    [['--topic', 'failovr'], '--topic: unknown topic "failovr" (did you mean "failover"?'],
    [['--seed', 'abc'], '--seed: expected a whole number from 0 to 999999999, found "abc"'],
    [['--missed'], '--missed only goes with --export FILE.md'],
    [['--json'], '--json only goes with --list'],
    [['--list', '--export', 'x.md'], '--list and --export cannot be used together'],
    [['--list', '--count', '5'], '--count is for drills and does not go with --list'],
  ])('%j is one line and exit 2', (args, message) => {
    const r = quiz(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`replication-tutor: ${message}`);
  });

  it('an unknown flag is a usage error, exit 2', () => {
    const r = quiz(['--shuffle']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--shuffle'");
  });

  it('filters that match nothing are exit 2', () => {
    const lessons = join(home, 'lessons');
    mkdirSync(join(lessons, 'quiz'), { recursive: true });
    writeFileSync(
      join(lessons, 'quiz', 'one.yaml'),
      'topic: failover\nquestions:\n  - id: x\n    difficulty: easy\n    kind: choice\n    question: Q?\n    choices: [a, b]\n    answer: 1\n    model: M.\n    explain: E.\n',
    );
    const run = (args: string[]) =>
      runBuiltCli(['quiz', ...args], { env: { ...env(), REPLICATION_TUTOR_LESSONS: lessons } });
    expect(run(['--list']).stdout).toMatch(/^x\s+failover\s+easy\s+choice\s+Q\?$/m);
    const r = run(['--topic', 'failover', '--difficulty', 'hard', '--count', '1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'replication-tutor: no questions match --topic failover --difficulty hard\n',
    );
  });

  it('a broken bank is reported file:line:col, exit 2', () => {
    const lessons = join(home, 'lessons');
    mkdirSync(join(lessons, 'quiz'), { recursive: true });
    writeFileSync(join(lessons, 'quiz', 'bad.yaml'), 'topic: failover\nquestions: []\n');
    const r = runBuiltCli(['quiz', '--list'], {
      env: { ...env(), REPLICATION_TUTOR_LESSONS: lessons },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.yaml:2:12: questions: expected at least 1 item, found 0');
    expect(r.stderr).toContain(
      "the question bank has 1 error(s); run 'replication-tutor validate'",
    );
  });
});

describe('validate covers the bank', () => {
  // The default run checking the bank is asserted with the whole curriculum's run, in
  // test/cli/validate.test.ts (one run of every lesson instead of two).
  it('validates a file under quiz/ as a bank file, with file:line:col errors', () => {
    const dir = join(home, 'quiz');
    mkdirSync(dir);
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      'topic: failover\nquestions:\n  - id: x\n    difficulty: easy\n    kind: choice\n    question: Q?\n    choices: [a, b]\n    answer: 5\n    model: M.\n    explain: E.\n',
    );
    const r = runBuiltCli(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `${file}:8:13: questions[0].answer: answer 5 is out of range: the 2 choices are numbered 0 to 1`,
    );
    expect(r.stdout).toContain('0 of 1 quiz bank file(s) valid (0 questions)');
  });
});
