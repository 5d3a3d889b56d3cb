import { GENESIS_HASH } from '@kepu/core/store';

/**
 * One schema migration of a Kepu store: its version (1, 2, …), a name that says what it does,
 * and the SQL that brings the schema from the previous version to this one.
 *
 * @example
 * ```ts
 * import { SQLITE_MIGRATIONS, type SqliteMigration } from '@kepu/store-sqlite';
 * const latest: SqliteMigration = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]!;
 * latest.version; // 2
 * ```
 */
export interface SqliteMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The schema migrations of `@kepu/store-sqlite`, oldest first. Each runs once per database, in
 * one transaction with its row in `kepu_migrations`, so a database is always at exactly one
 * version. Never edit a shipped migration: add the next one.
 *
 * - **1** creates the audit log (`kepu_audit`, one row per entry, JSON in text columns), the
 *   records (`kepu_records`, keyed by kind and id) and the snapshots (`kepu_snapshots`, keyed by
 *   key and version, so a version cannot be written twice).
 * - **2** keeps the head of the log in a row of its own (`kepu_head`), filled from the log's last
 *   entry. The head is then read in O(1), the expected-seq check reads one row, and a log whose
 *   tail was cut off behind the store's back no longer matches its head.
 *
 * @example
 * ```ts
 * import { SQLITE_MIGRATIONS } from '@kepu/store-sqlite';
 * SQLITE_MIGRATIONS.map((m) => m.version); // [1, 2]
 * ```
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'create the audit log, records and snapshots',
    sql: `
      CREATE TABLE kepu_audit (
        seq       INTEGER PRIMARY KEY,
        version   INTEGER NOT NULL,
        at        TEXT    NOT NULL,
        actor     TEXT    NOT NULL,
        command   TEXT,
        outcome   TEXT    NOT NULL CHECK (outcome IN ('accepted', 'denied')),
        error     TEXT,
        patches   TEXT    NOT NULL,
        prev_hash TEXT    NOT NULL,
        hash      TEXT    NOT NULL
      );
      CREATE TABLE kepu_records (
        kind    TEXT    NOT NULL,
        id      TEXT    NOT NULL,
        version INTEGER NOT NULL,
        data    TEXT,
        PRIMARY KEY (kind, id)
      ) WITHOUT ROWID;
      CREATE TABLE kepu_snapshots (
        key        TEXT    NOT NULL,
        version    INTEGER NOT NULL,
        created_at TEXT    NOT NULL,
        data       TEXT,
        PRIMARY KEY (key, version)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'keep the head of the log in its own row',
    sql: `
      CREATE TABLE kepu_head (
        id      INTEGER PRIMARY KEY CHECK (id = 1),
        seq     INTEGER NOT NULL,
        version INTEGER NOT NULL,
        hash    TEXT    NOT NULL
      );
      INSERT INTO kepu_head (id, seq, version, hash)
        SELECT 1, seq, version, hash FROM kepu_audit ORDER BY seq DESC LIMIT 1;
      INSERT INTO kepu_head (id, seq, version, hash)
        SELECT 1, 0, 0, '${GENESIS_HASH}' WHERE NOT EXISTS (SELECT 1 FROM kepu_head);
    `,
  },
];
