import { type Indicator, type OrgUnit, type Plan, type PlanIndex, reportsOnTask } from '@kepu/core';
import type { Bilingual } from '../i18n.js';
import { shown } from './cell-values.js';
import { SUMMARY_TASK, type TemplateColumnKey } from './columns.js';
import type { SourceRow } from './source-row.js';

/** What the checks of one file share: the plan, its index, its years, the units assessed. */
export interface RowContext {
  readonly plan: Plan;
  readonly index: PlanIndex;
  readonly periods: ReadonlySet<string>;
  readonly assessed: ReadonlySet<string>;
  /** `--period`: rows without a period take it; rows of another period are errors. */
  readonly period?: string;
}

/** Records a problem with a cell of the row being checked. */
export type FlagCell = (key: TemplateColumnKey, reason: Bilingual) => void;

/**
 * The references of a row resolved against the plan: its period, unit, task (`null` for the
 * unit's summary, `undefined` when unknown), indicator and category ids. What does not resolve is
 * flagged at its cell and left `undefined`.
 */
export interface ResolvedRow {
  readonly period: string | undefined;
  readonly unit: OrgUnit | undefined;
  readonly task: string | null | undefined;
  readonly indicator: Indicator | undefined;
  /** `undefined` when a category did not resolve. */
  readonly category: Record<string, string> | undefined;
}

function periodOf(row: SourceRow, context: RowContext, bad: FlagCell): string | undefined {
  const raw = row.cells.period?.value ?? context.period;
  const period = raw === undefined ? undefined : shown(raw);
  const { periods } = context;
  if (period === undefined) bad('period', { zh: '缺少填报期间', en: 'the period is missing' });
  else if (!periods.has(period)) {
    bad('period', {
      zh: `“${period}”不是本计划的年度（${[...periods].join('、')}）`,
      en: `"${period}" is not a year of the plan (${[...periods].join(', ')})`,
    });
  } else if (context.period !== undefined && row.cells.period && period !== context.period) {
    bad('period', { zh: `与 --period ${context.period} 不一致`, en: `differs from --period ${context.period}` });
  }
  return period;
}

function unitOf(row: SourceRow, { index }: RowContext, bad: FlagCell): OrgUnit | undefined {
  const raw = row.cells.unit ? shown(row.cells.unit.value) : undefined;
  const id = raw === undefined ? undefined : index.units.has(raw) ? raw : index.unitByName.get(raw);
  const unit = id === undefined ? undefined : index.units.get(id);
  if (raw === undefined) bad('unit', { zh: '缺少单位编号', en: 'the unit is missing' });
  else if (!unit) bad('unit', { zh: `没有编号或名称为“${raw}”的单位`, en: `no unit with the id or name "${raw}"` });
  else if (unit.kind === 'group') {
    bad('unit', {
      zh: `“${unit.name}”是单位组，请填其中的具体单位`,
      en: `"${unit.id}" is a group: name one of its member units`,
    });
  }
  return unit;
}

function taskOf(row: SourceRow, context: RowContext, unit: OrgUnit | undefined, bad: FlagCell) {
  const { index, plan } = context;
  const raw = row.cells.task ? shown(row.cells.task.value) : '';
  let task: string | null | undefined = null;
  if (raw !== '' && raw !== SUMMARY_TASK.zh && raw.toLowerCase() !== SUMMARY_TASK.en) {
    const byPath = index.nodes.get(raw);
    const found = byPath?.kind === 'task' ? byPath.task : index.tasks.find(({ task: x }) => x.code === raw)?.task;
    task = found?.path;
    if (!found) bad('task', { zh: `没有编号为“${raw}”的任务`, en: `no task "${raw}"` });
  }
  if (unit && unit.kind !== 'group' && task !== undefined) {
    if (task !== null && !reportsOnTask(plan, unit.id, task)) {
      bad('task', {
        zh: `${unit.name}既不牵头也不配合任务 ${task}，也没有本辖区的牵头责任`,
        en: `${unit.id} neither leads nor partners task ${task}, nor has a lead duty on it for its own area`,
      });
    } else if (task === null && !context.assessed.has(unit.id)) {
      bad('task', {
        zh: `${unit.name}不是被考核单位，不报送年度总结`,
        en: `${unit.id} is not assessed and files no summary`,
      });
    }
  }
  return task;
}

function indicatorOf(row: SourceRow, { index }: RowContext, hasFigure: boolean, bad: FlagCell) {
  const raw = row.cells.indicator ? shown(row.cells.indicator.value) : undefined;
  const indicator = raw === undefined ? undefined : index.indicators.get(raw);
  if (hasFigure) {
    if (raw === undefined) bad('indicator', { zh: '填了数值但缺少指标编号', en: 'a figure without an indicator' });
    else if (!indicator) bad('indicator', { zh: `没有编号为“${raw}”的指标`, en: `no indicator "${raw}"` });
  }
  return indicator;
}

/** Reads the category cell: `dimension=category` pairs or category names, separated by commas. */
function categoryOf(row: SourceRow, indicator: Indicator | undefined, bad: FlagCell) {
  const category: Record<string, string> = {};
  if (!row.cells.category || !indicator) return category;
  const parts = shown(row.cells.category.value)
    .split(/[,，、;；]/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const part of parts) {
    const [left, right] = part.includes('=') ? (part.split('=', 2) as [string, string]) : [undefined, part];
    const dims = left === undefined ? indicator.dimensions : indicator.dimensions.filter((d) => d.id === left.trim());
    const match = dims
      .flatMap((d) => d.categories.map((c) => ({ d, c })))
      .find(({ c }) => c.id === right.trim() || c.name === right.trim() || c.nameEn === right.trim());
    if (!match) {
      bad('category', {
        zh: `指标“${indicator.name}”没有分类“${part}”`,
        en: `indicator ${indicator.id} has no category "${part}"`,
      });
      return undefined;
    }
    category[match.d.id] = match.c.id;
  }
  return category;
}

/** Resolves the period, unit, task, indicator and category of a row, flagging what does not resolve. */
export function resolveRow(row: SourceRow, context: RowContext, hasFigure: boolean, bad: FlagCell): ResolvedRow {
  const period = periodOf(row, context, bad);
  const unit = unitOf(row, context, bad);
  const task = taskOf(row, context, unit, bad);
  const indicator = indicatorOf(row, context, hasFigure, bad);
  return { period, unit, task, indicator, category: categoryOf(row, indicator, bad) };
}
