import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { KEYMAP } from '../../../src/ui/keys/keymap.js';
import { Footer, footerItems } from '../../../src/ui/screen/footer.js';
import { HelpOverlay, helpColumns, helpLines } from '../../../src/ui/screen/help-overlay.js';
import { frameLines, frameSize } from '../frame.js';

describe('Footer', () => {
  it('shows the main player keys and the status on one line', () => {
    const app = render(<Footer context="player" width={100} status="▶ playing · 2×" />);
    const frame = app.lastFrame() ?? '';
    expect(frameLines(frame)).toHaveLength(1);
    for (const part of [
      'space pause',
      '→/n next',
      '←/p prev',
      '+/- speed',
      '? help',
      'q/Esc back',
    ]) {
      expect(frame).toContain(part);
    }
    expect(frame).toMatch(/▶ playing · 2×$/);
    app.unmount();
  });

  it('drops less important keys when narrow but always keeps help and back', () => {
    const items = footerItems('player', 30);
    const text = items.map((i) => `${i.keys} ${i.label}`).join('  ');
    expect(text.length).toBeLessThanOrEqual(30);
    expect(text).toContain('? help');
    expect(text).toContain('q/Esc back');
    expect(footerItems('player', 200).length).toBeGreaterThan(items.length);
  });

  it('says quit for q in the menu', () => {
    const text = footerItems('menu', 80).map((i) => `${i.keys} ${i.label}`);
    expect(text).toContain('q/Esc quit');
    expect(text).toContain('/ filter');
  });
});

describe('HelpOverlay', () => {
  it('lists every binding of the keymap', () => {
    const app = render(<HelpOverlay width={80} height={24} />);
    const frame = app.lastFrame() ?? '';
    for (const b of KEYMAP) expect(frame).toContain(b.description);
    expect(frameSize(frame).height).toBeLessThanOrEqual(24);
    expect(frameSize(frame).width).toBeLessThanOrEqual(80);
    app.unmount();
  });

  it('uses two columns when one does not fit the height', () => {
    const lines = helpLines();
    expect(helpColumns(lines, 100)).toHaveLength(1);
    const cols = helpColumns(lines, 10);
    expect(cols.length).toBeGreaterThan(1);
    for (const col of cols) {
      expect(col.length).toBeLessThanOrEqual(10);
      expect(col[col.length - 1]?.kind).toBe('key');
    }
    const app = render(<HelpOverlay width={80} height={14} />);
    expect(frameSize(app.lastFrame()).height).toBeLessThanOrEqual(14);
    expect(app.lastFrame()).toContain('restart the lesson');
    app.unmount();
  });
});
