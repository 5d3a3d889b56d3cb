import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ObservationSchema } from '../../index.js';
import { isValidObservation } from '../internal/fast-observation.js';

const id = fc.oneof(
  fc.constantFrom('literacy-rate', 'a', 'x-1', 'bad_id', 'A', '', '-x', 'a--b', 'a'.repeat(81)),
  fc.string({ maxLength: 6 }),
);
const num = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double(),
  fc.constantFrom(0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1900, 2200, 2201, 1899, 2024),
  fc.constantFrom('1', null, true),
);
const date = fc.oneof(
  fc.constantFrom('2024-02-29', '2023-02-29', '2024-13-01', '2024-1-01', '2024-12-31', '2023-06-31', 'x'),
  fc
    .date({ min: new Date('1899-01-01'), max: new Date('2201-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);
const nearlyValid = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 3 }), fc.constant('x'.repeat(121)), fc.constant(1)),
    target: id,
    indicator: id,
    category: fc.oneof(fc.dictionary(id, id, { maxKeys: 2 }), fc.constant([]), fc.constant(null), fc.constant('x')),
    unit: id,
    period: fc.oneof(fc.integer({ min: 2020, max: 2026 }), num),
    date,
    value: num,
    numerator: num,
    denominator: num,
    source: fc.oneof(fc.string({ maxLength: 3 }), fc.constant('s'.repeat(201))),
    note: fc.string({ maxLength: 3 }),
    extra: fc.constant(1),
  },
  { requiredKeys: [] },
);

const withRareFields = fc
  .tuple(nearlyValid, fc.record({ estimate: fc.anything(), code: fc.anything() }, { requiredKeys: [] }))
  .map(([o, extra]) => ({ ...o, ...extra }));

describe('the fast observation check', () => {
  it('law: on the common shapes it accepts exactly what ObservationSchema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(nearlyValid, fc.anything()), (o) => {
        expect(isValidObservation(o)).toBe(ObservationSchema.safeParse(o).success);
      }),
      { numRuns: 5000 },
    );
  });
  it('law: it never accepts what ObservationSchema refuses, whatever the fields', () => {
    fc.assert(
      fc.property(fc.oneof(withRareFields, fc.anything()), (o) => {
        if (isValidObservation(o)) expect(ObservationSchema.safeParse(o).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
  it('accepts the usual shapes', () => {
    expect(isValidObservation({ indicator: 'literacy-rate', period: 2024, numerator: 1, denominator: 3 })).toBe(true);
    expect(isValidObservation({ target: 'x', unit: 'shanhe', period: 2024, date: '2024-03-31', value: 0 })).toBe(true);
    expect(isValidObservation({ target: 'x', period: 2024, date: '2023-03-31', value: 0 })).toBe(false);
  });
});
