// The compact history must read back exactly the events that were recorded, in order, with
// the same fields (and key order, which trace hashes depend on) as plain event objects.
import { describe, expect, it } from 'vitest';
import { History, NO_NODE } from '../../src/sim/history.js';
import type { HistoryEvent } from '../../src/sim/types.js';

function filled(): { h: History; expected: HistoryEvent[] } {
  const names = ['primary', 'replica-1'];
  const h = new History(names);
  h.op(0, 0, 'invoke');
  h.message(1, 'send', 0, 1, 'entry', 1);
  h.push({ t: 2, type: 'fault', fault: 'crash', node: 'replica-1' });
  h.message(3, 'deliver', NO_NODE, 1, 'entry', 1);
  h.message(4, 'send', 1, 0, 'ack', 7);
  h.message(5, 'drop', 0, 1, 'heartbeat', undefined);
  h.op(6, 0, 'info');
  h.op(7, 1, 'fail');
  h.op(8, 2, 'ok');
  const expected: HistoryEvent[] = [
    { t: 0, type: 'op', op: 0, phase: 'invoke' },
    { t: 1, type: 'send', from: 'primary', to: 'replica-1', msg: 'entry', lsn: 1 },
    { t: 2, type: 'fault', fault: 'crash', node: 'replica-1' },
    { t: 3, type: 'deliver', from: '?', to: 'replica-1', msg: 'entry', lsn: 1 },
    { t: 4, type: 'send', from: 'replica-1', to: 'primary', msg: 'ack', lsn: 7 },
    { t: 5, type: 'drop', from: 'primary', to: 'replica-1', msg: 'heartbeat', lsn: undefined },
    { t: 6, type: 'op', op: 0, phase: 'info' },
    { t: 7, type: 'op', op: 1, phase: 'fail' },
    { t: 8, type: 'op', op: 2, phase: 'ok' },
  ];
  return { h, expected };
}

describe('History', () => {
  it('reads back every kind of event as recorded, in order', () => {
    const { h, expected } = filled();
    expect(h.length).toBe(expected.length);
    expect([...h]).toEqual(expected);
    expect(h.toArray()).toEqual(expected);
    expect(JSON.stringify(h)).toBe(JSON.stringify(expected));
  });

  it('indexes like an array: at(), negative indexes, slice(), times without building events', () => {
    const { h, expected } = filled();
    expect(h.at(1)).toEqual(expected[1]);
    expect(h.at(-1)).toEqual(expected.at(-1));
    expect(h.at(expected.length)).toBeUndefined();
    expect(h.at(-expected.length - 1)).toBeUndefined();
    expect(h.slice(2, 5)).toEqual(expected.slice(2, 5));
    expect(h.slice(-3)).toEqual(expected.slice(-3));
    expect(h.slice(7, 100)).toEqual(expected.slice(7, 100));
    expect(h.timeAt(4)).toBe(4);
    expect(h.timeAt(99)).toBeUndefined();
    expect(h.others()).toEqual([expected[2]]);
  });

  it('keeps object events by reference and grows past one chunk (65,536 rows)', () => {
    const h = new History(['a', 'b']);
    const note: HistoryEvent = { t: 0, type: 'note', text: 'hello' };
    h.push(note);
    for (let i = 0; i < 70000; i++) h.message(i, 'send', 0, 1, 'entry', i + 1);
    expect(h.length).toBe(70001);
    expect(h.at(0)).toBe(note);
    expect(h.at(70000)).toEqual({
      t: 69999,
      type: 'send',
      from: 'a',
      to: 'b',
      msg: 'entry',
      lsn: 70000,
    });
  });

  it('names nodes added after it was created', () => {
    const names = ['a'];
    const h = new History(names);
    names.push('late');
    h.message(0, 'send', 0, 1, 'vote', 3);
    expect(h.at(0)).toMatchObject({ from: 'a', to: 'late', msg: 'vote' });
  });

  it('refuses node indexes it cannot pack', () => {
    const h = new History([]);
    expect(() => h.message(0, 'send', NO_NODE + 1, 0, 'entry', 1)).toThrow(RangeError);
  });
});
