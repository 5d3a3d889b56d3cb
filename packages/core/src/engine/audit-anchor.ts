import { z } from 'zod';
import { canonicalJson } from '../assessment/hash.js';
import { createIssue, fromZodIssues, KepuError } from '../errors.js';
import { type AuditEntry, GENESIS_HASH, type StoreHead } from '../store/types.js';

/**
 * The zod schema of an {@link AuditAnchor}. `hash` is the entry's SHA-256 in lowercase hex;
 * `at` an ISO 8601 time; `signature` a base64 Ed25519 signature of {@link auditAnchorPayload};
 * `publicKey` the signer's public key (PEM), informative only: a verifier trusts the key it
 * holds, never the one the anchor carries. Unknown fields are refused.
 *
 * @example
 * ```ts
 * import { AuditAnchorSchema } from '@kepu/core/engine';
 * AuditAnchorSchema.parse({ seq: 7, hash: 'ab'.repeat(32) }).seq; // 7
 * ```
 */
export const AuditAnchorSchema = z
  .object({
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash: 64 lowercase hexadecimal digits'),
    version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    at: z.iso.datetime({ offset: true }).optional(),
    namespace: z.string().min(1).max(200).optional(),
    signature: z.string().min(1).max(200).optional(),
    publicKey: z.string().min(1).max(2000).optional(),
  })
  .strict();

/**
 * A checkpoint of an audit log: the `seq` and `hash` of one of its entries (usually the head),
 * kept or published somewhere the database's writers cannot change. A log that later ends before
 * `seq` was cut short (`truncated`); one whose entry at `seq` has another hash was rewritten and
 * re-hashed (`rechained`). Optional: the state `version` at that entry, when the anchor was taken
 * (`at`), whose data it is (`namespace`), and an Ed25519 `signature` with the signer's `publicKey`.
 *
 * @example
 * ```ts
 * import type { AuditAnchor } from '@kepu/core';
 * const anchor: AuditAnchor = { seq: 7, hash: 'ab'.repeat(32), at: '2026-01-05T08:00:00.000Z' };
 * ```
 */
export type AuditAnchor = z.infer<typeof AuditAnchorSchema>;

/**
 * Parses an anchor: an object (the JSON of an anchor file) or the short form `seq:hash`. Bad
 * input is a `KepuError` (`invalid-shape`, under the path `anchor`).
 *
 * @example
 * ```ts
 * import { parseAuditAnchor } from '@kepu/core/engine';
 * parseAuditAnchor(`7:${'ab'.repeat(32)}`).seq; // 7
 * ```
 */
export function parseAuditAnchor(input: unknown): AuditAnchor {
  let value = input;
  if (typeof input === 'string') {
    const match = /^\s*(\d{1,16}):([0-9a-fA-F]{64})\s*$/.exec(input);
    if (!match) {
      throw new KepuError([
        createIssue('invalid-shape', ['anchor'], {
          detail: 'an anchor given as text must read seq:hash (a number, a colon, 64 hexadecimal digits)',
        }),
      ]);
    }
    value = { seq: Number(match[1]), hash: (match[2] as string).toLowerCase() };
  }
  const parsed = AuditAnchorSchema.safeParse(value);
  if (!parsed.success) throw new KepuError(fromZodIssues(parsed.error.issues, ['anchor']));
  return parsed.data;
}

/**
 * The text an anchor's signature covers: the canonical JSON (sorted keys, no whitespace) of its
 * `seq`, `hash`, `version`, `at` and `namespace` — everything but the signature and the key. Pure.
 *
 * @example
 * ```ts
 * import { auditAnchorPayload } from '@kepu/core/engine';
 * auditAnchorPayload({ seq: 1, hash: '0'.repeat(64) }); // '{"hash":"000…","seq":1}'
 * ```
 */
export function auditAnchorPayload(anchor: AuditAnchor): string {
  const { signature: _signature, publicKey: _publicKey, ...signed } = anchor;
  return canonicalJson(JSON.parse(JSON.stringify(signed)));
}

/**
 * An anchor taken at a head: its seq, hash and version, and the time when given. Pure.
 *
 * @example
 * ```ts
 * import { anchorOfHead } from '@kepu/core/engine';
 * const anchor = anchorOfHead(engine.getHead(), { at: new Date().toISOString(), namespace: 'zhengning' });
 * ```
 */
export function anchorOfHead(
  head: StoreHead,
  extra: { readonly at?: string; readonly namespace?: string } = {},
): AuditAnchor {
  return {
    seq: head.seq,
    hash: head.hash,
    version: head.version,
    ...(extra.at === undefined ? {} : { at: extra.at }),
    ...(extra.namespace === undefined ? {} : { namespace: extra.namespace }),
  };
}

/** Why a log does not hold what an anchor vouches for. */
export interface AnchorMismatch {
  readonly problem: 'truncated' | 'rechained';
  /** The seq of the first entry the anchor finds wrong. */
  readonly seq: number;
  readonly detail: string;
}

/**
 * Checks a log, already verified as a chain from its first entry up to `head`, against an anchor:
 * the log must reach the anchor's `seq` and hold there the entry the anchor names. Pure.
 */
export function checkAnchor(
  entries: readonly AuditEntry[],
  head: StoreHead,
  anchor: AuditAnchor,
): AnchorMismatch | undefined {
  const when = anchor.at ? ` (taken ${anchor.at})` : '';
  if (anchor.seq === 0) {
    return anchor.hash === GENESIS_HASH
      ? undefined
      : { problem: 'rechained', seq: 0, detail: `the anchor${when} names a start of the log other than the genesis` };
  }
  const entry = entries[anchor.seq - 1];
  if (head.seq < anchor.seq || entry?.seq !== anchor.seq) {
    return {
      problem: 'truncated',
      seq: head.seq + 1,
      detail: `the log ends at entry ${head.seq}, but the anchor${when} vouches for entry ${anchor.seq}: entries were removed or an older copy was restored`,
    };
  }
  if (entry.hash !== anchor.hash || (anchor.version !== undefined && entry.version !== anchor.version)) {
    return {
      problem: 'rechained',
      seq: anchor.seq,
      detail: `entry ${anchor.seq} is not the one the anchor${when} names (its hash differs): the log was rewritten and re-hashed`,
    };
  }
  return undefined;
}

/** The typed error of an anchor mismatch: `audit-truncated` or `audit-rechained`. */
export function anchorError(mismatch: AnchorMismatch, head: StoreHead, anchor: AuditAnchor): KepuError {
  return new KepuError([
    mismatch.problem === 'truncated'
      ? createIssue('audit-truncated', ['store', 'audit'], {
          anchorSeq: String(anchor.seq),
          headSeq: String(head.seq),
        })
      : createIssue('audit-rechained', ['store', 'audit', mismatch.seq], { seq: String(mismatch.seq) }),
  ]);
}
