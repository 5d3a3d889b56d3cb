import { writeFileSync } from 'node:fs';
import { isKepuError, type KepuStore, type StoreFactory } from '@kepu/core';
import { chainAuditEntry } from '@kepu/core/engine';
import { GENESIS_HASH } from '@kepu/core/store';
import Database from 'better-sqlite3';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createSqliteStore, migrateSqlite, SQLITE_MIGRATIONS, type SqliteStoreOptions } from '../src/index.js';
import { newFile } from './harness.js';

const entry = (seq = 0) =>
  chainAuditEntry(
    { seq, version: seq, hash: seq === 0 ? GENESIS_HASH : 'x' },
    {
      version: seq + 1,
      at: '2024-01-01T00:00:00.000Z',
      actor: { id: 'a', role: 'plan-office' },
      command: { type: 'noop' },
      outcome: 'accepted',
      patches: [],
    },
  );

function failure(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return isKepuError(error) ? `${error.code}: ${error.issues[0]?.params.detail}` : `untyped: ${String(error)}`;
  }
}

describe('createSqliteStore', () => {
  it('is a StoreFactory of its options', () => {
    expectTypeOf(createSqliteStore).toExtend<StoreFactory<SqliteStoreOptions, KepuStore>>();
  });

  it('opens the file in WAL mode, synchronous FULL unless told otherwise', () => {
    const filename = newFile();
    createSqliteStore({ filename }).dispose();
    const db = new Database(filename);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const store = createSqliteStore({ filename, synchronous: 'normal' });
    store.commit({ expectedSeq: 0, entries: [entry()] });
    expect(store.head().seq).toBe(1);
    store.dispose();
  });

  it('applies every migration to a new file and records when', () => {
    const store = createSqliteStore({ filename: newFile() });
    const applied = store.migrations();
    expect(applied.map((m) => [m.version, m.name])).toEqual(SQLITE_MIGRATIONS.map((m) => [m.version, m.name]));
    for (const m of applied) expect(Number.isNaN(Date.parse(m.appliedAt))).toBe(false);
    store.dispose();
  });

  it('with migrate: false, refuses a database that is behind, and says how to upgrade it', () => {
    const filename = newFile();
    migrateSqlite({ filename, to: 1 });
    expect(failure(() => createSqliteStore({ filename, migrate: false }))).toMatch(
      /^store-failure: the database is at schema version 1, this store needs 2; .*migrateSqlite/,
    );
    expect(migrateSqlite({ filename })).toMatchObject({ from: 1, to: 2, applied: [{ version: 2 }] });
    expect(migrateSqlite({ filename })).toMatchObject({ from: 2, to: 2, applied: [] });
    const store = createSqliteStore({ filename, migrate: false });
    expect(store.head()).toEqual({ seq: 0, version: 0, hash: GENESIS_HASH });
    store.dispose();
  });

  it('refuses a database written by a newer version of the store', () => {
    const filename = newFile();
    createSqliteStore({ filename }).dispose();
    const db = new Database(filename);
    db.prepare(
      "INSERT INTO kepu_migrations (version, name, applied_at) VALUES (3, 'from the future', '2030-01-01')",
    ).run();
    db.close();
    expect(failure(() => createSqliteStore({ filename }))).toMatch(/^store-failure: .*schema version 3, newer than/);
  });

  it('refuses a file that is not a SQLite database with a typed error', () => {
    const filename = newFile();
    writeFileSync(filename, 'this is a county report, not a database'.repeat(200));
    expect(failure(() => createSqliteStore({ filename }))).toBe(
      'store-failure: the file is not a sound SQLite database',
    );
  });

  it('after dispose, every call is a typed failure; dispose is idempotent', () => {
    const store = createSqliteStore({ filename: newFile() });
    store.dispose();
    store.dispose();
    expect(failure(() => store.head())).toBe('store-failure: the store has been disposed');
    expect(failure(() => store.commit({ expectedSeq: 0, entries: [entry()] }))).toBe(
      'store-failure: the store has been disposed',
    );
  });

  it('a writer waits for another connection’s write lock, then fails typed when it is held too long', () => {
    const filename = newFile();
    const store = createSqliteStore({ filename, busyTimeout: 100 });
    const other = new Database(filename);
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    expect(failure(() => store.commit({ expectedSeq: 0, entries: [entry()] }))).toMatch(
      /^store-failure: the database file is locked by another connection/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    other.exec('ROLLBACK');
    other.close();
    expect(store.commit({ expectedSeq: 0, entries: [entry()] }).seq).toBe(1);
    store.dispose();
  });
});
