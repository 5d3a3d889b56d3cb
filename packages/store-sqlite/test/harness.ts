import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommitBatch, KepuStore } from '@kepu/core';
import { auditRowFromEntry, encodeJsonColumn } from '@kepu/core/store';
import type { StoreCapabilities } from '@kepu/plugin-sdk/testing';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { createSqliteStore, migrateSqlite, SQLITE_MIGRATIONS, type SqliteStore } from '../src/index.js';

// What the conformance suite needs to reach behind the SQLite store: files of its own, a second
// handle, row edits, and a writer for schema version 1.

const dir = mkdtempSync(join(tmpdir(), 'kepu-sqlite-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** A path for a new database file, removed after the test file ends. */
export const newFile = () => join(dir, `store-${++files}.db`);

const filenameOf = (store: KepuStore) => (store as SqliteStore).filename;

function withFile<T>(store: KepuStore, body: (db: Database.Database) => T): T {
  const db = new Database(filenameOf(store), { timeout: 5000 });
  try {
    return body(db);
  } finally {
    db.close();
  }
}

/** Writes batches the way schema version 1 stored them: the log, records and snapshots, no head row. */
function writeVersion1(filename: string, batches: readonly CommitBatch[]): void {
  migrateSqlite({ filename, to: 1 });
  const db = new Database(filename);
  const insertAudit = db.prepare(
    `INSERT INTO kepu_audit (seq, version, at, actor, command, outcome, error, patches, prev_hash, hash)
     VALUES (@seq, @version, @at, @actor, @command, @outcome, @error, @patches, @prev_hash, @hash)`,
  );
  const putRecord = db.prepare('INSERT OR REPLACE INTO kepu_records (kind, id, version, data) VALUES (?, ?, ?, ?)');
  const deleteRecord = db.prepare('DELETE FROM kepu_records WHERE kind = ? AND id = ?');
  const insertSnapshot = db.prepare('INSERT INTO kepu_snapshots (key, version, created_at, data) VALUES (?, ?, ?, ?)');
  const json = encodeJsonColumn;
  for (const batch of batches) {
    db.transaction(() => {
      for (const e of batch.entries) insertAudit.run(auditRowFromEntry(e));
      for (const w of batch.records ?? []) {
        if (w.op === 'put') putRecord.run(w.record.kind, w.record.id, w.record.version, json(w.record.data));
        else deleteRecord.run(w.kind, w.id);
      }
      for (const s of batch.snapshots ?? []) insertSnapshot.run(s.key, s.version, s.createdAt, json(s.data));
    })();
  }
  db.close();
}

export const sqliteCapabilities: StoreCapabilities = {
  name: 'sqlite',
  open: (store) => createSqliteStore({ filename: filenameOf(store) }),
  tamperRecord: (store, kind, id, data) =>
    withFile(store, (db) => {
      db.prepare('UPDATE kepu_records SET data = ? WHERE kind = ? AND id = ?').run(JSON.stringify(data), kind, id);
    }),
  tamperAudit: (store, seq, entry) =>
    withFile(store, (db) => {
      db.prepare('UPDATE kepu_audit SET actor = ?, command = ? WHERE seq = ?').run(
        JSON.stringify(entry.actor),
        JSON.stringify(entry.command),
        seq,
      );
    }),
  migrations: {
    versions: SQLITE_MIGRATIONS.map((m) => m.version),
    applied: (store) => (store as SqliteStore).migrations().map((m) => m.version),
    migrate: (store) => {
      migrateSqlite({ filename: filenameOf(store) });
    },
    fromPrevious: (batches) => {
      const filename = newFile();
      writeVersion1(filename, batches);
      return createSqliteStore({ filename });
    },
  },
};
