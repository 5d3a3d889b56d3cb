import {
  type AuditEntry,
  type CommitBatch,
  chainAuditEntry,
  createEngine,
  GENESIS_HASH,
  isKepuError,
  type KepuStore,
  type MaybePromise,
  type Plan,
  parsePlan,
  type RecordWrite,
  type StoreHead,
  verifyAuditChain,
} from '@kepu/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * What an adapter under test can do beyond the required port. Each capability left out turns
 * the tests that need it into explicit skips that say why — never silent passes.
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
   * persistence and two-writer tests are skipped.
   */
  readonly open?: (store: KepuStore) => MaybePromise<KepuStore>;
  /**
   * Edits a stored record's data behind the store's back, as a person with database access
   * could. Without it, the test that the engine catches such an edit on load is skipped.
   */
  readonly tamperRecord?: (store: KepuStore, kind: string, id: string, data: unknown) => MaybePromise<void>;
  /**
   * Overwrites the stored audit entry at `seq` with `entry`, behind the store's back. Without it,
   * the test that an engine catches an edited log on load is skipped.
   */
  readonly tamperAudit?: (store: KepuStore, seq: number, entry: AuditEntry) => MaybePromise<void>;
  /**
   * The adapter's schema migrations, for adapters that keep a schema (SQL databases). Without
   * it, the migration tests are skipped.
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

/** A small plan for the engine-level tests: two departments, a township, one task. */
const PLAN: Plan = parsePlan({
  schemaVersion: 1,
  id: 'conformance-2024-2025',
  county: { id: 'conformance', name: '测试县' },
  meta: { title: '测试方案', issuer: '测试', period: { start: 2024, end: 2025 } },
  orgUnits: [
    { id: 'education', name: '县教育局', kind: 'government-department' },
    { id: 'cast', name: '县科协', kind: 'mass-organisation' },
    { id: 'shanhe', name: '山河镇', kind: 'township' },
  ],
  parts: [
    {
      path: '3',
      code: '三',
      title: '行动',
      kind: 'actions',
      sections: [
        {
          path: '3.1',
          code: '三（一）',
          title: '青少年',
          tasks: [{ path: '3.1.1', code: '三（一）1', title: '任务', leads: ['education'], partners: ['cast'] }],
        },
      ],
    },
  ],
});

const KINDS = ['reports', 'findings', 'awards', 'incidents'] as const;

/** A chain of `n` audit entries after `head`, every other one a denial (no version step). */
function entries(head: StoreHead, n: number, tag = 'x'): AuditEntry[] {
  const out: AuditEntry[] = [];
  let cursor = head;
  for (let i = 0; i < n; i++) {
    const accepted = i % 2 === 0;
    const entry = chainAuditEntry(cursor, {
      version: cursor.version + (accepted ? 1 : 0),
      at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
      actor: { id: `actor-${tag}`, role: 'reporter', unit: 'education' },
      command: { type: 'conformance', tag, i },
      outcome: accepted ? 'accepted' : 'denied',
      ...(accepted ? {} : { error: { code: 'forbidden', path: ['actor'], message: 'no' } }),
      patches: accepted ? [{ op: 'replace', path: ['version'], value: cursor.version + 1 }] : [],
    });
    out.push(entry);
    cursor = { seq: entry.seq, version: entry.version, hash: entry.hash };
  }
  return out;
}

const headOf = (list: readonly AuditEntry[], from: StoreHead): StoreHead => {
  const last = list.at(-1);
  return last ? { seq: last.seq, version: last.version, hash: last.hash } : from;
};

const put = (kind: string, id: string, version: number, data: unknown): RecordWrite => ({
  op: 'put',
  record: { kind, id, version, data },
});

async function codeOf(run: () => MaybePromise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return isKepuError(error) ? error.code : `untyped: ${String(error)}`;
  }
}

