import { checkNamespace, storeDisposed, storeFailure } from '@kepu/core/store';
import pg from 'pg';
import type {
  AccountAuditEvent,
  AccountStore,
  IdempotencyRecord,
  RoleBinding,
  StoredApiKey,
  StoredSession,
  StoredUser,
} from './account-store.js';

/**
 * Options of {@link createPostgresAccountStore}.
 *
 * @example
 * ```ts
 * import type { PostgresAccountStoreOptions } from '@kepu/server';
 * const options: PostgresAccountStoreOptions = {
 *   connectionString: 'postgres://kepu@db.example/kepu',
 *   namespace: 'zhengning-2022-2025',
 * };
 * ```
 */
export interface PostgresAccountStoreOptions {
  /** A `postgres://` URL. Ignored when `pool` is given. */
  readonly connectionString?: string;
  /** A `pg` pool to use instead of opening one. The store does not end it on `dispose()`. */
  readonly pool?: pg.Pool;
  /**
   * The PostgreSQL schema that holds the account tables (created when missing): the engine
   * store's schema is the intended place; the tables are prefixed `kepu_account_`.
   * Letters, digits and underscores, starting with a letter or underscore.
   * @default 'kepu'
   */
  readonly schema?: string;
  /**
   * Whose accounts these are: the engine store's namespace, so that every county served from one
   * database has its own users, sessions, keys and accounts audit. Checked like a store namespace
   * (`checkNamespace` of `@kepu/core/store`).
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * Connections in the pool the store opens.
   * @default 4
   */
  readonly max?: number;
}

const NAME = 'postgres-accounts';
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

// Every table is keyed by namespace first. The schema is created with IF NOT EXISTS under an
// advisory lock (two servers starting at once must not race on CREATE TABLE): it is the first
// version; later ones will be numbered migrations, as the engine store's are.
const tables = (s: string) => `
  CREATE SCHEMA IF NOT EXISTS ${s};
  CREATE TABLE IF NOT EXISTS ${s}.kepu_account_users (
    namespace     text    NOT NULL,
    id            text    NOT NULL,
    username      text    NOT NULL,
    name          text,
    password_hash text    NOT NULL,
    bindings      jsonb   NOT NULL,
    failed_logins integer NOT NULL DEFAULT 0,
    locked_until  text,
    created_at    text    NOT NULL,
    PRIMARY KEY (namespace, id),
    UNIQUE (namespace, username)
  );
  CREATE TABLE IF NOT EXISTS ${s}.kepu_account_sessions (
    namespace  text NOT NULL,
    token_hash text NOT NULL,
    csrf_hash  text NOT NULL,
    user_id    text NOT NULL,
    created_at text NOT NULL,
    expires_at text NOT NULL,
    PRIMARY KEY (namespace, token_hash)
  );
  CREATE INDEX IF NOT EXISTS kepu_account_sessions_user ON ${s}.kepu_account_sessions (namespace, user_id);
  CREATE TABLE IF NOT EXISTS ${s}.kepu_account_api_keys (
    namespace  text  NOT NULL,
    id         text  NOT NULL,
    key_hash   text  NOT NULL,
    user_id    text  NOT NULL,
    label      text  NOT NULL,
    scopes     jsonb NOT NULL,
    created_at text  NOT NULL,
    revoked_at text,
    PRIMARY KEY (namespace, id),
    UNIQUE (namespace, key_hash)
  );
  CREATE TABLE IF NOT EXISTS ${s}.kepu_account_idempotency (
    namespace   text   NOT NULL,
    owner       text   NOT NULL,
    key         text   NOT NULL,
    fingerprint text   NOT NULL,
    head_seq    bigint NOT NULL,
    created_at  text   NOT NULL,
    response    jsonb,
    PRIMARY KEY (namespace, owner, key)
  );
  CREATE TABLE IF NOT EXISTS ${s}.kepu_account_audit (
    seq       bigserial PRIMARY KEY,
    namespace text NOT NULL,
    at        text NOT NULL,
    event     text NOT NULL,
    actor     text,
    subject   text,
    ip        text,
    detail    jsonb
  );
  CREATE INDEX IF NOT EXISTS kepu_account_audit_ns ON ${s}.kepu_account_audit (namespace, seq);
`;

type Row = Record<string, unknown>;
const text = (row: Row, column: string) => row[column] as string;
/** An optional column: present in the object only when the row has a value (never `undefined`). */
const optional = <K extends string>(key: K, value: unknown): { [P in K]?: string } =>
  value === null || value === undefined ? {} : ({ [key]: value as string } as { [P in K]: string });

