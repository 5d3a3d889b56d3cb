import { canonicalJson, sha256 } from '../assessment/hash.js';
import { type AuditEntry, GENESIS_HASH, type StoreHead } from '../store/types.js';

/**
 * The hash of an audit entry: SHA-256 of the canonical JSON (sorted keys, no whitespace) of
 * every field except `hash` itself. Pure.
 *
 * SHA-256 is the one `@kepu/core` already has for content hashes: pure JavaScript and
 * synchronous, because core runs in browsers too (no `node:crypto`) and Web Crypto only offers
 * an asynchronous digest.
 *
 * @example
 * ```ts
 * import { hashAuditEntry } from '@kepu/core/engine';
 * const ok = (entry: AuditEntry) => hashAuditEntry(entry) === entry.hash;
 * ```
 */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'> | AuditEntry): string {
  const { hash: _ignored, ...body } = entry as AuditEntry;
  return sha256(canonicalJson(body));
}

/**
 * Builds the next audit entry after `head`: fills `seq`, `prevHash` and `hash`. Pure.
 *
 * @example
 * ```ts
 * import { chainAuditEntry } from '@kepu/core/engine';
 * import { GENESIS_HASH } from '@kepu/core/store';
 * const first = chainAuditEntry(
 *   { seq: 0, version: 0, hash: GENESIS_HASH },
 *   { version: 0, at: '2024-01-01T00:00:00.000Z', actor: { id: 'x', role: 'observer' },
 *     command: { type: 'approve-report' }, outcome: 'denied', patches: [] },
 * );
 * first.seq; // 1
 * ```
 */
export function chainAuditEntry(head: StoreHead, body: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>): AuditEntry {
  const unhashed = { ...body, seq: head.seq + 1, prevHash: head.hash };
  // Drop undefined fields now, so the entry hashes the same before and after a JSON round trip.
  const clean = JSON.parse(JSON.stringify(unhashed)) as Omit<AuditEntry, 'hash'>;
  return { ...clean, hash: hashAuditEntry(clean) };
}

/**
 * {@link chainAuditEntry} for a body that is plain JSON already (parsed commands, immer patches of
 * JSON state, the engine's own actor and time): the same entry and the same hash, without the
 * defensive JSON round trip, which costs as much as the hash itself on a large batch. Internal.
 */
export function chainJsonEntry(head: StoreHead, body: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>): AuditEntry {
  const unhashed = { ...body, seq: head.seq + 1, prevHash: head.hash };
  return { ...unhashed, hash: sha256(canonicalJson(unhashed)) };
}

/**
 * Why an audit log fails verification:
 *
 * - `hash-mismatch` — the entry's content does not match its hash: it was changed;
 * - `broken-link` — the entry does not link to the entry before it (its `prevHash` differs): the
 *   entry before was changed and re-hashed, or removed, or the two were reordered;
 * - `out-of-order` — the entry's `seq` is not the next one: entries were removed or reordered;
 * - `bad-version` — the version does not move by 0 (denied) or 1 (accepted);
 * - `missing` — entries the head (or the given anchor) promises are not in the log: the log was
 *   cut short;
 * - `records-diverge` — the stored records are not what replaying the log gives;
 * - `truncated` — the log ends before the entry an anchor (a checkpoint kept elsewhere) vouches
 *   for: entries were removed and the head moved back, or an older copy was restored;
 * - `rechained` — the log's entry at an anchor's seq has another hash: the log was edited and
 *   re-hashed from there on.
 *
 * @example
 * ```ts
 * import type { AuditProblem } from '@kepu/core';
 * const problem: AuditProblem = 'hash-mismatch';
 * ```
 */
export type AuditProblem =
  | 'hash-mismatch'
  | 'broken-link'
  | 'out-of-order'
  | 'bad-version'
  | 'missing'
  | 'records-diverge'
  | 'truncated'
  | 'rechained';

/**
 * The result of verifying an audit log: `ok`, how many entries were checked, the head reached,
 * and when not ok the first bad entry (`seq` as expected at that position) and why.
 *
 * @example
 * ```ts
 * import type { AuditVerification } from '@kepu/core';
 * const describe = (v: AuditVerification) => (v.ok ? 'ok' : `entry ${v.firstBad.seq}: ${v.firstBad.problem}`);
 * ```
 */
export type AuditVerification =
  | { readonly ok: true; readonly entries: number; readonly head: StoreHead }
  | {
      readonly ok: false;
      readonly entries: number;
      readonly head: StoreHead;
      readonly firstBad: {
        /** The seq the bad entry should have (its position in the log, from 1). */
        readonly seq: number;
        readonly problem: AuditProblem;
        readonly detail: string;
        /** For `records-diverge`: the record that differs. */
        readonly record?: { readonly kind: string; readonly id: string };
      };
    };

/**
 * Verifies a hash chain: every entry hashes to its `hash`, links to the one before, follows it in
 * `seq`, and moves the version by 0 or 1. With `expectedHead` (the store's head, or a head the
 * host published earlier as an anchor), a log cut short is caught too. Pure.
 *
 * @example
 * ```ts
 * import { verifyAuditChain } from '@kepu/core/engine';
 * const result = verifyAuditChain(await store.readAudit(), { expectedHead: await store.head() });
 * if (!result.ok) console.error(result.firstBad.seq, result.firstBad.problem);
 * ```
 */
export function verifyAuditChain(
  entries: readonly AuditEntry[],
  options: { readonly expectedHead?: StoreHead; readonly from?: StoreHead } = {},
): AuditVerification {
  let head: StoreHead = options.from ?? { seq: 0, version: 0, hash: GENESIS_HASH };
  const fail = (seq: number, problem: AuditProblem, detail: string): AuditVerification => ({
    ok: false,
    entries: entries.length,
    head,
    firstBad: { seq, problem, detail },
  });
  for (const entry of entries) {
    const expected = head.seq + 1;
    let hash: string;
    try {
      hash = hashAuditEntry(entry);
    } catch (error) {
      return fail(expected, 'hash-mismatch', `entry cannot be hashed: ${String(error)}`);
    }
    if (hash !== entry.hash) {
      return fail(expected, 'hash-mismatch', `entry at position ${expected} does not match its hash: it was changed`);
    }
    if (entry.seq !== expected) {
      return fail(expected, 'out-of-order', `found seq ${entry.seq} where ${expected} should be`);
    }
    if (entry.prevHash !== head.hash) {
      return fail(
        expected,
        'broken-link',
        `entry ${expected} does not link to entry ${head.seq}: one of them was changed, removed or moved`,
      );
    }
    const step = entry.version - head.version;
    if (step !== (entry.outcome === 'accepted' ? 1 : 0)) {
      return fail(expected, 'bad-version', `version moves from ${head.version} to ${entry.version}`);
    }
    head = { seq: entry.seq, version: entry.version, hash: entry.hash };
  }
  const want = options.expectedHead;
  if (want && (want.seq !== head.seq || want.hash !== head.hash)) {
    if (want.seq > head.seq) {
      return fail(head.seq + 1, 'missing', `the log ends at ${head.seq}, but its head is at ${want.seq}`);
    }
    return fail(want.seq, 'broken-link', `the head (${want.seq}) does not match entry ${head.seq} of the log`);
  }
  return { ok: true, entries: entries.length, head };
}
