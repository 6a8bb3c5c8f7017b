import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterPane } from '../../../src/ui/cluster/cluster-pane.js';
import { applyColorChoice, colorWanted, createTheme, STATUS } from '../../../src/ui/theme/theme.js';
import { ThemeContext } from '../../../src/ui/theme/use-theme.js';
import { threeNodes } from '../fixtures.js';
import { COLOUR_CODE } from '../frame.js';

const savedLevel = chalk.level;
afterEach(() => {
  chalk.level = savedLevel;
});

describe('colour switch', () => {
  it('turns colour off for NO_COLOR (non-empty) and for --no-color', () => {
    expect(colorWanted({}, [])).toBe(true);
    expect(colorWanted({ NO_COLOR: '1' }, [])).toBe(false);
    expect(colorWanted({ NO_COLOR: '' }, [])).toBe(true);
    expect(colorWanted({}, ['node', 'cli.js', '--no-color'])).toBe(false);
  });

  it('sets chalk.level to 0 when colour is off, and the theme gives no colours', () => {
    chalk.level = 3;
    const theme = applyColorChoice(false);
    expect(chalk.level).toBe(0);
    expect(theme.color('danger')).toBeUndefined();
    expect(createTheme(true).color('danger')).toBe('red');
  });

  it('gives every node status a glyph and a label', () => {
    for (const marker of Object.values(STATUS)) {
      expect(marker.glyph.length).toBeGreaterThan(0);
      expect(marker.label.length).toBeGreaterThan(0);
    }
  });
});

describe('rendering with colour off', () => {
  function frame(colour: boolean): string {
    // Force chalk on, so only the theme decides whether colour codes appear.
    chalk.level = 3;
    const app = render(
      <ThemeContext value={createTheme(colour)}>
        <ClusterPane snapshot={threeNodes} width={80} height={20} />
      </ThemeContext>,
    );
    const out = app.lastFrame() ?? '';
    app.unmount();
    return out;
  }

  it('prints no colour codes but keeps every status label and glyph', () => {
    const plain = frame(false);
    expect(plain).not.toMatch(COLOUR_CODE);
    expect(plain).toContain('● leading');
    expect(plain).toContain('▶ streaming');
    expect(plain).toContain('↻ catching up');
  });

  it('does print colour codes when colour is on (so the check above can fail)', () => {
    expect(frame(true)).toMatch(COLOUR_CODE);
  });
});
