import type { AuditEntry, CommitBatch, KepuStore, MaybePromise } from '@kepu/core';
import { afterEach, describe, it } from 'vitest';
import type { ConformanceContext } from './store-conformance/context.js';
import { engineTests } from './store-conformance/engine.js';
import { handleTests } from './store-conformance/handles.js';
import { loadTests } from './store-conformance/load.js';
import { migrationTests } from './store-conformance/migrations.js';
import { refusalTests } from './store-conformance/refusals.js';
import { roundTripTests } from './store-conformance/round-trip.js';

/**
 * What an adapter under test can do beyond the required port. Each capability left out turns
 * the tests that need it out of the run, named in the suite's title — never silent passes.
 *
 * @example
 * ```ts
 * import { createMemoryStore, type MemoryStore } from '@kepu/core';
 * import type { StoreCapabilities } from '@kepu/plugin-sdk/testing';
 * const capabilities: StoreCapabilities = {
 *   open: (store) => createMemoryStore({ data: (store as MemoryStore).data }),
 * };
 * ```
 */
export interface StoreCapabilities {
  /** The name shown in the suite's title. @default the store's `name` */
  readonly name?: string;
  /**
   * Opens another handle on the same data as `store`: a second connection while the first is
   * open, or a reopen after the first was disposed (the suite does both). Without it, the
   * persistence and two-writer tests do not run.
   */
  readonly open?: (store: KepuStore) => MaybePromise<KepuStore>;
  /**
   * Edits a stored record's data behind the store's back, as a person with database access
   * could. Without it, the test that the engine catches such an edit on load does not run.
   */
  readonly tamperRecord?: (store: KepuStore, kind: string, id: string, data: unknown) => MaybePromise<void>;
  /**
   * Overwrites the stored audit entry at `seq` with `entry`, behind the store's back. Without it,
   * the test that an engine catches an edited log on load does not run.
   */
  readonly tamperAudit?: (store: KepuStore, seq: number, entry: AuditEntry) => MaybePromise<void>;
  /**
   * The adapter's schema migrations, for adapters that keep a schema (SQL databases). Without
   * it, the migration tests do not run.
   */
  readonly migrations?: StoreMigrationHarness;
  /**
   * How many generated values the round-trip law tries.
   * @default 30
   */
  readonly propertyRuns?: number;
  /**
   * How many records and audit entries the bulk test writes in one commit.
   * @default 10_000
   */
  readonly bulk?: number;
  /**
   * Per-test timeout in ms, for stores behind a network.
   * @default 30_000
   */
  readonly timeout?: number;
}

/**
 * How the conformance suite reaches an adapter's schema migrations. The adapter's test file
 * provides it; `fromPrevious` is where the adapter keeps a writer for its previous schema
 * version, so the upgrade is tested on data written the way that version wrote it.
 *
 * @example
 * ```ts
 * import type { StoreMigrationHarness } from '@kepu/plugin-sdk/testing';
 * import { createSqliteStore, type SqliteStore } from '@kepu/store-sqlite';
 * declare function writeVersion1(batches: readonly unknown[]): string; // returns the file name
 * const migrations: StoreMigrationHarness = {
 *   versions: [1, 2],
 *   applied: (store) => (store as SqliteStore).migrations().map((m) => m.version),
 *   migrate: (store) => createSqliteStore({ filename: (store as SqliteStore).filename }).dispose(),
 *   fromPrevious: (batches) => createSqliteStore({ filename: writeVersion1(batches) }),
 * };
 * ```
 */
export interface StoreMigrationHarness {
  /** Every schema version the adapter ships, oldest first (`[1, 2]`). */
  readonly versions: readonly number[];
  /** The versions recorded as applied in the store's database, oldest first. */
  readonly applied: (store: KepuStore) => MaybePromise<readonly number[]>;
  /** Runs the adapter's migrations on the store's database again; they must change nothing. */
  readonly migrate: (store: KepuStore) => MaybePromise<void>;
  /**
   * Creates a new database at the version before the latest, writes `batches` into it as that
   * version wrote them, and returns a store opened on it by the current adapter — which
   * migrates it the way a user's upgrade would.
   */
  readonly fromPrevious: (batches: readonly CommitBatch[]) => MaybePromise<KepuStore>;
}

/**
 * The storage-port conformance suite, written once for every adapter: call it from your
 * adapter's test file with a factory that returns a fresh, empty store for each test.
 *
 * It checks the contract of `KepuStore`: the round trip of every record kind and (as a
 * fast-check law) of any JSON value, ordering of the log and of snapshots, atomic commits refused
 * whole on a stale head (`store-conflict`), on a batch that does not follow the head
 * (`invalid-shape`) or on an existing snapshot version (`snapshot-exists`), isolation of stored
 * data from callers' objects, the audit chain surviving a reopen and verifying, two handles
 * racing for the head, a bulk commit of 10,000 records, `watch` and `load` when offered (`load`
 * must return exactly what the separate reads return), schema migrations
 * from an empty database and from the previous version, and an engine running on the store end
 * to end (including catching a record or a log entry edited behind its back). The tests of a
 * capability the adapter lacks are not run (never skipped or passed): the suite's title names it.
 *
 * Run it from a vitest test file; `vitest` and `fast-check` are peer dependencies of this entry.
 *
 * @example
 * ```ts
 * // test/conformance.test.ts of a store adapter
 * import { testStore } from '@kepu/plugin-sdk/testing';
 * import { createSqliteStore, type SqliteStore } from '@kepu/store-sqlite';
 * let n = 0;
 * testStore(() => createSqliteStore({ filename: `/tmp/kepu-${process.pid}-${++n}.db` }), {
 *   name: 'sqlite',
 *   open: (store) => createSqliteStore({ filename: (store as SqliteStore).filename }),
 * });
 * ```
 */
export function testStore(factory: () => MaybePromise<KepuStore>, capabilities: StoreCapabilities = {}): void {
  const opened: KepuStore[] = [];
  const timeout = capabilities.timeout ?? 30_000;
  const context: ConformanceContext = {
    fresh: async () => {
      const store = await factory();
      opened.push(store);
      return store;
    },
    open: async (store) => {
      const other = await (capabilities.open as NonNullable<StoreCapabilities['open']>)(store);
      opened.push(other);
      return other;
    },
    opened,
    capabilities,
    test: (name, fn) => it(name, fn, timeout),
    // A test needing a capability the adapter lacks is not registered (never a skip): the suite's
    // title names what the adapter does not offer.
    whenOffered: (missing, name, _reason, fn) => {
      if (!missing) it(name, fn, timeout);
    },
    timeout,
  };

  const lacks = (['open', 'tamperRecord', 'tamperAudit', 'migrations'] as const).filter((c) => !capabilities[c]);
  const title = `storage port conformance: ${capabilities.name ?? 'store'}`;
  describe(lacks.length ? `${title} (offers no ${lacks.join(', ')}: their tests do not apply)` : title, () => {
    afterEach(async () => {
      for (const store of opened.splice(0).reverse()) {
        try {
          await store.dispose?.();
        } catch {
          // Already disposed by the test.
        }
      }
    });
    // Grouped by concern, one file each under store-conformance/.
    roundTripTests(context);
    loadTests(context);
    refusalTests(context);
    handleTests(context);
    engineTests(context);
    migrationTests(context);
  });
}
