import { t } from '../i18n.js';
import type { ReportChart } from './charts.js';
import { formatReportValue } from './format-report-value.js';
import type { ReportModel, ReportTable } from './report-model.js';

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

// Colours of the Okabe–Ito palette (as in @kepu/charts), by target status and by grade.
const STATUS_CLASS: Record<string, string> = {
  achieved: 'ok',
  'on-track': 'ok',
  'needs-acceleration': 'warn',
  'limited-progress': 'warn',
  deteriorating: 'bad',
  'not-achieved': 'bad',
  'insufficient-data': 'muted',
  'no-data': 'muted',
};

const CSS = `
@page { size: A4; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 186mm; padding: 8mm 0; color: #1f2328; background: #fff;
  font: 10pt/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
header.masthead { border-bottom: 2px solid #b22222; padding-bottom: 4mm; margin-bottom: 5mm; text-align: center; }
.county { font-size: 22pt; font-weight: 700; letter-spacing: 0.3em; color: #b22222; margin: 0; }
h1 { font-size: 15pt; margin: 2mm 0 1mm; }
.subtitle { margin: 0; color: #444; }
.meta { margin: 2mm 0 0; font-size: 9pt; color: #555; }
h2 { font-size: 12.5pt; border-left: 4px solid #0072b2; padding-left: 2mm; margin: 7mm 0 3mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 2mm; break-after: avoid; }
ul.highlights { margin: 0; padding-left: 5mm; }
figure { margin: 0 0 3mm; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
.grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2mm; }
table { width: 100%; border-collapse: collapse; font-size: 8pt; line-height: 1.35; margin-bottom: 3mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #c9d3df; padding: 0.8mm 1.2mm; vertical-align: top; }
th { background: #dce6f1; font-weight: 700; text-align: center; word-break: keep-all; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
td.missing { color: #8a8a8a; text-align: center; white-space: nowrap; }
td.wide { min-width: 8em; }
td.note { font-size: 7.5pt; color: #444; min-width: 6.5em; }
ol.legend { font-size: 8pt; color: #444; margin: 0 0 3mm; padding-left: 6mm; columns: 2; }
.ok { color: #006b4f; font-weight: 700; }
.warn { color: #a35a00; font-weight: 700; }
.bad { color: #b22222; font-weight: 700; }
.muted { color: #6b6b6b; }
:lang(en) .county { letter-spacing: 0.05em; }
:lang(en) td.note { min-width: 0; }
:lang(en) td.wide { min-width: 6em; }
footer { margin-top: 6mm; border-top: 1px solid #c9d3df; padding-top: 2mm; font-size: 8pt; color: #555; word-break: break-all; }
@media screen { body { padding: 10mm 12mm; box-shadow: 0 0 4mm #ccc; margin: 6mm auto; max-width: 210mm; } }
`;

/** Columns whose text is short and reads badly when broken across lines. */
const NOWRAP = new Set(['unit', 'grade', 'status', 'forecastMeets', 'code', 'rank', 'sheet']);
/** Columns of long text, set smaller. */
const NOTES = new Set(['notes', 'explanation', 'formula', 'basis']);

