// Whole screens at a true 80×24, compared character for character with the frames checked
// in under __frames__/ (see README.md there for updating them on purpose). Each frame is
// drawn in colour, as a terminal shows it, and compared without the escape codes: the codes
// must not move a single character. Fixtures are fixed (lessons and questions defined here
// or in test/ui), so only a change of the screens changes these frames.
import { stripVTControlCharacters } from 'node:util';
import chalk from 'chalk';
import { Box } from 'ink';
import type { ReactNode } from 'react';
import stringWidth from 'string-width';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Drill } from '../../../src/quiz/drill.js';
import type { ChoiceQuestion, NumericQuestion } from '../../../src/quiz/types.js';
import { QuizApp } from '../../../src/ui/drill/quiz-app.js';
import { Menu } from '../../../src/ui/menu/menu.js';
import { practiceItems } from '../../../src/ui/menu/menu-items.js';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { Player } from '../../../src/ui/player/player.js';
import { createTheme } from '../../../src/ui/theme/theme.js';
import { ThemeContext } from '../../../src/ui/theme/use-theme.js';
import { COLOUR_CODE } from '../frame.js';
import { KEY, press, tick } from '../keys.js';
import { lessons } from '../lessons.js';
import { BIG_RESTORE, miniLesson } from '../mini-lesson.js';
import { renderInTerminal, type Terminal } from './terminal.js';

const COLUMNS = 80;
const ROWS = 24;

const savedLevel = chalk.level;
beforeEach(() => {
  chalk.level = 3;
});
afterEach(() => {
  chalk.level = savedLevel;
});

const terminals: Terminal[] = [];
afterEach(() => {
  for (const t of terminals.splice(0)) t.unmount();
});

function open(tree: ReactNode): Terminal {
  const t = renderInTerminal(
    <ThemeContext value={createTheme(true)}>{tree}</ThemeContext>,
    COLUMNS,
    ROWS,
  );
  terminals.push(t);
  return t;
}

/**
 * The frame as text, after checking what every screen owes the terminal: colour was drawn,
 * exactly rows − 1 lines (the last row stays free so the terminal does not scroll), none
 * wider than the window.
 */
function screenText(t: Terminal): string {
  const frame = t.lastFrame() ?? '';
  expect(frame).toMatch(COLOUR_CODE);
  const text = stripVTControlCharacters(frame);
  const lines = text.split('\n');
  expect(lines).toHaveLength(ROWS - 1);
  const tooWide = lines.filter((l) => stringWidth(l) > COLUMNS);
  expect(tooWide).toEqual([]);
  return `${text}\n`;
}

const frameFile = (name: string) => `./__frames__/${name}.txt`;

/** Waits until the frame's text (without escape codes) matches `pattern`. */
async function until(t: Terminal, pattern: RegExp, timeout = 5_000): Promise<void> {
  const start = Date.now();
  while (!pattern.test(stripVTControlCharacters(t.lastFrame() ?? ''))) {
    if (Date.now() - start > timeout) throw new Error(`no frame matched ${pattern}`);
    await tick(10);
  }
  await tick(0);
}

describe('the menu at 80×24', () => {
  it('lists Continue, the parts with statuses, the practice entries and the summary', async () => {
    const height = ROWS - 1;
    // As the app draws it (src/ui/app/app.tsx): the menu in a box of the window's size.
    const t = open(
      <Box flexDirection="column" width={COLUMNS} height={height} overflowY="hidden">
        <Menu
          lessons={lessons}
          extras={practiceItems(2)}
          width={COLUMNS}
          height={height}
          onSelect={() => {}}
          onQuit={() => {}}
        />
      </Box>,
    );
    await expect(screenText(t)).toMatchFileSnapshot(frameFile('menu'));
  });
});

