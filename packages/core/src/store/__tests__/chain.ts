import { type AuditEntry, GENESIS_HASH, type StoreHead } from '../types.js';

// Linked audit entries for the store kit's tests. The batch checks look at seqs, versions and
// links, never at what a hash hashes, so the hashes here are labels: the kit is tested without
// the engine's audit code.

export const genesis: StoreHead = { seq: 0, version: 0, hash: GENESIS_HASH };

/** `n` accepted entries after `from`, each linked to the one before. */
export function chain(from: StoreHead, n: number, tag = 'e'): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head = from;
  for (let i = 0; i < n; i++) {
    const entry: AuditEntry = {
      seq: head.seq + 1,
      version: head.version + 1,
      at: '2024-01-01T00:00:00.000Z',
      actor: { id: 'a', role: 'plan-office' },
      command: { i },
      outcome: 'accepted',
      patches: [],
      prevHash: head.hash,
      hash: `${tag}-${head.seq + 1}`,
    };
    out.push(entry);
    head = { seq: entry.seq, version: entry.version, hash: entry.hash };
  }
  return out;
}
