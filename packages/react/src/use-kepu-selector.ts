import type { Engine, EngineState } from '@kepu/core';
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useEngine } from './context.js';

/**
 * True when two arrays hold the same elements in the same order (compared with `Object.is`), or
 * when the two values are `Object.is`-equal. The engine's state is immutable with structural
 * sharing, so a record that did not change keeps its identity: a list selected from the state is
 * shallow-equal to the previous one exactly when none of its records changed.
 *
 * @example
 * ```ts
 * import { shallowEqualArrays } from '@kepu/react';
 * const a = { id: 'rpt-1' };
 * shallowEqualArrays([a], [a]); // true
 * shallowEqualArrays([a], [{ id: 'rpt-1' }]); // false
 * ```
 */
export function shallowEqualArrays(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * Selects a slice of the engine's state and re-renders the component only when that slice
 * changes, by `isEqual` (default `Object.is`). Built on React's `useSyncExternalStore` over the
 * engine's `subscribe`/`getSnapshot`, with the selection memoised the way React's
 * `useSyncExternalStoreWithSelector` does: the selector runs once per state change, and a result
 * equal to the previous one is replaced by the previous one, so React bails out of the render.
 *
 * The selector must be pure; it receives the state and the engine (for its queries). It may be
 * an inline function.
 *
 * @example
 * ```ts
 * import { useKepuSelector, shallowEqualArrays } from '@kepu/react';
 * function PendingCount() {
 *   const count = useKepuSelector((state) => Object.values(state.reports).filter((r) => r.status === 'submitted').length);
 *   return count;
 * }
 * const ids = () => useKepuSelector((s) => Object.keys(s.reports), shallowEqualArrays);
 * ```
 */
export function useKepuSelector<T>(
  selector: (state: EngineState, engine: Engine) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const engine = useEngine();
  // The selection the last commit rendered: a new selector (an inline function changes every
  // render) starts from it, so an equal result keeps its identity and React can bail out.
  const committed = useRef<{ value: T } | null>(null);
  const getSelection = useMemo(() => {
    let memo: { state: EngineState; value: T } | undefined;
    return (): T => {
      const state = engine.getSnapshot();
      if (memo && memo.state === state) return memo.value;
      const next = selector(state, engine);
      const previous = memo ?? committed.current;
      if (previous && isEqual(previous.value, next)) {
        memo = { state, value: previous.value };
        return previous.value;
      }
      memo = { state, value: next };
      return next;
    };
  }, [engine, selector, isEqual]);
  const subscribe = useCallback((onChange: () => void) => engine.subscribe(onChange), [engine]);
  const value = useSyncExternalStore(subscribe, getSelection, getSelection);
  useEffect(() => {
    committed.current = { value };
  }, [value]);
  return value;
}
