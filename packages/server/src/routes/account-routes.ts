import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Engine } from '@kepu/core';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { API_SCOPES, type RoleBinding } from '../accounts/account-store.js';
import { RoleBindingSchema } from '../accounts/accounts.js';
import { CSRF_COOKIE, principalOf, SESSION_COOKIE } from '../auth.js';
import { requirePlanOffice, requireScope } from '../principal.js';
import type { ServerEnv } from '../server-env.js';
import { ServerError } from '../server-error.js';
import { json, problems, SECURED } from './openapi-parts.js';

const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    name: z.string().optional(),
    bindings: z.array(RoleBindingSchema),
    createdAt: z.string(),
  })
  .openapi('User');
const Credentials = z.object({ username: z.string().max(200), password: z.string().max(1_000) }).openapi('Credentials');
const NewUserSchema = z
  .object({
    username: z.string().max(64).openapi({ example: 'wang.li' }),
    password: z.string().max(1_000),
    name: z.string().max(200).optional().openapi({ example: '王丽' }),
    bindings: z.array(RoleBindingSchema).max(50),
  })
  .openapi('NewUser');
const IdParam = z.object({
  id: z
    .string()
    .max(80)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const body = <S extends z.ZodType>(schema: S) => ({ required: true, content: { 'application/json': { schema } } });

/** Every unit a binding names must exist in a plan the engine serves (and in the named plan). */
function checkBindings(engine: Engine, bindings: readonly RoleBinding[]): void {
  bindings.forEach((b, i) => {
    if (b.plan !== undefined && !engine.plans.has(b.plan)) {
      throw ServerError.of(422, 'not-found', { path: `plan ${b.plan}` }, { path: ['bindings', i, 'plan'] });
    }
    if (b.unit === undefined) return;
    const plans = b.plan === undefined ? [...engine.plans.values()] : [engine.plans.get(b.plan)];
    if (!plans.some((p) => p?.orgUnits.some((u) => u.id === b.unit))) {
      throw ServerError.of(422, 'not-found', { path: `unit ${b.unit}` }, { path: ['bindings', i, 'unit'] });
    }
  });
}

/**
 * Registers sign-in, sign-out, the current user, first-administrator setup, and the plan
 * office's account administration (accounts, role bindings, API keys, the accounts audit).
 */
export function registerAccountRoutes(app: OpenAPIHono<ServerEnv>, engine: Engine, secureCookies: boolean): void {
  const cookie = { httpOnly: true, sameSite: 'Strict' as const, secure: secureCookies, path: '/' };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/login',
      operationId: 'login',
      tags: ['auth'],
      summary: 'Sign in; sets the session cookie and returns the CSRF token',
      request: { body: body(Credentials) },
      responses: {
        200: json(z.object({ user: UserSchema, csrfToken: z.string(), expiresAt: z.string() }), 'Signed in.'),
        ...problems(401, 422, 429),
      },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const session = await c.get('accounts').login({ username, password, ip: c.get('ip') });
      const maxAge = Math.max(0, Math.floor((Date.parse(session.expiresAt) - Date.now()) / 1000));
      setCookie(c, SESSION_COOKIE, session.token, { ...cookie, maxAge });
      // Readable by the page's own script, which echoes it in X-CSRF-Token; another site cannot read it.
      setCookie(c, CSRF_COOKIE, session.csrf, { ...cookie, httpOnly: false, maxAge });
      return c.json({ user: session.user, csrfToken: session.csrf, expiresAt: session.expiresAt } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/logout',
      operationId: 'logout',
      tags: ['auth'],
      summary: 'Sign out: the session is deleted on the server',
      security: SECURED,
      responses: { 204: { description: 'Signed out.' }, ...problems(401, 403) },
    }),
    async (c) => {
      principalOf(c);
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await c.get('accounts').logout(token, c.get('ip'));
      deleteCookie(c, SESSION_COOKIE, cookie);
      deleteCookie(c, CSRF_COOKIE, { ...cookie, httpOnly: false });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/me',
      operationId: 'me',
      tags: ['auth'],
      summary: 'The signed-in user, their bindings and the credentials’ scopes',
      security: SECURED,
      responses: {
        200: json(
          z.object({ user: UserSchema, via: z.enum(['session', 'api-key']), scopes: z.array(z.enum(API_SCOPES)) }),
          'You.',
        ),
        ...problems(401),
      },
    }),
    (c) => {
      const p = principalOf(c);
      const { passwordHash: _h, failedLogins: _f, lockedUntil: _l, ...user } = p.user;
      return c.json({ user, via: p.via, scopes: [...p.scopes] } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/setup',
      operationId: 'setup',
      tags: ['auth'],
      summary: 'Create the first administrator with the one-time setup token printed at start-up',
      request: {
        body: body(
          z.object({
            token: z.string().max(200),
            username: z.string().max(64),
            password: z.string().max(1_000),
            name: z.string().max(200).optional(),
          }),
        ),
      },
      responses: { 201: json(UserSchema, 'The administrator.'), ...problems(403, 409, 422) },
    }),
    async (c) => {
      const { token, ...account } = c.req.valid('json');
      const user = await c.get('accounts').createFirstAdmin(account, { token, ip: c.get('ip') });
      return c.json(user as never, 201);
    },
  );

  const admin = (path: string, method: 'get' | 'post' | 'put' | 'delete', id: string, summary: string) => ({
    method,
    path,
    operationId: id,
    tags: ['accounts'],
    summary: `${summary} (plan office)`,
    security: SECURED,
  });
  const office = (c: Context<ServerEnv>, action: string) => {
    const p = principalOf(c);
    requirePlanOffice(p, action);
    return p.user;
  };

  app.openapi(
    createRoute({
      ...admin('/api/accounts', 'get', 'list-accounts', 'List accounts'),
      responses: { 200: json(z.array(UserSchema), 'The accounts.'), ...problems(401, 403) },
    }),
    async (c) => {
      office(c, 'list accounts');
      return c.json((await c.get('accounts').listUsers()) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      ...admin('/api/accounts', 'post', 'create-account', 'Create an account with its role bindings'),
      request: { body: body(NewUserSchema) },
      responses: { 201: json(UserSchema, 'The account.'), ...problems(401, 403, 409, 422) },
    }),
    async (c) => {
      const by = office(c, 'create accounts');
      const input = c.req.valid('json');
      checkBindings(engine, input.bindings);
      return c.json((await c.get('accounts').createUser(by, input)) as never, 201);
    },
  );

  app.openapi(
    createRoute({
      ...admin('/api/accounts/{id}/bindings', 'put', 'set-bindings', "Replace an account's role bindings"),
      request: { params: IdParam, body: body(z.object({ bindings: z.array(RoleBindingSchema).max(50) })) },
      responses: { 200: json(UserSchema, 'The account.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      const by = office(c, 'bind roles');
      const { bindings } = c.req.valid('json');
      checkBindings(engine, bindings);
      return c.json((await c.get('accounts').setBindings(by, c.req.valid('param').id, bindings)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/api-keys',
      operationId: 'create-api-key',
      tags: ['accounts'],
      summary: 'Create an API key for yourself (or, for the plan office, for another account); shown once',
      security: SECURED,
      request: {
        body: body(
          z.object({
            label: z.string().trim().min(1).max(200),
            scopes: z.array(z.enum(API_SCOPES)).min(1),
            user: z.string().max(80).optional(),
          }),
        ),
      },
      responses: {
        201: json(
          z.object({
            id: z.string(),
            key: z.string(),
            label: z.string(),
            scopes: z.array(z.enum(API_SCOPES)),
            userId: z.string(),
          }),
          'The key.',
        ),
        ...problems(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const p = principalOf(c);
      // A key is made with a signed-in session or by a key allowed to administer.
      if (p.via === 'api-key') requireScope(p, 'admin');
      const input = c.req.valid('json');
      let owner = p.user;
      if (input.user !== undefined && input.user !== p.user.id) {
        requirePlanOffice(p, 'create API keys for others');
        const found = await c.get('accounts').store.findUser(input.user);
        if (!found) throw ServerError.of(404, 'unknown-account', { user: input.user });
        owner = found;
      }
      const created = await c.get('accounts').createApiKey(p.user, { label: input.label, scopes: input.scopes, owner });
      return c.json(created as never, 201);
    },
  );

  app.openapi(
    createRoute({
      ...admin('/api/api-keys/{id}', 'delete', 'revoke-api-key', 'Revoke an API key'),
      request: { params: IdParam },
      responses: { 204: { description: 'Revoked.' }, ...problems(401, 403, 404) },
    }),
    async (c) => {
      const by = office(c, 'revoke API keys');
      const done = await c.get('accounts').revokeApiKey(by, c.req.valid('param').id);
      if (!done) throw ServerError.of(404, 'not-found', { path: c.req.path });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      ...admin(
        '/api/accounts/audit',
        'get',
        'accounts-audit',
        'The accounts audit: sign-ins, failures, lockouts, roles, keys',
      ),
      request: {
        query: z.object({
          after: z.coerce.number().int().min(0).optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
      responses: { 200: json(z.array(z.record(z.string(), z.unknown())), 'The events.'), ...problems(401, 403) },
    }),
    async (c) => {
      office(c, 'read the accounts audit');
      const q = c.req.valid('query');
      const events = await c
        .get('accounts')
        .store.readAudit({ ...(q.after === undefined ? {} : { after: q.after }), limit: q.limit ?? 200 });
      return c.json(events as never, 200);
    },
  );
}