const byKindAndId = (a: { kind: string; id: string }, b: { kind: string; id: string }) =>
  a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

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
 * to end (including catching a record or a log entry edited behind its back). Capabilities the
 * adapter lacks are skipped with the reason in the test's name.
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
  const fresh = async () => {
    const store = await factory();
    opened.push(store);
    return store;
  };
  const open = async (store: KepuStore) => {
    const other = await (capabilities.open as NonNullable<StoreCapabilities['open']>)(store);
    opened.push(other);
    return other;
  };
  const timeout = capabilities.timeout ?? 30_000;
  const skip = (missing: boolean, name: string, reason: string, fn: () => Promise<void>) =>
    it.skipIf(missing)(missing ? `${name} — skipped: ${reason}` : name, fn, timeout);
  const test = (name: string, fn: () => Promise<void>) => it(name, fn, timeout);

  describe(`storage port conformance: ${capabilities.name ?? 'store'}`, () => {
    afterEach(async () => {
      for (const store of opened.splice(0).reverse()) {
        try {
          await store.dispose?.();
        } catch {
          // Already disposed by the test.
        }
      }
    });

    test('a new store is empty, with its head at the genesis hash', async () => {
      const store = await fresh();
      expect(typeof store.name).toBe('string');
      expect(await store.head()).toEqual({ seq: 0, version: 0, hash: GENESIS_HASH });
      expect(await store.listRecords()).toEqual([]);
      expect(await store.readAudit()).toEqual([]);
      expect(await store.listSnapshots()).toEqual([]);
    });

    test('every record kind round-trips, with unicode, nesting, 0 and null intact', async () => {
      const store = await fresh();
      const data = (kind: string) => ({
        id: `${kind}-1`,
        title: '山河镇“科普日”活动 — ✓',
        zero: 0,
        none: null,
        nested: { list: [1, 2.5, { deep: [true, false] }], empty: {} },
      });
      const log = entries(await store.head(), 1);
      const head = await store.commit({
        expectedSeq: 0,
        entries: log,
        records: KINDS.map((kind) => put(kind, `${kind}-1`, 1, data(kind))),
      });
      expect(head).toEqual(headOf(log, head));
      const records = (await store.listRecords()).sort(byKindAndId);
      expect(records).toEqual(
        KINDS.map((kind) => ({ kind, id: `${kind}-1`, version: 1, data: data(kind) })).sort(byKindAndId),
      );
      for (const kind of KINDS) {
        expect(await store.listRecords({ kind })).toEqual([{ kind, id: `${kind}-1`, version: 1, data: data(kind) }]);
      }
      expect(await store.listRecords({ kind: 'nothing' })).toEqual([]);
    });

    test('a put replaces a record and a delete removes it, in the same atomic commit as its entry', async () => {
      const store = await fresh();
      let head = await store.commit({
        expectedSeq: 0,
        entries: entries(await store.head(), 1),
        records: [put('reports', 'a', 1, { v: 1 }), put('reports', 'b', 1, { v: 1 })],
      });
      head = await store.commit({
        expectedSeq: head.seq,
        entries: entries(head, 1),
        records: [put('reports', 'a', 2, { v: 2 }), { op: 'delete', kind: 'reports', id: 'b' }],
      });
      expect(await store.listRecords()).toEqual([{ kind: 'reports', id: 'a', version: 2, data: { v: 2 } }]);
      if (store.getRecord) {
        expect(await store.getRecord('reports', 'a')).toEqual({ kind: 'reports', id: 'a', version: 2, data: { v: 2 } });
        expect(await store.getRecord('reports', 'b')).toBeUndefined();
      }
    });

    test('the log reads back in seq order, from any point, in pages', async () => {
      const store = await fresh();
      const first = entries(await store.head(), 5, 'a');
      const head = await store.commit({ expectedSeq: 0, entries: first });
      const second = entries(head, 4, 'b');
      const end = await store.commit({ expectedSeq: head.seq, entries: second });
      expect(end).toEqual(headOf(second, head));
      expect(await store.head()).toEqual(end);
      const all = await store.readAudit();
      expect(all).toEqual([...first, ...second]);
      expect((await store.readAudit({ after: 3 })).map((e) => e.seq)).toEqual([4, 5, 6, 7, 8, 9]);
      expect((await store.readAudit({ after: 3, limit: 2 })).map((e) => e.seq)).toEqual([4, 5]);
      expect(await store.readAudit({ after: 9 })).toEqual([]);
      expect(verifyAuditChain(all, { expectedHead: end })).toMatchObject({ ok: true, entries: 9 });
    });

    // Whether the adapter offers `load` is known only once a store exists, so this test skips
    // itself at run time, with the reason as the skip's note.
    it(
      'load() returns exactly what head, listRecords, listSnapshots and readAudit return',
      async (ctx) => {
        const store = await fresh();
        if (!store.load) ctx.skip('the adapter has no load(); the engine falls back to separate reads');
        const load = (store.load as NonNullable<KepuStore['load']>).bind(store);
        const separate = async () => ({
          head: await store.head(),
          records: (await store.listRecords()).sort(byKindAndId),
          snapshots: await store.listSnapshots(),
          audit: await store.readAudit(),
        });
        const loaded = async () => {
          const all = await load();
          return { ...all, records: [...all.records].sort(byKindAndId) };
        };
        expect(await loaded()).toEqual({
          head: { seq: 0, version: 0, hash: GENESIS_HASH },
          records: [],
          snapshots: [],
          audit: [],
        });
        let head = await store.head();
        for (let i = 0; i < 5; i++) {
          const writes: RecordWrite[] = [
            put(KINDS[i % KINDS.length] as string, `r-${i}`, head.version + 1, { i, nested: { list: [i, 'x'] } }),
            put('reports', 'shared', head.version + 1, { i }),
          ];
          if (i === 3) writes.push({ op: 'delete', kind: KINDS[1] as string, id: 'r-1' });
          head = await store.commit({
            expectedSeq: head.seq,
            entries: entries(head, 2, `load-${i}`),
            records: writes,
            snapshots: [
              {
                key: `assessment/p/${2020 + (i % 2)}`,
                version: Math.floor(i / 2) + 1,
                createdAt: `2025-01-0${i + 1}T00:00:00.000Z`,
                data: { i },
              },
            ],
          });
        }
        const expected = await separate();
        expect(expected.head).toEqual(head);
        expect(expected.audit).toHaveLength(10);
        expect(expected.records.map((r) => r.id)).not.toContain('r-1');
        expect(await loaded()).toEqual(expected);

        // Racing a commit, a load sees it whole or not at all.
        const before = expected;
        const [during] = await Promise.all([
          loaded(),
          store.commit({
            expectedSeq: head.seq,
            entries: entries(head, 1, 'race'),
            records: [put('reports', 'shared', head.version + 1, { race: true })],
          }),
        ]);
        const after = await separate();
        expect([before, after]).toContainEqual(during);
        expect(await loaded()).toEqual(after);
      },
      timeout,
    );

    test('a commit on a stale head is store-conflict and writes nothing', async () => {
      const store = await fresh();
      const head = await store.commit({ expectedSeq: 0, entries: entries(await store.head(), 2) });
      const stale: CommitBatch = {
        expectedSeq: 0,
        entries: entries({ seq: 0, version: 0, hash: GENESIS_HASH }, 1, 'late'),
        records: [put('reports', 'late', 1, {})],
        snapshots: [{ key: 'assessment/p/2024', version: 1, createdAt: '2024-01-01T00:00:00.000Z', data: {} }],
      };
      expect(await codeOf(() => store.commit(stale))).toBe('store-conflict');
      expect(await store.head()).toEqual(head);
      expect(await store.listRecords()).toEqual([]);
      expect(await store.listSnapshots()).toEqual([]);
      expect(await store.readAudit()).toHaveLength(2);
    });

    test('a batch that does not follow the head is invalid-shape and writes nothing', async () => {
      const store = await fresh();
      const head = await store.commit({ expectedSeq: 0, entries: entries(await store.head(), 1) });
      const good = entries(head, 2);
      const [a, b] = good as [AuditEntry, AuditEntry];
      const bad: Array<[string, CommitBatch]> = [
        ['no entries', { expectedSeq: head.seq, entries: [], records: [put('reports', 'x', 1, {})] }],
        ['a gap in seq', { expectedSeq: head.seq, entries: [a, { ...b, seq: b.seq + 1 }] }],
        ['a broken link', { expectedSeq: head.seq, entries: [a, { ...b, prevHash: GENESIS_HASH }] }],
        [
          'a first entry not linked to the head',
          { expectedSeq: head.seq, entries: [{ ...a, prevHash: 'f'.repeat(64) }] },
        ],
        ['a version jump of 2', { expectedSeq: head.seq, entries: [{ ...a, version: a.version + 2 }] }],
      ];
      for (const [name, batch] of bad) {
        expect(await codeOf(() => store.commit(batch)), name).toBe('invalid-shape');
      }
      expect(await store.head()).toEqual(head);
      expect(await store.readAudit()).toHaveLength(1);
      expect(await store.listRecords()).toEqual([]);
    });

    test('snapshots gain versions in order and are never overwritten; a refused batch leaves no trace', async () => {
      const store = await fresh();
      const snap = (key: string, version: number) => ({
        key,
        version,
        createdAt: `2025-01-0${version}T00:00:00.000Z`,
        data: { key, version, card: { units: [{ unit: 'shanhe', score: 88.5 }] } },
      });
      let head = await store.commit({
        expectedSeq: 0,
        entries: entries(await store.head(), 1),
        snapshots: [snap('assessment/p/2024', 1), snap('assessment/p/2023', 1)],
      });
      head = await store.commit({
        expectedSeq: head.seq,
        entries: entries(head, 1),
        snapshots: [snap('assessment/p/2024', 2)],
      });
      const overwrite: CommitBatch = {
        expectedSeq: head.seq,
        entries: entries(head, 1),
        records: [put('reports', 'should-not-exist', 3, {})],
        snapshots: [snap('assessment/p/2024', 3), { ...snap('assessment/p/2024', 2), data: { forged: true } }],
      };
      expect(await codeOf(() => store.commit(overwrite))).toBe('snapshot-exists');
      expect(await store.head()).toEqual(head);
      expect(await store.listRecords()).toEqual([]);
      expect((await store.listSnapshots()).map((s) => [s.key, s.version])).toEqual([
        ['assessment/p/2023', 1],
        ['assessment/p/2024', 1],
        ['assessment/p/2024', 2],
      ]);
      expect(await store.listSnapshots({ key: 'assessment/p/2024' })).toEqual([
        snap('assessment/p/2024', 1),
        snap('assessment/p/2024', 2),
      ]);
    });

    test('stored data is a copy: changing what was written or read changes nothing stored', async () => {
      const store = await fresh();
      const data = { list: [1, 2], nested: { a: 'x' } };
      const log = entries(await store.head(), 1);
      await store.commit({ expectedSeq: 0, entries: log, records: [put('awards', 'a', 1, data)] });
      data.list.push(3);
      data.nested.a = 'changed';
      (log[0] as { command: unknown }).command = 'changed';
      const read = await store.listRecords();
      expect(read[0]?.data).toEqual({ list: [1, 2], nested: { a: 'x' } });
      (read[0]?.data as { list: number[] } | undefined)?.list.push(9);
      expect((await store.listRecords())[0]?.data).toEqual({ list: [1, 2], nested: { a: 'x' } });
      expect(verifyAuditChain(await store.readAudit()).ok).toBe(true);
    });

    test(`a bulk commit of ${capabilities.bulk ?? 10_000} records and entries round-trips`, async () => {
      const store = await fresh();
      const n = capabilities.bulk ?? 10_000;
      const log = entries(await store.head(), n);
      const records = Array.from({ length: n }, (_, i) =>
        put(KINDS[i % KINDS.length] as string, `r-${String(i).padStart(6, '0')}`, 1, { i, text: `第${i}条` }),
      );
      const head = await store.commit({ expectedSeq: 0, entries: log, records });
      expect(head.seq).toBe(n);
      const stored = await store.listRecords();
      expect(stored).toHaveLength(n);
      expect(stored.sort(byKindAndId)).toEqual(records.map((w) => (w.op === 'put' ? w.record : w)).sort(byKindAndId));
      const back = await store.readAudit();
      expect(back).toHaveLength(n);
      expect(back).toEqual(log);
      expect(verifyAuditChain(back, { expectedHead: head }).ok).toBe(true);
      // The next commit after a large one follows on as usual.
      const next = await store.commit({ expectedSeq: head.seq, entries: entries(head, 1, 'after') });
      expect(next.seq).toBe(n + 1);
    });

    test('law: any JSON value round-trips through a record, a snapshot and an audit command as its JSON copy', async () => {
      const store = await fresh();
      let head = await store.head();
      let run = 0;
      const id = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }).filter((x) => !x.includes('\u0000'));
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), id, async (value, recordId) => {
          run++;
          const copy = JSON.parse(JSON.stringify(value)) as unknown;
          const at = new Date(Date.UTC(2024, 0, 1, 0, 0, run)).toISOString();
          const [entry] = entries(head, 1, `law-${run}`) as [AuditEntry];
          const withValue = chainAuditEntry(head, {
            version: entry.version,
            at,
            actor: entry.actor,
            command: { type: 'law', value },
            outcome: entry.outcome,
            patches: entry.patches,
          });
          const key = `law/${run}/${recordId}`;
          head = await store.commit({
            expectedSeq: head.seq,
            entries: [withValue],
            records: [put('reports', recordId, withValue.version, value)],
            snapshots: [{ key, version: 1, createdAt: at, data: value }],
          });
          const record = (await store.listRecords({ kind: 'reports' })).find((r) => r.id === recordId);
          expect(record).toEqual({ kind: 'reports', id: recordId, version: withValue.version, data: copy });
          expect(await store.listSnapshots({ key })).toEqual([{ key, version: 1, createdAt: at, data: copy }]);
          const [back] = await store.readAudit({ after: head.seq - 1 });
          expect(back).toEqual(withValue);
          expect((back?.command as { value?: unknown } | undefined)?.value).toEqual(copy);
        }),
        { numRuns: capabilities.propertyRuns ?? 30 },
      );
      expect(verifyAuditChain(await store.readAudit(), { expectedHead: head }).ok).toBe(true);
    });

    skip(
      !capabilities.open,
      'after a reopen, records, log, snapshots and head are unchanged and the chain verifies',
      'the adapter gives no `open`',
      async () => {
        const store = await fresh();
        const log = entries(await store.head(), 3);
        const head = await store.commit({
          expectedSeq: 0,
          entries: log,
          records: [put('reports', 'r', 1, { ok: true })],
          snapshots: [{ key: 'assessment/p/2024', version: 1, createdAt: '2025-01-01T00:00:00.000Z', data: { s: 1 } }],
        });
        await store.dispose?.();
        const again = await open(store);
        expect(await again.head()).toEqual(head);
        expect(await again.readAudit()).toEqual(log);
        expect(await again.listRecords()).toEqual([{ kind: 'reports', id: 'r', version: 1, data: { ok: true } }]);
        expect(await again.listSnapshots()).toHaveLength(1);
        expect(verifyAuditChain(await again.readAudit(), { expectedHead: await again.head() }).ok).toBe(true);
      },
    );

    skip(
      !capabilities.open,
      'two handles racing for the same head: exactly one commit wins',
      'the adapter gives no `open`',
      async () => {
        const first = await fresh();
        const second = await open(first);
        const head = await first.head();
        // A synchronous store throws at once; `async` turns that into a rejection like any other.
        const attempt = async (store: KepuStore, tag: string) =>
          store.commit({
            expectedSeq: head.seq,
            entries: entries(head, 1, tag),
            records: [put('reports', tag, 1, {})],
          });
        const results = await Promise.allSettled([attempt(first, 'one'), attempt(second, 'two')]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(isKepuError(loser.reason) && loser.reason.code).toBe('store-conflict');
        expect(await first.listRecords()).toHaveLength(1);
        expect(await second.readAudit()).toHaveLength(1);
      },
    );

    test('watch, when offered, announces commits to other handles and stops on unwatch', async () => {
      const store = await fresh();
      if (!store.watch) {
        // No watch: engines on this store learn of others' commits when their own commit is refused.
        expect(store.watch).toBeUndefined();
        return;
      }
      const other = capabilities.open ? await open(store) : store;
      const heads: StoreHead[] = [];
      const unwatch = await store.watch((h) => heads.push(h));
      const head = await other.commit({ expectedSeq: 0, entries: entries(await other.head(), 1) });
      await expect.poll(() => heads.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
      expect(heads.at(-1)).toEqual(head);
      await unwatch();
      await other.commit({ expectedSeq: head.seq, entries: entries(head, 1) });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heads.at(-1)).toEqual(head);
    });

    test('an engine runs on the store: commands persist, the audit verifies and rebuilds the state', async () => {
      const store = await fresh();
      const engine = await createEngine({ plans: [PLAN], store, watch: false });
      const reporter = { id: 'r', role: 'reporter', unit: 'education' } as const;
      const reviewer = { id: 'v', role: 'lead-reviewer', unit: 'education' } as const;
      const { target } = await engine.execute(reporter, {
        type: 'submit-report',
        baseVersion: 0,
        task: '3.1.1',
        period: '2024',
        narrative: '进展。',
      });
      await expect(
        engine.execute(reporter, { type: 'approve-report', baseVersion: 1, report: target.id }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await engine.execute(reviewer, { type: 'approve-report', baseVersion: 1, report: target.id });
      expect(await engine.verifyAudit()).toMatchObject({ ok: true, entries: 3 });
      expect(await engine.rebuild()).toEqual(engine.getSnapshot());
      const records = await store.listRecords({ kind: 'reports' });
      expect(records.map((r) => [r.id, r.version, (r.data as { status: string }).status])).toEqual([
        [target.id, 2, 'approved'],
      ]);
      await engine.dispose();
      if (capabilities.open) {
        const again = await createEngine({ plans: [PLAN], store: await open(store), watch: false });
        expect(again.getSnapshot()).toEqual(engine.getSnapshot());
        await again.dispose();
      }
    });

    skip(
      !capabilities.tamperRecord || !capabilities.open,
      'a record edited behind the engine’s back is caught when an engine loads the store',
      'the adapter gives no `tamperRecord` and `open`',
      async () => {
        const store = await fresh();
        const engine = await createEngine({ plans: [PLAN], store, watch: false });
        const { target } = await engine.execute(
          { id: 'r', role: 'reporter', unit: 'education' },
          { type: 'submit-report', baseVersion: 0, task: '3.1.1', period: '2024', narrative: '进展。' },
        );
        await engine.dispose();
        const record = (await store.listRecords({ kind: 'reports' }))[0];
        await capabilities.tamperRecord?.(store, 'reports', target.id, {
          ...(record?.data as object),
          status: 'approved',
        });
        await expect(createEngine({ plans: [PLAN], store: await open(store), watch: false })).rejects.toMatchObject({
          code: 'audit-broken',
        });
      },
    );

    const migrations = capabilities.migrations;
    skip(
      !migrations,
      'migrations from an empty database run every version once, in order, and are recorded',
      'the adapter gives no `migrations` (it keeps no schema)',
      async () => {
        const harness = migrations as StoreMigrationHarness;
        const store = await fresh();
        expect([...(await harness.applied(store))]).toEqual([...harness.versions]);
        // Running them again, and opening the database again, changes nothing.
        await harness.migrate(store);
        expect([...(await harness.applied(store))]).toEqual([...harness.versions]);
        const head = await store.commit({ expectedSeq: 0, entries: entries(await store.head(), 2) });
        if (capabilities.open) {
          const again = await open(store);
          expect([...(await harness.applied(again))]).toEqual([...harness.versions]);
          expect(await again.head()).toEqual(head);
        }
        await harness.migrate(store);
        expect(await store.readAudit()).toHaveLength(2);
      },
    );

    skip(
      !migrations,
      'a database at the previous schema version migrates with every entry, record and snapshot intact',
      'the adapter gives no `migrations` (it keeps no schema)',
      async () => {
        const harness = migrations as StoreMigrationHarness;
        // Three commits as the previous version stored them: puts, a replacement, a delete,
        // snapshots of two keys, denials in the log.
        const first = entries({ seq: 0, version: 0, hash: GENESIS_HASH }, 3, 'old-a');
        const h1 = headOf(first, { seq: 0, version: 0, hash: GENESIS_HASH });
        const second = entries(h1, 2, 'old-b');
        const h2 = headOf(second, h1);
        const third = entries(h2, 3, 'old-c');
        const h3 = headOf(third, h2);
        const snap = (key: string, version: number) => ({
          key,
          version,
          createdAt: `2024-12-0${version}T00:00:00.000Z`,
          data: { key, version, units: [{ unit: 'shanhe', score: 90 - version }] },
        });
        const batches: CommitBatch[] = [
          {
            expectedSeq: 0,
            entries: first,
            records: [
              put('reports', 'a', 1, { v: 1 }),
              put('findings', 'f', 1, { text: '发现' }),
              put('reports', 'b', 1, {}),
            ],
            snapshots: [snap('assessment/p/2024', 1)],
          },
          {
            expectedSeq: h1.seq,
            entries: second,
            records: [put('reports', 'a', 2, { v: 2 }), { op: 'delete', kind: 'reports', id: 'b' }],
            snapshots: [snap('assessment/p/2024', 2), snap('assessment/p/2023', 1)],
          },
          { expectedSeq: h2.seq, entries: third, records: [put('awards', 'w', 3, { title: '先进单位' })] },
        ];
        const store = await harness.fromPrevious(batches);
        opened.push(store);
        expect([...(await harness.applied(store))]).toEqual([...harness.versions]);
        expect(await store.head()).toEqual(h3);
        const log = await store.readAudit();
        expect(log).toEqual([...first, ...second, ...third]);
        expect(verifyAuditChain(log, { expectedHead: h3 }).ok).toBe(true);
        expect((await store.listRecords()).sort(byKindAndId)).toEqual(
          [
            { kind: 'awards', id: 'w', version: 3, data: { title: '先进单位' } },
            { kind: 'findings', id: 'f', version: 1, data: { text: '发现' } },
            { kind: 'reports', id: 'a', version: 2, data: { v: 2 } },
          ].sort(byKindAndId),
        );
        expect(await store.listSnapshots()).toEqual([
          snap('assessment/p/2023', 1),
          snap('assessment/p/2024', 1),
          snap('assessment/p/2024', 2),
        ]);
        // The migrated store takes new commits on the old chain, and still refuses stale ones.
        const next = await store.commit({ expectedSeq: h3.seq, entries: entries(h3, 1, 'new') });
        expect(next.seq).toBe(h3.seq + 1);
        expect(await codeOf(() => store.commit({ expectedSeq: h3.seq, entries: entries(h3, 1, 'stale') }))).toBe(
          'store-conflict',
        );
      },
    );

    skip(
      !capabilities.tamperAudit || !capabilities.open,
      'an audit entry edited behind the engine’s back is caught when an engine loads the store, naming the entry',
      'the adapter gives no `tamperAudit` and `open`',
      async () => {
        const store = await fresh();
        const engine = await createEngine({ plans: [PLAN], store, watch: false });
        const reporter = { id: 'r', role: 'reporter', unit: 'education' } as const;
        const { target } = await engine.execute(reporter, {
          type: 'submit-report',
          baseVersion: 0,
          task: '3.1.1',
          period: '2024',
          narrative: '进展。',
        });
        await engine.execute(
          { id: 'v', role: 'lead-reviewer', unit: 'education' },
          {
            type: 'return-report',
            baseVersion: 1,
            report: target.id,
            reason: '请补充。',
          },
        );
        await engine.dispose();
        // Someone rewrites who returned the report, keeping the stored hash.
        const [, second] = (await store.readAudit()) as [AuditEntry, AuditEntry];
        await capabilities.tamperAudit?.(store, 2, { ...second, actor: { ...second.actor, id: 'someone-else' } });
        const again = await open(store);
        const error = await createEngine({ plans: [PLAN], store: again, watch: false }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toMatchObject({ code: 'audit-broken' });
        expect(isKepuError(error) && error.issues[0]?.params.seq).toBe('2');
      },
    );
  });
}
