// A numbered list of choices as data: the highlight, the hint toggle and the answer once
// given. Pure; the key hook dispatches, the view renders.

export interface ChoiceListState {
  cursor: number;
  hintShown: boolean;
  /** The choice made (0-based); once set, the list no longer moves. */
  chosen?: number;
}

export type ChoiceListAction =
  | { type: 'move'; delta: number }
  | { type: 'pick'; index: number }
  | { type: 'select' }
  | { type: 'toggle-hint' };

export const INITIAL_CHOICE_LIST: ChoiceListState = { cursor: 0, hintShown: false };

export function reduceChoiceList(
  state: ChoiceListState,
  action: ChoiceListAction,
  count: number,
): ChoiceListState {
  if (action.type === 'toggle-hint') return { ...state, hintShown: !state.hintShown };
  if (state.chosen !== undefined || count <= 0) return state;
  switch (action.type) {
    case 'move':
      return { ...state, cursor: (((state.cursor + action.delta) % count) + count) % count };
    case 'pick':
      // A number beyond the list (7 of 4 choices) does nothing.
      if (action.index < 0 || action.index >= count) return state;
      return { ...state, cursor: action.index, chosen: action.index };
    case 'select':
      return { ...state, chosen: Math.min(state.cursor, count - 1) };
  }
}

/** What a resolved key does to a list: one of its actions, going back, or nothing. */
export function choiceAction(
  hit: { action: string; arg?: number } | undefined,
): ChoiceListAction | 'back' | undefined {
  switch (hit?.action) {
    case 'move':
      return { type: 'move', delta: hit.arg ?? 1 };
    case 'pick':
      return { type: 'pick', index: hit.arg ?? 0 };
    case 'select':
      return { type: 'select' };
    case 'hint':
      return { type: 'toggle-hint' };
    case 'back':
      return 'back';
    default:
      return undefined;
  }
}

/** The choice an action made, if it made one just now (a list answers once). */
export function choiceMade(before: ChoiceListState, after: ChoiceListState): number | undefined {
  return before.chosen === undefined ? after.chosen : undefined;
}
