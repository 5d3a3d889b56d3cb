import {
  type Actor,
  type CommandTarget,
  canSeeReport,
  createIssue,
  type Engine,
  type EngineEventName,
  type EngineEvents,
  type EngineState,
  findReports,
  KepuError,
  type KepuIssue,
  type Plan,
  type ProgressReport,
  type ReportFilter,
  reviewQueue,
} from '@kepu/core';
import { createKepuClient, isProblem, type KepuClient } from './index.js';
import { type SseMessage, sseMessages } from './sse.js';

/**
 * What a command run on the server gives back: the new state version, the audit position of
 * the accepted command (seq and hash; the whole entry stays on the server) and what it made.
 *
 * @example
 * ```ts
 * import type { RemoteCommandResult } from '@kepu/client';
 * const where = (r: RemoteCommandResult) => `${r.target.kind} ${r.target.id} at seq ${r.entry.seq}`;
 * ```
 */
export interface RemoteCommandResult {
  /** The state version after the command. */
  readonly version: number;
  /** The audit entry's position: its seq and SHA-256 hash. */
  readonly entry: { readonly seq: number; readonly hash: string };
  /** What the command made or changed (a report, an assessment run…). */
  readonly target: CommandTarget;
}

/**
 * An engine that lives on a Kepu server, seen through exactly the surface `@kepu/react` reads:
 * the state the signed-in user may read (`getSnapshot`, `subscribe`), the engine's events (`on`),
 * commands (`execute`), the queries computed from that state (`reports`, `reviewQueue`), the
 * plans and the head. The state is re-read from `GET /api/state` whenever `GET /api/events`
 * says something was committed, so `subscribe` fires when another user acts.
 *
 * @example
 * ```ts
 * import type { RemoteEngine } from '@kepu/client';
 * const pending = (engine: RemoteEngine) => engine.reviewQueue({ actor: engine.actors[0]! }).length;
 * ```
 */
export interface RemoteEngine
  extends Pick<Engine, 'getSnapshot' | 'subscribe' | 'on' | 'reports' | 'reviewQueue' | 'plans' | 'getHead'> {
  /**
   * Runs a command on the server as the session's binding that matches `actor` (its role and
   * unit; the person is always the signed-in user). A refusal throws the engine's
   * {@link KepuError}, with the codes, field paths and messages the server sent.
   */
  execute(actor: Actor | string, command: unknown): Promise<RemoteCommandResult>;
  /** The signed-in user's actors, one per role binding (from `GET /api/auth/me`). */
  readonly actors: readonly Actor[];
  /** Re-reads the state now (it is re-read on its own after every event). */
  refresh(): Promise<void>;
  /** Stops listening to the server. Idempotent. */
  dispose(): Promise<void>;
}

/**
 * Options of {@link createRemoteEngine}.
 *
 * @example
 * ```ts
 * import type { RemoteEngineOptions } from '@kepu/client';
 * const options: RemoteEngineOptions = { baseUrl: '' }; // the page's own origin
 * ```
 */
export interface RemoteEngineOptions {
  /** The server's address (empty for the page's own origin). */
  readonly baseUrl: string;
  /** A signed-in client to use (its session is kept); a new one without. */
  readonly client?: KepuClient;
  /** The fetch to use. @default globalThis.fetch */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Wait before reconnecting the event stream after it ends, in ms. @default 1000 */
  readonly reconnectMs?: number;
}

const ACT_AS_HEADER = 'kepu-act-as';

/** The act-as header of an actor: `role:unit`, or `role` for a binding without a unit. */
const actAsOf = (actor: Actor) => (actor.unit === undefined ? actor.role : `${actor.role}:${actor.unit}`);

/** The engine's error for a problem document the server sent (or for an answer that is none). */
function errorOf(status: number, body: unknown, where: string): KepuError {
  if (isProblem(body) && Array.isArray(body.issues) && body.issues.length > 0) {
    // The server's issues carry their messages already filled; the params stay on the server.
    return new KepuError(body.issues.map((i) => ({ ...i, params: {} }) as unknown as KepuIssue));
  }
  return new KepuError([createIssue('store-failure', [], { store: where, detail: `HTTP ${status}` })]);
}

/**
 * Connects to a Kepu server as the signed-in user and mirrors what they may read, for
 * `<KepuProvider engine={…}>`: the plans and the visible state are loaded before it resolves;
 * after that the event stream keeps them current. Browser-safe (fetch streaming, no Node module);
 * sign in first (`POST /api/auth/login`) with the same client, or in the browser, where the
 * session cookie is the browser's.
 *
 * @example
 * ```ts
 * import { createKepuClient, createRemoteEngine } from '@kepu/client';
 * const client = createKepuClient({ baseUrl: '' });
 * await client.POST('/api/auth/login', { body: { username: 'wang.li', password: '…' } });
 * const engine = await createRemoteEngine({ baseUrl: '', client });
 * engine.subscribe(() => console.log('now at version', engine.getSnapshot().version));
 * ```
 */
