import { describe, expect, it } from 'vitest';
import {
  type AssessmentSchemeInput,
  assessmentInputsJsonSchema,
  assessmentSchemeJsonSchema,
  checkGradeBands,
  gradeOf,
  parseScheme,
  validateScheme,
} from '../../index.js';
import { BANDS, fixturePlan, fixtureSchemeInput } from './fixtures.js';

const copy = (): AssessmentSchemeInput => structuredClone(fixtureSchemeInput);
const codes = (input: unknown) => {
  const r = validateScheme(input, fixturePlan);
  return r.ok ? [] : r.issues.map((i) => i.code);
};

describe('assessment scheme validation', () => {
  it('accepts the fixture scheme and fills defaults', () => {
    const scheme = parseScheme(fixtureSchemeInput, fixturePlan);
    expect(scheme.sheets[0]?.sharing).toEqual({ lead: 1, partner: 0 });
    expect(scheme.sheets[1]?.missing).toEqual({ policy: 'rescale', minCoverage: 0.5 });
    expect(scheme.thresholds).toEqual({ onTrack: 0.95, needsAcceleration: 0.6, limitedProgress: 0 });
  });
  it('refuses a zero total weight with a typed error, not a division by zero later', () => {
    const s = copy();
    for (const g of s.sheets[1]?.groups ?? []) for (const i of g.items) i.points = 0;
    expect(codes(s)).toEqual(['zero-total-weight']);
  });
  it('refuses bands with a gap, an overlap, or not covering the scale', () => {
    expect(
      checkGradeBands('s', [BANDS[0], BANDS[1], BANDS[3]].map((b) => ({ ...b })) as never, 100, []).map((i) => i.code),
    ).toEqual(['grade-band-gap']);
    expect(
      checkGradeBands('s', [{ ...BANDS[0], min: 85 }, BANDS[1], BANDS[2], BANDS[3]] as never, 100, []).map(
        (i) => i.code,
      ),
    ).toEqual(['grade-band-overlap']);
    expect(checkGradeBands('s', BANDS, 120, []).map((i) => i.code)).toEqual(['grade-band-range']);
    expect(checkGradeBands('s', BANDS, 100, [])).toEqual([]);
  });
  it('bands partition the scale: every score from 0 to 100 has exactly one grade', () => {
    for (let s = 0; s <= 100; s += 0.25) {
      const matching = BANDS.filter((b) => (s >= b.min && s < b.max) || (s === 100 && b.max === 100));
      expect(matching).toHaveLength(1);
      expect(gradeOf(BANDS, s)?.id).toBe(matching[0]?.id);
    }
    expect(gradeOf(BANDS, 90)?.id).toBe('excellent');
    expect(gradeOf(BANDS, 89.9999)?.id).toBe('good');
  });
  it('checks references into the plan, group totals, duplicates and sheet membership', () => {
    const s = copy();
    const results = s.sheets[0]?.groups[1];
    if (results?.items[0]) results.items[0].sources = [{ kind: 'task', task: '9.9.9' }];
    if (s.sheets[0]?.groups[0]) s.sheets[0].groups[0].points = 25;
    s.sheets[1]?.groups[1]?.items.push({ id: 'town-work', name: '重复', points: 1, rule: 'reviewer' });
    if (s.sheets[1]) s.sheets[1].members.include = ['dept-a'];
    expect(codes(s).sort()).toEqual(
      ['duplicate-id', 'inconsistent-scheme', 'inconsistent-scheme', 'unknown-reference'].sort(),
    );
  });
  it('refuses a scheme written for another plan', () => {
    expect(codes({ ...copy(), plan: 'other' })).toEqual(['scheme-plan-mismatch']);
  });
  it('refuses a reviewer item with sources and a data item without', () => {
    const s = copy();
    const item = s.sheets[0]?.groups[0]?.items[0];
    if (item) item.sources = [{ kind: 'tasks', roles: ['lead'] }];
    const led = s.sheets[0]?.groups[1]?.items[0];
    if (led) led.sources = [];
    expect(codes(s)).toEqual(['inconsistent-scheme', 'inconsistent-scheme']);
  });
  it('reports bad shapes with their path, never throwing', () => {
    const r = validateScheme({ schemaVersion: 1, id: 'x' });
    expect(r.ok).toBe(false);
    expect(validateScheme(null).ok).toBe(false);
  });
});

describe('JSON Schema exports', () => {
  it('exports the scheme and the inputs as JSON Schema', () => {
    const scheme = assessmentSchemeJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(scheme.properties)).toEqual(expect.arrayContaining(['sheets', 'thresholds', 'plan']));
    const inputs = assessmentInputsJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(inputs.properties)).toEqual(
      expect.arrayContaining(['observations', 'reviews', 'selfScores', 'awards', 'deductions', 'incidents']),
    );
    expect(JSON.stringify(inputs)).toContain('numerator');
  });
});
