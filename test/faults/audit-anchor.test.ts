import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Actor,
  type AuditAnchor,
  type AuditEntry,
  createEngine,
  isKepuError,
  type KepuStore,
  type StoreHead,
  type StoreRecord,
} from '@kepu/core';
import { anchorOfHead, hashAuditEntry, verifyStoreAudit } from '@kepu/core/engine';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { createPostgresStore } from '@kepu/store-postgres';
import { createSqliteStore } from '@kepu/store-sqlite';
import { freshPostgresSchema, type TestSchema } from '@kepu/test-utils/postgres';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Damage that a whole-chain check cannot see: someone who can write the database cuts the log's
// tail (removes the last entries, moves the head back and puts the records back as they were), or
// edits an entry and re-hashes everything after it. The chain is whole again and the records equal
// a replay, so the store loads as before; only an anchor taken earlier and kept elsewhere tells.

const reporter = (unit: string): Actor => ({ id: `${unit}.reporter`, role: 'reporter', unit });
const educationReviewer: Actor = { id: 'education.reviewer', role: 'lead-reviewer', unit: 'education' };

interface Worked {
  /** The records as they were after entry 5, before the approval. */
  readonly recordsBefore: StoreRecord[];
  readonly headBefore: StoreHead;
  readonly report: string;
  /** The anchor taken at the end (entry 7). */
  readonly anchor: AuditAnchor;
}

/** Entries 1–5: three submissions, a return, a resubmission; 6: a denied approval; 7: the approval. */
async function work(store: KepuStore): Promise<Worked> {
  const engine = await createEngine({ plans: [zhengningPlan], store, watch: false });
  const v = () => engine.getSnapshot().version;
  const submit = (unit: string) =>
    engine.execute(reporter(unit), {
      type: 'submit-report',
      baseVersion: v(),
      task: '3.1.2',
      period: '2024',
      narrative: `${unit} 的年度进展。`,
    });
  const { target } = await submit('health');
  await submit('agriculture');
  await submit('cast');
  await engine.execute(educationReviewer, {
    type: 'return-report',
    baseVersion: v(),
    report: target.id,
    reason: '请补充。',
  });
  await engine.execute(reporter('health'), {
    type: 'resubmit-report',
    baseVersion: v(),
    report: target.id,
    narrative: '已补充。',
  });
  const recordsBefore = await store.listRecords();
  const headBefore = engine.getHead();
  await engine
    .execute(reporter('health'), { type: 'approve-report', baseVersion: v(), report: target.id })
    .catch(() => {});
  await engine.execute(educationReviewer, { type: 'approve-report', baseVersion: v(), report: target.id });
  const anchor = anchorOfHead(engine.getHead(), { at: '2026-01-05T08:00:00.000Z' });
  expect(anchor.seq).toBe(7);
  await engine.dispose();
  return { recordsBefore, headBefore, report: target.id, anchor };
}

/** The entries from `seq` on, with the entry at `seq` changed by `edit`, each re-hashed onto the one before. */
function rechain(entries: readonly AuditEntry[], seq: number, edit: (e: AuditEntry) => AuditEntry): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = entries[seq - 2] as AuditEntry;
  for (const entry of entries.slice(seq - 1)) {
    const body = { ...(entry.seq === seq ? edit(entry) : entry), prevHash: prev.hash };
    const next = { ...body, hash: hashAuditEntry(body) };
    out.push(next);
    prev = next;
  }
  return out;
}

const editActor = (e: AuditEntry): AuditEntry => ({ ...e, actor: { ...e.actor, id: 'someone.else' } });

/** What each store's attacker does with SQL. */
interface Attacker {
  truncate(head: StoreHead, records: readonly StoreRecord[]): Promise<void>;
  rewrite(entries: readonly AuditEntry[]): Promise<void>;
}