export async function createRemoteEngine(options: RemoteEngineOptions): Promise<RemoteEngine> {
  const http =
    options.client ??
    createKepuClient({ baseUrl: options.baseUrl, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) });
  const server = options.baseUrl || 'server';

  const me = await http.GET('/api/auth/me');
  if (!me.data) throw errorOf(me.response.status, me.error, server);
  const user = me.data.user;
  const actors: Actor[] = user.bindings.map((b) => ({
    id: user.username,
    role: b.role,
    ...(b.unit === undefined ? {} : { unit: b.unit }),
    ...(b.plan === undefined ? {} : { plan: b.plan }),
    ...(user.name === undefined ? {} : { name: user.name }),
  }));

  const list = await http.GET('/api/plans');
  if (!list.data) throw errorOf(list.response.status, list.error, server);
  const plans = new Map<string, Plan>();
  for (const summary of list.data) {
    const one = await http.GET('/api/plans/{plan}', { params: { path: { plan: summary.id } } });
    if (!one.data) throw errorOf(one.response.status, one.error, server);
    plans.set(summary.id, one.data as unknown as Plan);
  }

  let state: EngineState;
  let head: ReturnType<Engine['getHead']>;
  const read = async () => {
    const answer = await http.GET('/api/state');
    if (!answer.data) throw errorOf(answer.response.status, answer.error, server);
    return answer.data;
  };
  const first = await read();
  state = first.state as unknown as EngineState;
  head = first.head;

  const listeners = new Set<() => void>();
  const handlers = new Map<string, Set<(payload: never) => void>>();
  let disposed = false;

  // One read at a time; a change announced during a read asks for one more read after it.
  let reading: Promise<void> | undefined;
  let again = false;
  const refresh = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        const next = await read();
        if (next.head.version !== head.version || next.head.seq !== head.seq) {
          state = next.state as unknown as EngineState;
          head = next.head;
          for (const listener of [...listeners]) listener();
        }
      } while (again && !disposed);
    })().finally(() => {
      reading = undefined;
    });
    return reading;
  };

  const deliver = async (message: SseMessage) => {
    if (message.event === 'ready' || message.event === 'reset') {
      await refresh();
      return;
    }
    await refresh();
    const set = handlers.get(message.event);
    if (!set || set.size === 0) return;
    const payload = JSON.parse(message.data) as never;
    for (const handler of [...set]) handler(payload);
  };

  const abort = new AbortController();
  let lastEventId: string | undefined;
  const listen = async () => {
    while (!disposed) {
      try {
        // Through the client, so the stream carries the session as every other request does.
        const { response } = await http.GET('/api/events', {
          params: { header: lastEventId === undefined ? {} : { 'last-event-id': lastEventId } },
          parseAs: 'stream',
          signal: abort.signal,
        });
        if (response.ok && response.body) {
          for await (const message of sseMessages(response.body, { signal: abort.signal })) {
            if (message.id !== undefined) lastEventId = message.id;
            await deliver(message);
          }
        }
      } catch {
        // The stream broke (a network fault, a restart): reconnect below with Last-Event-ID.
      }
      if (disposed) return;
      await new Promise((resolve) => setTimeout(resolve, options.reconnectMs ?? 1000));
    }
  };
  const listening = listen();

  return {
    actors,
    plans,
    getSnapshot: () => state,
    getHead: () => head as ReturnType<Engine['getHead']>,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void) {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    reports(filter: ReportFilter = {}, opts: { readonly actor?: Actor } = {}): ProgressReport[] {
      const all = findReports(state, filter);
      const actor = opts.actor;
      return actor ? all.filter((r) => canSeeReport(plans, actor, r)) : all;
    },
    reviewQueue: (who) => reviewQueue(plans, state, who),
    async execute(actor, command) {
      const type = (command as { type?: unknown } | null)?.type;
      if (typeof type !== 'string' || !/^[a-z-]{1,60}$/.test(type)) {
        throw new KepuError([createIssue('invalid-shape', ['type'], { detail: 'a command names its type' })]);
      }
      const headers: Record<string, string> = { 'idempotency-key': crypto.randomUUID() };
      if (typeof actor === 'object' && actor !== null) headers[ACT_AS_HEADER] = actAsOf(actor);
      const answer = await http.POST(`/api/commands/${type}` as '/api/commands/submit-report', {
        body: command as never,
        params: { header: headers as never },
      });
      if (!answer.data) throw errorOf(answer.response.status, answer.error, server);
      await refresh();
      return {
        version: answer.data.version,
        entry: { seq: answer.data.seq, hash: answer.data.hash },
        target: answer.data.target as CommandTarget,
      };
    },
    refresh,
    async dispose() {
      if (disposed) return;
      disposed = true;
      abort.abort();
      await listening;
    },
  };
}
