import { describe, expect, it } from 'vitest';
import { evaluateTarget } from '../../assessment/evaluate-target.js';
import type { Observation } from '../../assessment/observation.js';
import { type QuantitativeTarget, TargetSchema } from '../../target.js';
import { formTargetValue, type ReportedFigure } from '../target-value.js';

// Issue 14, point 1: a county-wide figure is never added to own figures, and reports of one fact
// by several units are reconciled into one value, with a conflict shown when they disagree.

const figure = (over: Partial<ReportedFigure>): ReportedFigure => ({
  reporter: null,
  category: '',
  value: 0,
  numerator: null,
  denominator: null,
  time: 20241231,
  ...over,
});

const items = TargetSchema.parse({
  kind: 'quantitative',
  id: 'items',
  title: '年传播信息量20万条以上',
  indicator: 'items',
  links: ['4.2.3'],
  comparator: { op: 'gte', value: 200_000, word: '以上' },
  cadence: 'every-year',
  deadline: { year: 2025 },
}) as QuantitativeTarget;
const flow = { valueType: 'number', temporal: 'flow' } as const;
const context = { period: 2024, asOf: '2024-12-31', planStart: 2022 };

describe('forming a target value from several reporters', () => {
  it('a county total reported by a unit is not added to a township’s own figure (210,000, not 230,000)', () => {
    const observations: Observation[] = [
      { target: 'items', unit: 'cast', scope: 'county', period: 2024, value: 210_000 },
      { target: 'items', unit: 'shanhe', scope: 'own', period: 2024, value: 20_000 },
    ];
    const e = evaluateTarget(items, flow, observations, [], context);
    expect(e.value).toBe(210_000);
    expect(e.series[0]?.level).toBe('county');
    // The explanation's point says which report formed the value and which was not added.
    expect(e.series[0]?.reports).toEqual([
      { reporter: 'cast', scope: 'county', value: 210_000, used: true },
      { reporter: 'shanhe', scope: 'own', value: 20_000, used: false, why: 'not-added' },
    ]);
  });

  it('without a county figure, disjoint own contributions are added (the default rule, as before)', () => {
    const observations: Observation[] = [
      { target: 'items', unit: 'shanhe', period: 2024, value: 120_000 },
      { target: 'items', unit: 'yonghe', period: 2024, value: 90_000 },
    ];
    expect(evaluateTarget(items, flow, observations, [], context).value).toBe(210_000);
  });

  it('co-leads reporting the same fact under county-figure give one value (1, not 2)', () => {
    const bases = {
      ...items,
      comparator: { op: 'gte', value: 2, word: '力争' },
      aggregation: { kind: 'county-figure' },
    };
    const observations: Observation[] = [
      { target: 'items', unit: 'cast', period: 2024, value: 1 },
      { target: 'items', unit: 'science-tech', period: 2024, value: 1 },
    ] as Observation[];
    const e = evaluateTarget(bases as QuantitativeTarget, flow, observations, [], context);
    expect(e.value).toBe(1);
    expect(e.series[0]?.conflict).toBeUndefined();
  });

  it('co-leads that disagree: the less favourable figure, labelled as the default, and the conflict shown', () => {
    const formed = formTargetValue(
      [figure({ reporter: 'cast', value: 2 }), figure({ reporter: 'science-tech', value: 1 })],
      { rule: { kind: 'county-figure' }, comparator: { op: 'gte', value: 2, word: '力争' } },
    );
    expect(formed?.value).toBe(1);
    expect(formed?.conflict).toEqual({
      figures: [
        { reporter: 'cast', value: 2 },
        { reporter: 'science-tech', value: 1 },
      ],
      kept: 1,
      resolution: 'less-favourable',
      isDefault: true,
    });
  });

  it('a county that says so keeps the more favourable figure, and that is not labelled a default', () => {
    const formed = formTargetValue(
      [figure({ reporter: 'cast', value: 2 }), figure({ reporter: 'science-tech', value: 1 })],
      { rule: { kind: 'county-figure', onConflict: 'more-favourable' }, comparator: { op: 'gte', value: 2, word: '' } },
    );
    expect(formed?.value).toBe(2);
    expect(formed?.conflict?.isDefault).toBe(false);
  });

  it('a designated reporter’s figure is used, the others shown beside it', () => {
    const formed = formTargetValue(
      [figure({ reporter: 'cast', value: 3 }), figure({ reporter: 'education', value: 2 })],
      { rule: { kind: 'county-figure', reporter: 'education' }, comparator: { op: 'lte', value: 1, word: '' } },
    );
    expect(formed?.value).toBe(2);
    expect(formed?.conflict?.resolution).toBe('designated-reporter');
    expect(formed?.reports.find((r) => r.reporter === 'cast')).toMatchObject({ used: false, why: 'reconciled' });
  });

  it('less favourable follows the comparator: the higher figure for an upper limit', () => {
    const formed = formTargetValue([figure({ reporter: 'a', value: 3 }), figure({ reporter: 'b', value: 5 })], {
      rule: { kind: 'county-figure' },
      comparator: { op: 'lte', value: 4, word: '不超过' },
    });
    expect(formed?.value).toBe(5);
  });

  it('rates are reconciled by their ratio and keep the kept figure’s numerator and denominator', () => {
    const formed = formTargetValue(
      [
        figure({ reporter: 'a', numerator: 40, denominator: 50 }),
        figure({ reporter: 'b', numerator: 45, denominator: 50 }),
      ],
      { rule: { kind: 'county-figure' }, comparator: { op: 'gte', value: 100, word: '' }, kind: 'rate' },
    );
    expect(formed).toMatchObject({ value: 80, numerator: 40, denominator: 50 });
  });

  it('max keeps the largest figure and latest the most recent', () => {
    const figures = [figure({ reporter: 'a', value: 3, time: 20240601 }), figure({ reporter: 'b', value: 2 })];
    expect(formTargetValue(figures, { rule: { kind: 'max' } })?.value).toBe(3);
    expect(formTargetValue(figures, { rule: { kind: 'latest' } })?.value).toBe(2);
  });

  it('own contributions alone form no county figure: no value, never 0', () => {
    expect(
      formTargetValue([figure({ reporter: 'shanhe', scope: 'own', value: 20_000 })], {
        rule: { kind: 'county-figure' },
      }),
    ).toBeNull();
    expect(formTargetValue([], {})).toBeNull();
  });
});

describe('the explanation of a value formed from several reports', () => {
  it('names the reports that formed it and the conflict, labelling the default', () => {
    const bases = {
      ...items,
      comparator: { op: 'gte', value: 2, word: '力争' },
      aggregation: { kind: 'county-figure' },
    };
    const observations = [
      { target: 'items', unit: 'cast', period: 2024, value: 2 },
      { target: 'items', unit: 'science-tech', period: 2024, value: 1 },
    ] as Observation[];
    const e = evaluateTarget(bases as QuantitativeTarget, flow, observations, [], context);
    expect(e.value).toBe(1);
    expect(e.explanations.value.text.zh).toContain('数据不一致：cast 2、science-tech 1，采用较不利的数据（默认）：1');
    expect(e.explanations.value.text.en).toContain('science-tech county-wide 1 (used)');
    expect(e.explanations.value.inputs.conflict).toBe('less-favourable');
  });
});
