import { type AssessmentScheme, indexPlan, type Plan, periodBounds } from '@kepu/core';
import { type Lang, t } from '../i18n.js';
import { loadExcelJS } from '../internal/load-modules.js';
import { workbookBytes } from '../internal/workbook-bytes.js';
import { excelWidth } from '../report/xlsx.js';
import {
  categoryText,
  columnLetter,
  SCOPE_WORDS,
  SUMMARY_TASK,
  TEMPLATE_COLUMNS,
  type TemplateColumnKey,
} from './columns.js';
import { templateRows } from './template-rows.js';

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
 * import { templateToXlsx } from '@kepu/reports';
 * await writeFile('template-2025.xlsx', await templateToXlsx(plan, scheme, '2025', 'zh'));
 * ```
 */
export async function templateToXlsx(
  plan: Plan,
  scheme: AssessmentScheme,
  period: string,
  lang: Lang,
): Promise<Uint8Array> {
  const index = indexPlan(plan);
  const rows = templateRows(plan, scheme, period, lang);
  const bounds = periodBounds(period);
  const workbook = new (await loadExcelJS()).Workbook();
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
        (c.key === 'value' && row.valueType !== null) ||
        ((c.key === 'numerator' || c.key === 'denominator') && row.valueType === 'rate') ||
        // A published figure (a province's survey rate) with its source and interval.
        ((c.key === 'source' || c.key === 'low' || c.key === 'high' || c.key === 'margin') && row.valueType !== null) ||
        ((c.key === 'date' || c.key === 'scope') && row.valueType !== null) ||
        c.key === 'narrative' ||
        c.key === 'note';
      cell.fill = fillable ? INPUT : GREY;
    }
    const n = added.number;
    const at = (key: TemplateColumnKey) => `${columnLetter(col(key))}${n}`;
    // A list to pick from: one of the template's own values, or a range of the 代码表 sheet.
    const pick = (key: TemplateColumnKey, formula: string, allowBlank: boolean, error?: readonly [string, string]) => {
      data.getCell(at(key)).dataValidation = {
        type: 'list',
        allowBlank,
        formulae: [formula],
        showErrorMessage: true,
        ...(error ? { error: message(...error) } : {}),
      };
    };
    pick('period', `"${period}"`, false, [`本模板只用于 ${period} 年度`, `This template is for ${period} only`]);
    pick('unit', list('A', units.length), false, ['请从代码表选择单位编号', 'Pick a unit id from the Codes sheet']);
    pick('task', list('C', tasks.length), false, [
      '请从代码表选择任务编号，或填“总结”',
      'Pick a task from the Codes sheet, or summary',
    ]);
    pick('indicator', list('D', indicators.length), true, [
      '请从代码表选择指标编号',
      'Pick an indicator id from the Codes sheet',
    ]);
    pick('category', list('E', categories.length), true);
    pick('scope', `"${SCOPE_WORDS.county.zh},${SCOPE_WORDS.own.zh}"`, true, [
      '数据口径填“全县”（全县数据）或“本单位”（本单位自身数据），或留空',
      'Scope is 全县 (a county-wide figure) or 本单位 (the unit’s own), or blank',
    ]);
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
        : row.valueType === 'rate'
          ? {
              ...nonNegative,
              prompt: message(
                '比例类指标：有分子分母时填分子分母，此格留空；只有上级公布的比例时，在此填公布的百分比，并填写“公布来源”',
                'A rate: give Numerator and Denominator and leave this blank; with only a published rate, enter it here with its Published source',
              ),
            }
          : {
              ...nonNegative,
              prompt: message(
                `单位：${row.measure || '—'}；0 是有效数值，未统计请留空`,
                `Unit: ${row.measure || '—'}; 0 is a value, leave blank if unknown`,
              ),
            };
    data.getCell(at('source')).dataValidation = {
      type: 'textLength',
      operator: 'lessThanOrEqual',
      allowBlank: true,
      formulae: [200],
      showErrorMessage: true,
      showInputMessage: true,
      prompt: message(
        '上级公布的数值才填：公布单位和调查，如“某省科协 2024 年公民科学素质调查”',
        'Only for a published figure: who published it and from which survey',
      ),
      error: message('来源不超过 200 字', 'At most 200 characters'),
    };
    for (const key of ['low', 'high', 'margin'] as const) {
      data.getCell(at(key)).dataValidation = {
        ...nonNegative,
        prompt: message(
          '公布值的置信区间（下限、上限）或误差幅度（±），与数值同一单位；二者只填一种',
          'The published interval (low, high) or margin of error (±), in the value’s unit; give one of them',
        ),
      };
    }
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
    for (const key of ['value', 'numerator', 'denominator', 'low', 'high', 'margin'] as const) {
      data.getCell(at(key)).numFmt = '#,##0.##';
    }
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
      '只收到上级（省、市）公布的比例、没有原始数据时：在“数值”填公布的百分比，在“公布来源”写明公布单位和调查，有区间或误差的填“区间下限”“区间上限”或“误差幅度”；此时不填分子、分母。',
      'With only a rate published by the province or city (no microdata): enter it in Value, its source in Published source, and its interval (Interval low, Interval high) or Margin of error if published; leave Numerator and Denominator blank.',
    ),
    message(
      '“数据口径”：填报全县合计数的填“全县”，只填本单位自身数据的填“本单位”；全县数与各单位自身数不会相加，几个单位报送同一全县数据时只计一次。留空则按该目标的汇总规则理解。',
      'Scope: 全县 for a county-wide total, 本单位 for the unit’s own figure; a county total is never added to units’ own figures, and one county figure reported by several units counts once. Blank follows the target’s aggregation rule.',
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
  return workbookBytes(workbook);
}
