import { type AuditEntry, isKepuError, type KepuStore, type StoreFactory, type StoreHead } from '@kepu/core';
import { chainAuditEntry } from '@kepu/core/engine';
import { GENESIS_HASH } from '@kepu/core/store';
import { freshPostgresSchema, type TestSchema } from '@kepu/test-utils/postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  createPostgresStore,
  POSTGRES_MIGRATIONS,
  type PostgresStore,
  type PostgresStoreOptions,
} from '../src/index.js';

// What the conformance suite cannot say about PostgreSQL: migrations on demand and under
// contention, namespaces that never see each other, the head check in SQL under real
// concurrency, LISTEN/NOTIFY, and typed failures when the server cannot be reached.

let schema: TestSchema;
const stores: PostgresStore[] = [];
const store = (options: Partial<PostgresStoreOptions> = {}) => {
  const s = createPostgresStore({ connectionString: schema.url, schema: schema.name, max: 4, ...options });
  stores.push(s);
  return s;
};

beforeAll(async () => {
  schema = await freshPostgresSchema('kpg');
});
afterAll(async () => {
  for (const s of stores) await s.dispose();
  await schema?.drop();
});

const next = (head: StoreHead, tag: string): AuditEntry =>
  chainAuditEntry(head, {
    version: head.version + 1,
    at: '2024-06-01T00:00:00.000Z',
    actor: { id: tag, role: 'plan-office' },
    command: { type: 'noop', tag },
    outcome: 'accepted',
    patches: [],
  });

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return isKepuError(error) ? `${error.code}: ${error.issues[0]?.params.detail}` : `untyped: ${String(error)}`;
  }
}

