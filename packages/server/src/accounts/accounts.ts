import { randomUUID } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { type Clock, ENGINE_ROLES, fromZodIssues, IdSchema, KepuError } from '@kepu/core';
import { ServerError } from '../server-error.js';
import type {
  AccountAuditEvent,
  AccountStore,
  ApiScope,
  RoleBinding,
  StoredApiKey,
  StoredUser,
} from './account-store.js';
import { API_SCOPES } from './account-store.js';
import { createLoginLimiter, type LoginLimiterOptions } from './login-limiter.js';
import { DEFAULT_PASSWORD_COST, hashPassword, type PasswordCost, verifyPassword } from './password.js';
import { newSecret, secretHash } from './secret-token.js';

/**
 * A (unit, role) binding as requests carry it.
 *
 * @example
 * ```ts
 * import { RoleBindingSchema } from '@kepu/server';
 * RoleBindingSchema.parse({ role: 'reporter', unit: 'education' });
 * ```
 */
export const RoleBindingSchema = z
  .strictObject({ role: z.enum(ENGINE_ROLES), unit: IdSchema.optional(), plan: IdSchema.optional() })
  .refine((b) => b.unit !== undefined || (b.role !== 'reporter' && b.role !== 'lead-reviewer'), {
    message: 'a reporter or a lead reviewer acts for an org unit: give its id in `unit`',
    path: ['unit'],
  })
  .openapi('RoleBinding');

/**
 * A username: 2–64 letters, digits, dots, hyphens or underscores, compared lower-case (what a
 * person types is trimmed and folded).
 *
 * @example
 * ```ts
 * import { UsernameSchema } from '@kepu/server';
 * UsernameSchema.parse(' Wang.Li '); // 'wang.li'
 * ```
 */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2–64 letters, digits, dots, hyphens or underscores');

/**
 * Options of {@link createAccounts}.
 *
 * @example
 * ```ts
 * import { createAccounts, createSqliteAccountStore, type AccountsOptions } from '@kepu/server';
 * const options: AccountsOptions = { store: createSqliteAccountStore({ filename: ':memory:' }) };
 * ```
 */
export interface AccountsOptions {
  readonly store: AccountStore;
  /** @default the system clock */
  readonly clock?: Clock;
  /** @default {@link DEFAULT_PASSWORD_COST} */
  readonly passwordCost?: PasswordCost;
  /** @default 12 */
  readonly minPasswordLength?: number;
  /** Consecutive failed sign-ins that lock an account. @default 5 */
  readonly lockoutAfter?: number;
  /** @default 900000 (15 minutes) */
  readonly lockoutMs?: number;
  /** @default 43200000 (12 hours) */
  readonly sessionMs?: number;
  /** Per-address rate limit of sign-ins. */
  readonly loginLimit?: LoginLimiterOptions;
}

/**
 * A user as the API shows it: never the password hash or the sign-in counters.
 *
 * @example
 * ```ts
 * import type { PublicUser } from '@kepu/server';
 * const roles = (u: PublicUser) => u.bindings.map((b) => b.role);
 * ```
 */
export interface PublicUser {
  readonly id: string;
  readonly username: string;
  readonly name?: string;
  readonly bindings: readonly RoleBinding[];
  readonly createdAt: string;
}

/**
 * The public view of a stored user.
 *
 * @example
 * ```ts
 * import { publicUser } from '@kepu/server';
 * const view = (u: Parameters<typeof publicUser>[0]) => publicUser(u).username;
 * ```
 */
export function publicUser(user: StoredUser): PublicUser {
  return {
    id: user.id,
    username: user.username,
    ...(user.name === undefined ? {} : { name: user.name }),
    bindings: user.bindings,
    createdAt: user.createdAt,
  };
}

/**
 * What a new account needs.
 *
 * @example
 * ```ts
 * import type { NewAccount } from '@kepu/server';
 * const account: NewAccount = { username: 'wang.li', password: 'a long password', bindings: [{ role: 'reporter', unit: 'education' }] };
 * ```
 */
export interface NewAccount {
  readonly username: string;
  readonly password: string;
  readonly name?: string;
  readonly bindings: readonly RoleBinding[];
}

