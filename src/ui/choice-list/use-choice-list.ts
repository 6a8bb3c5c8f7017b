// Key bindings of a choice list: 1-9 pick, ↑/↓ (j/k) move, Enter chooses, h toggles the hint.
import { useInput, useStdin } from 'ink';
import { useEffect } from 'react';
import { resolveKey } from '../keys/keymap.js';
import { useReducerRef } from '../keys/use-reducer-ref.js';
import {
  type ChoiceListAction,
  type ChoiceListState,
  INITIAL_CHOICE_LIST,
  reduceChoiceList,
} from './choice-list-state.js';

export interface ChoiceListKeysOptions {
  count: number;
  onChoose: (index: number) => void;
  onHint?: () => void;
  /** q/Esc: leave the question (the player decides what that means). */
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
  const { isRawModeSupported } = useStdin();
  useEffect(() => {
    onCursor?.(state.cursor);
  }, [state.cursor, onCursor]);

  useInput(
    (text, key) => {
      const hit = resolveKey(text, key, 'choice');
      if (!hit) return;
      const before = ref.current.chosen;
      let after: ChoiceListState | undefined;
      switch (hit.action) {
        case 'move':
          if (!locked) dispatch({ type: 'move', delta: hit.arg ?? 1 });
          return;
        case 'pick':
          if (!locked) after = dispatch({ type: 'pick', index: hit.arg ?? 0 });
          break;
        case 'select':
          if (!locked) after = dispatch({ type: 'select' });
          break;
        case 'hint': {
          const next = dispatch({ type: 'toggle-hint' });
          if (next.hintShown) onHint?.();
          return;
        }
        case 'back':
          onBack?.();
          return;
        default:
          return;
      }
      // Report a choice once, when it is made.
      if (after && before === undefined && after.chosen !== undefined) onChoose(after.chosen);
    },
    { isActive: Boolean(isRawModeSupported) && isActive },
  );
  return state;
}
