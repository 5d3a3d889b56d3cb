import { toStoreFailure } from '@kepu/core/store';
import Database from 'better-sqlite3';

export const NAME = 'sqlite';

// How the SQLite store opens a file and says what went wrong, shared by the store and by
// migrateSqlite.

/** A better-sqlite3 error in words a host can show. */
export function describe(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return 'the database file is locked by another connection; retry, or raise busyTimeout';
  }
  if (code === 'SQLITE_READONLY') return 'the database file is read-only';
  if (code === 'SQLITE_FULL') return 'the disk is full';
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return 'the file is not a sound SQLite database';
  return error instanceof Error ? error.message : String(error);
}

// Runs `body`, turning every error that is not already a KepuError into a store-failure.
export function guard<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw toStoreFailure(NAME, error, describe);
  }
}

/** Opens a database file in WAL mode (readers never wait for the writer). */
export function open(filename: string, busyTimeout: number): Database.Database {
  const db = new Database(filename, { timeout: busyTimeout });
  if (filename !== ':memory:' && filename !== '') db.pragma('journal_mode = WAL');
  return db;
}
