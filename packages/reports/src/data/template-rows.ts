import { type AssessmentScheme, assessedUnits, indexPlan, type Plan, reportsOnTask, sheetMembers } from '@kepu/core';
import { type Lang, t } from '../i18n.js';
import { categoryText } from './columns.js';

/**
 * One row of a reporting template: a unit, a task (or `null`: the unit's summary report) and an
 * indicator with its category (or `null`: a row for the narrative only), with the names that help
 * the person filling it in.
 *
 * @example
 * ```ts
 * import { templateRows } from '@kepu/reports';
 * const rows = templateRows(plan, scheme, '2025');
 * rows.find((r) => r.task === '4.3.3')?.category; // { level: 'provincial' }
 * ```
 */
export interface TemplateRow {
  readonly period: string;
  readonly unit: string;
  readonly unitName: string;
  readonly task: string | null;
  readonly taskTitle: string;
  readonly indicator: string | null;
  readonly indicatorName: string;
  readonly category: Readonly<Record<string, string>> | null;
  readonly categoryName: string;
  readonly measure: string;
  readonly valueType: 'number' | 'rate' | 'boolean' | 'custom' | null;
}

/**
 * The rows a period's reporting template asks for, from the plan and its scheme, one per unit ×
 * task × indicator:
 * 1. every lead of every task, and every unit the task gives a lead duty for its own area
 *    (`areaLeads`), for each indicator (and category) of the task's measurable targets, or one
 *    narrative row when the task has none;
 * 2. every unit a score sheet assesses on its own figures (a target source with `scope: 'own'`),
 *    on its summary report;
 * 3. measurable targets tied to no task (a goal clause, a safeguard), on the summary report of the
 *    unit that coordinates the plan;
 * 4. a narrative row for the summary report of every other assessed unit.
 * Pure.
 *
 * @example
 * ```ts
 * import { templateRows } from '@kepu/reports';
 * import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
 * templateRows(zhengningPlan, zhengningScheme, '2025').length;
 * ```
 */
export function templateRows(plan: Plan, scheme: AssessmentScheme, period: string, lang: Lang = 'zh'): TemplateRow[] {
  const index = indexPlan(plan);
  const name = (x: { name: string; nameEn?: string | undefined }) => (lang === 'en' ? (x.nameEn ?? x.name) : x.name);
  const rows: TemplateRow[] = [];
  const seen = new Set<string>();
  const add = (
    unit: string,
    task: string | null,
    indicatorId: string | null,
    category: Record<string, string> | null,
  ) => {
    const key = `${unit}|${task ?? ''}|${indicatorId ?? ''}|${categoryText(category)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const u = index.units.get(unit);
    const node = task === null ? undefined : index.nodes.get(task);
    const indicator = indicatorId === null ? undefined : index.indicators.get(indicatorId);
    const categoryName = Object.entries(category ?? {})
      .map(([dim, cat]) => {
        const d = indicator?.dimensions.find((x) => x.id === dim);
        const c = d?.categories.find((x) => x.id === cat);
        return c ? name(c) : cat;
      })
      .join('、');
    rows.push({
      period,
      unit,
      unitName: u ? name(u) : unit,
      task,
      taskTitle:
        node?.kind === 'task'
          ? `${node.task.code} ${lang === 'en' ? (node.task.titleEn ?? node.task.title) : node.task.title}`
          : t(lang, { zh: '年度工作总结', en: 'yearly summary' }),
      indicator: indicatorId,
      indicatorName: indicator ? name(indicator) : t(lang, { zh: '（只填工作情况说明）', en: '(narrative only)' }),
      category,
      categoryName,
      measure: indicator
        ? indicator.valueType === 'rate'
          ? t(lang, { zh: '分子/分母', en: 'numerator/denominator' })
          : lang === 'en'
            ? (indicator.unitEn ?? indicator.unit)
            : indicator.unit
        : '',
      // A plugin's custom kind of indicator is reported as a value, like a number.
      valueType:
        !indicator || indicator.valueType === 'judgement'
          ? null
          : indicator.valueType === 'custom'
            ? 'number'
            : indicator.valueType,
    });
  };
  const measurable = plan.targets.filter((x) => x.kind === 'quantitative');
  for (const { task } of index.tasks) {
    // The leads, and the units a task gives a lead duty for their own area (the townships on the
    // seed's 三（二）3), as far as the shared rule says they report on it.
    const kinds = new Set<string>((task.areaLeads ?? []).map((duty) => duty.unitKind));
    const areaLeads = plan.orgUnits.filter((u) => kinds.has(u.kind) && reportsOnTask(plan, u.id, task.path));
    const leads = [...task.leads.flatMap((id) => index.groupMembers.get(id) ?? [id]), ...areaLeads.map((u) => u.id)];
    const linked = measurable.filter((x) => x.links.includes(task.path));
    for (const unit of leads) {
      if (linked.length === 0) add(unit, task.path, null, null);
      for (const target of linked) add(unit, task.path, target.indicator, target.category ?? null);
    }
  }
  for (const sheet of scheme.sheets) {
    const members = sheetMembers(plan, sheet);
    for (const group of sheet.groups) {
      for (const item of group.items) {
        for (const source of item.sources) {
          if (source.kind !== 'target' || source.scope !== 'own') continue;
          const target = index.targets.get(source.target);
          if (!target) continue;
          for (const unit of members) add(unit, null, target.indicator, target.category ?? null);
        }
      }
    }
  }
  const organisation = plan.safeguards.find((s) => s.kind === 'organisation');
  const coordinator = organisation?.kind === 'organisation' ? organisation.coordinator : undefined;
  if (coordinator !== undefined) {
    for (const target of measurable) {
      if (target.links.some((l) => index.nodes.get(l)?.kind === 'task')) continue;
      add(coordinator, null, target.indicator, target.category ?? null);
    }
  }
  for (const unit of assessedUnits(plan, scheme)) {
    if (!rows.some((r) => r.unit === unit && r.task === null)) add(unit, null, null, null);
  }
  return rows;
}
