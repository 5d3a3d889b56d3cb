import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

const root = resolve(import.meta.dirname, '../../..');
let cachedUrl: string | undefined;

/**
 * The URL of the real PostgreSQL server the tests use: `KEPU_TEST_PG_URL` when the test command
 * set it, otherwise whatever `.ci/ensure-postgres` starts (installing and starting the local
 * cluster when needed). Never a silent skip: if no server can be had, this throws and the
 * PostgreSQL tests fail.
 */
export function testPostgresUrl(): string {
  if (process.env.KEPU_TEST_PG_URL) return process.env.KEPU_TEST_PG_URL;
  if (cachedUrl) return cachedUrl;
  const script = resolve(root, '.ci/ensure-postgres');
  // Test files run in parallel workers: take a lock so only one of them starts the cluster.
  const lock = existsSync('/usr/bin/flock') ? ['/usr/bin/flock', '/tmp/kepu-ensure-postgres.lock'] : [];
  const [command, ...args] = [...lock, 'bash', script];
  cachedUrl = execFileSync(command as string, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  process.env.KEPU_TEST_PG_URL = cachedUrl;
  return cachedUrl;
}

/**
 * A PostgreSQL schema of its own for one test file (or one test), so parallel test files never
 * see each other's tables. Names carry their creation time; schemas a crashed run left behind
 * for more than an hour are dropped the next time one is made.
 */
export interface TestSchema {
  readonly url: string;
  readonly name: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

let counter = 0;

/** Creates a fresh, uniquely named schema name (the store's `migrate()` creates the schema itself). */
export async function freshPostgresSchema(prefix = 'kt'): Promise<TestSchema> {
  const url = testPostgresUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 6)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const stale = await client.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname ~ '^[a-z]+_[0-9a-z]+_[0-9]+_[0-9]+_[0-9a-z]+$'`,
    );
    const hourAgo = Date.now() - 3_600_000;
    for (const { nspname } of stale.rows) {
      const born = Number.parseInt(nspname.split('_')[1] ?? '', 36);
      if (Number.isFinite(born) && born < hourAgo) {
        await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`).catch(() => {});
      }
    }
  } finally {
    await client.end();
  }
  return {
    url,
    name,
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