describe('the player at 80×24', () => {
  /** The mini lesson (test/ui/mini-lesson.ts), paused, on a clock that moves only when read. */
  function player(): Terminal {
    let wall = 0;
    const driver = new LessonDriver(miniLesson(), undefined, { seed: 1 });
    return open(
      <Player
        driver={driver}
        onBack={() => {}}
        initial={{ paused: true }}
        clock={() => {
          wall += 50;
          return wall;
        }}
        frameMs={5}
      />,
    );
  }

  it('a narration step: the write in flight on the cards, links, lag chart and event log', async () => {
    const t = player();
    await press(t, KEY.enter);
    await press(t, 'n');
    await press(t, 'n');
    await until(t, /on its way/);
    await expect(screenText(t)).toMatchFileSnapshot(frameFile('player-narration'));
  });

  it('a day-long restore: a progress bar with percent, bytes and time left', async () => {
    const driver = new LessonDriver(miniLesson(BIG_RESTORE(true)), undefined, { seed: 1 });
    const progress = () => driver.snapshot().nodes.find((n) => n.id === 'db-02')?.progress;
    for (let i = 0; i < 10_000 && driver.phase === 'running'; i++) {
      driver.tick(50, 1);
      const p = progress();
      if (p && p.doneBytes >= 0.4 * p.totalBytes) break;
    }
    expect(progress()).toBeDefined();
    const t = open(
      <Player
        driver={driver}
        onBack={() => {}}
        initial={{ paused: true }}
        clock={() => 0}
        frameMs={5}
      />,
    );
    await until(t, /left/);
    await expect(screenText(t)).toMatchFileSnapshot(frameFile('player-restore'));
  });

  it('the status view: every node as a monitoring endpoint reports it, in place of the cards', async () => {
    const t = player();
    await press(t, KEY.enter);
    await press(t, 'n');
    await press(t, 'n');
    await until(t, /on its way/);
    await press(t, 't');
    await until(t, /Seconds_Behind_Source/);
    await expect(screenText(t)).toMatchFileSnapshot(frameFile('player-status'));
  });

  it('the feedback to a prediction: points, the run, why, and the stale read in the log', async () => {
    const t = player();
    await press(t, KEY.enter);
    await press(t, 'n');
    await press(t, 'n');
    await press(t, KEY.enter);
    await until(t, /What comes back\?/);
    await press(t, '2');
    await until(t, /Points:/);
    await expect(screenText(t)).toMatchFileSnapshot(frameFile('player-feedback'));
  });
});

describe('the player at 80×24, leaderless', () => {
  // Two home replicas down, so the write goes to c and, as a hint for a, to the fallback d;
  // then b is back, and a second client's blind write is on its way to c (2 s of lag).
  const LEADERLESS = `
id: mini-leaderless
title: Leaderless mini lesson
cluster:
  topology: leaderless
  quorum: {n: 3, w: 2, r: 2, sloppy: true, readRepair: true}
  conflict: siblings
  nodes:
    - {id: a}
    - {id: b}
    - {id: c, lag: 2s}
    - {id: d}
steps:
  - say: "**Welcome.** Three home replicas and a fallback."
  - crash: a
  - crash: b
  - write: {client: you, key: cart, value: milk}
  - restart: b
  - write: {client: bob, key: cart, value: eggs, background: true}
  - wait: 500ms
  - say: "Bob's write is on its way to c."
  - say: The end.
`;

  it('cards with versions, vectors and hints, quorum messages on their way', async () => {
    let wall = 0;
    const driver = new LessonDriver(miniLesson(LEADERLESS), undefined, { seed: 1 });
    const t = open(
      <Player
        driver={driver}
        onBack={() => {}}
        initial={{ paused: true }}
        clock={() => {
          wall += 50;
          return wall;
        }}
        frameMs={5}
      />,
    );
    await press(t, KEY.enter);
    for (let i = 0; i < 7; i++) await press(t, 'n');
    await until(t, /on its way to c/);
    await expect(screenText(t)).toMatchFileSnapshot(frameFile('player-leaderless'));
  });
});

