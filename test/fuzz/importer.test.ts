import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as importer from '../../packages/importer/src/index.js';
import { FUZZ_TIMEOUT, type FuzzOptions, fuzzEntryPoint, HOSTILE, mixedArgs } from './harness.js';

const SPAN = { start: 0, end: 3, line: 1, column: 1, endLine: 1, endColumn: 4 };

/** Plan-like text: heading markers, responsibility labels, unit names and brackets in any order. */
const planText = fc
  .array(
    fc.constantFrom(
      '一、',
      '（一）',
      '1.',
      '牵头单位：',
      '配合单位：',
      '县科协',
      '县教育局、团县委',
      '（县科协牵头，县教育局等配合）',
      '到2025年，公民具备科学素质的比例达到12%。',
      '\n',
      '。',
      '__proto__',
    ),
    { maxLength: 40 },
  )
  .map((tokens) => tokens.join(''));

const directory = fc.constant([{ id: 'kexie', name: '县科协', kind: 'mass-organisation', aliases: ['科协'] }]);

/** Valid argument tuples, by export name. */
const VALID: Readonly<Record<string, fc.Arbitrary<readonly unknown[]>>> = {
  importPlan: fc.tuple(planText, fc.record({ directory, county: fc.constant({ id: 'hexi', name: '河西县' }) })),
  parseResponsibility: fc.tuple(planText),
  splitUnitList: fc.tuple(planText),
  createUnitDirectory: fc.tuple(directory),
  formatSpan: fc.tuple(fc.constant(SPAN), fc.record({ range: fc.boolean() })),
  isImporterError: fc.tuple(HOSTILE),
};

const NOT_UNTRUSTED: Readonly<Record<string, string>> = {
  ImporterError: 'the error class: built by the importer from issues it made itself',
  createDiagnostic: 'builds a diagnostic from a code of the table; the code is a constant in the caller’s source',
};

const OPTIONS: Readonly<Record<string, FuzzOptions>> = {
  isImporterError: { neverThrows: true },
  // Positions are echoed from the span given.
  formatSpan: { echoesNumbers: true },
};

const exported = Object.entries(importer).filter(([, value]) => typeof value === 'function');

describe('fuzz: @kepu/importer entry points', () => {
  it('every exported function is fuzzed or listed as not taking untrusted input', () => {
    const missing = exported.map(([name]) => name).filter((name) => !(name in VALID) && !(name in NOT_UNTRUSTED));
    expect(missing).toEqual([]);
  });

  for (const [name, validArgs] of Object.entries(VALID)) {
    it(
      `law: ${name} returns or throws a typed ImporterError, never a raw error or a NaN`,
      () => {
        const fn = (importer as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
        const report = fuzzEntryPoint(name, fn, mixedArgs(validArgs), OPTIONS[name]);
        expect(report.returned).toBeGreaterThan(0);
      },
      FUZZ_TIMEOUT,
    );
  }
});
