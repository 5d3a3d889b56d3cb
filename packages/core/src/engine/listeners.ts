import { EventEmitter } from 'eventemitter3';
import { freeze } from 'immer';
import type { EngineEventName, EngineEvents } from './events.js';

type EventArgs = { [E in EngineEventName]: [EngineEvents[E]] };
type Listener<E extends EngineEventName> = (payload: EngineEvents[E]) => void;

/**
 * The engine's listeners: event listeners (`on`, `once`, `off`, `emit`) and state subscribers
 * (`subscribe`, `notify`). Every listener runs contained: one that throws is reported as
 * `plugin:error` (with its owner: `host`, `subscriber` or a plugin's id) and the others still run.
 * Every listener of an event gets the same payload, deep-frozen, so none can change what the next
 * one sees (a listener that tries throws, which is contained like any other throw). Only plain
 * objects and arrays are frozen: an `error` in `plugin:error` or `store:error` is passed as thrown.
 */
export interface Listeners {
  emit<E extends EngineEventName>(event: E, payload: EngineEvents[E]): void;
  on<E extends EngineEventName>(event: E, listener: Listener<E>, once?: boolean, owner?: string): () => void;
  off<E extends EngineEventName>(event: E, listener: Listener<E>): void;
  subscribe(listener: () => void): () => void;
  /** Tells every subscriber that the state changed. */
  notify(): void;
  clear(): void;
}

/** Creates the listener registry of one engine. */
export function createListeners(): Listeners {
  const emitter = new EventEmitter<EventArgs>();
  const wrapped = new Map<EngineEventName, Map<(payload: never) => void, (payload: never) => void>>();
  const subscribers = new Set<() => void>();
  const emit = <E extends EngineEventName>(event: E, payload: EngineEvents[E]) => {
    (emitter.emit as (e: E, p: EngineEvents[E]) => boolean)(event, freeze(payload, true));
  };
  const contain =
    <E extends EngineEventName>(event: E, listener: Listener<E>, owner: string): Listener<E> =>
    (payload) => {
      try {
        listener(payload);
      } catch (error) {
        if (event !== 'plugin:error') emit('plugin:error', { plugin: owner, hook: `on:${event}`, error });
      }
    };
  const off = <E extends EngineEventName>(event: E, listener: Listener<E>) => {
    const safe = wrapped.get(event)?.get(listener as (payload: never) => void);
    if (!safe) return;
    wrapped.get(event)?.delete(listener as (payload: never) => void);
    (emitter.off as (e: E, l: unknown) => void)(event, safe);
  };
  return {
    emit,
    off,
    on(event, listener, once = false, owner = 'host') {
      const safe = contain(event, listener, owner);
      let byListener = wrapped.get(event);
      if (!byListener) {
        byListener = new Map();
        wrapped.set(event, byListener);
      }
      byListener.set(listener as (payload: never) => void, safe as (payload: never) => void);
      const add = (once ? emitter.once : emitter.on).bind(emitter) as (e: typeof event, l: typeof safe) => void;
      add(event, safe);
      return () => off(event, listener);
    },
    subscribe(listener) {
      subscribers.add(listener);
      return () => {
        subscribers.delete(listener);
      };
    },
    notify() {
      for (const listener of [...subscribers]) {
        try {
          listener();
        } catch (error) {
          emit('plugin:error', { plugin: 'subscriber', hook: 'subscribe', error });
        }
      }
    },
    clear() {
      subscribers.clear();
      emitter.removeAllListeners();
    },
  };
}
