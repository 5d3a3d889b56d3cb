import Database from 'better-sqlite3';
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
 * Options of {@link createSqliteAccountStore}.
 *
 * @example
 * ```ts
 * import type { SqliteAccountStoreOptions } from '@kepu/server';
 * const options: SqliteAccountStoreOptions = { filename: '.kepu/kepu.db' };
 * ```
 */
export interface SqliteAccountStoreOptions {
  /**
   * The database file: the engine store's own file is the intended place (the account tables are
   * prefixed `kepu_account_` and never touch the store's), so one file holds a county's data.
   */
  readonly filename: string;
  /** @default 5000 */
  readonly busyTimeout?: number;
}

// The schema is created with IF NOT EXISTS: it is the first version, and later ones will be
// added as numbered migrations the way the engine store does.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS kepu_account_users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    name          TEXT,
    password_hash TEXT NOT NULL,
    bindings      TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS kepu_account_sessions (
    token_hash TEXT PRIMARY KEY,
    csrf_hash  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS kepu_account_sessions_user ON kepu_account_sessions (user_id);
  CREATE TABLE IF NOT EXISTS kepu_account_api_keys (
    id         TEXT PRIMARY KEY,
    key_hash   TEXT NOT NULL UNIQUE,
    user_id    TEXT NOT NULL,
    label      TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE TABLE IF NOT EXISTS kepu_account_idempotency (
    owner       TEXT NOT NULL,
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    head_seq    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    response    TEXT,
    PRIMARY KEY (owner, key)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS kepu_account_audit (
    seq     INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    event   TEXT NOT NULL,
    actor   TEXT,
    subject TEXT,
    ip      TEXT,
    detail  TEXT
  );
`;

interface UserRow {
  id: string;
  username: string;
  name: string | null;
  password_hash: string;
  bindings: string;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
}

const userOf = (row: UserRow | undefined): StoredUser | undefined =>
  row && {
    id: row.id,
    username: row.username,
    ...(row.name === null ? {} : { name: row.name }),
    passwordHash: row.password_hash,
    bindings: JSON.parse(row.bindings) as RoleBinding[],
    failedLogins: row.failed_logins,
    ...(row.locked_until === null ? {} : { lockedUntil: row.locked_until }),
    createdAt: row.created_at,
  };

/**
 * The {@link AccountStore} on SQLite (better-sqlite3), in tables of its own beside the engine
 * store's in the same file. WAL mode, so the engine's connection and this one do not block
 * each other's reads.
 *
 * @example
 * ```ts
 * import { createSqliteAccountStore } from '@kepu/server';
 * const accounts = createSqliteAccountStore({ filename: ':memory:' });
 * accounts.countUsers(); // 0
 * accounts.dispose();
 * ```
 */
export function createSqliteAccountStore(options: SqliteAccountStoreOptions): AccountStore & {
  countUsers(): number;
  dispose(): void;
} {
  const db = new Database(options.filename, { timeout: options.busyTimeout ?? 5000 });
  if (options.filename !== ':memory:' && options.filename !== '') db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);
  const q = {
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM kepu_account_users'),
    insertUser: db.prepare(
      `INSERT INTO kepu_account_users (id, username, name, password_hash, bindings, failed_logins, locked_until, created_at)
       VALUES (@id, @username, @name, @passwordHash, @bindings, @failedLogins, @lockedUntil, @createdAt)
       ON CONFLICT (username) DO NOTHING`,
    ),
    userById: db.prepare<[string], UserRow>('SELECT * FROM kepu_account_users WHERE id = ?'),
    userByName: db.prepare<[string], UserRow>('SELECT * FROM kepu_account_users WHERE username = ?'),
    users: db.prepare<[], UserRow>('SELECT * FROM kepu_account_users ORDER BY username'),
    setBindings: db.prepare('UPDATE kepu_account_users SET bindings = ? WHERE id = ?'),
    setLogin: db.prepare('UPDATE kepu_account_users SET failed_logins = ?, locked_until = ? WHERE id = ?'),
    insertSession: db.prepare(
      'INSERT INTO kepu_account_sessions (token_hash, csrf_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    session: db.prepare<[string], Record<string, string>>('SELECT * FROM kepu_account_sessions WHERE token_hash = ?'),
    deleteSession: db.prepare('DELETE FROM kepu_account_sessions WHERE token_hash = ?'),
    deleteSessionsOf: db.prepare('DELETE FROM kepu_account_sessions WHERE user_id = ?'),
    insertKey: db.prepare(
      'INSERT INTO kepu_account_api_keys (id, key_hash, user_id, label, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    key: db.prepare<[string], Record<string, string | null>>('SELECT * FROM kepu_account_api_keys WHERE key_hash = ?'),
    revokeKey: db.prepare('UPDATE kepu_account_api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    beginIdem: db.prepare(
      `INSERT INTO kepu_account_idempotency (owner, key, fingerprint, head_seq, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (owner, key) DO NOTHING`,
    ),
    idem: db.prepare<[string, string], Record<string, string | number | null>>(
      'SELECT * FROM kepu_account_idempotency WHERE owner = ? AND key = ?',
    ),
    finishIdem: db.prepare('UPDATE kepu_account_idempotency SET response = ? WHERE owner = ? AND key = ?'),
    dropIdem: db.prepare('DELETE FROM kepu_account_idempotency WHERE owner = ? AND key = ? AND response IS NULL'),
    audit: db.prepare(
      'INSERT INTO kepu_account_audit (at, event, actor, subject, ip, detail) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    readAudit: db.prepare<[number, number], Record<string, string | number | null>>(
      'SELECT * FROM kepu_account_audit WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
  };
  let disposed = false;
  return {
    name: 'sqlite',
    countUsers: () => (q.count.get() as { n: number }).n,
    createUser(user) {
      const info = q.insertUser.run({
        ...user,
        name: user.name ?? null,
        bindings: JSON.stringify(user.bindings),
        lockedUntil: user.lockedUntil ?? null,
      });
      return info.changes === 1;
    },
    findUser: (id) => userOf(q.userById.get(id)),
    findUserByName: (username) => userOf(q.userByName.get(username)),
    listUsers: () => q.users.all().map((row) => userOf(row) as StoredUser),
    setBindings(userId, bindings) {
      q.setBindings.run(JSON.stringify(bindings), userId);
    },
    setLoginState(userId, state) {
      q.setLogin.run(state.failedLogins, state.lockedUntil ?? null, userId);
    },
    createSession(s: StoredSession) {
      q.insertSession.run(s.tokenHash, s.csrfHash, s.userId, s.createdAt, s.expiresAt);
    },
    findSession(tokenHash) {
      const row = q.session.get(tokenHash);
      return (
        row && {
          tokenHash: row.token_hash as string,
          csrfHash: row.csrf_hash as string,
          userId: row.user_id as string,
          createdAt: row.created_at as string,
          expiresAt: row.expires_at as string,
        }
      );
    },
    deleteSession(tokenHash) {
      q.deleteSession.run(tokenHash);
    },
    deleteSessionsOf(userId) {
      q.deleteSessionsOf.run(userId);
    },
    createApiKey(k: StoredApiKey) {
      q.insertKey.run(k.id, k.keyHash, k.userId, k.label, JSON.stringify(k.scopes), k.createdAt);
    },
    findApiKey(keyHash) {
      const row = q.key.get(keyHash);
      if (!row) return undefined;
      return {
        id: row.id as string,
        keyHash: row.key_hash as string,
        userId: row.user_id as string,
        label: row.label as string,
        scopes: JSON.parse(row.scopes as string) as StoredApiKey['scopes'],
        createdAt: row.created_at as string,
        ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at as string }),
      };
    },
    revokeApiKey: (id, at) => q.revokeKey.run(at, id).changes === 1,
    beginIdempotent: (r: IdempotencyRecord) =>
      q.beginIdem.run(r.owner, r.key, r.fingerprint, r.headSeq, r.createdAt).changes === 1,
    getIdempotent(owner, key) {
      const row = q.idem.get(owner, key);
      if (!row) return undefined;
      return {
        owner,
        key,
        fingerprint: row.fingerprint as string,
        headSeq: row.head_seq as number,
        createdAt: row.created_at as string,
        ...(row.response === null ? {} : { response: JSON.parse(row.response as string) }),
      };
    },
    finishIdempotent(owner, key, response) {
      q.finishIdem.run(JSON.stringify(response), owner, key);
    },
    dropIdempotent(owner, key) {
      q.dropIdem.run(owner, key);
    },
    appendAudit(e: AccountAuditEvent) {
      q.audit.run(
        e.at,
        e.event,
        e.actor ?? null,
        e.subject ?? null,
        e.ip ?? null,
        e.detail ? JSON.stringify(e.detail) : null,
      );
    },
    readAudit(query = {}) {
      return q.readAudit.all(query.after ?? 0, query.limit ?? -1).map((row) => ({
        seq: row.seq as number,
        at: row.at as string,
        event: row.event as AccountAuditEvent['event'],
        ...(row.actor === null ? {} : { actor: row.actor as string }),
        ...(row.subject === null ? {} : { subject: row.subject as string }),
        ...(row.ip === null ? {} : { ip: row.ip as string }),
        ...(row.detail === null ? {} : { detail: JSON.parse(row.detail as string) }),
      }));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      db.close();
    },
  };
}
