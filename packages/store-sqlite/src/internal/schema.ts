import type Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from '../migrations.js';

/** A migration as recorded in `kepu_migrations`. */
export interface AppliedRow {
  readonly version: number;
  readonly name: string;
  readonly appliedAt: string;
}

export const LATEST_VERSION = SQLITE_MIGRATIONS.at(-1)?.version ?? 0;

const CREATE_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS kepu_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`;

function hasMigrationsTable(db: Database.Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kepu_migrations'").get() !== undefined
  );
}

export function appliedMigrations(db: Database.Database): AppliedRow[] {
  if (!hasMigrationsTable(db)) return [];
  return (
    db.prepare('SELECT version, name, applied_at FROM kepu_migrations ORDER BY version').all() as {
      version: number;
      name: string;
      applied_at: string;
    }[]
  ).map((row) => ({ version: row.version, name: row.name, appliedAt: row.applied_at }));
}

export function schemaVersion(db: Database.Database): number {
  return appliedMigrations(db).at(-1)?.version ?? 0;
}

/**
 * Applies the migrations above the database's version, up to `to`, in one IMMEDIATE transaction:
 * a second process opening the same file at the same moment waits for the lock, then finds
 * nothing left to do. Returns the migrations it applied.
 */
export function runMigrations(db: Database.Database, to: number, now: () => string): AppliedRow[] {
  const run = db.transaction(() => {
    db.exec(CREATE_MIGRATIONS_TABLE);
    const current = schemaVersion(db);
    if (current > LATEST_VERSION) {
      throw new RangeError(
        `the database is at schema version ${current}, newer than this @kepu/store-sqlite knows (${LATEST_VERSION}); upgrade @kepu/store-sqlite`,
      );
    }
    const done: AppliedRow[] = [];
    for (const migration of SQLITE_MIGRATIONS) {
      if (migration.version <= current || migration.version > to) continue;
      db.exec(migration.sql);
      const row = { version: migration.version, name: migration.name, appliedAt: now() };
      db.prepare('INSERT INTO kepu_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        row.version,
        row.name,
        row.appliedAt,
      );
      done.push(row);
    }
    return done;
  });
  return run.immediate();
}
