import type ExcelJS from 'exceljs';
import { t } from '../i18n.js';
import { loadExcelJS } from '../internal/load-modules.js';
import { workbookBytes } from '../internal/workbook-bytes.js';
import { displayWidth } from '../width.js';
import { formatReportValue } from './format-report-value.js';
import type { ReportModel, ReportTable } from './report-model.js';

/** Excel number formats by cell kind; `number` cells pick theirs by value. */
export const NUMBER_FORMATS = {
  integer: '0',
  integerGrouped: '#,##0',
  decimal: '#,##0.00',
  score: '0.00',
  percent: '0.0%',
} as const;

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } } as const;
const THIN = { style: 'thin', color: { argb: 'FFB7C4D6' } } as const;

/**
 * A column width (in Excel's character units) that fits the widest cell: Chinese characters count
 * twice, as they are drawn twice as wide as digits. Capped so that long texts wrap instead.
 *
 * @example
 * ```ts
 * import { excelWidth } from '@kepu/reports';
 * excelWidth(['县科协', '12.5']); // 8
 * ```
 */
export function excelWidth(texts: readonly string[], max = 60): number {
  let widest = 4;
  for (const text of texts) for (const line of text.split('\n')) widest = Math.max(widest, displayWidth(line));
  const width = Math.min(max, widest + 2);
  // ExcelJS leaves a column of exactly its default width (9) out of the file; readers then see none.
  return width === 9 ? 9.5 : width;
}

function addTable(workbook: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = workbook.addWorksheet(table.title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = table.columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: excelWidth([c.header, ...table.rows.map((r) => formatReportValue(r[c.key] ?? null, c))]),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { bottom: THIN };
  });
  for (const row of table.rows) {
    const added = sheet.addRow(table.columns.map((c) => row[c.key] ?? null));
    table.columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      const value = row[c.key] ?? null;
      if (value === null) {
        // Missing is missing: a text that says so, never an empty cell a formula would read as 0.
        cell.value = c.missing ?? '—';
        cell.alignment = { horizontal: 'center' };
        cell.font = { color: { argb: 'FF7F7F7F' } };
        return;
      }
      if (typeof value === 'number') {
        cell.numFmt =
          c.kind === 'percent'
            ? NUMBER_FORMATS.percent
            : c.kind === 'score'
              ? NUMBER_FORMATS.score
              : c.kind === 'integer'
                ? NUMBER_FORMATS.integer
                : Number.isInteger(value)
                  ? NUMBER_FORMATS.integerGrouped
                  : NUMBER_FORMATS.decimal;
      } else if (displayWidth(value) > 60) {
        cell.alignment = { wrapText: true, vertical: 'top' };
      }
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
}

/**
 * The report as an Excel workbook: an information sheet (county, plan, period, scheme, its hash,
 * rules version), then one sheet per view — targets, tasks with leads and partners, each score
 * sheet's units, the item breakdown — with headers in the report's language, the header row
 * frozen, number, score and percent formats on the cells, and widths that fit Chinese text.
 * Missing values are written as text (— / 未评估), never as 0 or blank.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { buildReport, reportToXlsx } from '@kepu/reports';
 * await writeFile('report.xlsx', await reportToXlsx(buildReport(card, plan, { lang: 'zh', source })));
 * ```
 */
export async function reportToXlsx(report: ReportModel): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'Kepu';
  // A fixed date keeps the file the same for the same report.
  workbook.created = new Date(`${report.asOf}T00:00:00Z`);
  workbook.modified = workbook.created;
  const lang = report.lang;
  const info = workbook.addWorksheet(t(lang, { zh: '报告信息', en: 'About' }), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  const infoRows: Array<[string, string]> = [
    [t(lang, { zh: '县', en: 'County' }), report.county],
    [t(lang, { zh: '报告', en: 'Report' }), report.title],
    [t(lang, { zh: '实施方案', en: 'Plan' }), report.plan.title],
    [t(lang, { zh: '考核年度', en: 'Period' }), String(report.period)],
    [t(lang, { zh: '数据截至', en: 'Data as of' }), report.asOf],
    [
      t(lang, { zh: '考核方案', en: 'Scheme' }),
      `${report.scheme.name}（${report.scheme.id} ${report.scheme.version}）`,
    ],
    [t(lang, { zh: '方案哈希', en: 'Scheme hash' }), report.scheme.hash],
    [t(lang, { zh: '规则版本', en: 'Rules version' }), report.rulesVersion],
    [t(lang, { zh: '输入数据哈希', en: 'Inputs hash' }), report.inputsHash],
    [
      t(lang, { zh: '考核记录', en: 'Assessment' }),
      report.source.kind === 'run'
        ? t(lang, {
            zh: `第 ${report.source.run} 次考核，运行于 ${report.source.ranAt}`,
            en: `run ${report.source.run}, made ${report.source.ranAt}`,
          })
        : t(lang, { zh: '按当前数据即时计算（未保存）', en: 'computed from the current records (not stored)' }),
    ],
    ...report.highlights.map((h, i): [string, string] => [i === 0 ? t(lang, { zh: '要点', en: 'Highlights' }) : '', h]),
    ...report.tables.flatMap((table): Array<[string, string]> => (table.note ? [[table.title, table.note]] : [])),
  ];
  info.columns = [
    { header: t(lang, { zh: '项目', en: 'Field' }), key: 'k', width: excelWidth(infoRows.map((r) => r[0])) },
    {
      header: t(lang, { zh: '内容', en: 'Value' }),
      key: 'v',
      width: excelWidth(
        infoRows.map((r) => r[1]),
        90,
      ),
    },
  ];
  info.getRow(1).font = { bold: true };
  info.getRow(1).eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  for (const row of infoRows) info.addRow(row);
  for (const table of report.tables) addTable(workbook, table);
  return workbookBytes(workbook);
}
