// paint and composeRuns style text exactly as Ink's <Text> does, so a pane can hand Ink one
// pre-composed string per line and the screen stays byte for byte the same.
import chalk from 'chalk';
import { renderToString, Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { composeRuns, type Paint, paint, runsText } from '../../../src/ui/text/paint.js';
import { COLOUR_CODE } from '../frame.js';

const savedLevel = chalk.level;
afterEach(() => {
  chalk.level = savedLevel;
});

const PAINTS: Paint[] = [
  {},
  { bold: true },
  { dimColor: true },
  { color: 'yellow' },
  { color: 'blueBright', bold: true },
  { color: 'cyan', italic: true },
  { color: 'red', dimColor: true, bold: true, inverse: true },
  { bold: true, inverse: false, color: undefined },
];

describe('paint', () => {
  it('styles text as a <Text> with the same props draws it', () => {
    chalk.level = 3;
    for (const p of PAINTS) {
      const viaText = renderToString(<Text {...p}>db-a ● leading</Text>);
      const viaPaint = renderToString(<Text>{paint('db-a ● leading', p)}</Text>);
      expect(viaPaint).toBe(viaText);
    }
    expect(paint('x', { color: 'yellow' })).toMatch(COLOUR_CODE);
  });

  it('leaves empty text empty, and text alone with colour off', () => {
    chalk.level = 3;
    expect(paint('', { bold: true, color: 'red' })).toBe('');
    chalk.level = 0;
    expect(paint('plain', { bold: true, color: 'red' })).toBe('plain');
  });

  it('ignores a colour chalk does not know, as Ink does', () => {
    chalk.level = 3;
    expect(paint('x', { color: 'no-such-colour' })).toBe('x');
  });
});

describe('composeRuns', () => {
  it('draws runs as one <Text> holding a styled <Text> per run, cut the same way', () => {
    chalk.level = 3;
    const viaText = renderToString(
      <Text wrap="truncate-end">
        <Text dimColor>t=1.000s</Text> <Text color="green">{'✓  '}</Text>
        <Text color="yellow" bold>
          ⚠ stale —{' '}
        </Text>
        c0 read k1 from db-b, a long line that is cut at the edge of the box
      </Text>,
      { columns: 40 },
    );
    const runs = [
      { text: 't=1.000s', paint: { dimColor: true } },
      ' ',
      { text: '✓  ', paint: { color: 'green' } },
      { text: '⚠ stale — ', paint: { color: 'yellow', bold: true } },
      'c0 read k1 from db-b, a long line that is cut at the edge of the box',
    ];
    const viaRuns = renderToString(<Text wrap="truncate-end">{composeRuns(runs)}</Text>, {
      columns: 40,
    });
    expect(viaRuns).toBe(viaText);
    expect(runsText(runs)).toBe(
      't=1.000s ✓  ⚠ stale — c0 read k1 from db-b, a long line that is cut at the edge of the box',
    );
  });
});
