import { type AssessmentScheme, indexPlan, type Plan, periodBounds, sheetMembers } from '@kepu/core';
import ExcelJS from 'exceljs';
import { type Lang, t } from '../i18n.js';
import { excelWidth } from '../report/xlsx.js';
import { categoryText, columnLetter, SUMMARY_TASK, TEMPLATE_COLUMNS, type TemplateColumnKey } from './columns.js';

/**
 * One row of a reporting template: a unit, a task (or `null`: the unit's summary report) and an
 * indicator with its category (or `null`: a row for the narrative only), with the names that help
 * the person filling it in.
 *
 * @example
 * ```ts
 * import { templateRows } from '@kepu/cli';
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
 * 1. every lead of every task, for each indicator (and category) of the task's measurable targets,
 *    or one narrative row when the task has none;
 * 2. every unit a score sheet assesses on its own figures (a target source with `scope: 'own'`),
 *    on its summary report;
 * 3. measurable targets tied to no task (a goal clause, a safeguard), on the summary report of the
 *    unit that coordinates the plan;
 * 4. a narrative row for the summary report of every other assessed unit.
 * Pure.
 *
 * @example
 * ```ts
 * import { templateRows } from '@kepu/cli';
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
    const leads = task.leads.flatMap((id) => index.groupMembers.get(id) ?? [id]);
    const linked = measurable.filter((x) => x.links.includes(task.path));
    for (const unit of leads) {
      if (linked.length === 0) add(unit, task.path, null, null);
      for (const target of linked) add(unit, task.path, target.indicator, target.category ?? null);
    }
  }
  const assessed: string[] = [];
  for (const sheet of scheme.sheets) {
    const members = sheetMembers(plan, sheet);
    assessed.push(...members);
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
  for (const unit of assessed) {
    if (!rows.some((r) => r.unit === unit && r.task === null)) add(unit, null, null, null);
  }
  return rows;
}

const GREY = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;
const INPUT = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E5' } } as const;
const HEADER = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } } as const;

/**
 * A reporting template as an Excel workbook: a 填报 sheet with one row per {@link templateRows}
 * row (yellow cells to fill, grey cells for reference), data validation on every input cell —
 * lists of the plan's unit ids, task paths, indicator ids and categories (kept on a 代码表 sheet),
 * numbers not below 0, a denominator above 0, dates inside the period —, the header row frozen,
 * and a 填写说明 sheet. `kepu data import` reads it back.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { templateToXlsx } from '@kepu/cli';
 * await writeFile('template-2025.xlsx', await templateToXlsx(plan, scheme, '2025', 'zh'));
 * ```
 */
