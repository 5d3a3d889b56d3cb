import type { EngineEventName, EngineEvents } from '@kepu/core';
import { useEffect, useRef } from 'react';
import { useEngine } from './context.js';

/**
 * Listens to one of the engine's events while the component is mounted: to announce a returned
 * report, an achieved target or a finished assessment. The latest `listener` is called; changing
 * it does not resubscribe.
 *
 * @example
 * ```ts
 * import { useEngineEvent } from '@kepu/react';
 * function Announcer() {
 *   const [message, setMessage] = useState('');
 *   useEngineEvent('assessment:completed', ({ run }) => setMessage(`${run.period} 年度考核已完成（第 ${run.run} 次）`));
 *   return message;
 * }
 * ```
 */
export function useEngineEvent<E extends EngineEventName>(
  event: E,
  listener: (payload: EngineEvents[E]) => void,
): void {
  const engine = useEngine();
  const current = useRef(listener);
  useEffect(() => {
    current.current = listener;
  });
  useEffect(() => engine.on(event, (payload) => current.current(payload)), [engine, event]);
}
