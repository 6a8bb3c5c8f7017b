// The drill inside the app: the menu's Quiz drill entry opens the same drill as
// `replication-tutor quiz` (the real bank, default count), q goes back to the menu, Ctrl-C
// quits the app; cards and the drill are saved to the progress file as the command saves
// them. Review lists how many questions are due and drills only those.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { ask, instanceSeed } from '../../src/quiz/ask.js';
import { loadBank } from '../../src/quiz/bank.js';
import { review } from '../../src/quiz/leitner.js';
import { parseTypedNumber } from '../../src/quiz/numeric.js';
import { selectQuestions } from '../../src/quiz/select.js';
import { DEFAULT_COUNT } from '../../src/quiz/start-drill.js';
import { App, type ExitReason, loadedCatalog } from '../../src/ui/app/app.js';
import { menuInput } from '../../src/ui/menu/menu-items.js';
import { flat } from './frame.js';
import { KEY, press, tick, type, until } from './keys.js';
import { miniLesson, tempHome, tempStore } from './mini-lesson.js';

const SEED = 42;
const bank = await loadBank();

interface Saved {
  quiz: {
    cards: Record<string, { box: number; seen: number; lastCorrect: boolean }>;
    drills: { seed: number; score: number; asked: number; review: boolean }[];
  };
}

function setup() {
  const home = tempHome();
  const store = tempStore(home);
  const onExit = vi.fn<(reason: ExitReason) => void>();
  const app = render(
    <App
      catalog={loadedCatalog([miniLesson()])}
      store={store}
      onExit={onExit}
      quiz={{ seed: SEED }}
    />,
  );
  const saved = (): Saved => JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
  return { app, onExit, store, saved };
}

/** The first question the command would ask with --seed 42 on fresh progress, and its answer. */
function firstQuestion(): { id: string; keys: string[] } {
  const [q] = selectQuestions(bank.questions, {
    seed: SEED,
    count: DEFAULT_COUNT,
    now: new Date(),
    cards: {},
    review: false,
  });
  if (!q) throw new Error('empty bank');
  // The drill's seed fixes the order of the choices too.
  const asked = ask(q, instanceSeed(SEED, q.id), SEED);
  const v = asked.grade({ kind: 'skip' });
  const keys =
    asked.form === 'choice'
      ? [String(v.correctChoices[0]! + 1)]
      : [...String(parseTypedNumber(v.expected.split(' (')[0]!)), KEY.enter];
  return { id: q.id, keys };
}

/** From the menu of one lesson: the Quiz drill entry is the one after the lesson. */
async function openDrill(app: ReturnType<typeof render>): Promise<string> {
  await press(app, 'j');
  expect(flat(app.lastFrame())).toMatch(/› +Quiz drill/);
  await press(app, KEY.enter);
  return flat(await until(app, 'answered'));
}

describe('the quiz drill in the app', () => {
  it('menu → Quiz drill → answer → q (report) → q back at the menu, saved like the command', async () => {
    const { app, onExit, saved } = setup();
    const first = firstQuestion();
    let frame = await openDrill(app);
    expect(frame).toContain('Interview drill');
    expect(frame).toContain(`0/${DEFAULT_COUNT} answered`);
    expect(frame).toContain(`Question 1 of ${DEFAULT_COUNT}`);

    frame = flat(await type(app, first.keys.join('')));
    expect(frame).toContain('✓ Correct.');
    // Saved as soon as it is graded, like the command.
    expect(saved().quiz.cards[first.id]).toMatchObject({ box: 2, seen: 1, lastCorrect: true });

    frame = flat(await press(app, 'q'));
    expect(frame).toContain('Score: 1/1');
    expect(frame).toContain('q back to the menu');
    await press(app, 'q');
    frame = await until(app, 'More lessons');
    expect(frame).toContain('More lessons');
    expect(frame).toMatch(/Mini lesson/);
    expect(onExit).not.toHaveBeenCalled();
    expect(saved().quiz.drills).toEqual([
      expect.objectContaining({ seed: SEED, score: 1, asked: 1, review: false }),
    ]);

    // The app goes on: q in the menu quits as usual.
    await press(app, 'q');
    expect(onExit).toHaveBeenCalledWith('quit');
    app.unmount();
  });

  it('Ctrl-C inside the drill ends the app with interrupt, and the drill is saved', async () => {
    const { app, onExit, saved } = setup();
    await openDrill(app);
    await press(app, 's');
    expect(flat(app.lastFrame())).toContain('Not quite');
    app.stdin.write('\u0003');
    await tick(50);
    expect(onExit).toHaveBeenCalledTimes(1);
    expect(onExit).toHaveBeenCalledWith('interrupt');
    const { quiz } = saved();
    expect(Object.values(quiz.cards)).toEqual([expect.objectContaining({ box: 1, seen: 1 })]);
    expect(quiz.drills).toEqual([expect.objectContaining({ score: 0, asked: 1 })]);
    app.unmount();
  });

  it('lists the questions due for review and drills only those', async () => {
    const home = tempHome();
    const store = tempStore(home);
    // Two questions missed an hour ago: both due again (a miss returns after ten minutes).
    const hourAgo = new Date(Date.now() - 3_600_000);
    const [a, b] = bank.questions;
    if (!a || !b) throw new Error('the bank needs two questions');
    for (const q of [a, b]) store.setQuizCard(q.id, review(undefined, false, q.topic, hourAgo));
    const onExit = vi.fn<(reason: ExitReason) => void>();
    const app = render(
      <App catalog={loadedCatalog([miniLesson()])} store={store} onExit={onExit} />,
    );
    expect(app.lastFrame()).toMatch(/Review \(2 due\)/);
    await press(app, 'j');
    await press(app, 'j');
    expect(flat(app.lastFrame())).toMatch(/› +Review \(2 due\)/);
    await press(app, KEY.enter);
    const frame = flat(await until(app, 'answered'));
    expect(frame).toContain('Review');
    expect(frame).toContain('0/2 answered');
    await press(app, 'q');
    expect(flat(await press(app, 'q'))).toContain('More lessons');
    app.unmount();
  });
});

describe('menuInput practice entries', () => {
  it('counts the cards due for review, and disables Review when none is', () => {
    const store = tempStore();
    const now = new Date('2025-03-04T12:00:00Z');
    const extras = () => menuInput([miniLesson()], store, now).extras ?? [];
    expect(extras().map((e) => [e.kind, e.title, e.disabled ?? false])).toEqual([
      ['quiz', undefined, false],
      ['review', 'Review', true],
      ['sandbox', undefined, false],
    ]);
    const missed = review(undefined, false, 'failover', new Date('2025-03-04T11:00:00Z'));
    const learnt = review(undefined, true, 'failover', new Date('2025-03-04T11:00:00Z'));
    store.setQuizCard('a', missed);
    store.setQuizCard('b', learnt);
    expect(extras()[1]).toMatchObject({ kind: 'review', title: 'Review (1 due)', disabled: false });
  });
});
