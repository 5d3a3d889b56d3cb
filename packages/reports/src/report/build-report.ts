import { type AssessmentScheme, indexPlan, type Plan, type Scorecard } from '@kepu/core';
import { type Lang, t } from '../i18n.js';
import { countyOf, named, titled } from '../internal/names.js';
import { reportHighlights } from './highlights.js';
import { itemsTable } from './items-table.js';
import type { ReportModel, ReportSource } from './report-model.js';
import { schemeNames, sheetTable } from './sheet-table.js';
import { targetsTable } from './targets-table.js';
import { tasksTable } from './tasks-table.js';

/**
 * Draws a {@link ReportModel} from a scorecard and its plan, in one language. Pure: the same
 * scorecard gives the same model. Missing numbers stay `null`; every number is the scorecard's,
 * unrounded (formats round for display).
 *
 * @example
 * ```ts
 * import { buildReport } from '@kepu/reports';
 * const report = buildReport(scorecard, zhengningPlan, { lang: 'zh', source: { kind: 'computed' } });
 * report.tables[0]?.rows.length; // one row per target
 * ```
 */
export function buildReport(
  card: Scorecard,
  plan: Plan,
  options: {
    readonly lang: Lang;
    readonly source: ReportSource;
    /** The scheme the scorecard was made with: deductions and awards are then named, not just ids. */
    readonly scheme?: AssessmentScheme;
  },
): ReportModel {
  const { lang } = options;
  const index = indexPlan(plan);
  const names = schemeNames(options.scheme);
  const planTitle = titled(lang, plan.meta);
  return {
    format: 'kepu-report',
    formatVersion: 1,
    lang,
    county: countyOf(plan, lang),
    title: t(lang, {
      zh: `${countyOf(plan)}全民科学素质行动 ${card.period} 年度督查考核报告`,
      en: `${countyOf(plan, 'en')} science literacy plan: assessment report ${card.period}`,
    }),
    subtitle: planTitle,
    plan: { id: plan.id, title: planTitle, issuer: plan.meta.issuer ?? '' },
    period: card.period,
    asOf: card.asOf,
    scheme: {
      id: card.scheme.id,
      name: named(lang, card.scheme),
      version: card.scheme.version,
      hash: card.scheme.hash,
    },
    rulesVersion: card.rulesVersion,
    inputsHash: card.inputsHash,
    source: options.source,
    highlights: reportHighlights(card, index, lang),
    tables: [
      targetsTable(card, index, lang),
      tasksTable(card, index, lang),
      ...card.sheets.map((sheet) => sheetTable(sheet, lang, names)),
      itemsTable(card, lang),
    ],
  };
}
