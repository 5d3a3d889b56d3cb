import type { EngineRole, MaybePromise } from '@kepu/core';

/**
 * One (unit, role) pair a user acts in. Reporters and lead reviewers act for a unit; `plan`
 * limits the binding to one plan of a multi-county database.
 *
 * @example
 * ```ts
 * import type { RoleBinding } from '@kepu/server';
 * const binding: RoleBinding = { role: 'reporter', unit: 'education' };
 * ```
 */
export interface RoleBinding {
  readonly role: EngineRole;
  readonly unit?: string;
  readonly plan?: string;
}

/**
 * A user as the account store keeps it. `passwordHash` never leaves the server.
 *
 * @example
 * ```ts
 * import type { StoredUser } from '@kepu/server';
 * const isLocked = (u: StoredUser, now: Date) => u.lockedUntil !== undefined && u.lockedUntil > now.toISOString();
 * ```
 */
export interface StoredUser {
  readonly id: string;
  /** Lower-case, unique. */
  readonly username: string;
  readonly name?: string;
  readonly passwordHash: string;
  readonly bindings: readonly RoleBinding[];
  /** Failed sign-ins since the last success. */
  readonly failedLogins: number;
  /** ISO time until which sign-in is refused, after too many failures. */
  readonly lockedUntil?: string;
  readonly createdAt: string;
}

/**
 * A browser session: the SHA-256 of its cookie token and of its CSRF token, never the tokens.
 *
 * @example
 * ```ts
 * import type { StoredSession } from '@kepu/server';
 * const live = (s: StoredSession, now: Date) => s.expiresAt > now.toISOString();
 * ```
 */
export interface StoredSession {
  readonly tokenHash: string;
  readonly csrfHash: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/**
 * What a machine client's API key may do: `read` the queries, `write` run commands, `admin`
 * manage accounts. A key never has more than its user's roles allow.
 *
 * @example
 * ```ts
 * import type { ApiScope } from '@kepu/server';
 * const scopes: ApiScope[] = ['read'];
 * ```
 */
export type ApiScope = 'read' | 'write' | 'admin';

/**
 * Every {@link ApiScope}.
 *
 * @example
 * ```ts
 * import { API_SCOPES } from '@kepu/server';
 * API_SCOPES.includes('write'); // true
 * ```
 */
export const API_SCOPES = ['read', 'write', 'admin'] as const satisfies readonly ApiScope[];

/**
 * An API key: the SHA-256 of the key, its owner, scopes and a label.
 *
 * @example
 * ```ts
 * import type { StoredApiKey } from '@kepu/server';
 * const canWrite = (k: StoredApiKey) => k.scopes.includes('write');
 * ```
 */
export interface StoredApiKey {
  readonly id: string;
  readonly keyHash: string;
  readonly userId: string;
  readonly label: string;
  readonly scopes: readonly ApiScope[];
  readonly createdAt: string;
  readonly revokedAt?: string;
}

/**
 * The kept outcome of a command request sent with an `Idempotency-Key`. While the command runs,
 * `response` is absent and `headSeq` is the audit position before it, so that a retry after a
 * crash can look for the command in the log instead of running it twice.
 *
 * @example
 * ```ts
 * import type { IdempotencyRecord } from '@kepu/server';
 * const done = (r: IdempotencyRecord) => r.response !== undefined;
 * ```
 */
export interface IdempotencyRecord {
  /** The principal (user id) and the client's key. */
  readonly owner: string;
  readonly key: string;
  /** SHA-256 of the method, path and canonical body: a different request with the same key is refused. */
  readonly fingerprint: string;
  readonly headSeq: number;
  readonly createdAt: string;
  readonly response?: { readonly status: number; readonly body: unknown };
}

/**
 * An entry of the accounts audit: sign-ins, failed sign-ins, lockouts, accounts created, roles
 * bound, keys created or revoked. It carries who and what, never a password or a token.
 *
 * @example
 * ```ts
 * import type { AccountAuditEvent } from '@kepu/server';
 * const failed = (events: AccountAuditEvent[]) => events.filter((e) => e.event === 'login-failed');
 * ```
 */
export interface AccountAuditEvent {
  readonly seq?: number;
  readonly at: string;
  readonly event:
    | 'setup'
    | 'login'
    | 'login-failed'
    | 'lockout'
    | 'logout'
    | 'user-created'
    | 'roles-changed'
    | 'api-key-created'
    | 'api-key-revoked';
  /** Who did it (a user id), when known. */
  readonly actor?: string;
  /** Whom it concerns (a user id, or the username tried for a failed sign-in). */
  readonly subject?: string;
  readonly ip?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/**
 * Where accounts, sessions, API keys, idempotency records and the accounts audit are kept.
 * Small on purpose, so a PostgreSQL implementation is a page of SQL; every method may answer
 * synchronously or with a promise. Implementations must make `createUser` refuse a taken
 * username by returning `false`, and must never log what they store.
 *
 * @example
 * ```ts
 * import { createSqliteAccountStore, type AccountStore } from '@kepu/server';
 * const accounts: AccountStore = createSqliteAccountStore({ filename: ':memory:' });
 * await accounts.countUsers(); // 0
 * ```
 */
export interface AccountStore {
  readonly name: string;
  countUsers(): MaybePromise<number>;
  /** False when the username is taken. */
  createUser(user: StoredUser): MaybePromise<boolean>;
  findUser(id: string): MaybePromise<StoredUser | undefined>;
  findUserByName(username: string): MaybePromise<StoredUser | undefined>;
  listUsers(): MaybePromise<StoredUser[]>;
  setBindings(userId: string, bindings: readonly RoleBinding[]): MaybePromise<void>;
  setLoginState(
    userId: string,
    state: { readonly failedLogins: number; readonly lockedUntil?: string },
  ): MaybePromise<void>;
  createSession(session: StoredSession): MaybePromise<void>;
  findSession(tokenHash: string): MaybePromise<StoredSession | undefined>;
  deleteSession(tokenHash: string): MaybePromise<void>;
  deleteSessionsOf(userId: string): MaybePromise<void>;
  createApiKey(key: StoredApiKey): MaybePromise<void>;
  findApiKey(keyHash: string): MaybePromise<StoredApiKey | undefined>;
  revokeApiKey(id: string, at: string): MaybePromise<boolean>;
  /** Inserts a pending record; false when one exists for the owner and key. */
  beginIdempotent(record: IdempotencyRecord): MaybePromise<boolean>;
  getIdempotent(owner: string, key: string): MaybePromise<IdempotencyRecord | undefined>;
  finishIdempotent(owner: string, key: string, response: { status: number; body: unknown }): MaybePromise<void>;
  /** Forgets a pending record whose request failed before the engine was reached. */
  dropIdempotent(owner: string, key: string): MaybePromise<void>;
  appendAudit(event: AccountAuditEvent): MaybePromise<void>;
  readAudit(query?: { readonly after?: number; readonly limit?: number }): MaybePromise<AccountAuditEvent[]>;
  dispose(): MaybePromise<void>;
}
