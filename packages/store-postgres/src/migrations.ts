/**
 * One schema migration of the PostgreSQL store: its version, a name that says what it does, and
 * a function from the (already quoted) schema name to the SQL that brings that schema from the
 * previous version to this one.
 *
 * @example
 * ```ts
 * import { POSTGRES_MIGRATIONS, type PostgresMigration } from '@kepu/store-postgres';
 * const first: PostgresMigration = POSTGRES_MIGRATIONS[0]!;
 * first.sql('"kepu"').includes('kepu_audit'); // true
 * ```
 */
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: (schema: string) => string;
}

/**
 * The schema migrations of `@kepu/store-postgres`, oldest first. `migrate()` runs the missing ones
 * in one transaction under an advisory lock, recording each in `kepu_migrations`, so several
 * servers starting at once migrate a schema exactly once. Never edit a shipped migration: add
 * the next one.
 *
 * - **1** creates the audit log, the records and the snapshots, every row keyed by `namespace`
 *   (one county's or plan's data); `(namespace, seq)` is the audit log's primary key, so two
 *   writers can never both append the same entry.
 * - **2** keeps each namespace's head in a row of `kepu_heads`, filled from the log's last entries.
 *   A commit moves it with `UPDATE … WHERE seq = <expected>`: a stale writer matches no row and
 *   learns of the conflict before it writes anything, instead of at the end of a large batch.
 *
 * @example
 * ```ts
 * import { POSTGRES_MIGRATIONS } from '@kepu/store-postgres';
 * POSTGRES_MIGRATIONS.map((m) => m.version); // [1, 2]
 * ```
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'create the audit log, records and snapshots, keyed by namespace',
    // JSON is kept in `json` columns, not `jsonb`: `json` stores the exact text (key order,
    // number spelling), accepts every string JSON can hold (jsonb refuses \u0000), and is cheaper
    // to write; the json operators still work for reporting queries.
    sql: (s) => `
      CREATE TABLE ${s}.kepu_audit (
        namespace text   NOT NULL,
        seq       bigint NOT NULL,
        version   bigint NOT NULL,
        at        text   NOT NULL,
        actor     json   NOT NULL,
        command   json,
        outcome   text   NOT NULL CHECK (outcome IN ('accepted', 'denied')),
        error     json,
        patches   json   NOT NULL,
        prev_hash text   NOT NULL,
        hash      text   NOT NULL,
        CONSTRAINT kepu_audit_pkey PRIMARY KEY (namespace, seq)
      );
      CREATE TABLE ${s}.kepu_records (
        namespace text   NOT NULL,
        kind      text   NOT NULL,
        id        text   NOT NULL,
        version   bigint NOT NULL,
        data      json,
        CONSTRAINT kepu_records_pkey PRIMARY KEY (namespace, kind, id)
      );
      CREATE TABLE ${s}.kepu_snapshots (
        namespace  text   NOT NULL,
        key        text   NOT NULL,
        version    bigint NOT NULL CHECK (version >= 1),
        created_at text   NOT NULL,
        data       json,
        CONSTRAINT kepu_snapshots_pkey PRIMARY KEY (namespace, key, version)
      );
    `,
  },
  {
    version: 2,
    name: 'keep each namespace head in its own row',
    sql: (s) => `
      CREATE TABLE ${s}.kepu_heads (
        namespace text   NOT NULL,
        seq       bigint NOT NULL,
        version   bigint NOT NULL,
        hash      text   NOT NULL,
        CONSTRAINT kepu_heads_pkey PRIMARY KEY (namespace)
      );
      INSERT INTO ${s}.kepu_heads (namespace, seq, version, hash)
        SELECT DISTINCT ON (namespace) namespace, seq, version, hash
        FROM ${s}.kepu_audit
        ORDER BY namespace, seq DESC;
    `,
  },
];

/**
 * A schema migration applied to a PostgreSQL schema, as `kepu_migrations` records it.
 *
 * @example
 * ```ts
 * import type { PostgresAppliedMigration } from '@kepu/store-postgres';
 * const latest = (applied: PostgresAppliedMigration[]) => applied.at(-1)?.version ?? 0;
 * ```
 */
export interface PostgresAppliedMigration {
  readonly version: number;
  readonly name: string;
  /** When it ran (ISO 8601). */
  readonly appliedAt: string;
}

/**
 * What `migrate()` did: the schema version before and after, and the migrations it applied (none
 * when the schema was already current).
 *
 * @example
 * ```ts
 * import type { PostgresMigrationResult } from '@kepu/store-postgres';
 * const changed = (result: PostgresMigrationResult) => result.applied.length > 0;
 * ```
 */
export interface PostgresMigrationResult {
  readonly from: number;
  readonly to: number;
  readonly applied: PostgresAppliedMigration[];
}