const userOf = (row: Row): StoredUser => ({
  id: text(row, 'id'),
  username: text(row, 'username'),
  ...optional('name', row.name),
  passwordHash: text(row, 'password_hash'),
  bindings: row.bindings as RoleBinding[],
  failedLogins: row.failed_logins as number,
  ...optional('lockedUntil', row.locked_until),
  createdAt: text(row, 'created_at'),
});

/**
 * The {@link AccountStore} on PostgreSQL (`pg`), in tables of its own (`kepu_account_*`) in the
 * engine store's schema, every row keyed by the namespace: one database serves several counties,
 * each with its own accounts. The tables are made on first use.
 *
 * @example
 * ```ts
 * import { createPostgresAccountStore } from '@kepu/server';
 * const accounts = createPostgresAccountStore({
 *   connectionString: process.env.DATABASE_URL,
 *   namespace: 'zhengning-2022-2025',
 * });
 * await accounts.countUsers(); // 0 on a new database
 * await accounts.dispose();
 * ```
 */
export function createPostgresAccountStore(options: PostgresAccountStoreOptions): AccountStore & {
  readonly schema: string;
  readonly namespace: string;
} {
  const schemaName = options.schema ?? 'kepu';
  if (!SCHEMA_NAME.test(schemaName)) {
    throw storeFailure(NAME, `"${schemaName}" is not a usable schema name: use letters, digits and underscores`);
  }
  const namespace = checkNamespace(options.namespace ?? 'default');
  const s = `"${schemaName}"`;
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 4 });
  let ready: Promise<void> | undefined;
  let disposed = false;

  const prepare = async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kepu_account:${schemaName}`]);
      await client.query(tables(s));
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  /** One statement, after the tables exist; the namespace is always `$1`. */
  const query = async (sql: string, params: readonly unknown[] = []): Promise<pg.QueryResult<Row>> => {
    if (disposed) throw storeDisposed(NAME);
    ready ??= prepare().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    try {
      await ready;
      return await pool.query<Row>(sql, [namespace, ...params]);
    } catch (error) {
      // The driver's error (no server, wrong password, a lost connection) as the port's typed one.
      throw storeFailure(NAME, error instanceof Error ? error.message : String(error), error);
    }
  };
  const first = async (sql: string, params: readonly unknown[]) => (await query(sql, params)).rows[0];

  return {
    name: NAME,
    schema: schemaName,
    namespace,
    async countUsers() {
      const row = await first(`SELECT count(*)::int AS n FROM ${s}.kepu_account_users WHERE namespace = $1`, []);
      return row?.n as number;
    },
    async createUser(user) {
      const result = await query(
        `INSERT INTO ${s}.kepu_account_users
           (namespace, id, username, name, password_hash, bindings, failed_logins, locked_until, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT DO NOTHING`,
        [
          user.id,
          user.username,
          user.name ?? null,
          user.passwordHash,
          JSON.stringify(user.bindings),
          user.failedLogins,
          user.lockedUntil ?? null,
          user.createdAt,
        ],
      );
      return result.rowCount === 1;
    },
    async findUser(id) {
      const row = await first(`SELECT * FROM ${s}.kepu_account_users WHERE namespace = $1 AND id = $2`, [id]);
      return row && userOf(row);
    },
    async findUserByName(username) {
      const row = await first(`SELECT * FROM ${s}.kepu_account_users WHERE namespace = $1 AND username = $2`, [
        username,
      ]);
      return row && userOf(row);
    },
    async listUsers() {
      const result = await query(`SELECT * FROM ${s}.kepu_account_users WHERE namespace = $1 ORDER BY username`);
      return result.rows.map(userOf);
    },
    async setBindings(userId, bindings) {
      await query(`UPDATE ${s}.kepu_account_users SET bindings = $3 WHERE namespace = $1 AND id = $2`, [
        userId,
        JSON.stringify(bindings),
      ]);
    },
    async setLoginState(userId, state) {
      await query(
        `UPDATE ${s}.kepu_account_users SET failed_logins = $3, locked_until = $4 WHERE namespace = $1 AND id = $2`,
        [userId, state.failedLogins, state.lockedUntil ?? null],
      );
    },
    async createSession(session: StoredSession) {
      await query(
        `INSERT INTO ${s}.kepu_account_sessions (namespace, token_hash, csrf_hash, user_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [session.tokenHash, session.csrfHash, session.userId, session.createdAt, session.expiresAt],
      );
    },
    async findSession(tokenHash) {
      const row = await first(`SELECT * FROM ${s}.kepu_account_sessions WHERE namespace = $1 AND token_hash = $2`, [
        tokenHash,
      ]);
      return (
        row && {
          tokenHash: text(row, 'token_hash'),
          csrfHash: text(row, 'csrf_hash'),
          userId: text(row, 'user_id'),
          createdAt: text(row, 'created_at'),
          expiresAt: text(row, 'expires_at'),
        }
      );
    },
    async deleteSession(tokenHash) {
      await query(`DELETE FROM ${s}.kepu_account_sessions WHERE namespace = $1 AND token_hash = $2`, [tokenHash]);
    },
    async deleteSessionsOf(userId) {
      await query(`DELETE FROM ${s}.kepu_account_sessions WHERE namespace = $1 AND user_id = $2`, [userId]);
    },
    async createApiKey(key: StoredApiKey) {
      await query(
        `INSERT INTO ${s}.kepu_account_api_keys (namespace, id, key_hash, user_id, label, scopes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [key.id, key.keyHash, key.userId, key.label, JSON.stringify(key.scopes), key.createdAt],
      );
    },
    async findApiKey(keyHash) {
      const row = await first(`SELECT * FROM ${s}.kepu_account_api_keys WHERE namespace = $1 AND key_hash = $2`, [
        keyHash,
      ]);
      return (
        row && {
          id: text(row, 'id'),
          keyHash: text(row, 'key_hash'),
          userId: text(row, 'user_id'),
          label: text(row, 'label'),
          scopes: row.scopes as StoredApiKey['scopes'],
          createdAt: text(row, 'created_at'),
          ...optional('revokedAt', row.revoked_at),
        }
      );
    },
    async revokeApiKey(id, at) {
      const result = await query(
        `UPDATE ${s}.kepu_account_api_keys SET revoked_at = $3 WHERE namespace = $1 AND id = $2 AND revoked_at IS NULL`,
        [id, at],
      );
      return result.rowCount === 1;
    },
    async beginIdempotent(record: IdempotencyRecord) {
      const result = await query(
        `INSERT INTO ${s}.kepu_account_idempotency (namespace, owner, key, fingerprint, head_seq, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [record.owner, record.key, record.fingerprint, record.headSeq, record.createdAt],
      );
      return result.rowCount === 1;
    },
    async getIdempotent(owner, key) {
      const row = await first(
        `SELECT * FROM ${s}.kepu_account_idempotency WHERE namespace = $1 AND owner = $2 AND key = $3`,
        [owner, key],
      );
      if (!row) return undefined;
      return {
        owner,
        key,
        fingerprint: text(row, 'fingerprint'),
        headSeq: Number(row.head_seq),
        createdAt: text(row, 'created_at'),
        ...(row.response === null ? {} : { response: row.response as { status: number; body: unknown } }),
      };
    },
    async finishIdempotent(owner, key, response) {
      await query(
        `UPDATE ${s}.kepu_account_idempotency SET response = $4 WHERE namespace = $1 AND owner = $2 AND key = $3`,
        [owner, key, JSON.stringify(response)],
      );
    },
    async dropIdempotent(owner, key) {
      await query(
        `DELETE FROM ${s}.kepu_account_idempotency
         WHERE namespace = $1 AND owner = $2 AND key = $3 AND response IS NULL`,
        [owner, key],
      );
    },
    async appendAudit(event: AccountAuditEvent) {
      await query(
        `INSERT INTO ${s}.kepu_account_audit (namespace, at, event, actor, subject, ip, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          event.at,
          event.event,
          event.actor ?? null,
          event.subject ?? null,
          event.ip ?? null,
          event.detail ? JSON.stringify(event.detail) : null,
        ],
      );
    },
    async readAudit(read = {}) {
      const result = await query(
        `SELECT * FROM ${s}.kepu_account_audit WHERE namespace = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [read.after ?? 0, read.limit ?? null],
      );
      return result.rows.map((row) => ({
        seq: Number(row.seq),
        at: text(row, 'at'),
        event: row.event as AccountAuditEvent['event'],
        ...optional('actor', row.actor),
        ...optional('subject', row.subject),
        ...optional('ip', row.ip),
        ...(row.detail === null ? {} : { detail: row.detail as Record<string, unknown> }),
      }));
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await ready?.catch(() => {});
      if (ownsPool) await pool.end();
    },
  };
}
