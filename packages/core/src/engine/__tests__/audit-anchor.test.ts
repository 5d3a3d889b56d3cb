import { describe, expect, it } from 'vitest';
import { isKepuError } from '../../errors.js';
import { createMemoryStore } from '../../store/memory.js';
import { GENESIS_HASH } from '../../store/types.js';
import { anchorOfHead, auditAnchorPayload, parseAuditAnchor } from '../audit-anchor.js';
import { createEngine } from '../engine.js';
import { verifyStoreAudit } from '../load.js';
import { plan } from './fixture.js';
import { setup, submit } from './helpers.js';

// Anchors against a memory store: how they parse, and the edge cases. The tampering itself is
// tested on real SQLite and PostgreSQL databases in test/faults/audit-anchor.test.ts.

const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return isKepuError(error) ? `${error.code} ${error.path.join('.')}` : `untyped: ${String(error)}`;
  }
};

describe('audit anchors', () => {
  it('parse from an object or seq:hash; anything else is a typed invalid-shape under "anchor"', () => {
    const hash = 'ab'.repeat(32);
    expect(parseAuditAnchor(` 7:${hash.toUpperCase()} `)).toEqual({ seq: 7, hash });
    expect(parseAuditAnchor({ seq: 7, hash, at: '2026-01-05T08:00:00.000Z' }).at).toBe('2026-01-05T08:00:00.000Z');
    for (const bad of [
      null,
      undefined,
      42,
      [],
      'seven',
      `7:${hash.slice(1)}`,
      `-1:${hash}`,
      { seq: 7 },
      { seq: -1, hash },
      { seq: 1.5, hash },
      { seq: 7, hash: hash.toUpperCase() },
      { seq: 7, hash, at: 'yesterday' },
      { seq: 7, hash, extra: true },
    ]) {
      expect(
        codeOf(() => parseAuditAnchor(bad)),
        JSON.stringify(bad),
      ).toMatch(/^invalid-shape anchor/);
    }
  });

  it('sign over seq, hash, version, at and namespace only, in a canonical order', () => {
    const anchor = { seq: 3, hash: GENESIS_HASH, version: 2, at: '2026-01-05T08:00:00.000Z' };
    const payload = auditAnchorPayload({ ...anchor, signature: 'x', publicKey: 'y' });
    expect(payload).toBe(auditAnchorPayload({ at: anchor.at, version: 2, hash: GENESIS_HASH, seq: 3 }));
    expect(JSON.parse(payload)).toEqual(anchor);
  });

  it('an anchor of the empty log is the genesis; an engine refuses a malformed anchor with a typed error', async () => {
    const { engine, store } = await setup();
    expect((await engine.verifyAudit({ anchor: `0:${GENESIS_HASH}` })).ok).toBe(true);
    const other = await verifyStoreAudit(store, { anchor: { seq: 0, hash: 'ab'.repeat(32) } });
    expect(other.ok ? undefined : other.firstBad.problem).toBe('rechained');
    const error = await engine.verifyAudit({ anchor: 'nonsense' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isKepuError(error) ? error.code : error).toBe('invalid-shape');
  });

  it('an anchor ahead of the log refuses the load even with verifyOnLoad: false', async () => {
    const store = createMemoryStore();
    const first = await createEngine({ plans: [plan], store });
    await submit(first);
    const anchor = anchorOfHead(first.getHead());
    await first.dispose();
    const ahead = { ...anchor, seq: anchor.seq + 1 };
    const error = await createEngine({ plans: [plan], store, verifyOnLoad: false, auditAnchor: ahead }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isKepuError(error) ? [error.code, error.issues[0]?.params] : error).toEqual([
      'audit-truncated',
      { anchorSeq: '2', headSeq: '1' },
    ]);
    const loaded = await createEngine({ plans: [plan], store, auditAnchor: anchor });
    expect(loaded.getHead().seq).toBe(1);
    await loaded.dispose();
  });
});
