// Key bindings of a choice list that owns the keys of its screen: 1-9 pick, ↑/↓ (j/k) move,
// Enter chooses, h toggles the hint, q/Esc go back. Screens with more keys of their own (the
// player, the drill) own the keys instead and drive the list's state with the same actions.
import { useEffect } from 'react';
import { resolveKey } from '../keys/keymap.js';
import { useKeys } from '../keys/use-keys.js';
import { useReducerRef } from '../keys/use-reducer-ref.js';
import {
  type ChoiceListAction,
  type ChoiceListState,
  choiceAction,
  choiceMade,
  INITIAL_CHOICE_LIST,
  reduceChoiceList,
} from './choice-list-state.js';

export interface ChoiceListKeysOptions {
  count: number;
  onChoose: (index: number) => void;
  onHint?: () => void;
  /** q/Esc: leave the question (the screen decides what that means). */
  onBack?: () => void;
  /** The highlighted choice, whenever it changes (and at first). */
  onCursor?: (index: number) => void;
  /** The answer is already known (e.g. restored): ignore choosing keys. */
  locked?: boolean;
  isActive?: boolean;
}

export function useChoiceList({
  count,
  onChoose,
  onHint,
  onBack,
  onCursor,
  locked = false,
  isActive = true,
}: ChoiceListKeysOptions): ChoiceListState {
  const [state, dispatch, ref] = useReducerRef(
    (s: ChoiceListState, a: ChoiceListAction) => reduceChoiceList(s, a, count),
    INITIAL_CHOICE_LIST,
  );
  useEffect(() => {
    onCursor?.(state.cursor);
  }, [state.cursor, onCursor]);

  useKeys((text, key) => {
    const action = choiceAction(resolveKey(text, key, 'choice'));
    if (action === undefined) return;
    if (action === 'back') {
      onBack?.();
      return;
    }
    if (action.type === 'toggle-hint') {
      if (dispatch(action).hintShown) onHint?.();
      return;
    }
    if (locked) return;
    const before = ref.current;
    const chosen = choiceMade(before, dispatch(action));
    if (chosen !== undefined) onChoose(chosen);
  }, isActive);
  return state;
}
