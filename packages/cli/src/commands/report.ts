import { extname, resolve } from 'node:path';
import { REPORT_FORMATS, type ReportFormat, renderReport } from '@kepu/reports';
import { type CommandSpec, UsageError } from '../command.js';
import { readCliAssessment } from '../db.js';
import { EXIT } from '../exit-codes.js';
import { describeSource } from '../format/assessment-source.js';
import { t } from '../i18n.js';
import { FORCE_OPTION, withOutputs } from '../safe-output.js';
import { DB_OPTIONS, outputOf, PLAN_OPTIONS, parseYear, planAndScheme, requireDb, withEngine } from './options.js';

function formatOf(value: unknown, out: string | undefined): ReportFormat {
  if (typeof value === 'string') return value as ReportFormat;
  const ext = out ? extname(out).slice(1).toLowerCase() : '';
  if (ext === 'xlsx' || ext === 'json') return ext;
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'md' || ext === 'markdown') return 'md';
  throw new UsageError({
    zh: '请用 --format xlsx|html|md|json 指定格式（或让 --out 的扩展名说明格式）。',
    en: 'Give --format xlsx|html|md|json (or an --out file whose extension says it).',
  });
}

/**
 * `kepu report --db <sqlite path | postgres url> --period <year> --format xlsx|html|md|json --out <file>`:
 * writes the year's assessment report — targets, tasks with leads and partners, every score
 * sheet's ranking, the item breakdown — as an Excel workbook, a printable A4 HTML page with
 * charts, Markdown or JSON. Reads the stored assessment run when it is current, else computes the
 * scorecard from the records. Markdown, JSON and HTML go to stdout without `--out`.
 *
 * @example
 * ```ts
 * import { createMemoryIO, runCli } from '@kepu/cli';
 * await runCli(['report', '--db', '.kepu/zhengning-demo.db', '--period', '2025', '--out', 'report.xlsx'], createMemoryIO());
 * ```
 */
export const reportCommand: CommandSpec = {
  path: ['report'],
  summary: {
    zh: '生成年度考核报告：Excel 工作簿、可打印的 A4 网页（含图表）、Markdown 或 JSON',
    en: 'write the year’s assessment report: Excel workbook, printable A4 HTML page with charts, Markdown or JSON',
  },
  usage:
    'kepu report --db <sqlite path | postgres url> --period <year> [--format xlsx|html|md|json] [--out <file>] [--force] [--plan <id>] [--scheme <scheme.json>] [--lang zh|en]',
  options: {
    ...DB_OPTIONS,
    period: { type: 'string', description: { zh: '考核年度，如 2025', en: 'the year, e.g. 2025' } },
    format: {
      type: 'string',
      choices: REPORT_FORMATS,
      description: {
        zh: '报告格式（缺省按 --out 的扩展名）',
        en: 'the format (default: from the --out extension)',
      },
    },
    out: {
      type: 'string',
      description: {
        zh: '输出文件（md/json/html 缺省写到标准输出）',
        en: 'the file to write (md, json and html go to stdout without it)',
      },
    },
    ...FORCE_OPTION,
    ...PLAN_OPTIONS,
  },
  details: {
    zh: '各格式内容相同；缺失的数据显示为“—”“无数据”或“未评估”，不显示为 0。页脚注明考核方案哈希与规则版本。详见 docs/reports.md。',
    en: 'Every format says the same; missing data reads —, no data or not assessed, never 0. The footer gives the scheme hash and rules version. See docs/reports.md.',
  },
  async run(args, { io, lang, json }) {
    const { values } = args;
    const dbRef = requireDb(values);
    const year = parseYear(values.period);
    const out = typeof values.out === 'string' ? resolve(io.cwd, values.out) : undefined;
    const format = formatOf(values.format, out);
    if (format === 'xlsx' && !out) {
      throw new UsageError({
        zh: 'Excel 报告需要 --out <file.xlsx>。',
        en: 'An Excel report needs --out <file.xlsx>.',
      });
    }
    const { plan, scheme } = await planAndScheme(values, io);
    // The file is checked and reserved before anything is computed.
    const outputs = out ? [await outputOf(out, args, io)] : [];
    return withOutputs(outputs, async ([file]) => {
      const content = await withEngine(dbRef, values, io, { plan, scheme, readOnly: true }, async (engine) => {
        const read = await readCliAssessment(engine, plan, scheme, year);
        io.error(describeSource(read, lang));
        return renderReport(format, { card: read.scorecard, plan, scheme, lang, source: read.source });
      });
      if (!file) {
        io.write(typeof content === 'string' ? content : new TextDecoder().decode(content));
        return EXIT.ok;
      }
      await file.write(content);
      io.write(
        json
          ? `${JSON.stringify({ format, out, period: year })}\n`
          : `${t(lang, { zh: '已写入报告', en: 'Report written' })}: ${out}\n`,
      );
      return EXIT.ok;
    });
  },
};
