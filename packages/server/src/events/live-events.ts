import { randomBytes } from 'node:crypto';
import type { Actor, Engine, EngineEvents } from '@kepu/core';
import { LIVE_EVENT_NAMES, type LiveEventName, mayReadEvent } from '../visibility.js';

/**
 * Options of the live event stream (`GET /api/events`).
 *
 * @example
 * ```ts
 * import type { LiveEventOptions } from '@kepu/server';
 * const events: LiveEventOptions = { buffer: 5000, heartbeatMs: 20_000 };
 * ```
 */
export interface LiveEventOptions {
  /** How many recent events are kept for clients resuming with `Last-Event-ID`. @default 1000 */
  readonly buffer?: number;
  /** How often an idle stream gets a comment line, so proxies keep it open. @default 15000 */
  readonly heartbeatMs?: number;
  /** The reconnection delay the server suggests to EventSource clients, in ms. @default 3000 */
  readonly retryMs?: number;
}

/** One SSE message as the route writes it. */
export interface LiveMessage {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
  readonly retry?: number;
}

/** What a stream writes to: the route's SSE stream. */
export interface LiveSink {
  send(message: LiveMessage): Promise<void>;
  comment(text: string): Promise<void>;
  onAbort(listener: () => void): void;
  /** Ends the stream now, failing any write still waiting on a client that stopped reading. */
  abort(): void;
}

/** A subscriber: where its events go, and how it re-reads who it is on every heartbeat. */
export interface LiveSubscription {
  readonly sink: LiveSink;
  readonly actors: readonly Actor[];
  /** The subscriber's actors now, or undefined once its session or key is gone. */
  readonly recheck: () => Promise<readonly Actor[] | undefined>;
  /** The `Last-Event-ID` the client sent, if any. */
  readonly lastEventId?: string | undefined;
}

/** The server's hub of live events. */
export interface LiveEvents {
  /** True once {@link LiveEvents.close} was called: new streams are refused. */
  readonly closed: boolean;
  /** Streams events to one subscriber; resolves when its stream should end. */
  attach(subscription: LiveSubscription): Promise<void>;
  /**
   * Stops listening to the engine and ends every stream once what was queued for it is written;
   * a stream still open a second later (its client stopped reading) is cut. Resolves when the
   * streams have ended.
   */
  close(): Promise<void>;
}

interface Buffered {
  readonly n: number;
  readonly name: LiveEventName;
  readonly payload: EngineEvents[LiveEventName];
  readonly data: string;
}

interface Subscriber {
  actors: readonly Actor[];
  deliver(entry: Buffered): void;
  ping(): void;
  abort(): void;
  end(): Promise<void>;
}

/** How long close() lets streams write what is queued for them before cutting them. */
const CLOSE_GRACE_MS = 1000;

const RESET_MESSAGE = {
  zh: '无法从所给的事件编号续传（编号过旧，或服务已重启）。请重新加载数据，之后的事件从这里继续。',
  en: 'Cannot resume from the given event id (too old, or the server restarted). Reload your data; events continue from here.',
};

/**
 * The hub behind `GET /api/events`: it listens to the engine's committed events, numbers them,
 * keeps the last `buffer` of them for clients that reconnect with `Last-Event-ID`, and hands each
 * subscriber only the events its actors may read ({@link mayReadEvent}). Ids are
 * `<boot>-<n>`: a client resuming across a restart, or from an event older than the buffer, gets
 * a `reset` event telling it to reload.
 */
export function createLiveEvents(engine: Engine, options: LiveEventOptions = {}): LiveEvents {
  const capacity = Math.max(1, Math.floor(options.buffer ?? 1000));
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const retry = options.retryMs ?? 3000;
  const boot = randomBytes(6).toString('hex');
  const idOf = (n: number) => `${boot}-${n}`;
  const buffer: Buffered[] = [];
  const subscribers = new Set<Subscriber>();
  let latest = 0;
  let closed = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const unsubscribe = LIVE_EVENT_NAMES.map((name) =>
    engine.on(name, (payload) => {
      const entry: Buffered = { n: ++latest, name, payload, data: JSON.stringify(payload) };
      buffer.push(entry);
      if (buffer.length > capacity) buffer.shift();
      for (const s of subscribers) s.deliver(entry);
    }),
  );

  const heartbeat = () => {
    if (subscribers.size > 0 && timer === undefined) {
      timer = setInterval(() => {
        for (const s of subscribers) s.ping();
      }, heartbeatMs);
      timer.unref?.();
    } else if (subscribers.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  /** The events after `lastEventId`, or undefined when they cannot all be given. */
  const replayAfter = (lastEventId: string): Buffered[] | undefined => {
    const match = /^([0-9a-f]+)-(\d{1,15})$/.exec(lastEventId);
    if (!match || match[1] !== boot) return undefined;
    const n = Number(match[2]);
    const oldest = buffer[0]?.n ?? latest + 1;
    if (n > latest || n < oldest - 1) return undefined;
    return buffer.filter((e) => e.n > n);
  };

  return {
    get closed() {
      return closed;
    },
    attach({ sink, actors, recheck, lastEventId }) {
      return new Promise<void>((resolve) => {
        let chain: Promise<void> = Promise.resolve();
        let ended: Promise<void> | undefined;
        const plans = engine.plans;
        const self: Subscriber = {
          actors,
          deliver(entry) {
            if (!mayReadEvent(plans, self.actors, entry.name, entry.payload)) return;
            queue(() => sink.send({ event: entry.name, id: idOf(entry.n), data: entry.data }));
          },
          ping() {
            queue(async () => {
              const fresh = await recheck();
              if (fresh === undefined) {
                void self.end();
                return;
              }
              self.actors = fresh;
              await sink.comment('ping');
            });
          },
          abort() {
            sink.abort();
          },
          end() {
            if (!ended) {
              subscribers.delete(self);
              heartbeat();
              ended = chain.then(resolve);
            }
            return ended;
          },
        };
        function queue(write: () => Promise<void>) {
          // One chain per subscriber keeps its events in order; a failed write (the client left)
          // ends the subscription.
          chain = chain.then(write).catch(() => {
            void self.end();
          });
        }
        if (closed) {
          resolve();
          return;
        }
        // Replay and registration happen in the same turn, so no event is missed or sent twice.
        const wanted = lastEventId === undefined || lastEventId === '' ? [] : replayAfter(lastEventId);
        subscribers.add(self);
        heartbeat();
        sink.onAbort(() => void self.end());
        const here = { id: idOf(latest), retry };
        const head = () => {
          const h = engine.getHead();
          return { seq: h.seq, version: h.version };
        };
        if (wanted === undefined) {
          queue(() =>
            sink.send({ event: 'reset', ...here, data: JSON.stringify({ ...head(), message: RESET_MESSAGE }) }),
          );
          return;
        }
        for (const entry of wanted) self.deliver(entry);
        queue(() => sink.send({ event: 'ready', ...here, data: JSON.stringify(head()) }));
      });
    },
    async close() {
      closed = true;
      for (const off of unsubscribe.splice(0)) off();
      const open = [...subscribers];
      const all = Promise.all(open.map((s) => s.end()));
      // Streams end once what was queued for them is written; a client that stopped reading would
      // hold that up forever, so whatever is still open after a moment is cut.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS);
      });
      if ((await Promise.race([all, late])) === 'late') for (const s of open) s.abort();
      clearTimeout(timer);
      await all;
    },
  };
}
