/**
 * A stored evidence file as the store knows it: its SHA-256 (64 lowercase hex digits), which is
 * also its key, and its size in bytes.
 *
 * @example
 * ```ts
 * import type { StoredEvidence } from '@kepu/server';
 * const label = (e: StoredEvidence) => `${e.sha256.slice(0, 12)}… (${e.size} bytes)`;
 * ```
 */
export interface StoredEvidence {
  readonly sha256: string;
  readonly size: number;
}

/**
 * A stored file opened for reading: its hash, size and a stream of its bytes, already checked
 * against the hash.
 *
 * @example
 * ```ts
 * import type { EvidenceContent } from '@kepu/server';
 * const respond = (c: EvidenceContent) => new Response(c.stream, { headers: { 'content-length': String(c.size) } });
 * ```
 */
export interface EvidenceContent extends StoredEvidence {
  /** The bytes; the stream errors at its end if they stopped matching the hash while read. */
  readonly stream: ReadableStream<Uint8Array>;
}

/**
 * The storage port of evidence files (佐证材料): a content-addressed store of bytes keyed by their
 * SHA-256. Nothing else is kept with the bytes — names, media types and who attached what live in
 * the engine's records and its audit log — so identical content is stored once, and any store
 * that keeps bytes under a key can implement it: the local disk ({@link createDiskEvidenceStore}),
 * or an S3-compatible bucket (objects named by hash, uploaded to a temporary key and copied, with
 * the hash checked on read).
 *
 * The contract every implementation keeps:
 * - `put` computes the SHA-256 itself while it takes the bytes; a caller never names the key.
 *   When `maxBytes` is exceeded it stores nothing and throws a `ServerError` `evidence-too-large`.
 *   A failed or interrupted `put` leaves nothing readable behind; storing content that is there
 *   already is a no-op that answers the same hash.
 * - `get` answers only bytes whose SHA-256 is the key: content changed at rest is refused with
 *   a `ServerError` `evidence-corrupt` before the first byte is handed out. `undefined` when absent.
 * - `stat` and `has` tell what is stored without reading it; `list` names every stored file and
 *   `delete` removes one (for {@link collectEvidenceGarbage}).
 * - A key that is not 64 lowercase hex digits is a `RangeError` (it never reaches a path or a URL).
 *
 * @example
 * ```ts
 * import { createDiskEvidenceStore } from '@kepu/server';
 * const store = createDiskEvidenceStore({ root: '.kepu/evidence' });
 * const { sha256, size } = await store.put(new TextEncoder().encode('%PDF-1.7 …'));
 * const file = await store.get(sha256); // its bytes, checked against sha256
 * ```
 */
export interface EvidenceStore {
  /** Stores bytes (a stream or a buffer) and answers their SHA-256 and size. */
  put(
    content: ReadableStream<Uint8Array> | Uint8Array,
    options?: { readonly maxBytes?: number },
  ): Promise<StoredEvidence>;
  /** The stored bytes of `sha256`, verified; `undefined` when nothing is stored under it. */
  get(sha256: string): Promise<EvidenceContent | undefined>;
  /** The hash and size stored under `sha256`, without reading the bytes; `undefined` when absent. */
  stat(sha256: string): Promise<StoredEvidence | undefined>;
  /** True when something is stored under `sha256`. */
  has(sha256: string): Promise<boolean>;
  /** Every stored file, with when it was stored (for garbage collection), in no set order. */
  list(): AsyncIterable<ListedEvidence>;
  /** Removes what is stored under `sha256`; true when there was something. */
  delete(sha256: string): Promise<boolean>;
}

/**
 * A stored file as {@link EvidenceStore.list} names it: its hash, size and when it was stored.
 *
 * @example
 * ```ts
 * import type { ListedEvidence } from '@kepu/server';
 * const olderThan = (e: ListedEvidence, when: Date) => e.storedAt < when;
 * ```
 */
export interface ListedEvidence extends StoredEvidence {
  readonly storedAt: Date;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * True for a SHA-256 as evidence keys spell it: 64 lowercase hex digits.
 *
 * @example
 * ```ts
 * import { isEvidenceKey } from '@kepu/server';
 * isEvidenceKey('a'.repeat(64)); // true
 * isEvidenceKey('../etc/passwd'); // false
 * ```
 */
export function isEvidenceKey(value: string): boolean {
  return SHA256.test(value);
}

/** Throws a RangeError unless `sha256` is a well-formed key. */
export function assertEvidenceKey(sha256: string): void {
  if (!isEvidenceKey(sha256)) throw new RangeError('an evidence key is a SHA-256 as 64 lowercase hex digits');
}
