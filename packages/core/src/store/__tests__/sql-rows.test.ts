import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auditEntryFromRow,
  auditRowFromEntry,
  decodeJsonColumn,
  encodeJsonColumn,
  recordFromRow,
  snapshotFromRow,
} from '../sql-rows.js';
import type { AuditEntry } from '../types.js';
import { chain, genesis } from './chain.js';

describe('the SQL row helpers', () => {
  it('law: an audit entry written as a row and read back is the entry, with absent fields absent', () => {
    const [base] = chain(genesis, 1) as [AuditEntry];
    fc.assert(
      fc.property(fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }), fc.boolean(), (command, denied) => {
        const { command: _, ...rest } = base;
        // A denial of unparseable input may have no command: the row keeps it absent.
        const entry = {
          ...rest,
          ...(command === undefined ? {} : { command }),
          ...(denied ? { outcome: 'denied', error: { code: 'forbidden', path: ['actor'], message: 'no' } } : {}),
        } as AuditEntry;
        const back = auditEntryFromRow(auditRowFromEntry(entry));
        expect(back).toEqual(JSON.parse(JSON.stringify(entry)));
        expect('command' in back).toBe(command !== undefined);
        expect('error' in back).toBe(denied);
      }),
    );
  });

  it('counters read back as numbers whether the driver gives numbers (SQLite) or strings (PostgreSQL bigint)', () => {
    expect(recordFromRow({ kind: 'reports', id: 'r1', version: '3', data: '{"a":0}' })).toEqual({
      kind: 'reports',
      id: 'r1',
      version: 3,
      data: { a: 0 },
    });
    expect(snapshotFromRow({ key: 'k', version: 2, created_at: '2025-01-01T00:00:00.000Z', data: null })).toEqual({
      key: 'k',
      version: 2,
      createdAt: '2025-01-01T00:00:00.000Z',
    });
  });

  it('SQL NULL stands for undefined, and the JSON text null for null', () => {
    expect(encodeJsonColumn(undefined)).toBeNull();
    expect(encodeJsonColumn(null)).toBe('null');
    expect(decodeJsonColumn(null)).toBeUndefined();
    expect(decodeJsonColumn('null')).toBeNull();
    expect(decodeJsonColumn(encodeJsonColumn({ zero: 0 }))).toEqual({ zero: 0 });
  });
});