describe('the player at 80×24, multi-leader', () => {
  // Two datacenters and a follower: the laptop and the phone write the same key at once;
  // dc2's clock is 3 s behind, so under LWW the phone's write is discarded. A second key is
  // still on its way to dc1 when the frame is taken.
  const MULTI = `
id: mini-multi
title: Multi-leader mini lesson
cluster:
  topology: multi-leader
  conflict: lww
  nodes:
    - {id: dc1, role: leader, lag: 1s}
    - {id: dc2, role: leader, lag: 1s, clockSkew: -3s}
    - {id: dc2-r, role: follower, upstream: dc2, lag: 200ms}
clients:
  - {id: laptop, home: dc1}
  - {id: phone, home: dc2}
steps:
  - say: "**Welcome.** Two datacenters, a leader in each."
  - write: {client: laptop, key: mtg, value: "10:00"}
  - write: {client: phone, key: mtg, value: "11:00"}
  - wait: 1500ms
  - write: {client: phone, key: room, value: B}
  - wait: 500ms
  - say: "The phone's room is on its way to dc1."
  - say: The end.
`;

  it('cards for leaders and the follower, versions with stamps, links with entries', async () => {
    let wall = 0;
    const driver = new LessonDriver(miniLesson(MULTI), undefined, { seed: 1 });
    const t = open(
      <Player
        driver={driver}
        onBack={() => {}}
        initial={{ paused: true }}
        clock={() => {
          wall += 50;
          return wall;
        }}
        frameMs={5}
      />,
    );
    await press(t, KEY.enter);
    // `n` goes to the next event: entries and deliveries count too.
    for (let i = 0; i < 30 && !/on its way to dc1/.test(t.lastFrame() ?? ''); i++) {
      await press(t, 'n');
    }
    await until(t, /on its way to dc1/);
    await expect(screenText(t)).toMatchFileSnapshot(frameFile('player-multi-leader'));
  });
});

describe('the drill at 80×24', () => {
  const choice: ChoiceQuestion = {
    id: 'failover-timeout',
    topic: 'failover',
    lesson: 'failover',
    difficulty: 2,
    kind: 'choice',
    question:
      'A follower stops hearing heartbeats from the leader. Why should it wait for a timeout before it starts an election, instead of starting one at once?',
    choices: [
      'Elections are expensive, so fewer of them is always better',
      'A slow network or a long garbage-collection pause looks exactly like a dead leader for a while; acting at once turns every hiccup into a failover',
      'The leader needs time to write its last entries to disk',
    ],
    answer: [1],
    model:
      'Because a missing heartbeat is ambiguous: the leader may be dead, or only slow. The timeout trades detection speed against false failovers.',
    explain:
      'Too short a timeout fails over on a load spike and may make things worse; too long leaves writes unavailable for longer.',
    file: 'frames.yaml',
    line: 1,
    col: 1,
  };
  const numeric: NumericQuestion = {
    id: 'quorum-size',
    topic: 'leaderless',
    lesson: 'leaderless',
    difficulty: 1,
    kind: 'numeric',
    question: 'With n = 5 replicas and w = 3, what is the smallest r that makes w + r > n?',
    answer: 3,
    tolerance: 0,
    unit: 'replicas',
    model: 'r = 3: then every read quorum overlaps every write quorum in at least one replica.',
    explain: 'w + r > n means 3 + r > 5, so r ≥ 3.',
    file: 'frames.yaml',
    line: 10,
    col: 1,
  };

  function drill(): Terminal {
    const d = new Drill([choice, numeric], {
      seed: 1,
      startedAt: 0,
      timeLimitMs: 10 * 60_000,
    });
    return open(
      <QuizApp
        drill={d}
        title="Interview drill"
        report={{ lessonAvailable: () => true, timeLimit: '10m' }}
        clock={() => 95_000}
      />,
    );
  }

  it('a question with its choices, progress and time left', async () => {
    const t = drill();
    await until(t, /Why should it wait/);
    await expect(screenText(t)).toMatchFileSnapshot(frameFile('drill-question'));
  });

  it('the feedback to a wrong answer: the right one, the model answer, what to revisit', async () => {
    const t = drill();
    await until(t, /Why should it wait/);
    await press(t, '1');
    await until(t, /Model answer/);
    await expect(screenText(t)).toMatchFileSnapshot(frameFile('drill-feedback'));
  });
});
