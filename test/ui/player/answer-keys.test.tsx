// The key that answers a question is spent on the answer: Enter on a quiz, a prediction or
// a choice shows the feedback and never also continues past it (number keys likewise), in
// the player and in the drill.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { Drill } from '../../../src/quiz/drill.js';
import { QuizApp } from '../../../src/ui/drill/quiz-app.js';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { Player } from '../../../src/ui/player/player.js';
import { choiceQ } from '../../quiz/fixtures.js';
import { flat } from '../frame.js';
import { KEY, press, tick, untilMatch } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

const QUIZ_FIRST = `
id: quiz-first
title: Quiz first
order: 30
minutes: 3
summary: One quiz.
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 1s}
steps:
  - id: q1
    quiz:
      question: Which one?
      choices: [alpha, beta]
      answer: 1
      explain: Beta it is.
  - say: The end of the quiz.
`;

function player(text?: string) {
  const driver = new LessonDriver(miniLesson(text), tempStore());
  const app = render(<Player driver={driver} onBack={vi.fn()} initial={{ paused: true }} />);
  return { app, driver };
}

describe('answering in the player', () => {
  it.each([
    ['Enter on the highlighted choice', KEY.enter, '✗ 1. alpha (your answer)'],
    ['Enter after moving', `${KEY.down}`, '✓ 2. beta (your answer)'],
    ['a number key', '2', '✓ 2. beta (your answer)'],
  ])('a quiz answered with %s shows its feedback and waits', async (_, keys, marked) => {
    const { app, driver } = player(QUIZ_FIRST);
    expect(app.lastFrame()).toContain('Which one?');
    if (keys === KEY.down) {
      await press(app, KEY.down);
      await press(app, KEY.enter);
    } else await press(app, keys);
    await tick(50);
    const frame = app.lastFrame() ?? '';
    expect(frame).toContain('Points:');
    expect(flat(frame)).toContain(marked);
    expect(frame).toContain('Enter ▸ continue');
    expect(frame).not.toContain('The end of the quiz.');
    expect(driver.phase).toBe('feedback');
    // The next Enter continues.
    const next = await press(app, KEY.enter);
    expect(next).toContain('The end of the quiz.');
    app.unmount();
  });

  it('a prediction answered with Enter plays its outcome, then waits at the feedback', async () => {
    const { app, driver } = player();
    await press(app, KEY.enter);
    for (let i = 0; i < 10 && !(app.lastFrame() ?? '').includes('on its way'); i++)
      await press(app, 'n');
    await press(app, KEY.enter);
    expect(app.lastFrame()).toContain('What comes back?');
    await press(app, KEY.enter);
    const frame = await untilMatch(app, /Points:/);
    expect(frame).toContain('✗ 1. Hello (your answer)');
    await tick(100);
    expect(driver.phase).toBe('feedback');
    expect(app.lastFrame()).toContain('Points:');
    app.unmount();
  });

  it('a choice answered with Enter waits at its feedback', async () => {
    const { app, driver } = player();
    await press(app, KEY.enter);
    for (let i = 0; i < 10 && !(app.lastFrame() ?? '').includes('on its way'); i++)
      await press(app, 'n');
    await press(app, KEY.enter);
    await press(app, '2');
    await untilMatch(app, /Points:/);
    await press(app, KEY.enter);
    expect(app.lastFrame()).toContain('Route your read of tweet.');
    await press(app, KEY.enter);
    const frame = await untilMatch(app, /Points:/);
    expect(flat(frame)).toContain('✓ 1. primary (your answer)');
    await tick(100);
    expect(driver.phase).toBe('feedback');
    app.unmount();
  });
});

describe('answering in the drill', () => {
  it('Enter answers and the feedback stays until the next key', async () => {
    const drill = new Drill([choiceQ('a'), choiceQ('b')], { seed: 1, startedAt: 0 });
    const app = render(
      <QuizApp
        drill={drill}
        title="Drill"
        report={{ lessonAvailable: () => false }}
        onExit={vi.fn()}
        clock={() => 0}
      />,
    );
    await press(app, KEY.down);
    let frame = flat(await press(app, KEY.enter));
    expect(frame).toContain('✓ Correct.');
    expect(frame).toContain('Question 1 of 2');
    frame = flat(await press(app, KEY.enter));
    expect(frame).toContain('Question 2 of 2');
    expect(frame).not.toContain('Correct.');
    app.unmount();
  });
});
