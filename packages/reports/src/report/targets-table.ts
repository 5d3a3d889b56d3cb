import { type PlanIndex, type Scorecard, TARGET_STATUS_NAMES, type TargetEvaluation } from '@kepu/core';
import { flagsText, publishedText, suppressedText } from '../estimate-text.js';
import { type Lang, t } from '../i18n.js';
import { columnsOf, titled, WORDS } from '../internal/names.js';
import type { ReportTable } from './report-model.js';

function requirementText(e: TargetEvaluation, lang: Lang): string {
  if (e.kind === 'qualitative') return t(lang, { zh: '评审判定', en: 'reviewed' });
  if (e.cadence === 'year-on-year-growth') {
    const r = e.requirement.replace(/^growth\s*/, '').replace(' %', '%');
    return t(lang, { zh: `逐年增长（${r}）`, en: `growth every year (${r})` });
  }
  if (e.cadence === 'every-year') return t(lang, { zh: `每年 ${e.requirement}`, en: `every year ${e.requirement}` });
  if (e.cadence === 'cumulative-by-deadline') {
    return t(lang, { zh: `累计 ${e.requirement}`, en: `in total ${e.requirement}` });
  }
  return e.requirement;
}

/** The interval cell of a survey estimate: `95% 置信区间 9.5%–12.4% ⚠ 有效样本量不足`. */
function intervalCell(e: NonNullable<TargetEvaluation['estimate']>, unit: string, lang: Lang): string {
  const u = unit === '%' ? '%' : unit ? ` ${unit}` : '';
  const level = `${Math.round(e.level * 1000) / 10}%`;
  if (e.suppressed) return suppressedText(e, lang);
  return `${t(lang, { zh: `${level} 置信区间`, en: `${level} CI` })} ${e.low.toFixed(1)}${u}–${e.high.toFixed(1)}${u}${flagsText(e, lang)}`;
}

/** The low and high end of a published figure's interval (or its value ± its margin). */
function publishedBounds(e: TargetEvaluation): readonly [number, number] | undefined {
  const p = e.published;
  if (!p || e.value === null) return undefined;
  if (p.interval) return [p.interval.low, p.interval.high];
  return p.margin === undefined ? undefined : [e.value - p.margin, e.value + p.margin];
}

/** The measure a target's value is in, in the report's language ('' when it has none). */
export function measureOf(index: PlanIndex, target: string, lang: Lang): string {
  const indicator = index.indicators.get(index.targets.get(target)?.indicator ?? '');
  return (lang === 'en' ? (indicator?.unitEn ?? indicator?.unit) : indicator?.unit) ?? '';
}

/** The 目标进展 view: one row per target of the scorecard. */
export function targetsTable(card: Scorecard, index: PlanIndex, lang: Lang): ReportTable {
  return {
    id: 'targets',
    title: t(lang, { zh: '目标进展', en: 'Targets' }),
    columns: columnsOf(lang, [
      ['title', '目标', 'Target', 'text'],
      ['requirement', '要求', 'Requirement', 'text'],
      ['baseline', '基线', 'Baseline', 'number'],
      ['value', '当前值', 'Value', 'number', WORDS.noData],
      ['unit', '单位', 'Unit', 'text'],
      ['interval', '置信区间与可靠性', 'Interval and reliability', 'text'],
      ['attainment', '完成度', 'Attainment', 'percent'],
      ['expected', '应达到', 'Expected', 'number'],
      ['status', '状态', 'Status', 'text'],
      ['deadline', '截止年', 'Deadline', 'integer'],
      ['forecast', '到期预测', 'Forecast', 'number'],
      ['forecastMeets', '能否达标', 'Meets', 'text'],
      ['explanation', '判断依据', 'Why', 'text'],
    ]),
    rows: card.targets.map((e) => {
      const target = index.targets.get(e.target);
      const review = e.valueKind === 'review';
      const unit = review || e.valueKind === 'growth-percent' ? '%' : measureOf(index, e.target, lang);
      const estimate = e.estimate;
      const published = publishedBounds(e);
      return {
        target: e.target,
        title: target ? titled(lang, target) : e.target,
        requirement: requirementText(e, lang),
        deadline: target?.deadline.year ?? null,
        baseline: e.baseline?.value ?? null,
        // A suppressed survey estimate is not published: the cell says so, with the reason.
        value: estimate?.suppressed
          ? suppressedText(estimate, lang)
          : review && e.value !== null
            ? e.value * 100
            : e.value,
        unit,
        // A figure published by someone else: its source and the interval as published.
        interval: e.published
          ? publishedText(e.published, unit, lang)
          : estimate
            ? intervalCell(estimate, unit, lang)
            : null,
        ciLow: estimate && !estimate.suppressed ? estimate.low : (published?.[0] ?? null),
        ciHigh: estimate && !estimate.suppressed ? estimate.high : (published?.[1] ?? null),
        ciLevel: estimate?.level ?? null,
        flags: estimate && estimate.flags.length > 0 ? estimate.flags.join(lang === 'en' ? '; ' : '；') : null,
        valuePeriod: e.valuePeriod,
        attainment: e.attainment,
        expected: review && e.expected !== null ? e.expected * 100 : e.expected,
        status: t(lang, TARGET_STATUS_NAMES[e.status]),
        statusId: e.status,
        forecast: e.forecast?.value ?? null,
        forecastYear: e.forecast?.year ?? null,
        forecastMeets: e.forecast
          ? `${t(lang, e.forecast.meets ? WORDS.yes : WORDS.no)}${e.forecast.method === 'final' ? t(lang, { zh: '（最终）', en: ' (final)' }) : ''}`
          : null,
        explanation: t(lang, e.explanations.status.text),
      };
    }),
  };
}
