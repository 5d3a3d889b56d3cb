import { conflictResolutionText } from '../../rules/target-value.js';
import type { BaselineUsed } from '../evaluate-target.js';
import { type Explainer, type Explanation, formatNumber as f, NOT_EXPLAINED } from '../explanation.js';
import type { PublishedValue } from '../observation.js';
import type { AnnualPoint } from '../series.js';

/** How a year's value was made: summed rates, or the level and the units' figures behind it. */
export function valueExplanation(point: AnnualPoint, kind: string, ex: Explainer): Explanation {
  if (point.published !== undefined) return publishedExplanation(point, point.published, ex);
  const rate = point.numerator !== null && point.denominator !== null;
  return ex.explain(() => {
    const base: Explanation = {
      rule: rate ? 'value.rate-from-sums' : `value.${kind}`,
      formula: rate
        ? `Σ numerator ${f(point.numerator)} / Σ denominator ${f(point.denominator)} × scale = ${f(point.value)}`
        : `${f(point.value)} (${point.count} observation(s), ${point.level}, ${point.categories})`,
      inputs: {
        period: point.period,
        observations: point.count,
        numerator: point.numerator,
        denominator: point.denominator,
        level: point.level,
        categories: point.categories,
      },
      refs: point.refs,
      text: rate
        ? {
            zh: `${point.period} 年数值：分子之和除以分母之和（不平均百分比）`,
            en: `the ${point.period} value: the sum of numerators over the sum of denominators (percentages are never averaged)`,
          }
        : {
            zh: `${point.period} 年数值（${point.level === 'county' ? '全县口径' : '各单位合计'}）`,
            en: `the ${point.period} value (${point.level === 'county' ? 'county-wide figure' : 'sum of the units’ figures'})`,
          },
    };
    return withReports(base, point);
  });
}

const WHY = {
  reconciled: {
    zh: '同一数据的另一份报送，已核对未重复计入',
    en: 'another report of the same figure, reconciled, not added',
  },
  'not-added': {
    zh: '本单位自身数据，不与全县数据相加',
    en: 'an own contribution, not added to the county-wide figure',
  },
  smaller: { zh: '较小，未采用', en: 'smaller, not used' },
  older: { zh: '较早，未采用', en: 'older, not used' },
} as const;

/** The value explanation with the reports that formed it and the conflict, if any. */
function withReports(explanation: Explanation, point: AnnualPoint): Explanation {
  if (point.reports === undefined && point.conflict === undefined) return explanation;
  const who = (r: string | null) => r ?? '(county)';
  const lines = (point.reports ?? []).map((r) => {
    const what = `${who(r.reporter)} ${r.scope === 'county' ? '全县' : '本单位'} ${f(r.value)}`;
    const whatEn = `${who(r.reporter)} ${r.scope === 'county' ? 'county-wide' : 'own'} ${f(r.value)}`;
    return r.used
      ? { zh: `${what}（采用）`, en: `${whatEn} (used)` }
      : { zh: `${what}（${WHY[r.why ?? 'reconciled'].zh}）`, en: `${whatEn} (${WHY[r.why ?? 'reconciled'].en})` };
  });
  let zh = lines.length > 0 ? `；报送：${lines.map((l) => l.zh).join('；')}` : '';
  let en = lines.length > 0 ? `; reports: ${lines.map((l) => l.en).join('; ')}` : '';
  const c = point.conflict;
  if (c !== undefined) {
    const figures = c.figures.map((x) => `${who(x.reporter)} ${f(x.value)}`).join('、');
    const how = conflictResolutionText(c);
    zh += `；数据不一致：${figures}，${how.zh}：${f(c.kept)}`;
    en += `; the reports disagree: ${figures}; ${how.en}: ${f(c.kept)}`;
  }
  return {
    ...explanation,
    inputs: {
      ...explanation.inputs,
      ...(point.aggregation === undefined ? {} : { aggregation: point.aggregation }),
      reporters: (point.reports ?? []).length,
      conflict: c === undefined ? null : c.resolution,
    },
    text: { zh: explanation.text.zh + zh, en: explanation.text.en + en },
  };
}

/**
 * A value made of several years (a running sum, a growth) with a note on each year whose
 * reports disagreed, and on what was kept (labelled when it is Kepu's default).
 */
export function withYearConflicts(explanation: Explanation, series: readonly AnnualPoint[]): Explanation {
  const conflicts = series.filter((p) => p.conflict !== undefined);
  if (conflicts.length === 0 || explanation === NOT_EXPLAINED) return explanation;
  const notes = conflicts.map((p) => {
    const c = p.conflict as NonNullable<AnnualPoint['conflict']>;
    const figures = c.figures.map((x) => `${x.reporter ?? '(county)'} ${f(x.value)}`).join('、');
    const how = conflictResolutionText(c);
    return {
      zh: `${p.period} 年数据不一致：${figures}，${how.zh}：${f(c.kept)}`,
      en: `${p.period}: the reports disagree (${figures}); ${how.en}: ${f(c.kept)}`,
    };
  });
  return {
    ...explanation,
    inputs: { ...explanation.inputs, conflicts: conflicts.map((p) => p.period).join(',') },
    text: {
      zh: `${explanation.text.zh}；${notes.map((n) => n.zh).join('；')}`,
      en: `${explanation.text.en}; ${notes.map((n) => n.en).join('; ')}`,
    },
  };
}

/** An attainment explanation with a note on where its baseline came from, when not the plan. */
export function withBaselineNote(explanation: Explanation, baseline: BaselineUsed | null): Explanation {
  if (baseline === null || baseline.source === 'plan' || explanation === NOT_EXPLAINED) return explanation;
  const note =
    baseline.source === 'first-observation'
      ? {
          zh: `（计划未给基线，以 ${baseline.year} 年首个观测值为基线）`,
          en: ` (the plan gives no baseline; the first observed year, ${baseline.year}, is used)`,
        }
      : baseline.source === 'cumulative-start'
        ? { zh: '（累计目标：以期初累计数为基线）', en: ' (a cumulative target: measured from the count at the start)' }
        : { zh: '（以零增长为起点）', en: ' (measured from no growth)' };
  return {
    ...explanation,
    inputs: { ...explanation.inputs, baselineSource: baseline.source },
    text: { zh: explanation.text.zh + note.zh, en: explanation.text.en + note.en },
  };
}

/** A value published by someone else: its source and interval, no numerator or denominator. */
function publishedExplanation(point: AnnualPoint, published: PublishedValue, ex: Explainer): Explanation {
  const { source, interval, margin } = published;
  const range =
    interval !== undefined
      ? { zh: `，区间 ${f(interval.low)}–${f(interval.high)}`, en: `, interval ${f(interval.low)}–${f(interval.high)}` }
      : margin !== undefined
        ? { zh: `，误差 ±${f(margin)}`, en: `, margin of error ±${f(margin)}` }
        : { zh: '', en: '' };
  return ex.explain(() => ({
    rule: 'value.published',
    formula: `${f(point.value)} published by ${source}`,
    inputs: {
      period: point.period,
      observations: point.count,
      source,
      ...(published.publisher === undefined ? {} : { publisher: published.publisher }),
      ...(interval === undefined ? {} : { low: interval.low, high: interval.high }),
      ...(margin === undefined ? {} : { margin }),
    },
    refs: point.refs,
    text: {
      zh: `${point.period} 年数值为公布值（来源：${source}${range.zh}），无分子分母`,
      en: `the ${point.period} value is published by ${source}${range.en}; no numerator or denominator`,
    },
  }));
}
