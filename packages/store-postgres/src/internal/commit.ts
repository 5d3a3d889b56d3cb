import type { CommitBatch, KepuError, StoreHead } from '@kepu/core';
import {
  checkBatchFollows,
  encodeJsonColumn,
  GENESIS_HASH,
  headOf,
  netRecordWrites,
  snapshotExists,
  storeConflict,
  storeOutcomeUnknown,
} from '@kepu/core/store';
import type pg from 'pg';
import { asError, describe, fail, letGo, NAME, type PostgresConnection } from './connection.js';
import { readHead } from './reads.js';

// A commit is one SQL statement, so it is one transaction and one round trip: the head row is
// locked only while the statement runs, and a writer queued behind it waits for a millisecond,
// not for our network. Optimistic concurrency is in its first line: the head row moves only if it
// is still where the batch expects it (and the batch links to it). A concurrent writer that holds
// the row makes the UPDATE wait until it commits; PostgreSQL then re-checks the WHERE against the
// new head, which fails, and every other part of the statement is conditioned on the head having
// moved, so nothing is written.

const moveHead = (s: string, expectedSeq: number) =>
  expectedSeq === 0
    ? `INSERT INTO ${s}.kepu_heads (namespace, seq, version, hash)
         SELECT $1, $2, $3, $4 WHERE $5::bigint = 0 AND $6 = '${GENESIS_HASH}' AND $7::bigint IN (0, 1)
         ON CONFLICT (namespace) DO NOTHING
         RETURNING 1`
    : `UPDATE ${s}.kepu_heads SET seq = $2, version = $3, hash = $4
         WHERE namespace = $1 AND seq = $5 AND hash = $6 AND $7::bigint - version IN (0, 1)
         RETURNING 1`;

const statement = (s: string, expectedSeq: number) =>
  `WITH head AS (${moveHead(s, expectedSeq)}),
   audit AS (
     INSERT INTO ${s}.kepu_audit (namespace, seq, version, at, actor, command, outcome, error, patches, prev_hash, hash)
     SELECT $1, seq, version, at, actor::json, command::json, outcome, error::json, patches::json, prev_hash, hash
     FROM unnest($8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                 $15::text[], $16::text[], $17::text[])
       AS e(seq, version, at, actor, command, outcome, error, patches, prev_hash, hash)
     WHERE EXISTS (SELECT 1 FROM head)
   ),
   puts AS (
     INSERT INTO ${s}.kepu_records (namespace, kind, id, version, data)
     SELECT $1, kind, id, version, data::json
     FROM unnest($18::text[], $19::text[], $20::bigint[], $21::text[]) AS r(kind, id, version, data)
     WHERE EXISTS (SELECT 1 FROM head)
     ON CONFLICT (namespace, kind, id) DO UPDATE SET version = excluded.version, data = excluded.data
   ),
   deletes AS (
     DELETE FROM ${s}.kepu_records AS r
     USING unnest($22::text[], $23::text[]) AS d(kind, id)
     WHERE r.namespace = $1 AND r.kind = d.kind AND r.id = d.id AND EXISTS (SELECT 1 FROM head)
   ),
   snapshots AS (
     INSERT INTO ${s}.kepu_snapshots (namespace, key, version, created_at, data)
     SELECT $1, key, version, created_at, data::json
     FROM unnest($24::text[], $25::bigint[], $26::text[], $27::text[]) AS n(key, version, created_at, data)
     WHERE EXISTS (SELECT 1 FROM head)
   )
   SELECT (SELECT count(*) FROM head)::int AS moved,
          (SELECT pg_notify($28, $29) FROM head) AS notified`;

/** Runs the batch's statement; true when the head moved (and so everything was written). */
async function writeBatch(conn: PostgresConnection, client: pg.PoolClient, batch: CommitBatch): Promise<boolean> {
  const first = batch.entries[0] as CommitBatch['entries'][number];
  const entries = batch.entries;
  const { puts, deletes } = netRecordWrites(batch.records ?? []);
  const snapshots = batch.snapshots ?? [];
  const head = headOf(entries.at(-1));
  const result = await client.query<{ moved: number }>(statement(conn.s, batch.expectedSeq), [
    conn.namespace,
    head.seq,
    head.version,
    head.hash,
    batch.expectedSeq,
    first.prevHash,
    first.version,
    entries.map((e) => e.seq),
    entries.map((e) => e.version),
    entries.map((e) => e.at),
    entries.map((e) => JSON.stringify(e.actor)),
    entries.map((e) => encodeJsonColumn(e.command)),
    entries.map((e) => e.outcome),
    entries.map((e) => encodeJsonColumn(e.error)),
    entries.map((e) => JSON.stringify(e.patches)),
    entries.map((e) => e.prevHash),
    entries.map((e) => e.hash),
    puts.map((r) => r.kind),
    puts.map((r) => r.id),
    puts.map((r) => r.version),
    puts.map((r) => encodeJsonColumn(r.data)),
    deletes.map((d) => d.kind),
    deletes.map((d) => d.id),
    snapshots.map((x) => x.key),
    snapshots.map((x) => x.version),
    snapshots.map((x) => x.createdAt),
    snapshots.map((x) => encodeJsonColumn(x.data)),
    conn.channel,
    JSON.stringify({ namespace: conn.namespace, ...head }),
  ]);
  return result.rows[0]?.moved === 1;
}

