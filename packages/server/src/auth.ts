import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { API_SCOPES } from './accounts/account-store.js';
import type { Accounts } from './accounts/accounts.js';
import { secretHash } from './accounts/secret-token.js';
import type { Principal } from './principal.js';
import type { ServerEnv } from './server-env.js';
import { ServerError } from './server-error.js';

/**
 * The session cookie's name (HttpOnly, SameSite=Strict, Secure).
 *
 * @example
 * ```ts
 * import { SESSION_COOKIE } from '@kepu/server';
 * SESSION_COOKIE; // 'kepu_session'
 * ```
 */
export const SESSION_COOKIE = 'kepu_session';
/**
 * The cookie that hands the browser its CSRF token, readable by the page's own script.
 *
 * @example
 * ```ts
 * import { CSRF_COOKIE } from '@kepu/server';
 * document.cookie.includes(`${CSRF_COOKIE}=`);
 * ```
 */
export const CSRF_COOKIE = 'kepu_csrf';
/**
 * The header a browser session's writes must carry the CSRF token in.
 *
 * @example
 * ```ts
 * import { CSRF_HEADER } from '@kepu/server';
 * fetch('/api/commands/submit-report', { method: 'POST', headers: { [CSRF_HEADER]: csrfToken } });
 * ```
 */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameHash = (a: string, b: string) => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/** The request's origin when it names one, compared with the address it was sent to. */
function crossOrigin(c: Context): string | undefined {
  const origin = c.req.header('origin');
  if (origin === undefined || origin === 'null') return origin;
  const own = new URL(c.req.url);
  return origin === own.origin || origin === `${own.protocol}//${c.req.header('host') ?? own.host}`
    ? undefined
    : origin;
}

/**
 * Authenticates a request, if it carries credentials: `Authorization: Bearer <API key>` for
 * machine clients, else the session cookie. A browser session's unsafe requests (POST, PUT,
 * DELETE…) must carry the session's CSRF token in `X-CSRF-Token` and must not come from another
 * origin; API keys are not sent by browsers on their own, so they need neither. Bad credentials
 * are a 401 even on endpoints that need none, so a client never mistakes a dead key for
 * anonymity.
 *
 * @example
 * ```ts
 * import { authenticate } from '@kepu/server';
 * app.use('/api/*', authenticate());
 * ```
 */
export function authenticate(): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const credentials = credentialsOf(c);
    const principal = await principalFor(c.get('accounts'), credentials);
    if (credentials.bearer !== undefined && !principal) throw ServerError.of(401, 'unauthenticated');
    if (principal?.session && !SAFE.has(c.req.method)) {
      const origin = crossOrigin(c);
      if (origin !== undefined) throw ServerError.of(403, 'csrf-failed', { detail: `origin ${origin.slice(0, 100)}` });
      const sent = c.req.header(CSRF_HEADER);
      if (sent === undefined || !sameHash(secretHash(sent), principal.session.csrfHash)) {
        throw ServerError.of(403, 'csrf-failed', { detail: sent === undefined ? 'missing' : 'does not match' });
      }
    }
    if (principal) c.set('principal', principal);
    await next();
  };
}

/** The credentials a request carries: a bearer API key, or else the session cookie. */
export interface Credentials {
  readonly bearer?: string;
  readonly session?: string;
}

/** Reads a request's credentials without checking them. */
export function credentialsOf(c: Context<ServerEnv>): Credentials {
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (bearer !== undefined) return { bearer };
  const session = getCookie(c, SESSION_COOKIE);
  return session === undefined ? {} : { session };
}

/**
 * The principal `credentials` prove now, or undefined (unknown, expired or revoked). Long-lived
 * requests (the live event stream) call it again to notice a revoked session or key.
 */
export async function principalFor(accounts: Accounts, credentials: Credentials): Promise<Principal | undefined> {
  if (credentials.bearer !== undefined) {
    const found = await accounts.fromApiKey(credentials.bearer);
    return found && { user: found.user, via: 'api-key', scopes: found.key.scopes, apiKey: found.key };
  }
  if (credentials.session !== undefined) {
    const found = await accounts.fromSession(credentials.session);
    return found && { user: found.user, via: 'session', scopes: API_SCOPES, session: found.session };
  }
  return undefined;
}

/**
 * The request's principal; a 401 when it has none.
 *
 * @example
 * ```ts
 * import { principalOf } from '@kepu/server';
 * app.get('/api/auth/me', (c) => c.json(principalOf(c).user.username));
 * ```
 */
export function principalOf(c: Context<ServerEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw ServerError.of(401, 'unauthenticated');
  return principal;
}
