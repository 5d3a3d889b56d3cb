import { OpenAPIHono } from '@hono/zod-openapi';
import { type Engine, fromZodIssues, KepuError } from '@kepu/core';
import { Scalar } from '@scalar/hono-api-reference';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Accounts } from './accounts/accounts.js';
import { authenticate } from './auth.js';
import { type DashboardFiles, registerDashboard } from './dashboard.js';
import { createLiveEvents, type LiveEventOptions } from './events/live-events.js';
import { createIdempotency } from './idempotency.js';
import { problemOf, problemResponse } from './problem.js';
import { registerAccountRoutes } from './routes/account-routes.js';
import { registerCommandRoutes } from './routes/command-routes.js';
import { registerEventRoutes } from './routes/event-routes.js';
import {
  EVIDENCE_PATH,
  type EvidenceOptions,
  evidenceCheck,
  registerEvidenceRoutes,
} from './routes/evidence-routes.js';
import { registerQueryRoutes } from './routes/query-routes.js';
import type { ServerEnv } from './server-env.js';
import { isServerError, ServerError } from './server-error.js';

/**
 * One structured log line: what happened, and never a password, a token or a request body.
 *
 * @example
 * ```ts
 * import type { ServerLogEntry } from '@kepu/server';
 * const log = (e: ServerLogEntry) => console.log(JSON.stringify(e));
 * ```
 */
export interface ServerLogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly method?: string;
  readonly path?: string;
  readonly status?: number;
  readonly ms?: number;
  readonly user?: string;
  readonly code?: string;
  readonly error?: string;
}

/**
 * Options of {@link createServer}.
 *
 * @example
 * ```ts
 * import type { ServerOptions } from '@kepu/server';
 * const options = (engine: ServerOptions['engine'], accounts: ServerOptions['accounts']): ServerOptions => ({ engine, accounts });
 * ```
 */
export interface ServerOptions {
  readonly engine: Engine;
  readonly accounts: Accounts;
  /**
   * Mark cookies `Secure`. Browsers keep Secure cookies on `http://localhost` too; turn it off
   * only to reach a server over plain HTTP by another name.
   * @default true
   */
  readonly secureCookies?: boolean;
  /** Largest request body, in bytes. @default 1048576 */
  readonly bodyLimit?: number;
  /** Where structured log lines go. @default nowhere */
  readonly log?: (entry: ServerLogEntry) => void;
  /** The client address of a request, for rate limiting and the accounts audit. @default 'unknown' */
  readonly clientAddress?: (request: Request, env: unknown) => string;
  /** The live event stream at `GET /api/events`: replay buffer and heartbeat. */
  readonly events?: LiveEventOptions;
  /**
   * Evidence files: their store and upload limits. Without it the evidence endpoints answer 503
   * `evidence-unavailable`, and commands are not checked against stored files.
   */
  readonly evidence?: EvidenceOptions;
  /**
   * A built dashboard to serve at `/` (outside `/api`) under a strict Content-Security-Policy
   * ({@link DASHBOARD_CSP}). Without it, only the API is served.
   */
  readonly dashboard?: DashboardFiles;
}

/**
 * The Hono application {@link createServer} returns, with what a host needs to stop it well:
 * `drain()` refuses new commands, ends the live event streams, and resolves when the commands in
 * flight have committed and the streams have ended.
 *
 * @example
 * ```ts
 * import type { KepuServerApp } from '@kepu/server';
 * const stop = async (app: KepuServerApp) => { await app.drain(); };
 * ```
 */
export type KepuServerApp = OpenAPIHono<ServerEnv> & {
  drain(): Promise<void>;
  /** True once `drain()` was called. */
  readonly draining: boolean;
};

/**
 * Builds Kepu's HTTP service over an engine and an account service: every engine command as
 * `POST /api/commands/{type}`, the read queries, sign-in and account administration, the
 * OpenAPI 3.1 document at `/api/openapi.json` and its reference page at `/api/docs`, and
 * `/healthz` and `/readyz`. It is a web-standards app (`app.fetch(request)`): run it on Node with
 * {@link serve}, or on any runtime Hono supports.
 *
 * @example
 * ```ts
 * import { createEngine } from '@kepu/core';
 * import { createAccounts, createServer, createSqliteAccountStore } from '@kepu/server';
 * const engine = await createEngine({ plugins: [zhengning()] });
 * const accounts = createAccounts({ store: createSqliteAccountStore({ filename: ':memory:' }) });
 * const app = createServer({ engine, accounts });
 * const res = await app.fetch(new Request('http://localhost/healthz'));
 * ```
 */
