import type { Bilingual } from '../i18n.js';

/**
 * The columns of a reporting template, in order. `input` columns are read on import; the others
 * (names, units of measure) only help the person filling it in and are ignored. A figure
 * published by someone else goes in 数值 with its 公布来源 and, when published, its interval
 * (区间下限, 区间上限) or margin of error (误差幅度); a rate is then given as published, without
 * numerator or denominator.
 *
 * @example
 * ```ts
 * import { TEMPLATE_COLUMNS } from '@kepu/reports';
 * TEMPLATE_COLUMNS.find((c) => c.key === 'value')?.header.zh; // '数值'
 * ```
 */
export const TEMPLATE_COLUMNS = [
  { key: 'period', header: { zh: '填报期间', en: 'Period' }, input: true },
  { key: 'unit', header: { zh: '单位编号', en: 'Unit id' }, input: true },
  { key: 'unitName', header: { zh: '单位名称', en: 'Unit' }, input: false },
  { key: 'task', header: { zh: '任务编号', en: 'Task' }, input: true },
  { key: 'taskTitle', header: { zh: '任务名称', en: 'Task title' }, input: false },
  { key: 'indicator', header: { zh: '指标编号', en: 'Indicator id' }, input: true },
  { key: 'indicatorName', header: { zh: '指标名称', en: 'Indicator' }, input: false },
  { key: 'category', header: { zh: '分类', en: 'Category' }, input: true },
  { key: 'measure', header: { zh: '计量单位', en: 'Measure' }, input: false },
  { key: 'value', header: { zh: '数值', en: 'Value' }, input: true },
  { key: 'numerator', header: { zh: '分子', en: 'Numerator' }, input: true },
  { key: 'denominator', header: { zh: '分母', en: 'Denominator' }, input: true },
  // A figure published by someone else (a province's survey rate): its source and interval.
  { key: 'source', header: { zh: '公布来源', en: 'Published source' }, input: true },
  { key: 'low', header: { zh: '区间下限', en: 'Interval low' }, input: true },
  { key: 'high', header: { zh: '区间上限', en: 'Interval high' }, input: true },
  { key: 'margin', header: { zh: '误差幅度（±）', en: 'Margin of error (±)' }, input: true },
  { key: 'date', header: { zh: '统计日期', en: 'Date' }, input: true },
  { key: 'narrative', header: { zh: '工作情况说明', en: 'Narrative' }, input: true },
  { key: 'note', header: { zh: '备注', en: 'Note' }, input: true },
  // Last, so that the letters of the columns before it stay as they were.
  { key: 'scope', header: { zh: '数据口径', en: 'Scope' }, input: true },
] as const satisfies ReadonlyArray<{ key: string; header: Bilingual; input: boolean }>;

/**
 * The key of a template column.
 *
 * @example
 * ```ts
 * import type { TemplateColumnKey } from '@kepu/reports';
 * const key: TemplateColumnKey = 'numerator';
 * ```
 */
export type TemplateColumnKey = (typeof TEMPLATE_COLUMNS)[number]['key'];

/** What the task column says for a unit's summary report (no task). */
export const SUMMARY_TASK: Bilingual = { zh: '总结', en: 'summary' };

/** Excel's column letter of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

/** Finds a column by its header in either language, or by its key; case and spaces do not matter. */
export function columnOfHeader(header: string): TemplateColumnKey | undefined {
  const wanted = header.trim().replace(/\s+/g, '').toLowerCase();
  if (wanted === '') return undefined;
  for (const c of TEMPLATE_COLUMNS) {
    if ([c.key, c.header.zh, c.header.en].some((h) => h.replace(/\s+/g, '').toLowerCase() === wanted)) return c.key;
  }
  return undefined;
}

/** `level=city`, dimensions in sorted order; '' for none. */
export function categoryText(category: Readonly<Record<string, string>> | null | undefined): string {
  if (!category) return '';
  return Object.keys(category)
    .sort()
    .map((k) => `${k}=${category[k]}`)
    .join(',');
}

/**
 * What the scope column says, by the observation scope it stands for: 全县 (a county-wide figure,
 * whoever reports it) or 本单位 (the unit's own contribution). Blank leaves the reading to the
 * target's aggregation rule.
 */
export const SCOPE_WORDS = {
  county: { zh: '全县', en: 'county' },
  own: { zh: '本单位', en: 'own' },
} as const satisfies Record<'county' | 'own', Bilingual>;

/** The scope a scope cell names (either language, or the key; spaces and case ignored). */
export function scopeOfText(text: string): 'county' | 'own' | undefined {
  const wanted = text.trim().replace(/\s+/g, '').toLowerCase();
  for (const scope of ['county', 'own'] as const) {
    const words = SCOPE_WORDS[scope];
    if ([scope, words.zh, words.en, `${words.zh}口径`].includes(wanted)) return scope;
  }
  return undefined;
}
