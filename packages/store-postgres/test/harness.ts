import type { CommitBatch, KepuStore } from '@kepu/core';
import { auditRowFromEntry, encodeJsonColumn } from '@kepu/core/store';
import type { StoreCapabilities } from '@kepu/plugin-sdk/testing';
import { freshPostgresSchema, type TestSchema } from '@kepu/test-utils/postgres';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresStore, POSTGRES_MIGRATIONS, type PostgresStore } from '../src/index.js';

// What the conformance suite needs to reach behind the PostgreSQL store on the real server: a
// schema of its own for this test file (every test gets a new namespace in it), a second handle,
// row edits, and a writer for schema version 1 (each upgrade test gets a schema of its own).

const schemas: TestSchema[] = [];
let main: TestSchema;
let namespaces = 0;

beforeAll(async () => {
  main = await freshPostgresSchema('kconf');
  schemas.push(main);
  const store = createPostgresStore({ connectionString: main.url, schema: main.name });
  await store.migrate();
  await store.dispose();
});
afterAll(async () => {
  for (const schema of schemas) await schema.drop();
});

/** A store on a new namespace of this file's schema. */
export const newStore = (): PostgresStore =>
  createPostgresStore({ connectionString: main.url, schema: main.name, namespace: `county-${++namespaces}`, max: 4 });

const sameData = (store: KepuStore): PostgresStore => {
  const { schema, namespace } = store as PostgresStore;
  return createPostgresStore({ connectionString: main.url, schema, namespace, max: 4 });
};

async function sql(url: string, text: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

const COLUMNS = [
  'seq',
  'version',
  'at',
  'actor',
  'command',
  'outcome',
  'error',
  'patches',
  'prev_hash',
  'hash',
] as const;

/** Writes batches the way schema version 1 stored them: the log, records and snapshots, no head row. */
async function writeVersion1(url: string, schema: string, namespace: string, batches: readonly CommitBatch[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const s = `"${schema}"`;
  const json = encodeJsonColumn;
  try {
    for (const batch of batches) {
      await client.query('BEGIN');
      for (const e of batch.entries) {
        const row = auditRowFromEntry(e);
        await client.query(
          `INSERT INTO ${s}.kepu_audit (namespace, seq, version, at, actor, command, outcome, error, patches, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [namespace, ...COLUMNS.map((column) => row[column])],
        );
      }
      for (const w of batch.records ?? []) {
        if (w.op === 'delete') {
          await client.query(`DELETE FROM ${s}.kepu_records WHERE namespace = $1 AND kind = $2 AND id = $3`, [
            namespace,
            w.kind,
            w.id,
          ]);
        } else {
          await client.query(
            `INSERT INTO ${s}.kepu_records (namespace, kind, id, version, data) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (namespace, kind, id) DO UPDATE SET version = excluded.version, data = excluded.data`,
            [namespace, w.record.kind, w.record.id, w.record.version, json(w.record.data)],
          );
        }
      }
      for (const x of batch.snapshots ?? []) {
        await client.query(
          `INSERT INTO ${s}.kepu_snapshots (namespace, key, version, created_at, data) VALUES ($1, $2, $3, $4, $5)`,
          [namespace, x.key, x.version, x.createdAt, json(x.data)],
        );
      }
      await client.query('COMMIT');
    }
  } finally {
    await client.end();
  }
}

export const postgresCapabilities: StoreCapabilities = {
  name: 'postgres (real server)',
  open: sameData,
  tamperRecord: async (store, kind, id, data) => {
    const { schema, namespace } = store as PostgresStore;
    await sql(
      main.url,
      `UPDATE "${schema}".kepu_records SET data = $4 WHERE namespace = $1 AND kind = $2 AND id = $3`,
      [namespace, kind, id, JSON.stringify(data)],
    );
  },
  tamperAudit: async (store, seq, entry) => {
    const { schema, namespace } = store as PostgresStore;
    await sql(
      main.url,
      `UPDATE "${schema}".kepu_audit SET actor = $3, command = $4 WHERE namespace = $1 AND seq = $2`,
      [namespace, seq, JSON.stringify(entry.actor), JSON.stringify(entry.command)],
    );
  },
  migrations: {
    versions: POSTGRES_MIGRATIONS.map((m) => m.version),
    applied: async (store) => (await (store as PostgresStore).migrations()).map((m) => m.version),
    migrate: async (store) => {
      await (store as PostgresStore).migrate();
    },
    fromPrevious: async (batches) => {
      const schema = await freshPostgresSchema('kmig');
      schemas.push(schema);
      const old = createPostgresStore({ connectionString: schema.url, schema: schema.name, namespace: 'old' });
      await old.migrate({ to: 1 });
      await old.dispose();
      await writeVersion1(schema.url, schema.name, 'old', batches);
      const store = createPostgresStore({ connectionString: schema.url, schema: schema.name, namespace: 'old' });
      await store.migrate();
      return store;
    },
  },
  timeout: 60_000,
};
