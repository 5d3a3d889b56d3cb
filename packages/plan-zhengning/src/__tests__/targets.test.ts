import { evaluateTarget, indexPlan, type QuantitativeTarget, type Target } from '@kepu/core';
import { describe, expect, it } from 'vitest';
import { zhengningPlan } from '../plan.js';
import { bodyParagraphs, readSeedText } from './seed-reader.js';

const plan = zhengningPlan;
const paragraphs = bodyParagraphs(readSeedText());
const target = (id: string): Target => {
  const found = plan.targets.find((t) => t.id === id);
  if (!found) throw new Error(`no target ${id}`);
  return found;
};
const quantitative = (id: string): QuantitativeTarget => {
  const t = target(id);
  if (t.kind !== 'quantitative') throw new Error(`${id} is not quantitative`);
  return t;
};

describe.each(plan.targets)('target $id', (t) => {
  it('quotes the seed word for word, within one paragraph (page breaks joined)', () => {
    expect(t.provenance?.kind).toBe('document');
    const quote = t.provenance?.quote ?? '';
    expect(quote.length).toBeGreaterThan(0);
    expect(paragraphs.some((p) => p.includes(quote))).toBe(true);
  });

  it('links only to nodes whose text holds its quote', () => {
    const nodes = indexPlan(plan).nodes;
    expect(t.links.length).toBeGreaterThan(0);
    for (const path of t.links) {
      const node = nodes.get(path);
      const text =
        node?.kind === 'task'
          ? node.task.text
          : node?.kind === 'section'
            ? node.section.text
            : node?.kind === 'clause'
              ? node.clause.text
              : '';
      expect(text).toContain(t.provenance?.quote);
    }
  });

  it('is due by the end of the plan period', () => {
    expect(t.deadline.year).toBe(plan.meta.period.end);
  });
});

describe.each(plan.targets.filter((t): t is QuantitativeTarget => t.kind === 'quantitative'))(
  'quantitative target $id',
  (t) => {
    it('keeps its comparator word, in order, inside its quote', () => {
      let rest = t.provenance?.quote ?? '';
      for (const piece of t.comparator.word.split('…')) {
        const at = rest.indexOf(piece);
        expect(at, `"${piece}" of "${t.comparator.word}"`).toBeGreaterThanOrEqual(0);
        rest = rest.slice(at + piece.length);
      }
    });
  },
);

describe('the targets as printed', () => {
  it('literacy rate: 7.8% in 2020 to 12% or more by 2025, a rate from the survey', () => {
    expect(quantitative('literacy-rate-2025')).toMatchObject({
      indicator: 'literacy-rate',
      baseline: { value: 7.8, year: 2020 },
      comparator: { op: 'gte', value: 12, word: '达到…以上' },
      cadence: 'by-deadline',
      links: ['2.3'],
    });
    expect(paragraphs.some((p) => p.includes('2020年全县公民科学素质比例达到 7.8%'))).toBe(true);
    const indicator = plan.indicators.find((i) => i.id === 'literacy-rate');
    expect(indicator).toMatchObject({ valueType: 'rate', source: 'survey', rate: { scale: 100 } });
  });

  it.each([
    ['science-bases-provincial', 'provincial', 2],
    ['science-bases-city', 'city', 3],
    ['science-bases-county', 'county', 5],
  ] as const)('%s: %s-level bases, %i created by 2025 (力争)', (id, level, value) => {
    expect(quantitative(id)).toMatchObject({
      indicator: 'science-bases-created',
      category: { level },
      comparator: { op: 'gte', value, word: '力争' },
      cadence: 'cumulative-by-deadline',
      baseline: { value: 0, year: 2022 },
      links: ['4.3.3'],
    });
    expect(quantitative(id).baseline?.note).toBeTruthy();
  });

  it('Science China: 200,000 items or more every year; registrations and dissemination grow', () => {
    expect(quantitative('science-china-items')).toMatchObject({
      comparator: { op: 'gte', value: 200_000, word: '以上' },
      cadence: 'every-year',
      links: ['4.2.3'],
    });
    expect(plan.indicators.find((i) => i.id === quantitative('science-china-items').indicator)?.unit).toBe('条');
    for (const id of ['science-china-registrations-growth', 'science-china-dissemination-growth']) {
      expect(quantitative(id)).toMatchObject({ cadence: 'year-on-year-growth', links: ['4.2.3'] });
    }
  });

  it.each([
    ['science-classes-grade-2', 'grade-2', { op: 'gte', value: 2 }],
    ['science-classes-grades-3-6', 'grades-3-6', { op: 'gte', value: 2 }],
    ['practice-classes-middle-school', 'middle-school', { op: 'gte', value: 1 }],
  ] as const)('%s: at least the weekly classes for %s (保障, 开齐开足), every year', (id, band, comparator) => {
    expect(quantitative(id)).toMatchObject({
      indicator: 'weekly-science-classes',
      category: { 'grade-band': band },
      comparator,
      cadence: 'every-year',
      links: ['3.1.2'],
    });
  });

  it('a science tutor in every school: 100% of schools', () => {
    expect(quantitative('science-tutor-every-school')).toMatchObject({
      comparator: { op: 'gte', value: 100 },
      links: ['3.1.5'],
    });
    const indicator = plan.indicators.find((i) => i.id === 'schools-with-science-tutor');
    expect(indicator?.valueType).toBe('rate');
  });

  it('science funding: in the budget (judged) and rising year on year', () => {
    expect(target('science-funding-in-budget')).toMatchObject({
      kind: 'qualitative',
      judgement: { by: 'reviewer' },
      links: ['5.3.2'],
    });
    expect(quantitative('science-funding-growth')).toMatchObject({ cadence: 'year-on-year-growth', links: ['5.3.2'] });
  });

  it('imbalance clearly improved: qualitative, judged on the survey’s urban–rural and group gaps', () => {
    const t = target('imbalance-improved');
    expect(t).toMatchObject({ kind: 'qualitative', links: ['2.3'] });
    if (t.kind !== 'qualitative') return;
    expect(t.judgement.evidence.join()).toMatch(/城镇居民与农村居民/);
    expect(t.judgement.evidence.join()).toMatch(/不同人群/);
  });

  it('every modelling choice beyond the words is written in the provenance note', () => {
    for (const t of plan.targets) expect(t.provenance?.note, t.id).toBeTruthy();
    expect(quantitative('science-classes-grade-2').provenance?.note).toMatch(/at least 2/);
  });
});