export async function templateToXlsx(
  plan: Plan,
  scheme: AssessmentScheme,
  period: string,
  lang: Lang,
): Promise<Buffer> {
  const index = indexPlan(plan);
  const rows = templateRows(plan, scheme, period, lang);
  const bounds = periodBounds(period);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kepu';
  workbook.created = new Date(`${bounds.start}T00:00:00Z`);
  workbook.modified = workbook.created;
  const data = workbook.addWorksheet(t(lang, { zh: '填报', en: 'Data' }), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  const help = workbook.addWorksheet(t(lang, { zh: '填写说明', en: 'How to fill in' }));
  const codes = workbook.addWorksheet(t(lang, { zh: '代码表', en: 'Codes' }));

  // Code lists for the validations.
  const units = plan.orgUnits.filter((u) => u.kind !== 'group').map((u) => u.id);
  const tasks = [t(lang, SUMMARY_TASK), ...index.tasks.map(({ task }) => task.path)];
  const indicators = plan.indicators.filter((i) => i.valueType !== 'judgement').map((i) => i.id);
  const categories = [
    ...new Set(plan.indicators.flatMap((i) => i.dimensions.flatMap((d) => d.categories.map((c) => `${d.id}=${c.id}`)))),
  ];
  codes.columns = [
    { header: t(lang, { zh: '单位编号', en: 'Unit id' }), key: 'unit', width: 22 },
    { header: t(lang, { zh: '单位名称', en: 'Unit' }), key: 'unitName', width: 30 },
    { header: t(lang, { zh: '任务编号', en: 'Task' }), key: 'task', width: 10 },
    { header: t(lang, { zh: '指标编号', en: 'Indicator id' }), key: 'indicator', width: 32 },
    { header: t(lang, { zh: '分类', en: 'Category' }), key: 'category', width: 28 },
  ];
  codes.getRow(1).font = { bold: true };
  const longest = Math.max(units.length, tasks.length, indicators.length, categories.length);
  for (let i = 0; i < longest; i++) {
    const unit = units[i];
    codes.addRow({
      unit: unit ?? null,
      unitName: unit ? (index.units.get(unit)?.name ?? null) : null,
      task: tasks[i] ?? null,
      indicator: indicators[i] ?? null,
      category: categories[i] ?? null,
    });
  }
  const codeSheet = `'${codes.name}'`;
  const list = (column: string, n: number) => `${codeSheet}!$${column}$2:$${column}$${Math.max(2, n + 1)}`;

  const width = (key: TemplateColumnKey, header: string) =>
    excelWidth([header, ...rows.map((r) => String((r as unknown as Record<string, unknown>)[key] ?? ''))], 44);
  data.columns = TEMPLATE_COLUMNS.map((c) => ({
    key: c.key,
    header: t(lang, c.header),
    width: c.key === 'category' ? 20 : c.key === 'narrative' ? 40 : Math.max(10, width(c.key, t(lang, c.header))),
  }));
  const head = data.getRow(1);
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  head.eachCell((cell) => {
    cell.fill = HEADER;
  });
  const col = (key: TemplateColumnKey) => TEMPLATE_COLUMNS.findIndex((c) => c.key === key) + 1;
  const message = (zh: string, en: string) => t(lang, { zh, en });
  for (const row of rows) {
    const added = data.addRow({
      period: row.period,
      unit: row.unit,
      unitName: row.unitName,
      task: row.task ?? t(lang, SUMMARY_TASK),
      taskTitle: row.taskTitle,
      indicator: row.indicator ?? '',
      indicatorName: row.indicatorName,
      category: categoryText(row.category),
      measure: row.category ? `${row.measure}（${row.categoryName}）` : row.measure,
    });
    for (const c of TEMPLATE_COLUMNS) {
      const cell = added.getCell(col(c.key));
      const fillable =
        (c.key === 'value' && (row.valueType === 'number' || row.valueType === 'boolean')) ||
        ((c.key === 'numerator' || c.key === 'denominator') && row.valueType === 'rate') ||
        (c.key === 'date' && row.valueType !== null) ||
        c.key === 'narrative' ||
        c.key === 'note';
      cell.fill = fillable ? INPUT : GREY;
    }
    const n = added.number;
    const at = (key: TemplateColumnKey) => `${columnLetter(col(key))}${n}`;
    data.getCell(at('period')).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${period}"`],
      showErrorMessage: true,
      error: message(`本模板只用于 ${period} 年度`, `This template is for ${period} only`),
    };
    data.getCell(at('unit')).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [list('A', units.length)],
      showErrorMessage: true,
      error: message('请从代码表选择单位编号', 'Pick a unit id from the Codes sheet'),
    };
    data.getCell(at('task')).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [list('C', tasks.length)],
      showErrorMessage: true,
      error: message('请从代码表选择任务编号，或填“总结”', 'Pick a task from the Codes sheet, or summary'),
    };
    data.getCell(at('indicator')).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [list('D', indicators.length)],
      showErrorMessage: true,
      error: message('请从代码表选择指标编号', 'Pick an indicator id from the Codes sheet'),
    };
    data.getCell(at('category')).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [list('E', categories.length)],
      showErrorMessage: true,
    };
    const nonNegative = {
      type: 'decimal' as const,
      operator: 'greaterThanOrEqual' as const,
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      showInputMessage: true,
      error: message('请填不小于 0 的数字', 'Enter a number not below 0'),
    };
    data.getCell(at('value')).dataValidation =
      row.valueType === 'boolean'
        ? {
            type: 'whole',
            operator: 'between',
            allowBlank: true,
            formulae: [0, 1],
            showErrorMessage: true,
            error: message('完成填 1，未完成填 0', '1 for done, 0 for not done'),
          }
        : {
            ...nonNegative,
            prompt: message(
              `单位：${row.measure || '—'}；0 是有效数值，未统计请留空`,
              `Unit: ${row.measure || '—'}; 0 is a value, leave blank if unknown`,
            ),
          };
    data.getCell(at('numerator')).dataValidation = {
      ...nonNegative,
      prompt: message(
        '比例类指标：填分子（人数、个数），不要填百分比',
        'A rate: the numerator (a count), not a percentage',
      ),
    };
    data.getCell(at('denominator')).dataValidation = {
      type: 'decimal',
      operator: 'greaterThan',
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      error: message('分母须大于 0', 'The denominator must be above 0'),
    };
    data.getCell(at('date')).dataValidation = {
      type: 'date',
      operator: 'between',
      allowBlank: true,
      formulae: [new Date(`${bounds.start}T00:00:00Z`), new Date(`${bounds.end}T00:00:00Z`)],
      showErrorMessage: true,
      error: message(
        `日期须在 ${bounds.start} 至 ${bounds.end} 之间`,
        `The date must be from ${bounds.start} to ${bounds.end}`,
      ),
    };
    data.getCell(at('date')).numFmt = 'yyyy-mm-dd';
    for (const key of ['value', 'numerator', 'denominator'] as const) data.getCell(at(key)).numFmt = '#,##0.##';
  }

  help.columns = [{ header: t(lang, { zh: '填写说明', en: 'How to fill in' }), key: 'text', width: 100 }];
  help.getRow(1).font = { bold: true };
  for (const line of [
    message(
      `${plan.meta.title}：${period} 年度数据填报模板。`,
      `${plan.meta.titleEn ?? plan.meta.title}: reporting template for ${period}.`,
    ),
    message(
      '每行是一个单位在一项任务（或年度总结）上的一个指标；黄色单元格填写，灰色单元格为参考信息，导入时不读取。',
      'Each row is one unit’s figure for one indicator on one task (or its yearly summary); fill the yellow cells, the grey ones are for reference and are not read.',
    ),
    message(
      '数值类指标填“数值”；比例类指标填“分子”和“分母”（不要填百分比）。0 是有效数值；没有统计的请留空，不要填 0。',
      'Numbers go in Value; rates in Numerator and Denominator (never a percentage). 0 is a value; leave a cell blank when the figure is unknown.',
    ),
    message(
      '同一单位同一任务的各行合为一份报告；“工作情况说明”写在任意一行即可。',
      'The rows of one unit and one task make one report; write the narrative on any of them.',
    ),
    message(
      '导入：kepu data import <本文件> --db <数据库>。有错误的文件不会导入任何数据（加 --skip-invalid 则跳过错误行）；同一文件重复导入不会产生重复数据。',
      'Import with: kepu data import <this file> --db <database>. Nothing is imported from a file with errors (unless --skip-invalid); importing the same file twice creates no duplicates.',
    ),
  ]) {
    help.addRow({ text: line }).alignment = { wrapText: true };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}
