// The sandbox as a new user sees it, drawn into true-size terminals: 80×24 (the least the
// screens need) and 100×30, after the lost-tweet sequence (a write, a stale read of the
// replica 5 s behind, then the error of a mistyped command). Compared without colour codes
// to the files under __frames__/ (see README.md there); every frame is rows − 1 lines, none
// wider than the window.
import { stripVTControlCharacters } from 'node:util';
import chalk from 'chalk';
import stringWidth from 'string-width';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { originFromPreset } from '../../../src/lab/lab-origin.js';
import { Sandbox } from '../../../src/ui/sandbox/sandbox.js';
import { SandboxDriver } from '../../../src/ui/sandbox/sandbox-driver.js';
import { createTheme } from '../../../src/ui/theme/theme.js';
import { ThemeContext } from '../../../src/ui/theme/use-theme.js';
import { COLOUR_CODE } from '../frame.js';
import { KEY, press, tick, type } from '../keys.js';
import { renderInTerminal, type Terminal } from './terminal.js';

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

/** The lost tweet played on the driver by hand (virtual time moves only here). */
function lostTweet(): SandboxDriver {
  const d = new SandboxDriver(originFromPreset(), { label: 'three-node-async' });
  d.submit('write tweet hello');
  d.advanceTo(1500);
  d.submit('read tweet from replica-2');
  d.advanceTo(2500);
  return d;
}

function open(driver: SandboxDriver, columns: number, rows: number): Terminal {
  const t = renderInTerminal(
    <ThemeContext value={createTheme(true)}>
      <Sandbox driver={driver} onBack={() => {}} initial={{ paused: true }} />
    </ThemeContext>,
    columns,
    rows,
  );
  terminals.push(t);
  return t;
}

function screenText(t: Terminal, columns: number, rows: number): string {
  const frame = t.lastFrame() ?? '';
  expect(frame).toMatch(COLOUR_CODE);
  const text = stripVTControlCharacters(frame);
  const lines = text.split('\n');
  expect(lines).toHaveLength(rows - 1);
  expect(lines.filter((l) => stringWidth(l) > columns)).toEqual([]);
  return `${text}\n`;
}

describe('the sandbox frames', () => {
  it('80×24: the stale read in the transcript and the log, an error under the line', async () => {
    const t = open(lostTweet(), 80, 24);
    await tick(20);
    await type(t, 'crash replca-1');
    await press(t, KEY.enter);
    const text = screenText(t, 80, 24);
    expect(text).toContain('⚠ stale');
    expect(text).toMatch(/\^{8} unknown node "replca-1"/);
    await expect(text).toMatchFileSnapshot('./__frames__/sandbox-80x24.txt');
  });

  it('100×30: the cards, the candidates of Tab', async () => {
    const t = open(lostTweet(), 100, 30);
    await tick(20);
    await type(t, 'read tweet from ');
    await press(t, '\t');
    const text = screenText(t, 100, 30);
    expect(text).toContain('Tab: primary  replica-1  replica-2');
    await expect(text).toMatchFileSnapshot('./__frames__/sandbox-100x30.txt');
  });

  it('the help at 80×24 lists the keys and the commands, and scrolls', async () => {
    const t = open(lostTweet(), 80, 24);
    await tick(20);
    let text = screenText(t, 80, 24);
    text = stripVTControlCharacters(await press(t, '?'));
    expect(text).toContain('Single keys (press Esc first)');
    expect(text).toMatch(/more lines/);
    await press(t, '\u001B[6~');
    text = screenText(t, 80, 24);
    expect(text).toContain('write <key> <value>');
    await expect(text).toMatchFileSnapshot('./__frames__/sandbox-help-80x24.txt');
  });
});
