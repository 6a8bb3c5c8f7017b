// The player (Ink) shows a lesson's escape sequences visibly: the lesson it gets from the
// loader holds none, so no frame can carry a window-title, clipboard or clear-screen sequence.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import { LessonDriver } from '../../src/ui/player/lesson-driver.js';
import { Player } from '../../src/ui/player/player.js';
import { createTheme } from '../../src/ui/theme/theme.js';
import { ThemeContext } from '../../src/ui/theme/use-theme.js';
import { KEY, press } from '../ui/keys.js';

const EVIL = `
id: evil
title: "Evil \\e]0;pwned\\a title"
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: replica}
steps:
  - say: "Hello \\e]52;c;aGVsbG8=\\a and \\x9b2J and \\e[2J and \\r done"
  - id: q1
    quiz:
      question: "Pick \\e]0;q\\a"
      choices: ["a\\e[1m", "b\\x07"]
      answer: 0
`;

/** A window-title or clipboard sequence, BEL, a screen clear, or a C1 control. */
const ESC = String.fromCharCode(27);
const HARMFUL = new RegExp(`${ESC}\\]|${ESC}\\[2J|[\\u0007\\u0080-\\u009f]`);

describe('the player with a lesson full of escape sequences', () => {
  it('draws them as visible characters, never as sequences', async () => {
    const r = parseLessonText(EVIL, 'evil.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
    const driver = new LessonDriver(r.lesson, undefined);
    const app = render(
      <ThemeContext value={createTheme(false)}>
        <Player driver={driver} onBack={() => {}} initial={{ paused: true }} />
      </ThemeContext>,
    );
    const first = app.lastFrame() ?? '';
    expect(first).toContain('␛]52;c;aGVsbG8=␇');
    expect(first).not.toMatch(HARMFUL);
    const question = await press(app, KEY.enter);
    expect(question).toContain('Pick ␛]0;q␇');
    for (const frame of app.frames) expect(frame).not.toMatch(HARMFUL);
    app.unmount();
  });
});