describe('createPostgresStore', () => {
  it('is a StoreFactory of its options, and opens no connection until used', () => {
    expectTypeOf(createPostgresStore).toExtend<StoreFactory<PostgresStoreOptions, KepuStore>>();
    const lazy = createPostgresStore({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    expect(lazy.name).toBe('postgres');
    return lazy.dispose();
  });

  it('refuses a schema name it would have to quote, and a missing connection', () => {
    expect(() => createPostgresStore({ connectionString: schema.url, schema: 'kepu; drop table x' })).toThrow(
      /not a usable schema name/,
    );
    expect(() => createPostgresStore({})).toThrow(/connectionString or pool/);
  });

  it('before migrate(), every method says to run it; migrate() is on demand and recorded', async () => {
    const s = store({ schema: `${schema.name}_m` });
    expect(await failure(() => s.head())).toMatch(/at version 0, this store needs 2: run store.migrate\(\) first/);
    const result = await s.migrate();
    expect(result).toMatchObject({ from: 0, to: 2 });
    expect(result.applied.map((m) => m.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    expect(await s.head()).toEqual({ seq: 0, version: 0, hash: GENESIS_HASH });
    expect(await s.migrate()).toMatchObject({ from: 2, to: 2, applied: [] });
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    await client.query(`DROP SCHEMA "${schema.name}_m" CASCADE`);
    await client.end();
  });

  it('six servers migrating the same new schema at once apply each migration exactly once', async () => {
    const all = Array.from({ length: 6 }, () => store());
    const results = await Promise.all(all.map((s) => s.migrate()));
    expect(results.flatMap((r) => r.applied.map((m) => m.version)).sort()).toEqual([1, 2]);
    expect((await all[0]?.migrations())?.map((m) => m.version)).toEqual([1, 2]);
  });

  it('refuses a schema migrated by a newer version of the store', async () => {
    const name = `${schema.name}_n`;
    const s = store({ schema: name });
    await s.migrate();
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    await client.query(`INSERT INTO "${name}".kepu_migrations (version, name) VALUES (3, 'from the future')`);
    const fresh = store({ schema: name });
    expect(await failure(() => fresh.head())).toMatch(/version 3, newer than this @kepu\/store-postgres knows \(2\)/);
    expect(await failure(() => fresh.migrate())).toMatch(/newer than/);
    await client.query(`DROP SCHEMA "${name}" CASCADE`);
    await client.end();
  });

  it('namespaces share the schema without seeing each other', async () => {
    const a = store({ namespace: 'zhengning' });
    const b = store({ namespace: 'ningxian' });
    await a.migrate();
    const ha = await a.commit({
      expectedSeq: 0,
      entries: [next({ seq: 0, version: 0, hash: GENESIS_HASH }, 'a')],
      records: [{ op: 'put', record: { kind: 'reports', id: 'r1', version: 1, data: { county: 'zhengning' } } }],
      snapshots: [{ key: 'assessment/p/2024', version: 1, createdAt: '2025-01-01T00:00:00.000Z', data: {} }],
    });
    // The other county starts its own log at 1, with the same record id and snapshot key.
    const hb = await b.commit({
      expectedSeq: 0,
      entries: [next({ seq: 0, version: 0, hash: GENESIS_HASH }, 'b')],
      records: [{ op: 'put', record: { kind: 'reports', id: 'r1', version: 1, data: { county: 'ningxian' } } }],
      snapshots: [{ key: 'assessment/p/2024', version: 1, createdAt: '2025-01-01T00:00:00.000Z', data: {} }],
    });
    expect(ha.seq).toBe(1);
    expect(hb.seq).toBe(1);
    expect(ha.hash).not.toBe(hb.hash);
    expect(await a.listRecords()).toEqual([{ kind: 'reports', id: 'r1', version: 1, data: { county: 'zhengning' } }]);
    expect(await b.getRecord('reports', 'r1')).toMatchObject({ data: { county: 'ningxian' } });
    expect((await a.readAudit()).map((e) => e.actor.id)).toEqual(['a']);
    expect(await b.listSnapshots()).toHaveLength(1);
  });

  it('refuses a namespace that only looks like another (issue 16, finding 11): no second, empty county', async () => {
    const county = store({ namespace: 'lookalike' });
    await county.migrate();
    await county.commit({ expectedSeq: 0, entries: [next({ seq: 0, version: 0, hash: GENESIS_HASH }, 'x')] });
    const refused = (namespace: string) => {
      try {
        store({ namespace });
        return 'opened';
      } catch (error) {
        return isKepuError(error) ? `${error.code} ${error.path.join('.')}` : `untyped: ${String(error)}`;
      }
    };
    for (const lookalike of [
      'lookalike ',
      ' lookalike',
      'Lookalike',
      'look\nalike',
      'look\u200balike',
      'ｌｏｏｋａｌｉｋｅ',
      'look alike',
      '',
      '-lookalike',
    ]) {
      expect(refused(lookalike), JSON.stringify(lookalike)).toBe('invalid-namespace namespace');
    }
    // Nothing was opened or written for them: the schema still holds one namespace by that name.
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT DISTINCT namespace FROM "${schema.name}".kepu_heads WHERE lower(btrim(namespace)) LIKE '%look%'`,
    );
    await client.end();
    expect(rows.map((r) => r.namespace)).toEqual(['lookalike']);
    // The documented pattern: lowercase ids, digits, caseless letters, '.', '_', '-', ':'.
    for (const ok of ['zhengning-2022-2025', '正宁县', 'gansu.qingyang:zhengning_2025', '2025']) {
      const s = store({ namespace: ok });
      expect((await s.head()).seq, ok).toBe(0);
    }
  });

  it('the head check holds in SQL: of 8 connections racing 20 times for the same head, one wins each time', async () => {
    const racers = Array.from({ length: 8 }, () => store({ namespace: 'race', max: 1 }));
    await racers[0]?.migrate();
    let head = await (racers[0] as PostgresStore).head();
    for (let round = 0; round < 20; round++) {
      const base = head;
      const results = await Promise.allSettled(
        racers.map((r, i) =>
          r.commit({
            expectedSeq: base.seq,
            entries: [next(base, `r${round}-${i}`)],
            records: [
              { op: 'put', record: { kind: 'reports', id: 'contested', version: base.version + 1, data: { i } } },
            ],
          }),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect(isKepuError(r.reason) && r.reason.code).toBe('store-conflict');
      }
      head = (won[0] as PromiseFulfilledResult<StoreHead>).value;
    }
    const log = await (racers[0] as PostgresStore).readAudit();
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('watch hears commits from another pool through LISTEN/NOTIFY, only for its own namespace', async () => {
    const watcher = store({ namespace: 'watched' });
    const writer = store({ namespace: 'watched' });
    const elsewhere = store({ namespace: 'not-watched' });
    await watcher.migrate();
    const heard: StoreHead[] = [];
    const unwatch = await watcher.watch((h) => heard.push(h));
    await elsewhere.commit({ expectedSeq: 0, entries: [next({ seq: 0, version: 0, hash: GENESIS_HASH }, 'x')] });
    const head = await writer.commit({
      expectedSeq: 0,
      entries: [next({ seq: 0, version: 0, hash: GENESIS_HASH }, 'w')],
    });
    await expect.poll(() => heard.length).toBe(1);
    expect(heard).toEqual([head]);
    await unwatch();
  });

  it('a pool passed in stays open after dispose', async () => {
    const pool = new pg.Pool({ connectionString: schema.url, max: 2 });
    const s = createPostgresStore({ pool, schema: schema.name, namespace: 'own-pool' });
    await s.migrate();
    await s.head();
    await s.dispose();
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
  });

  it('a server that cannot be reached is a typed store-failure that says so', async () => {
    const s = createPostgresStore({
      connectionString: 'postgres://postgres@127.0.0.1:1/kepu',
      connectionTimeoutMillis: 500,
    });
    expect(await failure(() => s.head())).toMatch(
      /^store-failure: the database server cannot be reached \(ECONNREFUSED\)/,
    );
    expect(await failure(() => s.migrate())).toMatch(/^store-failure: /);
    await s.dispose();
  });
});