async function expectCaught(open: () => KepuStore, worked: Worked, problem: 'truncated' | 'rechained') {
  // Without the anchor the damage goes unseen: the store loads, the chain verifies.
  const unaware = open();
  const engine = await createEngine({ plans: [zhengningPlan], store: unaware, watch: false });
  expect((await engine.verifyAudit()).ok).toBe(true);
  // With it, the engine, the store-level check and loading all refuse.
  const verdict = await engine.verifyAudit({ anchor: worked.anchor });
  expect(verdict.ok).toBe(false);
  if (!verdict.ok) expect(verdict.firstBad.problem).toBe(problem);
  const text = await engine.verifyAudit({ anchor: `${worked.anchor.seq}:${worked.anchor.hash}` });
  expect(text.ok).toBe(false);
  await engine.dispose();
  const direct = await verifyStoreAudit(unaware, { anchor: worked.anchor });
  expect(direct.ok ? undefined : direct.firstBad.problem).toBe(problem);
  const error = await createEngine({
    plans: [zhengningPlan],
    store: unaware,
    watch: false,
    auditAnchor: worked.anchor,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isKepuError(error) ? error.code : error).toBe(problem === 'truncated' ? 'audit-truncated' : 'audit-rechained');
  await (unaware.dispose?.() as unknown);
}

function scenarios(label: string, make: () => Promise<{ open: () => KepuStore; attacker: Attacker }>) {
  it(`${label}: a tail cut off (entries removed, head moved back, records put back) is caught with an anchor`, async () => {
    const { open, attacker } = await make();
    const store = open();
    const worked = await work(store);
    await (store.dispose?.() as unknown);
    await attacker.truncate(worked.headBefore, worked.recordsBefore);
    // The approval is gone: the report is back to submitted, as an engine without the anchor sees it.
    const check = open();
    const engine = await createEngine({ plans: [zhengningPlan], store: check, watch: false });
    expect(engine.getSnapshot().reports[worked.report]?.status).toBe('submitted');
    await engine.dispose();
    await (check.dispose?.() as unknown);
    await expectCaught(open, worked, 'truncated');
  });

  it(`${label}: an entry edited and the log re-hashed to its end is caught with an anchor`, async () => {
    const { open, attacker } = await make();
    const store = open();
    const worked = await work(store);
    const entries = await store.readAudit();
    await (store.dispose?.() as unknown);
    await attacker.rewrite(rechain(entries, 6, editActor));
    await expectCaught(open, worked, 'rechained');
  });

  it(`${label}: the anchor of an untouched log verifies`, async () => {
    const { open } = await make();
    const store = open();
    const worked = await work(store);
    expect((await verifyStoreAudit(store, { anchor: worked.anchor })).ok).toBe(true);
    // An anchor of an earlier entry holds too: the log grew past it.
    const earlier = anchorOfHead(worked.headBefore);
    const engine = await createEngine({ plans: [zhengningPlan], store, watch: false, auditAnchor: earlier });
    expect((await engine.verifyAudit({ anchor: earlier })).ok).toBe(true);
    await engine.dispose();
    await (store.dispose?.() as unknown);
  });
}

describe('audit anchors: SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kepu-anchor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files = 0;
  const sql = (filename: string, body: (db: Database.Database) => void) => {
    const db = new Database(filename);
    try {
      db.transaction(() => body(db))();
    } finally {
      db.close();
    }
  };
  scenarios('SQLite', async () => {
    const filename = join(dir, `county-${++files}.db`);
    return {
      open: () => createSqliteStore({ filename }),
      attacker: {
        async truncate(head, records) {
          sql(filename, (db) => {
            db.prepare('DELETE FROM kepu_audit WHERE seq > ?').run(head.seq);
            db.prepare('UPDATE kepu_head SET seq = ?, version = ?, hash = ?').run(head.seq, head.version, head.hash);
            db.exec('DELETE FROM kepu_records');
            const put = db.prepare('INSERT INTO kepu_records (kind, id, version, data) VALUES (?, ?, ?, ?)');
            for (const r of records) put.run(r.kind, r.id, r.version, JSON.stringify(r.data));
          });
        },
        async rewrite(entries) {
          sql(filename, (db) => {
            const update = db.prepare('UPDATE kepu_audit SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?');
            for (const e of entries) update.run(JSON.stringify(e.actor), e.prevHash, e.hash, e.seq);
            const last = entries.at(-1) as AuditEntry;
            db.prepare('UPDATE kepu_head SET hash = ?').run(last.hash);
          });
        },
      },
    };
  });
});

describe('audit anchors: PostgreSQL', () => {
  let schema: TestSchema;
  let namespaces = 0;
  beforeAll(async () => {
    schema = await freshPostgresSchema('kanchor');
    const store = createPostgresStore({ connectionString: schema.url, schema: schema.name });
    await store.migrate();
    await store.dispose();
  });
  afterAll(async () => {
    await schema?.drop();
  });
  const sql = async (body: (client: pg.Client, s: string) => Promise<void>) => {
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await body(client, `"${schema.name}"`);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  };
  scenarios('PostgreSQL', async () => {
    const namespace = `county-${++namespaces}`;
    return {
      open: () => createPostgresStore({ connectionString: schema.url, schema: schema.name, namespace }),
      attacker: {
        truncate: (head, records) =>
          sql(async (client, s) => {
            await client.query(`DELETE FROM ${s}.kepu_audit WHERE namespace = $1 AND seq > $2`, [namespace, head.seq]);
            await client.query(`UPDATE ${s}.kepu_heads SET seq = $2, version = $3, hash = $4 WHERE namespace = $1`, [
              namespace,
              head.seq,
              head.version,
              head.hash,
            ]);
            await client.query(`DELETE FROM ${s}.kepu_records WHERE namespace = $1`, [namespace]);
            for (const r of records) {
              await client.query(
                `INSERT INTO ${s}.kepu_records (namespace, kind, id, version, data) VALUES ($1, $2, $3, $4, $5)`,
                [namespace, r.kind, r.id, r.version, JSON.stringify(r.data)],
              );
            }
          }),
        rewrite: (entries) =>
          sql(async (client, s) => {
            for (const e of entries) {
              await client.query(
                `UPDATE ${s}.kepu_audit SET actor = $3, prev_hash = $4, hash = $5 WHERE namespace = $1 AND seq = $2`,
                [namespace, e.seq, JSON.stringify(e.actor), e.prevHash, e.hash],
              );
            }
            const last = entries.at(-1) as AuditEntry;
            await client.query(`UPDATE ${s}.kepu_heads SET hash = $2 WHERE namespace = $1`, [namespace, last.hash]);
          }),
      },
    };
  });
});
