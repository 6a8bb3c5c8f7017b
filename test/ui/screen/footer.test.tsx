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
  it('lists every binding of the keymap within 80×24', () => {
    const app = render(<HelpOverlay width={80} height={23} />);
    const frame = app.lastFrame() ?? '';
    // Each description, wrapped in its column: its words in order on consecutive rows.
    const rows = frameLines(frame);
    for (const b of KEYMAP) {
      const first = b.description.split(' ').slice(0, 2).join(' ');
      expect(frame).toContain(first);
      expect(rows.some((r) => r.includes(b.display))).toBe(true);
    }
    expect(frameSize(frame).height).toBeLessThanOrEqual(23);
    expect(frameSize(frame).width).toBeLessThanOrEqual(80);
    expect(frame).not.toContain('…');
    app.unmount();
  });

  it('keeps groups whole in as few columns as fit, wrapping long descriptions', () => {
    const lines = helpLines();
    expect(helpColumns(lines, 100, 70)).toHaveLength(1);
    const cols = helpColumns(lines, 12, 36);
    expect(cols.length).toBeGreaterThan(1);
    for (const col of cols) {
      expect(col.rows.length).toBeLessThanOrEqual(12);
      expect(col.rows[col.rows.length - 1]?.kind).toBe('key');
      for (const r of col.rows) {
        if (r.kind === 'key') expect(col.keyWidth + 2 + r.text.length).toBeLessThanOrEqual(36);
      }
    }
    // A wrapped description reads whole down its rows.
    const texts = cols.flatMap((c) =>
      c.rows.reduce<string[]>((acc, r) => {
        if (r.kind !== 'key') return acc;
        if (r.keys === '' && acc.length > 0) acc[acc.length - 1] += ` ${r.text}`;
        else acc.push(r.text);
        return acc;
      }, []),
    );
    for (const l of lines) if (l.kind === 'key') expect(texts).toContain(l.text);
    // A group starts a column rather than being split when it fits one.
    expect(cols[1]?.rows[0]?.kind).toBe('group');
    const app = render(<HelpOverlay width={80} height={14} />);
    expect(frameSize(app.lastFrame()).height).toBeLessThanOrEqual(14);
    expect(app.lastFrame()).toContain('restart the lesson');
    app.unmount();
  });
});
