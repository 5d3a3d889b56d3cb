import {
  checkObservations,
  type Indicator,
  type KepuIssue,
  type Plan,
  type ReportObservation,
  ReportObservationSchema,
} from '@kepu/core';
import type { Bilingual } from '../i18n.js';
import { dateOf, numberOf, shown } from './cell-values.js';
import { SCOPE_WORDS, scopeOfText, type TemplateColumnKey } from './columns.js';
import type { FlagCell } from './resolve-row.js';
import type { SourceRow } from './source-row.js';
import type { NumberTextOptions } from './strict-number.js';

type Figures = Partial<Record<'value' | 'numerator' | 'denominator', number>>;
type Bounds = Partial<Record<'low' | 'high' | 'margin', number>>;

/** A rule of core's that an observation breaks: the field it is about and core's own message. */
interface Breach {
  readonly field: string;
  readonly message: Bilingual;
}

/**
 * Every rule of core's an observation breaks: its shape (figures not negative, a numerator not
 * above its denominator …) and the plan's rules for it (`checkObservations`: the kind of the
 * indicator, the date inside the period). The rules are core's, so that what the engine would
 * refuse is refused here, at the cell.
 */
function breachesOf(plan: Plan, period: string | undefined, observation: ReportObservation): Breach[] {
  const parsed = ReportObservationSchema.safeParse(observation);
  const shape: Breach[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const field = String(i.path.at(-1) ?? 'value');
        // A text over core's length limit: say the limit, read from core's issue.
        if (i.code === 'too_big' && typeof observation[field as keyof ReportObservation] === 'string') {
          const max = Number((i as { maximum: number | bigint }).maximum);
          return {
            field,
            message: {
              zh: `超过 ${max} 字的上限（不会截断）；请精简`,
              en: `over the limit of ${max} characters (it is not cut); shorten it`,
            },
          };
        }
        // A shape rule of core's carries its own words in both languages.
        const detail = (i as { params?: { kepu?: { detail?: Bilingual } } }).params?.kepu?.detail;
        if (detail)
          return { field, message: { zh: `监测数据有误：${detail.zh}。`, en: `Invalid observation: ${detail.en}.` } };
        return { field, message: { zh: `监测数据有误：${i.message}。`, en: `Invalid observation: ${i.message}.` } };
      });
  const rules: KepuIssue[] = period === undefined ? [] : checkObservations(plan, period, [observation]);
  return [...shape, ...rules.map((i) => ({ field: String(i.path.at(-1)), message: i.message }))];
}

/**
 * Where a breach is shown and in what words: core decides that a figure is wrong; the person who
 * filled in the template reads it at the cell, in the template's terms (分子, 分母, 数值).
 */
function atCell(
  breach: Breach,
  o: ReportObservation,
  indicator: Indicator,
  period: string | undefined,
): [TemplateColumnKey, Bilingual] {
  const { field } = breach;
  const rate = indicator.valueType === 'rate';
  if (o.published !== undefined) {
    const mixed = o.numerator !== undefined || o.denominator !== undefined;
    if (mixed && (field === 'value' || field === 'numerator' || field === 'denominator')) {
      return [
        o.numerator !== undefined ? 'numerator' : 'denominator',
        {
          zh: '填了“公布来源”的行是上级公布的数值：只填“数值”，不要同时填分子、分母（两者请分两行，或只填其一）',
          en: 'a row with a Published source is a published figure: give Value only, not Numerator or Denominator as well',
        },
      ];
    }
    if (field === 'value') {
      return [
        'value',
        o.value === undefined ? { zh: '公布值须填写“数值”', en: 'a published figure needs its Value' } : breach.message,
      ];
    }
    if (field === 'source' || field === 'published') return ['source', breach.message];
    if (field === 'interval' || field === 'low') return ['low', breach.message];
    if (field === 'high') return ['high', breach.message];
    if (field === 'margin') return ['margin', breach.message];
  }
  const tooLarge = (n: number | undefined) => n !== undefined && n > 1e15;
  const size = (n: number | undefined): Bilingual | undefined =>
    n !== undefined && n < 0
      ? { zh: '不能为负数', en: 'must not be negative' }
      : tooLarge(n)
        ? { zh: '数值过大', en: 'too large' }
        : undefined;
  if (field === 'date') {
    return ['date', { zh: `日期 ${o.date} 不在 ${period} 年度内`, en: `the date ${o.date} is outside ${period}` }];
  }
  if (field === 'target' || field === 'indicator') {
    const judged = indicator.valueType === 'judgement';
    return [
      'indicator',
      judged
        ? {
            zh: `“${indicator.name}”由评审判定，不能填报数值`,
            en: `${indicator.id} is judged by a review, not reported`,
          }
        : breach.message,
    ];
  }
  if (field === 'denominator' || (rate && field === 'numerator' && o.denominator === undefined)) {
    if (o.denominator === undefined)
      return ['denominator', { zh: '比例指标缺少分母', en: 'a rate needs its denominator' }];
    return [
      'denominator',
      tooLarge(o.denominator)
        ? { zh: '数值过大', en: 'too large' }
        : { zh: '分母须大于 0', en: 'the denominator must be above 0' },
    ];
  }
  if (field === 'numerator') {
    if (!rate) {
      return [
        'numerator',
        { zh: `“${indicator.name}”不是比例指标，请只填数值`, en: `${indicator.id} is not a rate: give the value only` },
      ];
    }
    if (o.numerator === undefined) return ['numerator', { zh: '比例指标缺少分子', en: 'a rate needs its numerator' }];
    const n = o.numerator;
    const d = o.denominator as number;
    return [
      'numerator',
      size(n) ??
        (n > d
          ? { zh: `分子 ${n} 大于分母 ${d}`, en: `the numerator ${n} is above the denominator ${d}` }
          : breach.message),
    ];
  }
  if (field === 'value' || field === 'code') {
    if (rate) {
      if (o.value === undefined && o.numerator === undefined) {
        return ['numerator', { zh: '比例指标缺少分子', en: 'a rate needs its numerator' }];
      }
      return [
        'value',
        {
          zh: `“${indicator.name}”是比例指标：请填分子和分母；只有上级公布的比例时，填“数值”并写明“公布来源”`,
          en: `${indicator.id} is a rate: give the numerator and denominator, or a published value with its Published source`,
        },
      ];
    }
    if (o.value === undefined && o.code === undefined) {
      return ['value', { zh: '缺少数值', en: 'the value is missing' }];
    }
    if (indicator.valueType === 'boolean' && size(o.value) === undefined) {
      return ['value', { zh: '完成填 1，未完成填 0', en: '1 for done, 0 for not done' }];
    }
    return ['value', size(o.value) ?? breach.message];
  }
  if (field === 'note') return ['note', breach.message];
  return [field === 'category' ? 'category' : 'indicator', breach.message];
}

