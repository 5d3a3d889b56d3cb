/**
 * Ingest throughput of the persistent stores against raw driver inserts of the same rows, in the
 * same run: batches of 1,000 submitted reports (one audit entry and one record each), one
 * transaction per batch, on the same tables, with the same durability settings.
 *
 * The store's extra work — checking the batch, netting record writes, encoding, the head check
 * and (PostgreSQL) the NOTIFY — is what the ratio measures. The PostgreSQL baseline is the
 * fastest raw form we know (one multi-row INSERT … SELECT FROM unnest per table); a row-by-row
 * baseline is printed beside it for scale.
 *
 * Run: pnpm --filter @kepu/bench run stores
 * (KEPU_TEST_PG_URL picks the server; without it, .ci/ensure-postgres starts the local one.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AuditEntry, CommitBatch, StoreHead } from '@kepu/core';
import { chainAuditEntry } from '@kepu/core/engine';
import { GENESIS_HASH } from '@kepu/core/store';
import { createPostgresStore } from '@kepu/store-postgres';
import { createSqliteStore, migrateSqlite } from '@kepu/store-sqlite';
import Database from 'better-sqlite3';
import pg from 'pg';

const BATCHES = Number(process.env.KEPU_BENCH_BATCHES ?? 12);
const BATCH_SIZE = 1000;
const ROUNDS = Number(process.env.KEPU_BENCH_ROUNDS ?? 3);
const COMMAND = 'pnpm --filter @kepu/bench run stores';

// --- the rows ----------------------------------------------------------------------------------

function reportBatches(): CommitBatch[] {
  const batches: CommitBatch[] = [];
  let head: StoreHead = { seq: 0, version: 0, hash: GENESIS_HASH };
  for (let b = 0; b < BATCHES; b++) {
    const entries: AuditEntry[] = [];
    const records: NonNullable<CommitBatch['records']>[number][] = [];
    const expectedSeq = head.seq;
    for (let i = 0; i < BATCH_SIZE; i++) {
      const n = b * BATCH_SIZE + i;
      const id = `rpt-${n}`;
      const at = new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString();
      const report = {
        id,
        plan: 'zhengning-2022-2025',
        task: `3.${(n % 5) + 1}.${(n % 3) + 1}`,
        unit: `unit-${n % 40}`,
        period: '2024',
        status: 'submitted',
        dueDate: '2025-01-31',
        late: false,
        revisions: [
          {
            revision: 1,
            narrative: `开展科普活动 ${n} 场，覆盖群众 ${n * 13} 人次。`,
            observations: [{ target: 'literacy-rate', value: 9.5 + (n % 10) / 10, date: '2024-12-31' }],
            evidence: [{ name: `photo-${n}.jpg`, type: 'image/jpeg', size: 120_000 + n, hash: `sha256:${n}` }],
            selfScores: [],
            submittedAt: at,
            submittedBy: `reporter-${n % 40}`,
          },
        ],
        decisions: [],
        createdAt: at,
        updatedAt: at,
        version: head.version + 1,
      };
      const entry = chainAuditEntry(head, {
        version: head.version + 1,
        at,
        actor: { id: `reporter-${n % 40}`, role: 'reporter', unit: `unit-${n % 40}` },
        command: {
          type: 'submit-report',
          task: report.task,
          period: '2024',
          narrative: report.revisions[0]?.narrative,
        },
        outcome: 'accepted',
        patches: [{ op: 'add', path: ['reports', id], value: report }],
      });
      entries.push(entry);
      records.push({ op: 'put', record: { kind: 'reports', id, version: entry.version, data: report } });
      head = { seq: entry.seq, version: entry.version, hash: entry.hash };
    }
    batches.push({ expectedSeq, entries, records });
  }
  return batches;
}

// --- runners -------------------------------------------------------------------------------------

type Runner = (batches: readonly CommitBatch[]) => Promise<number>; // returns elapsed ms

const elapsed = async (body: () => Promise<void> | void) => {
  const start = performance.now();
  await body();
  return performance.now() - start;
};

const sqliteStore: Runner = async (batches) => {
  const dir = mkdtempSync(join(tmpdir(), 'kepu-bench-'));
  try {
    const store = createSqliteStore({ filename: join(dir, 'store.db') });
    const ms = await elapsed(() => {
      for (const batch of batches) store.commit(batch);
    });
    store.dispose();
    return ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const sqliteRaw: Runner = async (batches) => {
  const dir = mkdtempSync(join(tmpdir(), 'kepu-bench-'));
  try {
    const filename = join(dir, 'raw.db');
    migrateSqlite({ filename });
    const db = new Database(filename);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const insertAudit = db.prepare(
      `INSERT INTO kepu_audit (seq, version, at, actor, command, outcome, error, patches, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const putRecord = db.prepare(
      `INSERT INTO kepu_records (kind, id, version, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, data = excluded.data`,
    );
    const setHead = db.prepare('UPDATE kepu_head SET seq = ?, version = ?, hash = ? WHERE id = 1');
    const write = db.transaction((batch: CommitBatch) => {
      for (const e of batch.entries) {
        insertAudit.run(
          e.seq,
          e.version,
          e.at,
          JSON.stringify(e.actor),
          JSON.stringify(e.command),
          e.outcome,
          null,
          JSON.stringify(e.patches),
          e.prevHash,
          e.hash,
        );
      }
      for (const w of batch.records ?? []) {
        if (w.op === 'put') putRecord.run(w.record.kind, w.record.id, w.record.version, JSON.stringify(w.record.data));
      }
      const last = batch.entries.at(-1) as AuditEntry;
      setHead.run(last.seq, last.version, last.hash);
    });
    const ms = await elapsed(() => {
      for (const batch of batches) write.immediate(batch);
    });
    db.close();
    return ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

let schemaCounter = 0;
const freshSchema = () => `bench_${process.pid}_${++schemaCounter}`;

async function withSchema<T>(url: string, body: (schema: string) => Promise<T>): Promise<T> {
  const schema = freshSchema();
  const setup = createPostgresStore({ connectionString: url, schema });
  await setup.migrate();
  await setup.dispose();
  try {
    return await body(schema);
  } finally {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

const postgresStore =
  (url: string): Runner =>
  (batches) =>
    withSchema(url, async (schema) => {
      const store = createPostgresStore({ connectionString: url, schema, namespace: 'bench' });
      await store.head(); // connect and check the schema outside the timing
      const ms = await elapsed(async () => {
        for (const batch of batches) await store.commit(batch);
      });
      await store.dispose();
      return ms;
    });

const postgresRaw =
  (url: string, style: 'bulk' | 'rows'): Runner =>
  (batches) =>
    withSchema(url, async (schema) => {
      const s = `"${schema}"`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const ms = await elapsed(async () => {
        for (const batch of batches) {
          const entries = batch.entries;
          const puts = (batch.records ?? []).flatMap((w) => (w.op === 'put' ? [w.record] : []));
          const last = entries.at(-1) as AuditEntry;
          await client.query('BEGIN');
          if (batch.expectedSeq === 0) {
            await client.query(`INSERT INTO ${s}.kepu_heads VALUES ('bench', $1, $2, $3)`, [
              last.seq,
              last.version,
              last.hash,
            ]);
          } else {
            await client.query(
              `UPDATE ${s}.kepu_heads SET seq = $1, version = $2, hash = $3 WHERE namespace = 'bench'`,
              [last.seq, last.version, last.hash],
            );
          }
          if (style === 'bulk') {
            await client.query(
              `INSERT INTO ${s}.kepu_audit (namespace, seq, version, at, actor, command, outcome, error, patches, prev_hash, hash)
               SELECT 'bench', seq, version, at, actor::json, command::json, outcome, NULL, patches::json, prev_hash, hash
               FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                 AS e(seq, version, at, actor, command, outcome, patches, prev_hash, hash)`,
              [
                entries.map((e) => e.seq),
                entries.map((e) => e.version),
                entries.map((e) => e.at),
                entries.map((e) => JSON.stringify(e.actor)),
                entries.map((e) => JSON.stringify(e.command)),
                entries.map((e) => e.outcome),
                entries.map((e) => JSON.stringify(e.patches)),
                entries.map((e) => e.prevHash),
                entries.map((e) => e.hash),
              ],
            );
            await client.query(
              `INSERT INTO ${s}.kepu_records (namespace, kind, id, version, data)
               SELECT 'bench', kind, id, version, data::json
               FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS r(kind, id, version, data)
               ON CONFLICT (namespace, kind, id) DO UPDATE SET version = excluded.version, data = excluded.data`,
              [
                puts.map((r) => r.kind),
                puts.map((r) => r.id),
                puts.map((r) => r.version),
                puts.map((r) => JSON.stringify(r.data)),
              ],
            );
          } else {
            for (const e of entries) {
              await client.query(
                `INSERT INTO ${s}.kepu_audit (namespace, seq, version, at, actor, command, outcome, error, patches, prev_hash, hash)
                 VALUES ('bench', $1, $2, $3, $4, $5, $6, NULL, $7, $8, $9)`,
                [
                  e.seq,
                  e.version,
                  e.at,
                  JSON.stringify(e.actor),
                  JSON.stringify(e.command),
                  e.outcome,
                  JSON.stringify(e.patches),
                  e.prevHash,
                  e.hash,
                ],
              );
            }
            for (const r of puts) {
              await client.query(
                `INSERT INTO ${s}.kepu_records (namespace, kind, id, version, data) VALUES ('bench', $1, $2, $3, $4)
                 ON CONFLICT (namespace, kind, id) DO UPDATE SET version = excluded.version, data = excluded.data`,
                [r.kind, r.id, r.version, JSON.stringify(r.data)],
              );
            }
          }
          await client.query('COMMIT');
        }
      });
      await client.end();
      return ms;
    });

// --- the run -------------------------------------------------------------------------------------

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function measure(label: string, runners: Record<string, Runner>, batches: readonly CommitBatch[]) {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(runners).map((name) => [name, []]));
  // Warm-up (JIT, page cache, connections), then alternate so drift hits every contender alike.
  for (const runner of Object.values(runners)) await runner(batches.slice(0, 2));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, runner] of Object.entries(runners)) times[name]?.push(await runner(batches));
  }
  const reports = batches.length * BATCH_SIZE;
  const rate = (name: string) => reports / (median(times[name] ?? []) / 1000);
  console.log(`\n${label}: ${batches.length} batches × ${BATCH_SIZE} reports, median of ${ROUNDS} rounds`);
  for (const name of Object.keys(runners)) {
    console.log(`  ${name.padEnd(28)} ${Math.round(rate(name)).toLocaleString('en').padStart(9)} reports/s`);
  }
  return rate;
}

function postgresUrl(): string {
  if (process.env.KEPU_TEST_PG_URL) return process.env.KEPU_TEST_PG_URL;
  const script = resolve(import.meta.dirname, '../.ci/ensure-postgres');
  return execFileSync('bash', [script], { encoding: 'utf8' }).trim();
}

const batches = reportBatches();
const sqlite = await measure(
  'SQLite (WAL, synchronous=FULL)',
  { store: sqliteStore, 'raw better-sqlite3': sqliteRaw },
  batches,
);
const url = postgresUrl();
const postgres = await measure(
  'PostgreSQL',
  {
    store: postgresStore(url),
    'raw pg, bulk unnest': postgresRaw(url, 'bulk'),
    'raw pg, row by row': postgresRaw(url, 'rows'),
  },
  batches,
);

const sqliteRatio = sqlite('store') / sqlite('raw better-sqlite3');
const postgresRatio = postgres('store') / postgres('raw pg, bulk unnest');
console.log('\nstore ÷ raw driver (goal ≥ 0.5)');
console.log(`  sqlite    ${sqliteRatio.toFixed(2)}`);
console.log(
  `  postgres  ${postgresRatio.toFixed(2)}  (against row-by-row inserts: ${(postgres('store') / postgres('raw pg, row by row')).toFixed(2)})`,
);
console.log(`\nreproduce: ${COMMAND}`);
if (sqliteRatio < 0.5 || postgresRatio < 0.5) process.exitCode = 1;
