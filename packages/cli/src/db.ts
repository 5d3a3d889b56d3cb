import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  type Actor,
  type AssessmentScheme,
  createEngine,
  type Engine,
  type EngineOptions,
  type KepuStore,
  type Plan,
} from '@kepu/core';
import { type ReadAssessment, readAssessment } from '@kepu/reports';
import { createSqliteStore } from '@kepu/store-sqlite';
import Database from 'better-sqlite3';
import { UsageError } from './command.js';
import { OutputError } from './safe-output.js';

/**
 * A store opened from a `--db` argument: an SQLite file or a PostgreSQL URL.
 *
 * @example
 * ```ts
 * import { openDatabase } from '@kepu/cli';
 * const db = await openDatabase('.kepu/zhengning-demo.db', { cwd: process.cwd(), namespace: 'zhengning-2022-2025' });
 * db.label; // the absolute path, or the URL without its password
 * await db.dispose();
 * ```
 */
export interface OpenedDatabase {
  readonly kind: 'sqlite' | 'postgres';
  readonly store: KepuStore;
  /** Where it is, for messages: the absolute path, or the URL with the password hidden. */
  readonly label: string;
  dispose(): Promise<void>;
}

/** Whether a `--db` value is a PostgreSQL URL rather than an SQLite file. */
export const isPostgresUrl = (ref: string): boolean => /^postgres(?:ql)?:\/\//i.test(ref);

/** A URL with its password replaced by `***`, for messages. */
function hidePassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/**
 * Opens `--db`: a `postgres://` (or `postgresql://`) URL opens the PostgreSQL store in the given
 * namespace and applies its migrations; anything else is the path of an SQLite file, which must
 * exist unless `create` is set. A missing file is a usage error (exit 2) that says which path.
 *
 * @example
 * ```ts
 * import { openDatabase } from '@kepu/cli';
 * const db = await openDatabase('postgres://kepu@localhost/kepu', { cwd: '.', namespace: 'zhengning-2022-2025' });
 * ```
 */
export async function openDatabase(
  ref: string,
  options: {
    readonly cwd: string;
    readonly namespace: string;
    readonly create?: boolean;
    readonly synchronous?: 'full' | 'normal';
    /**
     * Only read: an SQLite file is opened read-only and copied (SQLite's online backup) to a
     * private temporary file that the store then opens, so a read-only file, folder or mount can
     * be reported on, and reading never migrates or otherwise writes the county's database.
     * @default false
     */
    readonly readOnly?: boolean;
  },
): Promise<OpenedDatabase> {
  if (isPostgresUrl(ref)) {
    // pg loads only for a PostgreSQL URL.
    const { createPostgresStore } = await import('@kepu/store-postgres');
    const store = createPostgresStore({ connectionString: ref, namespace: options.namespace });
    try {
      await store.migrate();
    } catch (error) {
      await store.dispose();
      throw error;
    }
    return { kind: 'postgres', store, label: hidePassword(ref), dispose: () => store.dispose() };
  }
  const path = resolve(options.cwd, ref);
  if (!options.create && !existsSync(path)) {
    throw new UsageError({
      zh: `数据库文件不存在：${path}。先运行 kepu demo 生成演示数据库，或用 --db 指定已有的数据库。`,
      en: `No database at ${path}. Run kepu demo to make the demo database, or point --db at an existing one.`,
    });
  }
  if (options.readOnly) return openReadOnlyCopy(path);
  if (!existsSync(dirname(path))) {
    // A typing mistake must not create folders: only the demo makes its own.
    throw new OutputError('output-folder-missing', path, {
      zh: `无法创建数据库 ${path}：文件夹 ${dirname(path)} 不存在。请先创建该文件夹，或换一个路径。`,
      en: `Cannot create the database ${path}: the folder ${dirname(path)} does not exist. Create it first, or choose another path.`,
    });
  }
  const store = createSqliteStore({
    filename: path,
    ...(options.synchronous ? { synchronous: options.synchronous } : {}),
  });
  return {
    kind: 'sqlite',
    store,
    label: path,
    dispose: async () => store.dispose(),
  };
}

/** A read-only SQLite file, copied consistently to a temporary file the store may open and migrate. */
async function openReadOnlyCopy(path: string): Promise<OpenedDatabase> {
  const folder = await mkdtemp(join(tmpdir(), 'kepu-read-'));
  const copy = join(folder, 'copy.db');
  try {
    try {
      const source = new Database(path, { readonly: true, fileMustExist: true });
      try {
        await source.backup(copy);
      } finally {
        source.close();
      }
    } catch {
      // A WAL database in a folder we cannot write (SQLite cannot make its -shm file there): copy
      // the file and its write-ahead log as they are; SQLite replays the log when the copy opens.
      await rm(copy, { force: true });
      await copyFile(path, copy);
      if (existsSync(`${path}-wal`)) await copyFile(`${path}-wal`, `${copy}-wal`);
    }
    const store = createSqliteStore({ filename: copy });
    return {
      kind: 'sqlite',
      store,
      label: path,
      dispose: async () => {
        store.dispose();
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The engine options the CLI uses for a plan and its scheme: annual reporting, and — when every
 * sheet of the scheme has a `late-report` deduction — one such deduction per late report. The demo
 * history is written with the same rules, so a scorecard computed by the CLI matches the runs
 * stored in the demo database.
 *
 * @example
 * ```ts
 * import { cliEngineOptions } from '@kepu/cli';
 * const engine = await createEngine({ ...cliEngineOptions(plan, scheme), store });
 * ```
 */
export function cliEngineOptions(plan: Plan, scheme: AssessmentScheme): EngineOptions {
  const late = scheme.sheets.every((s) => s.deductions.some((d) => d.id === 'late-report'));
  return {
    plans: [plan],
    schemes: { [plan.id]: scheme },
    reporting: { cadence: 'annual' },
    ...(late ? { assessmentInputs: { lateReportDeduction: 'late-report' } } : {}),
    watch: false,
  };
}

/**
 * Opens an engine over a store for one plan with {@link cliEngineOptions}; the audit chain is
 * verified as it loads.
 *
 * @example
 * ```ts
 * import { openEngine } from '@kepu/cli';
 * const engine = await openEngine(db.store, plan, scheme);
 * engine.assessments({ period: '2025' });
 * ```
 */
export function openEngine(store: KepuStore, plan: Plan, scheme: AssessmentScheme): Promise<Engine> {
  return createEngine({ ...cliEngineOptions(plan, scheme), store });
}

/**
 * Reads a year's assessment from an engine opened with {@link cliEngineOptions}, through
 * `@kepu/reports`' `readAssessment` with the same assessment-input rules; with `save`, runs and
 * stores a new run as that actor.
 *
 * @example
 * ```ts
 * const read = await readCliAssessment(engine, plan, scheme, 2025);
 * read.state; // 'stored', 'stale' or 'none'
 * ```
 */
export function readCliAssessment(
  engine: Engine,
  plan: Plan,
  scheme: AssessmentScheme,
  period: number,
  save?: Actor,
): Promise<ReadAssessment> {
  const inputs = cliEngineOptions(plan, scheme).assessmentInputs;
  return readAssessment(engine, {
    plan,
    scheme,
    period,
    ...(inputs ? { assessmentInputs: inputs } : {}),
    ...(save ? { save } : {}),
  });
}
