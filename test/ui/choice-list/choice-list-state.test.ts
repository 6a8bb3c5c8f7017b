import { describe, expect, it } from 'vitest';
import {
  type ChoiceListAction,
  type ChoiceListState,
  INITIAL_CHOICE_LIST,
  reduceChoiceList,
} from '../../../src/ui/choice-list/choice-list-state.js';

const run = (actions: ChoiceListAction[], count = 3, from: ChoiceListState = INITIAL_CHOICE_LIST) =>
  actions.reduce((s, a) => reduceChoiceList(s, a, count), from);

describe('choice list reducer', () => {
  it('moves and wraps', () => {
    expect(run([{ type: 'move', delta: 1 }]).cursor).toBe(1);
    expect(run([{ type: 'move', delta: -1 }]).cursor).toBe(2);
    expect(
      run([
        { type: 'move', delta: 1 },
        { type: 'move', delta: 1 },
        { type: 'move', delta: 1 },
      ]).cursor,
    ).toBe(0);
  });

  it('picks by number, ignoring numbers beyond the list', () => {
    expect(run([{ type: 'pick', index: 1 }])).toMatchObject({ cursor: 1, chosen: 1 });
    expect(run([{ type: 'pick', index: 5 }]).chosen).toBeUndefined();
  });

  it('selects the highlighted choice', () => {
    expect(run([{ type: 'move', delta: 1 }, { type: 'select' }]).chosen).toBe(1);
  });

  it('locks once chosen, but the hint still toggles', () => {
    const chosen = run([{ type: 'pick', index: 0 }]);
    const after = run(
      [{ type: 'move', delta: 1 }, { type: 'pick', index: 2 }, { type: 'select' }],
      3,
      chosen,
    );
    expect(after).toMatchObject({ cursor: 0, chosen: 0 });
    expect(run([{ type: 'toggle-hint' }], 3, chosen).hintShown).toBe(true);
    expect(run([{ type: 'toggle-hint' }, { type: 'toggle-hint' }]).hintShown).toBe(false);
  });

  it('does nothing with no choices', () => {
    expect(run([{ type: 'select' }], 0)).toEqual(INITIAL_CHOICE_LIST);
  });
});
