import { storeFailure } from '@kepu/core/store';
import type pg from 'pg';
import { POSTGRES_MIGRATIONS, type PostgresAppliedMigration, type PostgresMigrationResult } from '../migrations.js';
import { fail, inTransaction, NAME, type PostgresConnection } from './connection.js';

// The schema's version: what is applied, the check that it is current before any read or write,
// and migrate().

export const LATEST_VERSION = POSTGRES_MIGRATIONS.at(-1)?.version ?? 0;
// First key of the advisory lock that serialises migrations ("KEPU"); the second is the schema's hash.
const MIGRATION_LOCK = 0x4b455055;

const tooNew = (conn: PostgresConnection, version: number) =>
  storeFailure(
    NAME,
    `schema ${conn.schemaName} is at version ${version}, newer than this @kepu/store-postgres knows (${LATEST_VERSION}); upgrade @kepu/store-postgres`,
  );

export async function appliedMigrations(
  conn: PostgresConnection,
  client: pg.Pool | pg.PoolClient = conn.pool,
): Promise<PostgresAppliedMigration[]> {
  const exists = await client.query<{ found: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS found`, [
    `${conn.s}.kepu_migrations`,
  ]);
  if (!exists.rows[0]?.found) return [];
  const result = await client.query<{ version: number; name: string; applied_at: Date }>(
    `SELECT version, name, applied_at FROM ${conn.s}.kepu_migrations ORDER BY version`,
  );
  return result.rows.map((row) => ({
    version: Number(row.version),
    name: row.name,
    appliedAt: new Date(row.applied_at).toISOString(),
  }));
}

/**
 * The check that the schema is current, run once, on first use. A failure (server down, schema
 * not migrated) is not remembered, so the next call checks again; `reset()` after a migration.
 */
export function schemaGate(conn: PostgresConnection): { ready(): Promise<void>; reset(): void } {
  let ready: Promise<void> | undefined;
  return {
    ready() {
      ready ??= (async () => {
        const version = (await appliedMigrations(conn)).at(-1)?.version ?? 0;
        if (version > LATEST_VERSION) throw tooNew(conn, version);
        if (version < LATEST_VERSION) {
          throw storeFailure(
            NAME,
            `schema ${conn.schemaName} is at version ${version}, this store needs ${LATEST_VERSION}: run store.migrate() first`,
          );
        }
      })().catch((error) => {
        ready = undefined;
        fail(error);
      });
      return ready;
    },
    reset() {
      ready = undefined;
    },
  };
}

/**
 * Applies the missing migrations up to `to`, in one transaction under an advisory lock on the
 * schema: several servers starting at once migrate it exactly once.
 */
export function migrate(conn: PostgresConnection, to: number): Promise<PostgresMigrationResult> {
  const { s } = conn;
  return inTransaction(conn.pool, 'BEGIN', async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, conn.schemaName]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.kepu_migrations (
         version    integer     PRIMARY KEY,
         name       text        NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const from = (await appliedMigrations(conn, client)).at(-1)?.version ?? 0;
    if (from > LATEST_VERSION) throw tooNew(conn, from);
    for (const migration of POSTGRES_MIGRATIONS) {
      if (migration.version <= from || migration.version > to) continue;
      await client.query(migration.sql(s));
      await client.query(`INSERT INTO ${s}.kepu_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    const after = await appliedMigrations(conn, client);
    return { from, to: after.at(-1)?.version ?? 0, applied: after.filter((m) => m.version > from) };
  });
}
