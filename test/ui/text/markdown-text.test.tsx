import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { MarkdownText } from '../../../src/ui/text/markdown-text.js';
import { createTheme } from '../../../src/ui/theme/theme.js';
import { ThemeContext } from '../../../src/ui/theme/use-theme.js';
import { frameLines, frameSize } from '../frame.js';

const STORY = [
  'The **leader** acknowledged the write before any follower had it.',
  '',
  '- `replica-1` was 5 s behind',
  '- the *tweet* was lost',
].join('\n');

describe('MarkdownText', () => {
  it('renders paragraphs and lists within the width', () => {
    const app = render(<MarkdownText text={STORY} width={30} />);
    const frame = app.lastFrame();
    expect(frame).toContain('The leader acknowledged the');
    expect(frame).toContain('• replica-1 was 5 s behind');
    expect(frameSize(frame).width).toBeLessThanOrEqual(30);
    app.unmount();
  });

  it('cuts to the height with a line saying how much more there is', () => {
    const app = render(<MarkdownText text={STORY} width={30} height={3} />);
    const lines = frameLines(app.lastFrame());
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/↓ \d+ more lines?/);
    app.unmount();
  });

  it('scrolls by offset', () => {
    const app = render(<MarkdownText text={STORY} width={30} offset={4} />);
    expect(frameLines(app.lastFrame())[0]).toContain('replica-1');
    app.unmount();
  });

  it('keeps code recognisable without colour', () => {
    const app = render(
      <ThemeContext value={createTheme(false)}>
        <MarkdownText text={STORY} width={40} />
      </ThemeContext>,
    );
    expect(app.lastFrame()).toContain('`replica-1`');
    app.unmount();
  });
});
