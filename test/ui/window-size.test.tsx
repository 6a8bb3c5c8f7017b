import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { isTooSmall, TooSmall } from '../../src/ui/screen/too-small.js';
import { readWindowSize, useWindowSize } from '../../src/ui/screen/use-window-size.js';
import { tick } from './keys.js';

function Size() {
  const { columns, rows } = useWindowSize();
  return <Text>{`${columns}x${rows}`}</Text>;
}

describe('useWindowSize', () => {
  it('defaults a missing dimension to 80×24', () => {
    expect(readWindowSize({})).toEqual({ columns: 80, rows: 24 });
    expect(readWindowSize({ columns: 120, rows: 40 })).toEqual({ columns: 120, rows: 40 });
    expect(readWindowSize({ columns: 0, rows: undefined })).toEqual({ columns: 80, rows: 24 });
  });

  it('reads the stream (ink-testing-library reports 100 columns and no rows)', () => {
    const app = render(<Size />);
    expect(app.lastFrame()).toBe('100x24');
    app.unmount();
  });

  it('follows resize events', async () => {
    const app = render(<Size />);
    Object.defineProperty(app.stdout, 'columns', { value: 90, configurable: true });
    Object.defineProperty(app.stdout, 'rows', { value: 30, configurable: true });
    app.stdout.emit('resize');
    await tick(10);
    expect(app.lastFrame()).toBe('90x30');
    app.unmount();
  });
});

describe('TooSmall', () => {
  it('decides by both dimensions', () => {
    expect(isTooSmall({ columns: 80, rows: 24 })).toBe(false);
    expect(isTooSmall({ columns: 79, rows: 40 })).toBe(true);
    expect(isTooSmall({ columns: 200, rows: 23 })).toBe(true);
  });

  it('says what size is needed and what it is now', () => {
    const app = render(<TooSmall size={{ columns: 60, rows: 20 }} />);
    expect(app.lastFrame()).toContain('Enlarge the window to at least 80×24 (now 60×20)');
    app.unmount();
  });
});
