// A reducer whose latest state key handlers can read synchronously. Two key presses in one
// tick would otherwise both see the state of the last render.
import { useCallback, useRef, useState } from 'react';

export function useReducerRef<S, A>(
  reduce: (state: S, action: A) => S,
  initial: S,
): [S, (action: A) => S, { readonly current: S }] {
  const [state, setState] = useState(initial);
  const ref = useRef(state);
  const reduceRef = useRef(reduce);
  reduceRef.current = reduce;
  const dispatch = useCallback((action: A) => {
    const next = reduceRef.current(ref.current, action);
    ref.current = next;
    setState(next);
    return next;
  }, []);
  return [state, dispatch, ref];
}