/** Says why a batch was refused: a stale head (conflict) or a batch that does not link to it. */
async function refusal(conn: PostgresConnection, batch: CommitBatch): Promise<never> {
  const head = await readHead(conn);
  checkBatchFollows(NAME, head, batch);
  // The head was where the batch expected when re-read: a writer that held it rolled back.
  throw storeConflict(NAME, batch.expectedSeq, head.seq);
}

/** Which of a batch's snapshot versions exists already (after the primary key refused one). */
async function existingSnapshot(conn: PostgresConnection, batch: CommitBatch): Promise<KepuError | undefined> {
  const snapshots = batch.snapshots ?? [];
  const found = await conn.pool.query<{ key: string; version: string }>(
    `SELECT s.key, s.version FROM ${conn.s}.kepu_snapshots AS s
     JOIN unnest($2::text[], $3::bigint[]) AS n(key, version) ON s.key = n.key AND s.version = n.version
     WHERE s.namespace = $1 LIMIT 1`,
    [conn.namespace, snapshots.map((x) => x.key), snapshots.map((x) => x.version)],
  );
  const row = found.rows[0];
  return row ? snapshotExists(row.key, Number(row.version)) : undefined;
}

/**
 * A connection lost while the batch was in flight leaves the outcome unknown to us: the server may
 * have committed it before the connection dropped. Ask (on a fresh connection) whether the batch's
 * last entry is there before reporting a failure.
 */
async function resolveUnknownCommit(conn: PostgresConnection, batch: CommitBatch, cause: unknown): Promise<StoreHead> {
  const last = headOf(batch.entries.at(-1));
  let found: boolean;
  try {
    const result = await conn.pool.query<{ hash: string }>(
      `SELECT hash FROM ${conn.s}.kepu_audit WHERE namespace = $1 AND seq = $2`,
      [conn.namespace, last.seq],
    );
    found = result.rows[0]?.hash === last.hash;
  } catch {
    throw storeOutcomeUnknown(NAME, `committing entry ${last.seq}; ${describe(cause)}`, cause);
  }
  if (found) return last;
  fail(cause);
}

/**
 * Commits a checked batch (see `checkBatch`) and returns the new head, or throws the port's error:
 * `store-conflict`, `invalid-shape`, `snapshot-exists`, `store-failure`, or `store-outcome-unknown`
 * when the connection was lost with the statement sent and the outcome cannot be checked.
 */
export async function commitBatch(conn: PostgresConnection, batch: CommitBatch): Promise<StoreHead> {
  // A failure to connect is certain: nothing was sent.
  let client: pg.PoolClient;
  try {
    client = await conn.pool.connect();
  } catch (error) {
    fail(error);
  }
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  let moved: boolean;
  try {
    moved = await writeBatch(conn, client, batch);
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    // A SQL error (a five-character SQLSTATE outside the connection classes) means the statement,
    // and so the batch, was rolled back. Anything else lost the connection with the statement
    // sent: whether the server committed it is unknown until we ask.
    const sqlError = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57)/.test(code);
    if (!sqlError) broken ??= asError(error);
    client.removeListener('error', onError);
    letGo(client, broken);
    const constraint = (error as { constraint?: unknown })?.constraint;
    if (code === '23505' && constraint === 'kepu_snapshots_pkey') {
      throw (await existingSnapshot(conn, batch).catch(() => undefined)) ?? fail(error);
    }
    if (code === '23505') return refusal(conn, batch);
    if (sqlError) fail(error);
    return resolveUnknownCommit(conn, batch, error);
  }
  client.removeListener('error', onError);
  letGo(client, broken);
  if (!moved) return refusal(conn, batch);
  return headOf(batch.entries.at(-1));
}