/**
 * Accounts, sign-in and sessions over an {@link AccountStore}: scrypt password hashes,
 * per-address rate limiting and per-account lockout, the same answer and the same work for an
 * unknown username as for a wrong password, tokens kept only as hashes, and every sign-in,
 * failure, lockout, account, role change and API key written to the accounts audit.
 *
 * @example
 * ```ts
 * import { createAccounts, createSqliteAccountStore } from '@kepu/server';
 * const accounts = createAccounts({ store: createSqliteAccountStore({ filename: ':memory:' }) });
 * await accounts.createFirstAdmin({ username: 'admin', password: 'a long enough secret' });
 * ```
 */
export function createAccounts(options: AccountsOptions) {
  const { store } = options;
  const clock = options.clock ?? { now: () => new Date() };
  const cost = options.passwordCost ?? DEFAULT_PASSWORD_COST;
  const minLength = options.minPasswordLength ?? 12;
  const lockoutAfter = options.lockoutAfter ?? 5;
  const lockoutMs = options.lockoutMs ?? 900_000;
  const sessionMs = options.sessionMs ?? 43_200_000;
  const limiter = createLoginLimiter(options.loginLimit);
  // Checked against for unknown usernames, so they cost what a wrong password costs.
  const decoy = hashPassword(newSecret('kpt'), cost);
  let setupToken: string | undefined;

  const now = () => clock.now().toISOString();
  const audit = (event: Omit<AccountAuditEvent, 'at'>) => store.appendAudit({ at: now(), ...event });

  const makeUser = async (account: NewAccount): Promise<StoredUser> => {
    const username = UsernameSchema.safeParse(account.username);
    if (!username.success) {
      throw new KepuError(fromZodIssues(username.error.issues, ['username']));
    }
    if (account.password.length < minLength) {
      throw ServerError.of(422, 'weak-password', { min: String(minLength) }, { path: ['password'] });
    }
    const user: StoredUser = {
      id: randomUUID(),
      username: username.data,
      ...(account.name === undefined ? {} : { name: account.name }),
      passwordHash: await hashPassword(account.password, cost),
      bindings: account.bindings,
      failedLogins: 0,
      createdAt: now(),
    };
    if (!(await store.createUser(user))) {
      throw ServerError.of(409, 'account-exists', { username: user.username }, { path: ['username'] });
    }
    return user;
  };

  const adminBindings: RoleBinding[] = [{ role: 'plan-office' }];

  return {
    store,
    /** True until the first account exists. */
    async needsSetup(): Promise<boolean> {
      return (await store.countUsers()) === 0;
    },
    /**
     * The one-time setup token while no account exists (made on first call), else undefined.
     * Print it at start-up: whoever holds it may create the first administrator.
     */
    async setupToken(): Promise<string | undefined> {
      if ((await store.countUsers()) > 0) return undefined;
      setupToken ??= newSecret('kpt');
      return setupToken;
    },
    /** Creates the first administrator (a plan-office account); refused once any account exists. */
    async createFirstAdmin(account: Omit<NewAccount, 'bindings'>, via: { token?: string; ip?: string } = {}) {
      const open = (await store.countUsers()) === 0;
      const tokenOk =
        via.token === undefined || (setupToken !== undefined && secretHash(via.token) === secretHash(setupToken));
      if (!open || !tokenOk) throw ServerError.of(403, 'setup-closed');
      const user = await makeUser({ ...account, bindings: adminBindings });
      setupToken = undefined;
      await audit({ event: 'setup', actor: user.id, subject: user.id, ...(via.ip ? { ip: via.ip } : {}) });
      return publicUser(user);
    },
    async createUser(by: StoredUser, account: NewAccount) {
      const user = await makeUser(account);
      await audit({ event: 'user-created', actor: by.id, subject: user.id, detail: { bindings: user.bindings } });
      return publicUser(user);
    },
    async setBindings(by: StoredUser, userId: string, bindings: readonly RoleBinding[]) {
      const user = await store.findUser(userId);
      if (!user) throw ServerError.of(404, 'unknown-account', { user: userId.slice(0, 80) });
      await store.setBindings(userId, bindings);
      await audit({
        event: 'roles-changed',
        actor: by.id,
        subject: userId,
        detail: { from: user.bindings, to: bindings },
      });
      return publicUser({ ...user, bindings });
    },
    async listUsers() {
      return (await store.listUsers()).map(publicUser);
    },
    /** Signs in; returns the session and CSRF tokens, which exist nowhere else after this. */
    async login(input: { username: string; password: string; ip: string }) {
      const at = clock.now();
      const wait = limiter.take(input.ip, at.getTime());
      if (wait !== undefined) {
        throw ServerError.of(
          429,
          'rate-limited',
          { seconds: String(wait) },
          { headers: { 'retry-after': String(wait) } },
        );
      }
      const username = UsernameSchema.safeParse(input.username);
      const user = username.success ? await store.findUserByName(username.data) : undefined;
      const matches = await verifyPassword(String(input.password), user?.passwordHash ?? (await decoy));
      const locked = user?.lockedUntil !== undefined && user.lockedUntil > at.toISOString();
      if (!user || !matches || locked) {
        const tried = username.success ? username.data : '(invalid)';
        if (user && !locked) {
          const failed = user.failedLogins + 1;
          const lockedUntil = failed >= lockoutAfter ? new Date(at.getTime() + lockoutMs).toISOString() : undefined;
          await store.setLoginState(user.id, { failedLogins: failed, ...(lockedUntil ? { lockedUntil } : {}) });
          if (lockedUntil)
            await audit({ event: 'lockout', subject: user.id, ip: input.ip, detail: { until: lockedUntil } });
        }
        await audit({
          event: 'login-failed',
          subject: user?.id ?? tried,
          ip: input.ip,
          ...(locked ? { detail: { locked: true } } : {}),
        });
        throw ServerError.of(401, 'login-failed');
      }
      if (user.failedLogins > 0 || user.lockedUntil) await store.setLoginState(user.id, { failedLogins: 0 });
      const token = newSecret('kps');
      const csrf = newSecret('csrf');
      const expiresAt = new Date(at.getTime() + sessionMs).toISOString();
      await store.createSession({
        tokenHash: secretHash(token),
        csrfHash: secretHash(csrf),
        userId: user.id,
        createdAt: at.toISOString(),
        expiresAt,
      });
      await audit({ event: 'login', actor: user.id, subject: user.id, ip: input.ip });
      return { token, csrf, expiresAt, user: publicUser(user) };
    },
    async logout(token: string, ip?: string) {
      const session = await store.findSession(secretHash(token));
      if (!session) return;
      await store.deleteSession(session.tokenHash);
      await audit({ event: 'logout', actor: session.userId, subject: session.userId, ...(ip ? { ip } : {}) });
    },
    /** The user and session of a cookie token, or undefined when unknown or expired. */
    async fromSession(token: string) {
      const session = await store.findSession(secretHash(token));
      if (!session || session.expiresAt <= now()) return undefined;
      const user = await store.findUser(session.userId);
      return user && { user, session };
    },
    /** The user and key of a bearer API key, or undefined when unknown or revoked. */
    async fromApiKey(secret: string) {
      const key = await store.findApiKey(secretHash(secret));
      if (!key || key.revokedAt !== undefined) return undefined;
      const user = await store.findUser(key.userId);
      return user && { user, key };
    },
    /** Creates an API key for `owner`; the key is returned once and kept only as a hash. */
    async createApiKey(by: StoredUser, input: { label: string; scopes: readonly ApiScope[]; owner?: StoredUser }) {
      const owner = input.owner ?? by;
      const secret = newSecret('kpk');
      const scopes = API_SCOPES.filter((s) => input.scopes.includes(s));
      const key: StoredApiKey = {
        id: randomUUID(),
        keyHash: secretHash(secret),
        userId: owner.id,
        label: input.label,
        scopes,
        createdAt: now(),
      };
      await store.createApiKey(key);
      await audit({
        event: 'api-key-created',
        actor: by.id,
        subject: owner.id,
        detail: { key: key.id, label: key.label, scopes },
      });
      return { id: key.id, key: secret, label: key.label, scopes, userId: owner.id };
    },
    async revokeApiKey(by: StoredUser, id: string) {
      const done = await store.revokeApiKey(id, now());
      if (done) await audit({ event: 'api-key-revoked', actor: by.id, detail: { key: id } });
      return done;
    },
  };
}

/**
 * The accounts service {@link createAccounts} returns.
 *
 * @example
 * ```ts
 * import type { Accounts } from '@kepu/server';
 * const needsSetup = (accounts: Accounts) => accounts.needsSetup();
 * ```
 */
export type Accounts = ReturnType<typeof createAccounts>;
