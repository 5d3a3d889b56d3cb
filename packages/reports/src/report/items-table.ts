import type { Scorecard } from '@kepu/core';
import { type Bilingual, type Lang, t } from '../i18n.js';
import { columnsOf, named, WORDS } from '../internal/names.js';
import type { ReportTable } from './report-model.js';

const RULE_NAMES: Record<string, Bilingual> = {
  proportional: { zh: '按完成度计分', en: 'proportional' },
  'pro-rata': { zh: '按比例扣分', en: 'pro rata' },
  'all-or-nothing': { zh: '完成得分', en: 'all or nothing' },
  reviewer: { zh: '评审评分', en: 'reviewer' },
};

/** The 考核明细 view: one row per unit × item of its sheet, with the formula filled in. */
export function itemsTable(card: Scorecard, lang: Lang): ReportTable {
  return {
    id: 'items',
    title: t(lang, { zh: '考核明细', en: 'Item breakdown' }),
    columns: columnsOf(lang, [
      ['sheet', '考核表', 'Sheet', 'text'],
      ['unit', '单位', 'Unit', 'text'],
      ['group', '分组', 'Group', 'text'],
      ['name', '考核项目', 'Item', 'text'],
      ['rule', '计分方法', 'Rule', 'text'],
      ['maxPoints', '分值', 'Points', 'score'],
      ['points', '得分', 'Earned', 'score', WORDS.notAssessed],
      ['fraction', '得分率', 'Share', 'percent'],
      ['self', '自评分', 'Self-score', 'score'],
      ['formula', '计算过程', 'Formula', 'text'],
    ]),
    rows: card.sheets.flatMap((sheet) =>
      sheet.units.flatMap((u) =>
        u.items.map((item) => ({
          sheet: named(lang, sheet),
          unit: named(lang, u),
          unitId: u.unit,
          item: item.item,
          group: named(lang, u.groups.find((g) => g.group === item.group) ?? { name: item.group }),
          name: named(lang, item),
          rule: t(lang, RULE_NAMES[item.rule] ?? { zh: item.rule, en: item.rule }),
          maxPoints: item.maxPoints,
          points: item.points,
          fraction: item.fraction,
          self: item.self?.points ?? null,
          formula: item.explanation.formula,
        })),
      ),
    ),
  };
}