export function createServer(options: ServerOptions): KepuServerApp {
  const { engine, accounts } = options;
  const log = options.log ?? (() => {});
  const app = new OpenAPIHono<ServerEnv>({
    // A body or query that does not fit its schema is the engine's own `invalid-shape`, with the
    // field path inside the request part that failed.
    defaultHook: (result) => {
      if (!result.success) {
        const part = result.target === 'json' ? [] : [result.target];
        return problemResponse(new KepuError(fromZodIssues(result.error.issues, part))) as never;
      }
      return undefined;
    },
  });
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    if (draining) throw ServerError.of(503, 'shutting-down', {}, { headers: { 'retry-after': '5' } });
    inFlight++;
    try {
      return await work();
    } finally {
      inFlight--;
      if (draining && inFlight === 0) drained?.();
    }
  };

  app.onError((error, c) => {
    const { problem } = problemOf(error);
    if (problem.status >= 500 && !isServerError(error)) {
      log({
        level: 'error',
        msg: 'request failed',
        method: c.req.method,
        path: c.req.path,
        code: problem.code,
        error: `${problem.detail} ${String(error)}`,
      });
    }
    return problemResponse(error);
  });
  app.notFound((c) => problemResponse(ServerError.of(404, 'not-found', { path: c.req.path.slice(0, 200) })));

  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('engine', engine);
    c.set('accounts', accounts);
    c.set('ip', options.clientAddress?.(c.req.raw, c.env) ?? 'unknown');
    await next();
    log({
      level: c.res.status >= 500 ? 'error' : 'info',
      msg: 'request',
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      ...(c.get('principal') ? { user: c.get('principal')?.user.username } : {}),
    });
  });
  app.use(
    '*',
    secureHeaders({
      // A route's own, stricter header (an evidence download's sandbox policy) is kept.
      overwrite: false,
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        // The API reference page loads its script from a CDN and styles inline.
        scriptSrc: ["'self'", 'https://cdn.jsdelivr.net', "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.scalar.com'],
        fontSrc: ["'self'", 'https://fonts.scalar.com'],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  const limit = options.bodyLimit ?? 1_048_576;
  const limitBody = bodyLimit({
    maxSize: limit,
    onError: () => problemResponse(ServerError.of(413, 'payload-too-large', { limit: String(limit) })),
  });
  // An evidence upload has its own, larger limit (see registerEvidenceRoutes).
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && c.req.path === EVIDENCE_PATH ? next() : limitBody(c, next),
  );
  app.use('/api/*', authenticate());

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    if (draining) return c.json({ ready: false, reason: 'draining' }, 503);
    try {
      await engine.store.head();
      return c.json({ ready: true, head: engine.getHead().seq });
    } catch {
      return c.json({ ready: false, reason: 'store' }, 503);
    }
  });

  registerAccountRoutes(app, engine, options.secureCookies ?? true);
  registerCommandRoutes(
    app,
    engine,
    createIdempotency(accounts.store, engine, { now: () => new Date() }),
    track,
    evidenceCheck(options.evidence),
  );
  registerQueryRoutes(app, engine);
  const live = createLiveEvents(engine, options.events);
  registerEventRoutes(app, live);
  registerEvidenceRoutes(app, options.evidence);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'kepu_session',
    description: 'The session cookie set by POST /api/auth/login. Writes also need the X-CSRF-Token header.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key (kpk_…) created at POST /api/api-keys, limited to its scopes.',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Kepu',
      version: '0.1.0',
      description: 'A county science-literacy plan as a service: commands, queries and accounts.',
    },
  });
  app.get('/api/docs', Scalar({ url: '/api/openapi.json', pageTitle: 'Kepu API' }));
  // Last: every path the API did not take.
  if (options.dashboard) registerDashboard(app, options.dashboard);

  return Object.assign(app, {
    async drain(): Promise<void> {
      draining = true;
      // Open event streams would hold the server's close() open: end them first.
      const streams = live.close();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
        });
      }
      await streams;
    },
    get draining() {
      return draining;
    },
  }) as KepuServerApp;
}
