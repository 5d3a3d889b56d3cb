import type { AssessmentScheme, Plan, Scorecard } from '@kepu/core';
import type { Lang } from '../i18n.js';
import { buildReport } from './build-report.js';
import { reportCharts } from './charts.js';
import { reportToHtml } from './html.js';
import { reportToMarkdown } from './markdown.js';
import type { ReportSource } from './report-model.js';
import { reportToXlsx } from './xlsx.js';

/**
 * The formats `kepu report` writes.
 *
 * @example
 * ```ts
 * import { REPORT_FORMATS } from '@kepu/reports';
 * REPORT_FORMATS; // ['xlsx', 'html', 'md', 'json']
 * ```
 */
export const REPORT_FORMATS = ['xlsx', 'html', 'md', 'json'] as const;

/**
 * One of {@link REPORT_FORMATS}.
 *
 * @example
 * ```ts
 * import type { ReportFormat } from '@kepu/reports';
 * const format: ReportFormat = 'xlsx';
 * ```
 */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * A scorecard as a report file's content in one format: the Excel workbook's bytes, or the HTML
 * page, the Markdown or the JSON (the report model) as text. Every format is drawn from the same
 * {@link buildReport} model.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { renderReport } from '@kepu/reports';
 * await writeFile('report.html', await renderReport('html', { card, plan, scheme, lang: 'zh', source: { kind: 'computed' } }));
 * ```
 */
export async function renderReport(
  format: ReportFormat,
  input: {
    readonly card: Scorecard;
    readonly plan: Plan;
    readonly scheme?: AssessmentScheme;
    readonly lang: Lang;
    readonly source: ReportSource;
  },
): Promise<Uint8Array | string> {
  const model = buildReport(input.card, input.plan, {
    lang: input.lang,
    source: input.source,
    ...(input.scheme ? { scheme: input.scheme } : {}),
  });
  switch (format) {
    // ExcelJS and ECharts load only when a format needs them (see internal/load-modules.ts).
    case 'xlsx':
      return reportToXlsx(model);
    case 'html':
      return reportToHtml(model, await reportCharts(input.card, input.plan, input.scheme, input.lang));
    case 'md':
      return reportToMarkdown(model);
    case 'json':
      return `${JSON.stringify(model, null, 2)}\n`;
  }
}
