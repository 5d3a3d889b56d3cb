import type { Bilingual, Lang } from '@kepu/core';
import { createContext, type ReactNode, useContext } from 'react';

/** The two languages of the dashboard (core's): Chinese by default, English on request. */
export type { Bilingual, Lang };

const LangContext = createContext<Lang>('zh');

export function LangProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

export function useLang(): Lang {
  return useContext(LangContext);
}

/** Picks the text of the current language. */
export function useT(): (text: Bilingual) => string {
  const lang = useLang();
  return (text) => text[lang];
}

/** A name and its optional English form, as the plan and the scheme carry them. */
export function nameOf(
  lang: Lang,
  item: { readonly name: string; readonly nameEn?: string | null | undefined },
): string {
  return lang === 'en' ? (item.nameEn ?? item.name) : item.name;
}

export function titleOf(
  lang: Lang,
  item: { readonly title: string; readonly titleEn?: string | null | undefined },
): string {
  return lang === 'en' ? (item.titleEn ?? item.title) : item.title;
}

export function formatNumber(lang: Lang, value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(lang: Lang, fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined) return '—';
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(fraction);
}

/** Words the dashboard shows, in both languages. */
export const T = {
  appTitle: { zh: '正宁县全民科学素质行动', en: 'Zhengning science-literacy action' },
  appSubtitle: {
    zh: '实施方案（2022—2025年）执行与考核',
    en: 'Implementation plan 2022–2025: progress and assessment',
  },
  skip: { zh: '跳到正文', en: 'Skip to content' },
  nav: { zh: '主要栏目', en: 'Main sections' },
  overview: { zh: '总览', en: 'Overview' },
  plan: { zh: '方案与分工', en: 'Plan and tasks' },
  departments: { zh: '部门考核', en: 'Departments' },
  townships: { zh: '乡镇考核', en: 'Townships' },
  report: { zh: '填报进展', en: 'Report progress' },
  review: { zh: '审核', en: 'Review' },
  actor: { zh: '当前身份', en: 'Acting as' },
  actorHint: { zh: '演示用：切换身份代替登录', en: 'Demo: switch identity instead of logging in' },
  language: { zh: 'English', en: '中文' },
  languageLabel: { zh: 'Switch to English', en: '切换到中文' },
  period: { zh: '考核年度', en: 'Assessment year' },
  loading: { zh: '正在加载数据……', en: 'Loading data…' },
  seeding: {
    zh: '首次打开：正在写入 2022—2025 年演示数据……',
    en: 'First visit: storing the 2022–2025 demo history…',
  },
  noScorecard: { zh: '该年度尚未进行考核。', en: 'No assessment has been run for this year.' },
  runAssessment: { zh: '运行年度考核', en: 'Run the assessment' },
  runAssessmentHint: {
    zh: '以考核组身份，根据已审核通过的报告、督查记录和奖惩重新计算本年度得分。',
    en: 'As the assessment group: recompute this year’s scores from approved reports, findings, awards and vetoes.',
  },
  assessmentDone: { zh: '考核已完成', en: 'Assessment completed' },
  runNumber: { zh: '第 {n} 次考核', en: 'run {n}' },
  ranAt: { zh: '计算时间', en: 'computed' },
  scheme: { zh: '考核办法', en: 'Scheme' },
  resetDemo: { zh: '重置演示数据', en: 'Reset demo data' },
  persisted: {
    zh: '数据保存在本浏览器（IndexedDB），刷新页面不会丢失。',
    en: 'Data is kept in this browser (IndexedDB) and survives a reload.',
  },
} as const satisfies Record<string, Bilingual>;

/** Fills `{name}` placeholders. */
export function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}
