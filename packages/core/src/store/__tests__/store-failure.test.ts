import { describe, expect, it } from 'vitest';
import { createIssue, isKepuError, KepuError } from '../../errors.js';
import {
  isStoreConflict,
  snapshotExists,
  storeConflict,
  storeDisposed,
  storeFailure,
  storeOutcomeUnknown,
  toStoreFailure,
} from '../store-failure.js';

describe('the store failure mapping', () => {
  it('storeFailure keeps the driver error as its cause and says what failed', () => {
    const cause = new Error('ECONNRESET');
    const error = storeFailure('pg', 'the connection was lost', cause);
    expect(error.code).toBe('store-failure');
    expect(error.cause).toBe(cause);
    expect(error.message).toMatch(/Store "pg" failed: the connection was lost/);
    expect(storeFailure('pg', 'no cause').cause).toBeUndefined();
  });

  it('toStoreFailure passes a KepuError through unchanged: a conflict stays a conflict', () => {
    const conflict = storeConflict('sqlite', 3, 4);
    expect(toStoreFailure('sqlite', conflict)).toBe(conflict);
    const unknown = storeOutcomeUnknown('postgres', 'committing entry 7', new Error('reset'));
    expect(toStoreFailure('postgres', unknown)).toBe(unknown);
  });

  it('toStoreFailure turns anything else into store-failure, with the adapter’s words and the cause', () => {
    const cause = Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' });
    const plain = toStoreFailure({ name: 'sqlite' }, cause);
    expect(plain.code).toBe('store-failure');
    expect(plain.cause).toBe(cause);
    expect(plain.issues[0]?.params).toEqual({ store: 'sqlite', detail: 'SQLITE_BUSY: database is locked' });
    const described = toStoreFailure('sqlite', cause, (e) => `locked (${(e as { code: string }).code})`);
    expect(described.issues[0]?.params.detail).toBe('locked (SQLITE_BUSY)');
    // Not even a thrown string escapes untyped.
    const thrown = toStoreFailure('memory', 'boom');
    expect(isKepuError(thrown) && thrown.issues[0]?.params.detail).toBe('boom');
  });

  it('isStoreConflict is true for store-conflict only', () => {
    expect(isStoreConflict(storeConflict('memory', 1, 2))).toBe(true);
    expect(isStoreConflict(storeFailure('memory', 'down'))).toBe(false);
    expect(isStoreConflict(storeOutcomeUnknown('memory', 'lost'))).toBe(false);
    expect(isStoreConflict(new KepuError([createIssue('version-conflict', [], {})]))).toBe(false);
    expect(isStoreConflict(new Error('store-conflict'))).toBe(false);
    expect(isStoreConflict(undefined)).toBe(false);
  });

  it('each error carries its code, path and parameters in both languages', () => {
    const cases: Array<[KepuError, string, readonly (string | number)[]]> = [
      [storeConflict('s', 1, 2), 'store-conflict', ['expectedSeq']],
      [snapshotExists('assessment/p/2024', 2), 'snapshot-exists', ['snapshots']],
      [storeDisposed('s'), 'store-failure', []],
      [storeOutcomeUnknown('s', 'lost', new Error('x')), 'store-outcome-unknown', []],
    ];
    for (const [error, code, path] of cases) {
      expect(error.code).toBe(code);
      expect(error.path).toEqual(path);
      expect(error.issues[0]?.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(error.issues[0]?.message.en).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(storeDisposed('sqlite').issues[0]?.params.detail).toBe('the store has been disposed');
  });
});