describe('保障…开齐开足 is a minimum, not an exact number', () => {
  const indicator = plan.indicators.find((i) => i.id === 'weekly-science-classes');
  const context = (period: number) => ({ period, asOf: `${period}-12-31`, planStart: plan.meta.period.start });
  const observe = (id: string, values: readonly number[]) =>
    values.map((value, i) => ({ target: id, period: plan.meta.period.start + i, value }));

  it.each([
    ['science-classes-grade-2', 3],
    ['science-classes-grades-3-6', 4],
    ['practice-classes-middle-school', 2],
  ] as const)('%s: more classes than the floor (%i a week) is achieved, attainment 1', (id, value) => {
    const e = evaluateTarget(quantitative(id), indicator, observe(id, [value]), [], context(plan.meta.period.start));
    expect(e).toMatchObject({ met: true, attainment: 1, status: 'achieved' });
  });

  it('meeting the floor every year is achieved every year and forecast as met', () => {
    const id = 'science-classes-grade-2';
    const observations = observe(id, [2, 3, 3]);
    const last = plan.meta.period.start + 2;
    const e = evaluateTarget(quantitative(id), indicator, observations, [], context(last));
    expect(e.status).toBe('achieved');
    expect(e.forecast?.meets).toBe(true);
  });

  it('fewer classes than the floor is a miss', () => {
    const id = 'science-classes-grade-2';
    const e = evaluateTarget(quantitative(id), indicator, observe(id, [1]), [], context(plan.meta.period.start));
    expect(e.met).toBe(false);
  });
});

describe('obligations of every year and misses in the deadline year', () => {
  const context = (period: number) => ({ period, asOf: `${period}-12-31`, planStart: plan.meta.period.start });

  it('科普经费列入财政预算并足额保障 is judged each year: fully done in 2024 is achieved, expected 1 (not 75%)', () => {
    const t = target('science-funding-in-budget');
    expect(t).toMatchObject({ kind: 'qualitative', cadence: 'every-year' });
    const review = (score: number) => ({
      target: t.id,
      period: 2024,
      score,
      outOf: 10,
      reviewer: { unit: 'leading-group' },
      evidence: [{ title: '2024年县级财政预算科普经费科目', filed: true }],
    });
    expect(evaluateTarget(t, undefined, [], [review(10)], context(2024))).toMatchObject({
      status: 'achieved',
      expected: 1,
    });
    expect(evaluateTarget(t, undefined, [], [review(8)], context(2024))).toMatchObject({
      status: 'not-achieved',
      expected: 1,
    });
  });

  it('到2025年创建市级科普基地3处 ending at 2 of 3 in 2025 is not achieved', () => {
    const t = quantitative('science-bases-city');
    const indicator = plan.indicators.find((i) => i.id === t.indicator);
    const observations = [2023, 2025].map((period) => ({
      indicator: t.indicator,
      category: { level: 'city' },
      period,
      value: 1,
    }));
    expect(evaluateTarget(t, indicator, observations, [], context(2025))).toMatchObject({
      value: 2,
      status: 'not-achieved',
      forecast: { method: 'final', meets: false },
    });
  });
});

describe('a share of schools is forecast within 0–100%', () => {
  it('every school with a tutor: a steep rise is forecast at 100%, not above', () => {
    const t = quantitative('science-tutor-every-school');
    const indicator = plan.indicators.find((i) => i.id === t.indicator);
    const observations = [
      { target: t.id, period: 2022, numerator: 80, denominator: 100 },
      { target: t.id, period: 2023, numerator: 95, denominator: 100 },
    ];
    const e = evaluateTarget(t, indicator, observations, [], { period: 2023, asOf: '2023-12-31', planStart: 2022 });
    expect(e.forecast?.value).toBe(100);
    expect(e.forecast?.meets).toBe(true);
  });
});
