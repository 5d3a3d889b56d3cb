import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/openapi.js';

/**
 * The server's endpoints, as openapi-typescript generates them from its OpenAPI document: each
 * path's methods with their parameters, bodies and responses.
 *
 * @example
 * ```ts
 * import type { KepuPaths } from '@kepu/client';
 * type Outcome = KepuPaths['/api/commands/submit-report']['post']['responses'][201]['content']['application/json'];
 * ```
 */
export type KepuPaths = paths;

/**
 * The named schemas of the server's OpenAPI document (`Problem`, `CommandOutcome`, `RoleBinding`…).
 *
 * @example
 * ```ts
 * import type { KepuSchemas } from '@kepu/client';
 * const binding: KepuSchemas['RoleBinding'] = { role: 'reporter', unit: 'education' };
 * ```
 */
export type KepuSchemas = components['schemas'];

/**
 * The server's errors: RFC 9457 problem details with the engine's code, the field path and the
 * message in Chinese and English.
 *
 * @example
 * ```ts
 * import type { Problem } from '@kepu/client';
 * const say = (p: Problem) => `${p.code} at ${p.path.join('.')}: ${p.message.zh}`;
 * ```
 */
export type Problem = KepuSchemas['Problem'];

/**
 * A client of a Kepu server: openapi-fetch over the server's own OpenAPI document, so every path,
 * parameter, body and response is typed, errors included.
 *
 * @example
 * ```ts
 * import type { KepuClient } from '@kepu/client';
 * const heads = (kepu: KepuClient) => kepu.GET('/api/head');
 * ```
 */
export type KepuClient = Client<paths>;

/**
 * Options of {@link createKepuClient}.
 *
 * @example
 * ```ts
 * import type { KepuClientOptions } from '@kepu/client';
 * const options: KepuClientOptions = { baseUrl: 'http://127.0.0.1:8787', apiKey: 'kpk_…' };
 * ```
 */
export interface KepuClientOptions {
  /** The server's address, e.g. `http://127.0.0.1:8787` (empty for the page's own origin). */
  readonly baseUrl: string;
  /** An API key (`kpk_…`): sent as a bearer token; no session or CSRF token is then used. */
  readonly apiKey?: string;
  /** The fetch to use. @default globalThis.fetch */
  readonly fetch?: (request: Request) => Promise<Response>;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_COOKIE = 'kepu_csrf';

/** The value of one cookie in a `document.cookie` style string. */
function cookieValue(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * Keeps a browser-style session where the runtime has no cookie jar (Node, Deno, workers): the
 * cookies the server sets are kept in memory and sent back, and unsafe requests carry the CSRF
 * token from the `kepu_csrf` cookie. In a browser the cookies are the browser's (same origin);
 * only the CSRF header is added, from `document.cookie`.
 */
function sessionMiddleware(): Middleware {
  const jar = new Map<string, string>();
  const browserCookies = () => (globalThis as { document?: { cookie?: string } }).document?.cookie;
  return {
    onRequest({ request }) {
      if (jar.size > 0) request.headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      if (!SAFE.has(request.method)) {
        const csrf = jar.get(CSRF_COOKIE) ?? cookieValue(browserCookies() ?? '', CSRF_COOKIE);
        if (csrf !== undefined) request.headers.set('x-csrf-token', decodeURIComponent(csrf));
      }
      return request;
    },
    onResponse({ response }) {
      const set = (response.headers as { getSetCookie?: () => string[] }).getSetCookie?.() ?? [];
      for (const line of set) {
        const [pair = '', ...attributes] = line.split(';');
        const [name = '', ...value] = pair.split('=');
        const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
        if (gone) jar.delete(name.trim());
        else jar.set(name.trim(), value.join('='));
      }
      // Returning nothing keeps the response as it is.
      return undefined;
    },
  };
}

/**
 * Creates a typed client of a Kepu server. With `apiKey`, every request carries it as a bearer
 * token (a machine client). Without, it signs in like a browser: call
 * `POST /api/auth/login` and the session cookie and CSRF token are kept and sent from then on.
 * Errors come back typed as {@link Problem} in `error`; nothing throws for an HTTP error.
 *
 * @example
 * ```ts
 * import { createKepuClient } from '@kepu/client';
 * const kepu = createKepuClient({ baseUrl: 'http://127.0.0.1:8787' });
 * await kepu.POST('/api/auth/login', { body: { username: 'wang.li', password: '…' } });
 * const { data, error } = await kepu.GET('/api/reports', { params: { query: { status: 'submitted' } } });
 * if (error) console.log(error.code, error.message.zh);
 * ```
 */
export function createKepuClient(options: KepuClientOptions): KepuClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.apiKey === undefined ? {} : { headers: { authorization: `Bearer ${options.apiKey}` } }),
  });
  if (options.apiKey === undefined) client.use(sessionMiddleware());
  return client;
}

/**
 * True when a value is a Kepu problem document (what the server answers for every error).
 *
 * @example
 * ```ts
 * import { isProblem } from '@kepu/client';
 * isProblem({ type: 'urn:kepu:error:forbidden', code: 'forbidden', status: 403 }); // true
 * ```
 */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<Problem>;
  return typeof p.code === 'string' && typeof p.status === 'number' && typeof p.type === 'string';
}

export {
  createRemoteEngine,
  type RemoteCommandResult,
  type RemoteEngine,
  type RemoteEngineOptions,
} from './remote-engine.js';
export { type SseMessage, type SseOptions, sseMessages } from './sse.js';