/**
 * The observation a row reports, or `undefined` when it has none or a cell of it is bad (each bad
 * cell flagged). Figures and dates are read here; whether they are allowed is core's rule, and
 * each rule broken is flagged at its cell, once per cell.
 */
export function rowObservation(
  row: SourceRow,
  plan: Plan,
  period: string | undefined,
  indicator: Indicator,
  category: Readonly<Record<string, string>>,
  bad: FlagCell,
  numbers: NumberTextOptions = {},
): ReportObservation | undefined {
  const { cells } = row;
  const figures: Figures = {};
  let readable = true;
  // A plugin-defined kind records a code (e.g. a level) in the value cell, not a number.
  const custom = indicator.valueType === 'custom';
  for (const key of ['value', 'numerator', 'denominator'] as const) {
    const cell = cells[key];
    if (!cell || (custom && key === 'value')) continue;
    const parsed = numberOf(cell, numbers);
    if (parsed.ok) figures[key] = parsed.value;
    else {
      bad(key, parsed.reason);
      readable = false;
    }
  }
  const bounds: Bounds = {};
  for (const key of ['low', 'high', 'margin'] as const) {
    const cell = cells[key];
    if (!cell) continue;
    const parsed = numberOf(cell, numbers);
    if (parsed.ok) bounds[key] = parsed.value;
    else {
      bad(key, parsed.reason);
      readable = false;
    }
  }
  const source = cells.source ? shown(cells.source.value).trim() : undefined;
  const hasBounds = bounds.low !== undefined || bounds.high !== undefined || bounds.margin !== undefined;
  if (source === undefined && hasBounds) {
    bad('source', {
      zh: '填写了区间或误差幅度：请同时填写“公布来源”（公布该数值的单位和调查）',
      en: 'an interval or margin is given: give the Published source too (who published the figure, from which survey)',
    });
    readable = false;
  }
  if ((bounds.low === undefined) !== (bounds.high === undefined)) {
    bad(bounds.low === undefined ? 'low' : 'high', {
      zh: '区间须同时填写下限和上限',
      en: 'an interval needs both its low and its high end',
    });
    readable = false;
  }
  let date: string | undefined;
  if (cells.date) {
    date = dateOf(cells.date);
    if (date === undefined) {
      bad('date', { zh: '日期格式应为 YYYY-MM-DD', en: 'a date is written YYYY-MM-DD' });
      readable = false;
    }
  }
  let scope: 'county' | 'own' | undefined;
  const scopeText = cells.scope ? shown(cells.scope.value).trim() : '';
  if (scopeText !== '') {
    scope = scopeOfText(scopeText);
    if (scope === undefined) {
      bad('scope', {
        zh: `数据口径填“${SCOPE_WORDS.county.zh}”（全县数据）或“${SCOPE_WORDS.own.zh}”（本单位自身数据），或留空`,
        en: `scope is ${SCOPE_WORDS.county.en} (a county-wide figure) or ${SCOPE_WORDS.own.en} (the unit's own), or blank`,
      });
      readable = false;
    }
  }
  if (!readable) return undefined;
  const observation: ReportObservation = {
    indicator: indicator.id,
    ...(Object.keys(category).length > 0 ? { category } : {}),
    ...(scope === undefined ? {} : { scope }),
    ...(custom && cells.value ? { code: shown(cells.value.value).trim() } : {}),
    ...figures,
    ...(source === undefined
      ? {}
      : {
          published: {
            source,
            ...(bounds.low !== undefined && bounds.high !== undefined
              ? { interval: { low: bounds.low, high: bounds.high } }
              : {}),
            ...(bounds.margin === undefined ? {} : { margin: bounds.margin }),
          },
        }),
    ...(date ? { date } : {}),
    // Never cut: a note over core's limit is refused at its cell.
    ...(cells.note ? { note: shown(cells.note.value) } : {}),
  };
  const flagged = new Set<TemplateColumnKey>();
  for (const breach of breachesOf(plan, period, observation)) {
    const [key, reason] = atCell(breach, observation, indicator, period);
    if (flagged.has(key)) continue;
    flagged.add(key);
    bad(key, reason);
  }
  return flagged.size > 0 ? undefined : observation;
}
