import { render } from 'ink-testing-library';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { CommandContext } from '../../../src/lesson/commands/command-context.js';
import { parseCommand } from '../../../src/lesson/commands/parse-command.js';
import {
  CommandLine,
  type CommandLineError,
  commandLineRows,
  rowsText,
  visibleSpan,
} from '../../../src/ui/command-line/command-line.js';
import {
  type CommandLineState,
  initialCommandLine,
  reduceCommandLine,
} from '../../../src/ui/command-line/command-line-state.js';
import { createTheme } from '../../../src/ui/theme/theme.js';
import { frameLines } from '../frame.js';
import { KEY, press, type } from '../keys.js';

const CTX: CommandContext = {
  nodes: ['primary', 'replica-1', 'replica-2'],
  clients: ['you'],
  keys: ['tweet'],
  backups: [],
};
const THEME = createTheme(false);
const TAB = '\t';

function state(text: string, cursor = text.length): CommandLineState {
  return { ...reduceCommandLine(initialCommandLine(), { type: 'set', text }), cursor };
}

/** A host as a screen would be: parse on Enter, show the error, keep a refused line. */
function Host({ onCommand }: { onCommand: (line: string) => void }) {
  const [error, setError] = useState<CommandLineError>();
  return (
    <CommandLine
      context={CTX}
      width={50}
      detailRows={2}
      placeholder="type a command"
      error={error}
      onSubmit={(line) => {
        const r = parseCommand(line, CTX);
        if (!r.ok) {
          setError({ line, ...r.error });
          return false;
        }
        setError(undefined);
        onCommand(r.command.text);
        return true;
      }}
    />
  );
}

describe('command line rows', () => {
  it('shows the prompt, the text and a cursor cell at the end', () => {
    const rows = rowsText(commandLineRows({ state: state('crash'), width: 40 }, THEME));
    expect(rows).toEqual(['› crash ', '']);
  });

  it('shows the placeholder in an empty line and the hint below', () => {
    const rows = rowsText(
      commandLineRows(
        { state: state(''), width: 40, placeholder: 'type a command', hint: 'Tab completes' },
        THEME,
      ),
    );
    expect(rows).toEqual(['›  type a command', 'Tab completes']);
  });

  it('puts carets under the wrong word and the message after them', () => {
    const line = 'crash replca-1';
    const r = parseCommand(line, CTX);
    if (r.ok) throw new Error('expected an error');
    const rows = rowsText(
      commandLineRows({ state: state(line), width: 80, error: { line, ...r.error } }, THEME),
    );
    expect(rows[0]).toBe('› crash replca-1 ');
    expect(rows[1]).toBe(
      `${' '.repeat(8)}^^^^^^^^ unknown node "replca-1" (did you mean "replica-1"?)`,
    );
  });

  it('wraps a long message over the detail rows and cuts the rest with …', () => {
    const error = {
      line: 'write',
      from: 0,
      to: 5,
      message:
        'write: expected a key (usage: write <key> <value> [via <node>] [as <client>] [size <size>])',
    };
    const rows = rowsText(
      commandLineRows({ state: state('write'), width: 40, error, detailRows: 2 }, THEME),
    );
    expect(rows[1]).toMatch(/^ {2}\^{5} write: expected a key/);
    expect(rows[2]).toMatch(/…$/);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(40);
  });

  it('drops the carets once the line was edited, keeping the message dim', () => {
    const error = { line: 'crash x', from: 6, to: 7, message: 'unknown node' };
    const rows = rowsText(commandLineRows({ state: state('crash xy'), width: 40, error }, THEME));
    expect(rows[1]).toBe('✗ unknown node');
  });

  it('lists the candidates with "+N more" when they do not fit', () => {
    const menu = {
      candidates: Array.from({ length: 30 }, (_, i) => `replica-${i}`),
      before: 'crash ',
      after: '',
      index: 1,
    };
    const rows = rowsText(
      commandLineRows(
        { state: { ...state('crash replica-1'), menu }, width: 60, detailRows: 2 },
        THEME,
      ),
    );
    expect(rows[1]).toMatch(/^Tab: replica-0 {2}replica-1 {2}/);
    expect(rows[2]).toMatch(/\+\d+ more$/);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(60);
  });

  it('scrolls a long line so the cursor stays in view, marking the cut', () => {
    const text = `write tweet ${'x'.repeat(60)}`;
    const end = rowsText(commandLineRows({ state: state(text), width: 30 }, THEME))[0]!;
    expect(end.startsWith('› …')).toBe(true);
    expect(end.length).toBeLessThanOrEqual(30);
    expect(end.endsWith('x ')).toBe(true);
    const start = rowsText(commandLineRows({ state: state(text, 0), width: 30 }, THEME))[0]!;
    expect(start.startsWith('› write tweet')).toBe(true);
    expect(start.endsWith('…')).toBe(true);
    expect(start.length).toBeLessThanOrEqual(30);
  });

  it('visibleSpan keeps the cursor inside the span for every position', () => {
    const text = 'partition primary | replica-1 replica-2';
    for (let c = 0; c <= text.length; c++) {
      const s = visibleSpan(text, c, 12);
      expect(c).toBeGreaterThanOrEqual(s.start);
      expect(c).toBeLessThanOrEqual(s.end);
    }
  });
});

