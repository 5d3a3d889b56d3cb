import { t } from '../i18n.js';
import { formatReportValue } from './format-report-value.js';
import type { ReportModel, ReportTable } from './report-model.js';

/**
 * Text from the plan, the scheme or the data as Markdown shows it: HTML in a name (a Markdown
 * renderer passes raw HTML through) is escaped, so it reads as text and never runs.
 */
const text = (value: string) => value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const cell = (value: string) => text(value).replaceAll('|', '\\|').replaceAll('\n', ' ');

function tableMarkdown(table: ReportTable): string {
  const align = table.columns.map((c) => (c.kind === 'text' ? '---' : '---:'));
  return [
    `| ${table.columns.map((c) => cell(c.header)).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...table.rows.map(
      (row) => `| ${table.columns.map((c) => cell(formatReportValue(row[c.key] ?? null, c))).join(' | ')} |`,
    ),
  ].join('\n');
}

/**
 * The report as Markdown: the same header, highlights, tables and footer as the HTML page, without
 * the charts. Missing values read — or 未评估.
 *
 * @example
 * ```ts
 * import { buildReport, reportToMarkdown } from '@kepu/reports';
 * process.stdout.write(reportToMarkdown(buildReport(card, plan, { lang: 'zh', source })));
 * ```
 */
export function reportToMarkdown(report: ReportModel): string {
  const lang = report.lang;
  const lines = [
    `# ${text(report.title)}`,
    '',
    text(report.subtitle),
    '',
    t(lang, {
      zh: `考核年度：${report.period}；数据截至：${report.asOf}`,
      en: `Period: ${report.period}; data as of ${report.asOf}`,
    }),
    '',
    `## ${t(lang, { zh: '要点', en: 'Highlights' })}`,
    '',
    ...report.highlights.map((h) => `- ${text(h)}`),
    '',
  ];
  for (const table of report.tables) {
    lines.push(`## ${text(table.title)}`, '', tableMarkdown(table), '');
    if (table.note) lines.push(text(table.note), '');
  }
  lines.push(
    '---',
    '',
    `${t(lang, { zh: '考核方案', en: 'Scheme' })}: ${text(report.scheme.name)} (${text(`${report.scheme.id} ${report.scheme.version}`)})  `,
    `${t(lang, { zh: '方案哈希', en: 'Scheme hash' })}: \`${report.scheme.hash}\`  `,
    `${t(lang, { zh: '规则版本', en: 'Rules version' })}: \`${report.rulesVersion}\`  `,
    `${t(lang, { zh: '输入数据哈希', en: 'Inputs hash' })}: \`${report.inputsHash}\``,
    '',
  );
  return lines.join('\n');
}
