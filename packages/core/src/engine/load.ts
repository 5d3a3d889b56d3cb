import { freeze, type Patch } from 'immer';
import { canonicalJson } from '../assessment/hash.js';
import { createIssue, KepuError } from '../errors.js';
import {
  type AuditEntry,
  GENESIS_HASH,
  type KepuStore,
  type StoreHead,
  type StoreRecord,
  type StoreSnapshot,
} from '../store/types.js';
import { type AuditVerification, verifyAuditChain } from './audit.js';
import { type AuditAnchor, anchorError, checkAnchor } from './audit-anchor.js';
import { engineImmer } from './immer.js';
import { type AssessmentRun, type EngineState, initialState, RECORD_KINDS } from './state.js';

/** Builds state from stored records and snapshots. */
export function stateFromStore(
  records: readonly StoreRecord[],
  snapshots: readonly StoreSnapshot[],
  version: number,
): EngineState {
  const state = initialState() as { -readonly [K in keyof EngineState]: EngineState[K] };
  const mutable = state as unknown as Record<string, Record<string, unknown>>;
  state.version = version;
  for (const record of records) {
    if ((RECORD_KINDS as readonly string[]).includes(record.kind)) {
      (mutable[record.kind] as Record<string, unknown>)[record.id] = record.data;
    }
  }
  for (const snapshot of snapshots) {
    if (snapshot.key.startsWith('assessment/')) {
      const run = snapshot.data as AssessmentRun;
      (state.assessments as Record<string, AssessmentRun>)[run.id] = run;
    }
  }
  return state;
}

/** The state the accepted entries of an audit log give, from the empty state. */
export function replay(entries: readonly AuditEntry[]): EngineState {
  const accepted = entries.filter((e) => e.outcome === 'accepted');
  // Applying every patch in one call is the same as entry by entry, and much cheaper.
  return engineImmer().applyPatches(
    initialState(),
    accepted.flatMap((e) => e.patches as Patch[]),
  );
}

/** The first record (or the version) where two states differ. */
export function firstDivergence(a: EngineState, b: EngineState): { kind: string; id: string } | undefined {
  for (const kind of [...RECORD_KINDS, 'assessments'] as const) {
    const left = a[kind] as Record<string, unknown>;
    const right = b[kind] as Record<string, unknown>;
    for (const id of new Set([...Object.keys(left), ...Object.keys(right)])) {
      if (canonicalJson(left[id] ?? null) !== canonicalJson(right[id] ?? null)) return { kind, id };
    }
  }
  if (a.version !== b.version) return { kind: 'version', id: String(a.version) };
  return undefined;
}

const broken = (seq: number, reason: string, path: ReadonlyArray<string> = []) =>
  new KepuError([createIssue('audit-broken', ['store', ...path], { seq: String(seq), reason })]);

/**
 * Reads the state a store holds, with its head. A store with `load()` answers from one
 * consistent read. Otherwise records, snapshots and the log are read between two reads of the
 * head; if another writer committed in between, the reads may not agree, so they are taken again
 * (up to `maxRetries` times). With `verify`, the audit chain must hold up to the head and the
 * records must equal a replay of the log (`audit-broken` otherwise); with an `anchor` too, the
 * log must reach it and hold the entry it names (`audit-truncated`, `audit-rechained` otherwise).
 */
