// Key bindings of the menu: keys resolve through the keymap into menu actions, Enter hands
// the highlighted entry to onSelect, q/Esc calls onQuit.
import { isText, resolveKey } from '../keys/keymap.js';
import { useKeys } from '../keys/use-keys.js';
import { useReducerRef } from '../keys/use-reducer-ref.js';
import {
  highlighted,
  INITIAL_MENU,
  type MenuEntry,
  type MenuInput,
  type MenuState,
  reduceMenu,
} from './menu-state.js';

export interface MenuKeysOptions {
  input: MenuInput;
  onSelect: (entry: MenuEntry) => void;
  onQuit: () => void;
  isActive?: boolean;
}

export function useMenuKeys({
  input,
  onSelect,
  onQuit,
  isActive = true,
}: MenuKeysOptions): MenuState {
  const [state, dispatch, ref] = useReducerRef(
    (s: MenuState, a: Parameters<typeof reduceMenu>[1]) => reduceMenu(s, a, input),
    INITIAL_MENU,
  );
  useKeys((text, key) => {
    const current = ref.current;
    if (current.help) {
      const hit = resolveKey(text, key, 'menu');
      if (hit?.action === 'help' || hit?.action === 'back') dispatch({ type: 'toggle-help' });
      return;
    }
    const filtering = current.filter !== null;
    if (filtering && isText(text, key)) {
      dispatch({ type: 'type', text });
      return;
    }
    if (filtering && (key.backspace || key.delete)) {
      dispatch({ type: 'erase' });
      return;
    }
    const hit = resolveKey(text, key, filtering ? 'filter' : 'menu');
    switch (hit?.action) {
      case 'move':
        dispatch({ type: 'move', delta: hit.arg ?? 1 });
        break;
      case 'select': {
        const entry = highlighted(input, current);
        if (entry) onSelect(entry);
        break;
      }
      case 'filter':
        dispatch({ type: 'start-filter' });
        break;
      case 'clear-filter':
        dispatch({ type: 'clear-filter' });
        break;
      case 'help':
        dispatch({ type: 'toggle-help' });
        break;
      case 'back':
        onQuit();
        break;
      default:
        break;
    }
  }, isActive);
  return state;
}
