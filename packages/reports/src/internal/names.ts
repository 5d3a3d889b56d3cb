import type { Plan } from '@kepu/core';
import { type Bilingual, type Lang, t } from '../i18n.js';
import type { ReportCellKind, ReportColumn } from '../report/report-model.js';

/** Words every report table uses. */
export const WORDS = {
  notAssessed: { zh: '未评估', en: 'not assessed' },
  noData: { zh: '无数据', en: 'no data' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
} satisfies Record<string, Bilingual>;

/** A name in the report's language: the English name where there is one. */
export const named = (lang: Lang, item: { name: string; nameEn?: string | null | undefined }): string =>
  lang === 'en' ? (item.nameEn ?? item.name) : item.name;

/** A title in the report's language: the English title where there is one. */
export const titled = (lang: Lang, item: { title: string; titleEn?: string | null | undefined }): string =>
  lang === 'en' ? (item.titleEn ?? item.title) : item.title;

/** The list separator of a language: 、 or a comma. */
export const listSeparator = (lang: Lang): string => (lang === 'en' ? ', ' : '、');

/** The county of a plan, from its county record, else from the issuer or title (正宁县). */
export function countyOf(plan: Plan, lang: Lang = 'zh'): string {
  if (plan.county?.name) return lang === 'en' ? (plan.county.nameEn ?? plan.county.name) : plan.county.name;
  if (lang === 'en') {
    const english = /([A-Z][A-Za-z-]+ (?:County|City|District|Banner))/.exec(plan.meta.titleEn ?? '');
    if (english?.[1]) return english[1];
  }
  const match = /^(.+?[县市区旗])/.exec(plan.meta.issuer ?? plan.meta.title);
  return match?.[1] ?? plan.meta.issuer ?? plan.meta.title;
}

/** One column as `[key, zh header, en header, kind, missing text?]`: tables list many. */
export type ColumnLine = readonly [string, string, string, ReportCellKind, Bilingual?];

/** Columns from compact lines, headers in the report's language. */
export function columnsOf(lang: Lang, lines: readonly ColumnLine[]): ReportColumn[] {
  return lines.map(([key, zh, en, kind, missing]) => ({
    key,
    header: t(lang, { zh, en }),
    kind,
    ...(missing ? { missing: t(lang, missing) } : {}),
  }));
}
