import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { type ChoiceAnswer, ChoiceList } from '../../../src/ui/choice-list/choice-list.js';
import { flat, frameLines, frameSize } from '../frame.js';
import { KEY, press } from '../keys.js';

const CHOICES = [
  'Async: ack once the leader applied',
  'Sync: ack once every follower received the `entry`, however slow the slowest one is',
  'Semi-sync: ack once one standby received it',
];
const ANSWER: ChoiceAnswer = {
  correct: [2],
  explanation: 'Semi-sync waited for **one** standby: 0 lost writes, 3 ms per write.',
  notes: [undefined, 'one slow follower stalls every write'],
};

function setup(props: { answer?: ChoiceAnswer; height?: number } = {}) {
  const onChoose = vi.fn<(i: number) => void>();
  const onHint = vi.fn();
  const onBack = vi.fn();
  const element = (answer?: ChoiceAnswer) => (
    <ChoiceList
      choices={CHOICES}
      hint="Which mode survives a leader crash *and* a slow follower?"
      width={60}
      height={props.height}
      answer={answer}
      onChoose={onChoose}
      onHint={onHint}
      onBack={onBack}
    />
  );
  const app = render(element(props.answer));
  return {
    app,
    onChoose,
    onHint,
    onBack,
    answerWith: (a: ChoiceAnswer) => app.rerender(element(a)),
  };
}

describe('ChoiceList', () => {
  it('numbers the choices, wraps long ones under their text, highlights the first', () => {
    const { app } = setup();
    const lines = frameLines(app.lastFrame());
    expect(lines[0]).toBe('›   1. Async: ack once the leader applied');
    expect(lines[1]).toMatch(/^ {4}2\. Sync: ack once every follower received the/);
    expect(lines[2]).toMatch(/^ {7}\S/);
    expect(frameSize(app.lastFrame()).width).toBeLessThanOrEqual(60);
    app.unmount();
  });

  it('chooses by number, once', async () => {
    const { app, onChoose } = setup();
    const frame = await press(app, '3');
    expect(onChoose).toHaveBeenCalledWith(2);
    expect(flat(frame)).toContain('Semi-sync: ack once one standby received it (your answer)');
    await press(app, '1');
    await press(app, KEY.enter);
    expect(onChoose).toHaveBeenCalledTimes(1);
    app.unmount();
  });

  it('chooses with arrows or j/k and Enter', async () => {
    const { app, onChoose } = setup();
    await press(app, KEY.down);
    await press(app, 'j');
    await press(app, 'k');
    await press(app, KEY.enter);
    expect(onChoose).toHaveBeenCalledWith(1);
    app.unmount();
  });

  it('shows the hint when h is pressed and reports it', async () => {
    const { app, onHint } = setup();
    expect(app.lastFrame()).not.toContain('Hint:');
    const frame = await press(app, 'h');
    expect(flat(frame)).toContain('Hint: Which mode survives a leader crash and a slow follower?');
    expect(onHint).toHaveBeenCalledTimes(1);
    app.unmount();
  });

  it('after the answer, marks ✓ correct and ✗ the wrong choice made, with notes and explanation', async () => {
    const { app, answerWith } = setup();
    await press(app, '2');
    answerWith(ANSWER);
    const frame = await press(app, 'x');
    const lines = frameLines(frame);
    expect(lines.find((l) => l.includes('2. Sync'))).toMatch(/^ {2}✗ 2\. Sync/);
    expect(lines.find((l) => l.includes('3. Semi-sync'))).toMatch(/^ {2}✓ 3\. Semi-sync/);
    expect(lines.find((l) => l.includes('1. Async'))).toMatch(/^ {4}1\. Async/);
    expect(flat(frame)).toContain('one slow follower stalls every write');
    expect(flat(frame)).toContain(
      'Semi-sync waited for one standby: 0 lost writes, 3 ms per write.',
    );
    app.unmount();
  });

  it('shows a restored answer and ignores choosing keys', async () => {
    const { app, onChoose } = setup({ answer: { ...ANSWER, chosen: 0 } });
    expect(frameLines(app.lastFrame()).find((l) => l.includes('1. Async'))).toMatch(/✗ 1\. Async/);
    await press(app, '3');
    expect(onChoose).not.toHaveBeenCalled();
    app.unmount();
  });

  it('q or Esc goes back', async () => {
    const { app, onBack } = setup();
    await press(app, 'q');
    await press(app, KEY.escape);
    expect(onBack).toHaveBeenCalledTimes(2);
    app.unmount();
  });

  it('cuts to the height', () => {
    const { app } = setup({ answer: { ...ANSWER, chosen: 1 }, height: 4 });
    expect(frameLines(app.lastFrame())).toHaveLength(4);
    app.unmount();
  });
});
