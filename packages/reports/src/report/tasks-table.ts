import type { PlanIndex, Scorecard } from '@kepu/core';
import { type Lang, t } from '../i18n.js';
import { columnsOf, listSeparator, named, WORDS } from '../internal/names.js';
import type { ReportTable } from './report-model.js';

/** The 任务 view: one row per task, in document order, with its leads and partners by name. */
export function tasksTable(card: Scorecard, index: PlanIndex, lang: Lang): ReportTable {
  const unitNames = (ids: readonly string[]) =>
    ids
      .map((id) => {
        const unit = index.units.get(id);
        return unit ? named(lang, unit) : id;
      })
      .join(listSeparator(lang));
  return {
    id: 'tasks',
    title: t(lang, { zh: '任务', en: 'Tasks' }),
    columns: columnsOf(lang, [
      ['code', '编号', 'No.', 'text'],
      ['title', '任务', 'Task', 'text'],
      ['leads', '牵头单位', 'Leads', 'text'],
      ['partners', '配合单位', 'Partners', 'text'],
      ['result', '完成度', 'Result', 'percent', WORDS.notAssessed],
      ['basis', '依据', 'Based on', 'text'],
    ]),
    rows: card.tasks.map((x) => {
      const targetsUsed = x.contributions.filter((c) => c.kind === 'target').length;
      const reviews = x.contributions.filter((c) => c.kind === 'review').length;
      const basis = [
        targetsUsed ? t(lang, { zh: `目标 ${targetsUsed} 项`, en: `${targetsUsed} target(s)` }) : '',
        reviews ? t(lang, { zh: `评审 ${reviews} 份`, en: `${reviews} review(s)` }) : '',
      ]
        .filter(Boolean)
        .join(lang === 'en' ? ', ' : '，');
      return {
        task: x.task,
        code: x.code,
        title: x.title,
        leads: unitNames(x.leads),
        partners: unitNames(x.partners),
        result: x.result,
        basis: basis || t(lang, WORDS.noData),
      };
    }),
  };
}
