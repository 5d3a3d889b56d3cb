import type { AuditEntry, StoreHead, StoreLoad, StoreRecord, StoreSnapshot } from '@kepu/core';
import { type AuditRow, auditEntryFromRow, headOf, recordFromRow, snapshotFromRow } from '@kepu/core/store';
import type pg from 'pg';
import { inTransaction, type PostgresConnection } from './connection.js';

// The store's reads, each one query filtered by namespace (and by kind or key when given: pg plans
// an unnamed statement with its parameters, so `$2 IS NULL OR …` costs nothing). They take the client to run on, so
// that `load` can run them all in one transaction. json columns are read back `::text`, so that
// SQL NULL (an absent property) and the JSON text 'null' stay apart.

type Queryable = pg.Pool | pg.PoolClient;

export async function readHead(conn: PostgresConnection, client: Queryable = conn.pool): Promise<StoreHead> {
  const result = await client.query<{ seq: string; version: string; hash: string }>(
    `SELECT seq, version, hash FROM ${conn.s}.kepu_heads WHERE namespace = $1`,
    [conn.namespace],
  );
  const row = result.rows[0];
  return headOf(row && { seq: Number(row.seq), version: Number(row.version), hash: row.hash });
}

export async function selectRecords(
  conn: PostgresConnection,
  kind?: string,
  client: Queryable = conn.pool,
): Promise<StoreRecord[]> {
  const result = await client.query(
    `SELECT kind, id, version, data::text AS data FROM ${conn.s}.kepu_records
     WHERE namespace = $1 AND ($2::text IS NULL OR kind = $2)`,
    [conn.namespace, kind ?? null],
  );
  return result.rows.map(recordFromRow);
}

export async function selectRecord(conn: PostgresConnection, kind: string, id: string) {
  const result = await conn.pool.query(
    `SELECT kind, id, version, data::text AS data FROM ${conn.s}.kepu_records
     WHERE namespace = $1 AND kind = $2 AND id = $3`,
    [conn.namespace, kind, id],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : recordFromRow(row);
}

export async function selectAudit(
  conn: PostgresConnection,
  after: number,
  limit: number | undefined,
  client: Queryable = conn.pool,
): Promise<AuditEntry[]> {
  const result = await client.query<AuditRow>(
    `SELECT seq, version, at, actor::text AS actor, command::text AS command, outcome, error::text AS error,
            patches::text AS patches, prev_hash, hash
     FROM ${conn.s}.kepu_audit WHERE namespace = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [conn.namespace, after, limit ?? null],
  );
  return result.rows.map(auditEntryFromRow);
}

export async function selectSnapshots(
  conn: PostgresConnection,
  key?: string,
  client: Queryable = conn.pool,
): Promise<StoreSnapshot[]> {
  // COLLATE "C": keys in code-point order, as every other adapter sorts them.
  const result = await client.query(
    `SELECT key, version, created_at, data::text AS data FROM ${conn.s}.kepu_snapshots
     WHERE namespace = $1 AND ($2::text IS NULL OR key = $2) ORDER BY key COLLATE "C", version`,
    [conn.namespace, key ?? null],
  );
  return result.rows.map(snapshotFromRow);
}

/**
 * Head, records, snapshots and the whole log in one REPEATABLE READ transaction: every query in
 * it sees the snapshot taken by its first, so a commit from another connection is seen whole or
 * not at all.
 */
export function loadAll(conn: PostgresConnection): Promise<StoreLoad> {
  return inTransaction(conn.pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => ({
    head: await readHead(conn, client),
    records: await selectRecords(conn, undefined, client),
    snapshots: await selectSnapshots(conn, undefined, client),
    audit: await selectAudit(conn, 0, undefined, client),
  }));
}
