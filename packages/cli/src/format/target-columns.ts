import { type PlanIndex, TARGET_STATUS_NAMES, type TargetEvaluation } from '@kepu/core';
import { type Lang, t } from '../i18n.js';
import type { Column } from './table.js';

/**
 * A target's title in the output language, or its id when the plan does not know it.
 *
 * @example
 * ```ts
 * const titleOf = targetTitle(indexPlan(plan), 'zh');
 * titleOf('literacy-rate-2025');
 * ```
 */
export function targetTitle(index: PlanIndex, lang: Lang): (target: string) => string {
  return (id) => {
    const target = index.targets.get(id);
    return target ? (lang === 'en' ? (target.titleEn ?? target.title) : target.title) : id;
  };
}

/**
 * The 目标 and 状态 columns every terminal table of targets starts and goes on with.
 *
 * @example
 * ```ts
 * const { title, status } = targetColumns(index, 'zh', 36);
 * renderTable(card.targets, [title, status]);
 * ```
 */
export function targetColumns(
  index: PlanIndex,
  lang: Lang,
  titleWidth: number,
): { readonly title: Column<TargetEvaluation>; readonly status: Column<TargetEvaluation> } {
  const titleOf = targetTitle(index, lang);
  return {
    title: { header: t(lang, { zh: '目标', en: 'Target' }), value: (e) => titleOf(e.target), maxWidth: titleWidth },
    status: { header: t(lang, { zh: '状态', en: 'Status' }), value: (e) => t(lang, TARGET_STATUS_NAMES[e.status]) },
  };
}
