// A line fitted here draws exactly what Ink draws for <Text wrap="truncate-end">, so a pane
// can hand Ink a same-width stand-in to measure instead of the line itself.
import chalk from 'chalk';
import { Box, renderToString, Text, Transform } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { fitLine, lineWidth, sideBySide } from '../../../src/ui/text/line-fit.js';
import { composeRuns, type Paint } from '../../../src/ui/text/paint.js';
import { type PaintedLine, PaintedLines } from '../../../src/ui/text/painted-lines.js';
import { COLOUR_CODE } from '../frame.js';

const savedLevel = chalk.level;
afterEach(() => {
  chalk.level = savedLevel;
  delete process.env.INK_SCREEN_READER;
});

const runs = composeRuns([
  { text: 'db-a', paint: { bold: true, color: 'yellow' } },
  ' ',
  { text: '● leading', paint: { color: 'green' } },
  ' e1  715/715   ',
  { text: 'k15="v715" k14="v714"', paint: { dimColor: true } },
]);

const LINES: PaintedLine[] = [
  { text: 'plain ascii' },
  { text: runs },
  { text: runs, paint: { color: 'cyan' } },
  { text: 'db-a ──▸ db-b  1 entry in flight (LSN 715), next in 0ms', paint: { color: 'gray' } },
  { text: '漢字と絵文字 🎉 are wide: cut in the middle of one', paint: { bold: true } },
  { text: 'e\u0301 combining marks take no column' },
];

/** The line as a <Text> in a box, the way panes drew it before. */
function viaText(line: PaintedLine, width: number): string {
  return renderToString(
    <Box width={width}>
      <Text wrap="truncate-end" {...line.paint}>
        {line.text}
      </Text>
    </Box>,
  );
}

/** The fitted line written over a stand-in of its width. */
function viaStandIn(line: PaintedLine, width: number): string {
  const fitted = fitLine(line, width);
  if (!fitted) return viaText(line, width);
  return renderToString(
    <Box width={width}>
      <Transform transform={() => fitted.styled}>{' '.repeat(fitted.width)}</Transform>
    </Box>,
  );
}

describe('fitLine', () => {
  it('draws what a <Text wrap="truncate-end"> draws, cut or not, colour on and off', () => {
    let fitted = 0;
    for (const level of [3, 0] as const) {
      chalk.level = level;
      for (const line of LINES) {
        for (const width of [1, 2, 7, 12, 25, 33, 40, 80]) {
          expect(viaStandIn(line, width), `${line.text} at ${width}`).toBe(viaText(line, width));
          if (fitLine(line, width)) fitted++;
        }
      }
    }
    // All went through the stand-in but the wide line cut at 2 and 12 columns, where the
    // wide character before the cut leaves it one column wider than the box.
    expect(fitted).toBe(2 * (LINES.length * 8 - 2));
  });

  it('gives the drawn width, never more than the box', () => {
    expect(fitLine({ text: 'abc' }, 10)).toEqual({ styled: 'abc', width: 3 });
    expect(fitLine({ text: 'abcdef' }, 4)).toEqual({ styled: 'abc…', width: 4 });
    expect(fitLine({ text: '漢字漢字' }, 5)?.width).toBeLessThanOrEqual(5);
  });

  it('restyles a line drawn before when colour was switched since', () => {
    const line = { text: 'db-a ──▸ db-b  idle', paint: { color: 'gray' } };
    chalk.level = 3;
    expect(fitLine(line, 40)?.styled).toMatch(COLOUR_CODE);
    chalk.level = 0;
    expect(fitLine(line, 40)?.styled).toBe('db-a ──▸ db-b  idle');
  });

  it('leaves to Ink what only Ink handles exactly', () => {
    expect(fitLine({ text: 'two\nlines' }, 20)).toBeUndefined();
    expect(fitLine({ text: `cursor ${String.fromCharCode(27)}[2J moves` }, 40)).toBeUndefined();
    expect(fitLine({ text: 'tab\there' }, 40)).toBeUndefined();
    expect(fitLine({ text: 'anything' }, 0)).toBeUndefined();
    // Cut to two columns, a wide character and the ellipsis still take three.
    expect(fitLine({ text: '漢字漢字' }, 2)).toBeUndefined();
  });
});

describe('sideBySide', () => {
  it('gives each line its width when they fit in the row, else nothing', () => {
    const paint: Paint = { dimColor: true };
    const left = { text: 'The Lost Tweet' };
    const right = { text: 'step 6/51 · score 2/16', paint };
    expect(sideBySide([left, right], 80)).toEqual([14, 22]);
    expect(sideBySide([left, right], 36)).toEqual([14, 22]);
    expect(sideBySide([left, right], 35)).toBeUndefined();
    expect(lineWidth(composeRuns([{ text: '●', paint: { color: 'red' } }, ' x']))).toBe(3);
  });
});

describe('PaintedLines', () => {
  it('draws its lines as <Text>s would, and screen readers read their text', () => {
    chalk.level = 3;
    const expected = renderToString(
      <Box flexDirection="column" width={30}>
        {LINES.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
          <Text key={i} wrap="truncate-end" {...l.paint}>
            {l.text}
          </Text>
        ))}
      </Box>,
    );
    expect(renderToString(<PaintedLines lines={LINES} width={30} />)).toBe(expected);
    process.env.INK_SCREEN_READER = 'true';
    const app = render(<PaintedLines lines={[{ text: 'db-a ──▸ db-b  idle' }]} width={10} />);
    expect(app.lastFrame()).toContain('db-a ──▸ db-b  idle');
    app.unmount();
  });
});
