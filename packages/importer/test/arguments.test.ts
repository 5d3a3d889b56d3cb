import { errorCodeProblems } from '@kepu/core/model';
import { describe, expect, it } from 'vitest';
import {
  createUnitDirectory,
  formatSpan,
  IMPORTER_ERROR_CODES,
  importPlan,
  isImporterError,
  parseResponsibility,
  splitUnitList,
} from '../src/index.js';

// What the text says never throws (see bad-input.test.ts); arguments of the wrong type do, with
// a typed ImporterError naming the argument — not a TypeError from deep inside (issue 16).

function importerError(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isImporterError(error)) return error;
    throw new Error(`expected an ImporterError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an ImporterError, got none');
}

describe('importer arguments of the wrong type give a typed ImporterError', () => {
  it('has a table with both languages and the same placeholders in each', () => {
    expect(errorCodeProblems(IMPORTER_ERROR_CODES)).toEqual([]);
  });

  it('importPlan(text, null)', () => {
    const error = importerError(() => importPlan('一、总体要求', null as never));
    expect([error.code, error.path]).toEqual(['invalid-argument', ['options']]);
    expect(error.messageZh).toContain('参数“options”无效');
  });

  it('importPlan of a text that is not a string is refused, not coerced with String()', () => {
    expect(importerError(() => importPlan(42 as never)).path).toEqual(['text']);
    expect(importerError(() => importPlan(Object.create(null) as never)).path).toEqual(['text']);
  });

  it('a directory unit that is null or lacks a text id names its place', () => {
    expect(importerError(() => importPlan('', { directory: [null as never] })).path).toEqual([
      'options',
      'directory',
      0,
    ]);
    expect(importerError(() => createUnitDirectory([{ name: '县科协' } as never])).path).toEqual(['units', 0, 'id']);
  });

  it('parseResponsibility, splitUnitList and formatSpan refuse what is not their input', () => {
    expect(importerError(() => parseResponsibility(null as never)).path).toEqual(['text']);
    expect(importerError(() => splitUnitList(['县科协'] as never)).path).toEqual(['text']);
    expect(importerError(() => formatSpan({ line: 1 } as never)).path).toEqual(['span', 'start']);
  });

  it('valid arguments still import, and a text about __proto__ is just text', () => {
    const result = importPlan('__proto__县科学技术协会实施方案\n一、__proto__\n牵头单位：__proto__', { directory: [] });
    expect(result.draft).toBeDefined();
    expect(Object.getPrototypeOf(result.spans)).toBe(Object.prototype);
  });
});