function tableHtml(table: ReportTable, lang: 'zh' | 'en', options: { caption?: string } = {}): string {
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c.header)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cells = table.columns.map((c) => {
        const value = row[c.key] ?? null;
        const text = escapeHtml(formatReportValue(value, c));
        if (value === null) return `<td class="missing">${text}</td>`;
        if (c.key === 'status' && typeof row.statusId === 'string') {
          return `<td${lang === 'en' ? '' : ' class="nowrap"'}><span class="${STATUS_CLASS[row.statusId] ?? ''}">${text}</span></td>`;
        }
        if (c.kind !== 'text') return `<td class="num">${text}</td>`;
        if (NOWRAP.has(c.key)) return `<td class="nowrap">${text}</td>`;
        if (NOTES.has(c.key)) return `<td class="note">${text}</td>`;
        return c.key === 'title' ? `<td class="wide">${text}</td>` : `<td>${text}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table id="table-${escapeHtml(table.id)}" data-view="${escapeHtml(table.id)}">
${options.caption ? `<caption>${escapeHtml(options.caption)}</caption>\n` : ''}<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>${table.note ? `\n<p class="note" data-field="default-rules">${escapeHtml(table.note)}</p>` : ''}`;
}

/**
 * The item breakdown as score sheets (评分表): per sheet, one row per unit and one column per
 * item (numbered, with a legend), the points earned in each cell, 未评估 where an item has no data.
 * The same numbers as the long table of the Excel and Markdown reports, laid out to print.
 */
function itemMatrices(items: ReportTable, lang: 'zh' | 'en'): string {
  const pointsColumn = items.columns.find((c) => c.key === 'points');
  const bySheet = new Map<string, Array<Readonly<Record<string, unknown>>>>();
  for (const row of items.rows) {
    const list = bySheet.get(String(row.sheet)) ?? [];
    list.push(row);
    bySheet.set(String(row.sheet), list);
  }
  const out: string[] = [];
  for (const [sheet, rows] of bySheet) {
    const itemIds: string[] = [];
    const itemInfo = new Map<string, { name: string; max: unknown }>();
    for (const r of rows) {
      const id = String(r.item);
      if (!itemInfo.has(id)) {
        itemIds.push(id);
        itemInfo.set(id, { name: String(r.name), max: r.maxPoints });
      }
    }
    const units: string[] = [];
    const cell = new Map<string, Readonly<Record<string, unknown>>>();
    for (const r of rows) {
      if (!units.includes(String(r.unit))) units.push(String(r.unit));
      cell.set(`${r.unit}|${r.item}`, r);
    }
    const head = `<th scope="col">${escapeHtml(t(lang, { zh: '单位', en: 'Unit' }))}</th>${itemIds
      .map((id, i) => `<th scope="col" title="${escapeHtml(itemInfo.get(id)?.name ?? id)}">${i + 1}</th>`)
      .join('')}`;
    const body = units
      .map((unit) => {
        const cells = itemIds.map((id) => {
          const r = cell.get(`${unit}|${id}`);
          if (!r) return '<td class="missing">—</td>';
          const value = (r.points ?? null) as number | null;
          const text = escapeHtml(pointsColumn ? formatReportValue(value, pointsColumn) : String(value));
          return value === null ? `<td class="missing">${text}</td>` : `<td class="num">${text}</td>`;
        });
        return `<tr><td class="nowrap">${escapeHtml(unit)}</td>${cells.join('')}</tr>`;
      })
      .join('\n');
    out.push(
      `<h3>${escapeHtml(sheet)}</h3>`,
      `<table data-view="items-matrix" data-sheet="${escapeHtml(sheet)}">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`,
      `<ol class="legend">${itemIds
        .map((id) => {
          const info = itemInfo.get(id);
          return `<li>${escapeHtml(info?.name ?? id)}（${escapeHtml(String(info?.max ?? ''))}${escapeHtml(t(lang, { zh: ' 分', en: ' pts' }))}）</li>`;
        })
        .join('')}</ol>`,
    );
  }
  return out.join('\n');
}

const figure = (chart: ReportChart | undefined) =>
  chart
    ? `<figure data-chart="${escapeHtml(chart.id)}" aria-label="${escapeHtml(chart.title)}">${chart.svg}</figure>`
    : '';

/**
 * The report as one self-contained HTML page, printable on A4 (print CSS: page size and margins,
 * repeated table headers, no row split across pages): the county's masthead, the highlights, the
 * charts as inline SVG, the tables of every view, and a footer with the scheme, its hash, the
 * rules version and the inputs hash. No script, no external file. Missing values read — or
 * 未评估, never 0.
 *
 * @example
 * ```ts
 * import { buildReport, reportCharts, reportToHtml } from '@kepu/reports';
 * const html = reportToHtml(buildReport(card, plan, { lang: 'zh', source }), reportCharts(card, plan, scheme, 'zh'));
 * ```
 */
export function reportToHtml(report: ReportModel, charts: readonly ReportChart[]): string {
  const lang = report.lang;
  const table = (id: string) => report.tables.find((x) => x.id === id);
  const targetCharts = charts.filter((c) => c.id.startsWith('target:'));
  const [headline, ...small] = targetCharts;
  const sections: string[] = [];
  let n = 0;
  const numeral = (i: number) => (lang === 'en' ? `${i}. ` : `${'一二三四五六七八九十'[i - 1] ?? i}、`);
  const section = (title: string, body: string) => {
    n++;
    sections.push(`<section>\n<h2>${numeral(n)}${escapeHtml(title)}</h2>\n${body}\n</section>`);
  };
  const targets = table('targets');
  if (targets) {
    section(
      targets.title,
      [
        figure(headline),
        small.length ? `<div class="grid">${small.map(figure).join('')}</div>` : '',
        tableHtml(targets, lang),
      ].join('\n'),
    );
  }
  for (const sheetTable of report.tables.filter((x) => x.id !== 'targets' && x.id !== 'tasks' && x.id !== 'items')) {
    const sheetId =
      sheetTable.id === 'departments'
        ? 'department'
        : sheetTable.id === 'townships'
          ? 'township'
          : sheetTable.id.replace(/^sheet-/, '');
    section(
      t(lang, { zh: `${sheetTable.title}考核排名`, en: `${sheetTable.title}: ranking` }),
      [figure(charts.find((c) => c.id === `ranking:${sheetId}`)), tableHtml(sheetTable, lang)].join('\n'),
    );
  }
  const tasks = table('tasks');
  if (tasks) section(t(lang, { zh: '任务完成情况', en: 'Tasks' }), tableHtml(tasks, lang));
  const items = table('items');
  if (items) {
    section(
      items.title,
      `${itemMatrices(items, lang)}\n<p class="meta">${escapeHtml(
        t(lang, {
          zh: '各项得分的计算过程（计分方法、公式、自评分）见 Excel 报告的“考核明细”工作表。',
          en: 'How each item was scored (rule, formula, self-score) is in the Item breakdown sheet of the Excel report.',
        }),
      )}</p>`,
    );
  }

  const source =
    report.source.kind === 'run'
      ? t(lang, {
          zh: `第 ${report.source.run} 次考核（${report.source.ranAt.slice(0, 10)} 运行）`,
          en: `assessment run ${report.source.run} (made ${report.source.ranAt.slice(0, 10)})`,
        })
      : t(lang, { zh: '按当前数据即时计算（未保存）', en: 'computed from the current records (not stored)' });
  return `<!DOCTYPE html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="masthead">
<p class="county">${escapeHtml(report.county)}</p>
<h1>${escapeHtml(report.title)}</h1>
<p class="subtitle">${escapeHtml(report.subtitle)}</p>
<p class="meta">${escapeHtml(
    t(lang, {
      zh: `考核年度：${report.period}　数据截至：${report.asOf}　${source}`,
      en: `Period: ${report.period} · Data as of ${report.asOf} · ${source}`,
    }),
  )}</p>
</header>
<section>
<h2>${escapeHtml(t(lang, { zh: '要点', en: 'Highlights' }))}</h2>
<ul class="highlights">
${report.highlights.map((h) => `<li>${escapeHtml(h)}</li>`).join('\n')}
</ul>
</section>
${sections.join('\n')}
<footer>
<p>${escapeHtml(t(lang, { zh: '考核方案', en: 'Scheme' }))}：${escapeHtml(report.scheme.name)}（${escapeHtml(report.scheme.id)}，${escapeHtml(t(lang, { zh: '版本', en: 'version' }))} ${escapeHtml(report.scheme.version)}）</p>
<p>${escapeHtml(t(lang, { zh: '方案哈希', en: 'Scheme hash' }))}：<code data-field="scheme-hash">${escapeHtml(report.scheme.hash)}</code></p>
<p>${escapeHtml(t(lang, { zh: '规则版本', en: 'Rules version' }))}：<code data-field="rules-version">${escapeHtml(report.rulesVersion)}</code>　${escapeHtml(t(lang, { zh: '输入数据哈希', en: 'Inputs hash' }))}：<code>${escapeHtml(report.inputsHash)}</code></p>
<p>${escapeHtml(
    t(lang, {
      zh: '“—”“无数据”“未评估”表示没有数据，不等于 0。每个分数的计算过程见 kepu assess --json 的 explanations。由 Kepu 生成。',
      en: '“—”, “no data” and “not assessed” mean there is no data, which is not 0. Every score’s derivation is in the explanations of kepu assess --json. Made with Kepu.',
    }),
  )}</p>
</footer>
</body>
</html>
`;
}
