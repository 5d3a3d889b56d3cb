import type { Actor, Engine } from '@kepu/core';
import { createContext, createElement, type ReactNode, useContext } from 'react';

const EngineContext = createContext<Engine | null>(null);
const ActorContext = createContext<Actor | undefined>(undefined);

/**
 * Props of {@link KepuProvider}.
 *
 * @example
 * ```ts
 * import type { KepuProviderProps } from '@kepu/react';
 * const props: KepuProviderProps = { engine, children: null };
 * ```
 */
export interface KepuProviderProps {
  /** A running engine (`await createEngine(…)`). The provider neither creates nor disposes it. */
  readonly engine: Engine;
  /** Who acts in this part of the tree, for hooks that run commands or read an actor's view. */
  readonly actor?: Actor;
  readonly children?: ReactNode;
}

/**
 * Makes an engine available to the hooks below it. Create the engine outside React (it loads
 * from its store asynchronously) and pass it in; the provider subscribes to nothing itself, so a
 * change of state re-renders only the components whose selected slice changed.
 *
 * @example
 * ```tsx
 * import { createEngine } from '@kepu/core';
 * import { KepuProvider } from '@kepu/react';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 *
 * const engine = await createEngine({ plans: [zhengningPlan] });
 * root.render(<KepuProvider engine={engine}><App /></KepuProvider>);
 * ```
 */
export function KepuProvider({ engine, actor, children }: KepuProviderProps): ReactNode {
  const inner = actor === undefined ? children : createElement(ActorContext.Provider, { value: actor }, children);
  return createElement(EngineContext.Provider, { value: engine }, inner);
}

/**
 * The engine of the nearest {@link KepuProvider}. Throws when there is none, naming the fix.
 *
 * @example
 * ```ts
 * import { useEngine } from '@kepu/react';
 * function Version() {
 *   const engine = useEngine();
 *   return engine.getHead().seq;
 * }
 * ```
 */
export function useEngine(): Engine {
  const engine = useContext(EngineContext);
  if (!engine) {
    throw new Error('useEngine: no engine here. Wrap the component in <KepuProvider engine={engine}>.');
  }
  return engine;
}

/**
 * Props of {@link ActorProvider}.
 *
 * @example
 * ```ts
 * import type { ActorProviderProps } from '@kepu/react';
 * const props: ActorProviderProps = { actor: { id: 'wang.li', role: 'reporter', unit: 'education' } };
 * ```
 */
export interface ActorProviderProps {
  /** The acting person; `undefined` for nobody (read-only views). */
  readonly actor: Actor | undefined;
  readonly children?: ReactNode;
}

/**
 * Sets who acts for the hooks below it: the host's logged-in user, or an actor switcher in a
 * demo. It is a plain controlled value: keep the actor in your own state (or your auth layer) and
 * pass it down; hooks that read it re-render when it changes.
 *
 * @example
 * ```tsx
 * import { ActorProvider } from '@kepu/react';
 * const [actor, setActor] = useState<Actor>({ id: 'wang.li', role: 'reporter', unit: 'education' });
 * <ActorProvider actor={actor}><ReportForm /></ActorProvider>;
 * ```
 */
export function ActorProvider({ actor, children }: ActorProviderProps): ReactNode {
  return createElement(ActorContext.Provider, { value: actor }, children);
}

/**
 * The actor of the nearest {@link ActorProvider} (or `KepuProvider`'s `actor`), or `undefined`.
 *
 * @example
 * ```ts
 * import { useActor } from '@kepu/react';
 * function WhoAmI() {
 *   const actor = useActor();
 *   return actor ? `${actor.id} (${actor.role})` : '未登录';
 * }
 * ```
 */
export function useActor(): Actor | undefined {
  return useContext(ActorContext);
}
