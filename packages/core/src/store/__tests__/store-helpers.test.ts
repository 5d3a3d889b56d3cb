import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditWindow } from '../audit-window.js';
import { headOf } from '../head-of.js';
import { notifyWatchers } from '../notify-watchers.js';
import { GENESIS_HASH, type StoreHead } from '../types.js';
import { chain, genesis } from './chain.js';

describe('the helpers every adapter shares', () => {
  it('headOf is the empty head without an entry, and the last entry’s seq, version and hash with one', () => {
    expect(headOf(undefined)).toEqual({ seq: 0, version: 0, hash: GENESIS_HASH });
    const [entry] = chain(genesis, 1);
    expect(headOf(entry)).toEqual({ seq: 1, version: 1, hash: 'e-1' });
  });

  it('law: auditWindow reads the entries after `after`, at most `limit` of them, for any numbers a caller passes', () => {
    const log = chain(genesis, 12).map((e) => e.seq);
    const number = fc.option(fc.double({ min: -5, max: 20, noNaN: true }), { nil: undefined });
    fc.assert(
      fc.property(number, number, (after, limit) => {
        const window = auditWindow({
          ...(after === undefined ? {} : { after }),
          ...(limit === undefined ? {} : { limit }),
        });
        const read = log.filter((seq) => seq > window.after).slice(0, window.limit);
        const after_ = log.filter((seq) => seq > (after ?? 0));
        expect(read).toEqual(limit === undefined ? after_ : after_.slice(0, Math.max(0, Math.floor(limit))));
        expect(read.every((seq) => seq > (after ?? 0))).toBe(true);
      }),
    );
    expect(auditWindow()).toEqual({ after: 0, limit: undefined });
  });

  it('notifyWatchers tells every watcher, past one that throws and one that unwatches itself', () => {
    const seen: string[] = [];
    const watchers = new Set<(head: StoreHead) => void>();
    const leaver = () => {
      seen.push('leaver');
      watchers.delete(leaver);
    };
    watchers.add(leaver);
    watchers.add(() => {
      throw new Error('a watcher’s own failure');
    });
    watchers.add((head) => seen.push(`last ${head.seq}`));
    const head = headOf(chain(genesis, 1)[0]);
    expect(() => notifyWatchers(watchers, head)).not.toThrow();
    expect(seen).toEqual(['leaver', 'last 1']);
    notifyWatchers(watchers, head);
    expect(seen).toEqual(['leaver', 'last 1', 'last 1']);
  });
});