export async function loadState(
  store: KepuStore,
  options: { readonly verify: boolean; readonly maxRetries: number; readonly anchor?: AuditAnchor | undefined },
): Promise<{ state: EngineState; head: StoreHead }> {
  for (let attempt = 0; ; attempt++) {
    let head: StoreHead;
    let records: StoreRecord[];
    let snapshots: StoreSnapshot[];
    let entries: AuditEntry[];
    if (store.load) {
      const snapshot = await store.load();
      head = snapshot.head;
      records = snapshot.records;
      snapshots = snapshot.snapshots;
      entries = options.verify || options.anchor ? snapshot.audit : [];
    } else {
      head = await store.head();
      [records, snapshots] = await Promise.all([store.listRecords(), store.listSnapshots()]);
      entries = options.verify || options.anchor ? await store.readAudit() : [];
      const last = await store.head();
      if (last.seq !== head.seq || last.hash !== head.hash) {
        if (attempt < options.maxRetries) continue;
        throw new KepuError([
          createIssue('store-conflict', ['store'], {
            store: store.name,
            expected: String(head.seq),
            actual: String(last.seq),
          }),
        ]);
      }
    }
    const stored = stateFromStore(records, snapshots, head.version);
    if (!options.verify && !options.anchor) return { state: freeze(stored, true), head };
    // An anchor is checked against a log verified as a chain, so the chain is verified even when
    // the rest of the verification is turned off.
    const chain = verifyAuditChain(entries, { expectedHead: head });
    if (!chain.ok) throw broken(chain.firstBad.seq, chain.firstBad.detail);
    if (options.anchor) {
      const mismatch = checkAnchor(entries, head, options.anchor);
      if (mismatch) throw anchorError(mismatch, head, options.anchor);
    }
    if (!options.verify) return { state: freeze(stored, true), head };
    const replayed = replay(entries);
    const diverges = firstDivergence(replayed, stored);
    if (diverges) {
      throw broken(head.seq, `stored ${diverges.kind} "${diverges.id}" differs from what the log gives`, [
        diverges.kind,
        diverges.id,
      ]);
    }
    return { state: freeze(replayed, true), head };
  }
}

/**
 * Verifies a store against the head an engine reached: the chain holds, the log's entry at the
 * engine's head is the one the engine saw (same seq and hash, so a log edited and re-hashed
 * whole is caught even at the same length), nothing the store's head promises is missing, and
 * the stored records equal a replay of the log. With an `anchor` (a checkpoint kept elsewhere), the
 * log must also reach it and hold the entry it names (`truncated`, `rechained` otherwise).
 */
export async function verifyStore(store: KepuStore, seen: StoreHead, anchor?: AuditAnchor): Promise<AuditVerification> {
  const storeHead = await store.head();
  const entries = await store.readAudit();
  // The head this engine has seen is an anchor too: a log cut below it is caught.
  const expectedHead = seen.seq > storeHead.seq ? seen : storeHead;
  const chain = verifyAuditChain(entries, { expectedHead });
  if (!chain.ok) return chain;
  if (anchor) {
    const mismatch = checkAnchor(entries, chain.head, anchor);
    if (mismatch) {
      return {
        ok: false,
        entries: entries.length,
        head: chain.head,
        firstBad: { seq: mismatch.seq, problem: mismatch.problem, detail: mismatch.detail },
      };
    }
  }
  if (seen.seq > 0) {
    const at = entries[seen.seq - 1];
    if (at?.seq !== seen.seq || at.hash !== seen.hash) {
      return {
        ok: false,
        entries: entries.length,
        head: chain.head,
        firstBad: {
          seq: seen.seq,
          problem: 'broken-link',
          detail: `entry ${seen.seq} of the log is not the one this engine committed or read (its hash differs): the log was rewritten`,
        },
      };
    }
  }
  const replayed = replay(entries);
  const stored = stateFromStore(await store.listRecords(), await store.listSnapshots(), storeHead.version);
  const diverges = firstDivergence(replayed, stored);
  if (diverges) {
    return {
      ok: false,
      entries: entries.length,
      head: chain.head,
      firstBad: {
        seq: chain.head.seq,
        problem: 'records-diverge',
        detail: `stored ${diverges.kind} "${diverges.id}" differs from what the log gives`,
        record: diverges,
      },
    };
  }
  return chain;
}

/**
 * Verifies what a store holds without an engine: the audit chain holds up to the store's head,
 * the stored records equal a replay of the log, and — with `anchor` — the log reaches the anchor
 * and holds the entry it names. What `engine.verifyAudit()` answers, for tools that only
 * read (a command line, a monitoring job).
 *
 * @example
 * ```ts
 * import { parseAuditAnchor, verifyStoreAudit } from '@kepu/core/engine';
 * const result = await verifyStoreAudit(store, { anchor: parseAuditAnchor(`7:${hash}`) });
 * if (!result.ok) console.error(result.firstBad.problem); // e.g. 'truncated'
 * ```
 */
export function verifyStoreAudit(
  store: KepuStore,
  options: { readonly anchor?: AuditAnchor } = {},
): Promise<AuditVerification> {
  return verifyStore(store, { seq: 0, version: 0, hash: GENESIS_HASH }, options.anchor);
}