describe('CommandLine', () => {
  it('types, completes with Tab, and submits a parsed command', async () => {
    const onCommand = vi.fn();
    const app = render(<Host onCommand={onCommand} />);
    await type(app, 'cra');
    await press(app, TAB);
    await type(app, 'rep');
    let frame = await press(app, TAB);
    expect(frame).toContain('crash replica-');
    expect(frame).toContain('Tab: replica-1  replica-2');
    await press(app, TAB);
    frame = await press(app, TAB);
    expect(frameLines(frame)[0]).toBe('› crash replica-2');
    await press(app, KEY.enter);
    expect(onCommand).toHaveBeenCalledWith('crash replica-2');
    expect(frameLines(app.lastFrame())[0]).toBe('›  type a command');
    app.unmount();
  });

  it('keeps a refused line with the wrong word marked; ↑ brings lines back', async () => {
    const onCommand = vi.fn();
    const app = render(<Host onCommand={onCommand} />);
    await type(app, 'crash replca-1');
    let frame = await press(app, KEY.enter);
    expect(onCommand).not.toHaveBeenCalled();
    const lines = frameLines(frame);
    expect(lines[0]).toBe('› crash replca-1');
    expect(lines[1]).toMatch(/^ {8}\^{8} unknown node "replca-1"/);
    // Fix it in place: the carets go, the command runs.
    for (let i = 0; i < 'replca-1'.length; i++) await press(app, KEY.backspace);
    await type(app, 'replica-1');
    frame = await press(app, KEY.enter);
    expect(onCommand).toHaveBeenCalledWith('crash replica-1');
    frame = await press(app, KEY.up);
    expect(frameLines(frame)[0]).toBe('› crash replica-1');
    frame = await press(app, KEY.up);
    expect(frameLines(frame)[0]).toBe('› crash replca-1');
    frame = await press(app, KEY.down);
    frame = await press(app, KEY.down);
    expect(frameLines(frame)[0]).toBe('›  type a command');
    app.unmount();
  });

  it('edits with the line editor keys (Ctrl-A, Ctrl-W, Ctrl-E)', async () => {
    const app = render(<Host onCommand={() => {}} />);
    await type(app, 'read tweet from replica-2');
    await press(app, '\u0017'); // Ctrl-W
    await press(app, '\u0001'); // Ctrl-A
    let frame = await press(app, 'x');
    expect(frameLines(frame)[0]).toBe('› xread tweet from');
    await press(app, '\u0004'); // Ctrl-D: the character under the cursor
    frame = await press(app, KEY.backspace);
    expect(frameLines(frame)[0]).toBe('› ead tweet from');
    await press(app, '\u0005'); // Ctrl-E
    frame = await type(app, 'primary');
    expect(frameLines(frame)[0]).toBe('› ead tweet from primary');
    app.unmount();
  });
});
