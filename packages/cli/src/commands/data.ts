import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Actor, indexPlan, type Plan } from '@kepu/core';
import {
  applyImport,
  type CellProblem,
  checkDataRows,
  type ImportOutcome,
  isDataFileError,
  isImportCommitError,
  readDataFile,
  type SourceRow,
  type TextEncodingName,
  templateRows,
  templateToXlsx,
} from '@kepu/reports';
import { type CommandSpec, UsageError } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { problemLines } from '../format/cell-problems.js';
import { type Bilingual, t } from '../i18n.js';
import { createProgress } from '../progress.js';
import { FORCE_OPTION, withOutputs } from '../safe-output.js';
import { DB_OPTIONS, outputOf, PLAN_OPTIONS, parseYear, planAndScheme, requireDb, withEngine } from './options.js';

/**
 * Reads a data file's rows and the encoding a text file was in; a file that is missing or cannot
 * be read as rows is a usage error.
 */
async function readRows(path: string): Promise<{ rows: SourceRow[]; encoding?: TextEncodingName }> {
  let content: Uint8Array;
  try {
    content = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsageError({ zh: `文件不存在：${path}`, en: `No such file: ${path}` });
    }
    throw error;
  }
  try {
    return await readDataFile(path, content);
  } catch (error) {
    if (isDataFileError(error)) throw new UsageError(error.text);
    throw error;
  }
}

/**
 * `kepu data template --out <file.xlsx> [--period <year>]`: writes the reporting template of a
 * period — one row per unit × task × indicator, with data validation on every cell to fill.
 *
 * @example
 * ```ts
 * import { createMemoryIO, runCli } from '@kepu/cli';
 * await runCli(['data', 'template', '--out', 'template-2025.xlsx', '--period', '2025'], createMemoryIO());
 * ```
 */
export const dataTemplateCommand: CommandSpec = {
  path: ['data', 'template'],
  summary: {
    zh: '生成年度数据填报模板（Excel，带数据有效性校验）',
    en: 'write a reporting template for a year (Excel, with data validation)',
  },
  usage: 'kepu data template --out <file.xlsx> [--force] [--period <year>] [--plan <id>] [--json] [--lang zh|en]',
  options: {
    out: { type: 'string', description: { zh: '输出的 .xlsx 文件', en: 'the .xlsx file to write' } },
    ...FORCE_OPTION,
    period: {
      type: 'string',
      description: { zh: '填报年度（缺省为计划的最后一年）', en: 'the year (default: the plan’s last year)' },
    },
    ...PLAN_OPTIONS,
  },
  details: {
    zh: '“填报”工作表每行是一个单位在一项任务（或年度总结）上的一个指标：黄色单元格填写，灰色为参考。“代码表”列出可选的单位、任务、指标和分类。填好后用 kepu data import 导入。',
    en: 'Each row of the Data sheet is one unit’s figure for one indicator on one task (or its summary): fill the yellow cells; grey ones are for reference. The Codes sheet lists the units, tasks, indicators and categories. Import the filled file with kepu data import.',
  },
  async run(args, { io, lang, json }) {
    const { values } = args;
    if (typeof values.out !== 'string' || values.out === '') {
      throw new UsageError({ zh: '缺少 --out <file.xlsx>。', en: 'Missing --out <file.xlsx>.' });
    }
    if (!values.out.toLowerCase().endsWith('.xlsx')) {
      throw new UsageError({
        zh: '模板是 Excel 文件：--out 应以 .xlsx 结尾。',
        en: 'The template is an Excel file: --out must end in .xlsx.',
      });
    }
    const { plan, scheme } = await planAndScheme(values, io);
    const year = values.period === undefined ? plan.meta.period.end : parseYear(values.period);
    if (year < plan.meta.period.start || year > plan.meta.period.end) {
      throw new UsageError({
        zh: `--period 应在 ${plan.meta.period.start}—${plan.meta.period.end} 之间，收到 ${year}。`,
        en: `--period must be within ${plan.meta.period.start}–${plan.meta.period.end}; got ${year}.`,
      });
    }
    const file = await outputOf(values.out, args, io);
    const out = file.path;
    await withOutputs([file], async () => file.write(await templateToXlsx(plan, scheme, String(year), lang)));
    const rows = templateRows(plan, scheme, String(year), lang).length;
    io.write(
      json
        ? `${JSON.stringify({ out, period: String(year), rows })}\n`
        : t(lang, {
            zh: `已写入 ${year} 年度填报模板（${rows} 行）：${out}\n`,
            en: `Wrote the ${year} reporting template (${rows} rows): ${out}\n`,
          }),
    );
    return EXIT.ok;
  },
};

/** How the encodings a data file was read in are named to the user. */
const ENCODING_NAMES: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 BOM',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  gb18030: 'GB18030/GBK',
};

function planOffice(plan: Plan, id: string): Actor {
  const organisation = plan.safeguards.find((s) => s.kind === 'organisation');
  const group = organisation?.kind === 'organisation' ? organisation.group : undefined;
  const unit = group !== undefined && indexPlan(plan).units.has(group) ? group : undefined;
  return { id, role: 'plan-office', ...(unit ? { unit } : {}) };
}

/**
 * `kepu data import <file.xlsx|csv|json> --db <sqlite path | postgres url> [--period <year>] [--skip-invalid] [--approve]`:
 * checks every cell of a filled template and files the rows as reports through the engine's
 * commands, one per unit × task × period. A file with any bad cell imports nothing (exit 2) and
 * every bad cell is listed with its sheet, row, column and reason; `--skip-invalid` imports the
 * good rows and lists the rest. Importing the same file twice creates no duplicates.
 *
 * @example
 * ```ts
 * import { createMemoryIO, runCli } from '@kepu/cli';
 * await runCli(['data', 'import', 'filled-2025.xlsx', '--db', '.kepu/county.db'], createMemoryIO());
 * ```
 */
export const dataImportCommand: CommandSpec = {
  path: ['data', 'import'],
  summary: {
    zh: '导入填报数据（xlsx、csv 或 json）：逐格校验，经引擎命令写入，可重复导入而不重复',
    en: 'import reported data (xlsx, csv or json): every cell checked, written through the engine, safe to repeat',
  },
  usage:
    'kepu data import <file.xlsx|csv|json> --db <sqlite path | postgres url> [--period <year>] [--thousands] [--skip-invalid] [--approve] [--actor <id>] [--plan <id>] [--json] [--lang zh|en]',
  positionals: [{ name: 'file', required: true, description: { zh: '填报文件', en: 'the data file' } }],
  options: {
    ...DB_OPTIONS,
    period: {
      type: 'string',
      description: {
        zh: '填报年度：缺少期间的行按此年度；期间不同的行报错',
        en: 'the year: rows without a period take it; rows of another period are errors',
      },
    },
    thousands: {
      type: 'boolean',
      description: {
        zh: '数字中的逗号是千位分隔符（如 12,000）；缺省不接受逗号，以免把小数逗号 1,5 读成 15',
        en: 'commas in numbers separate thousands (12,000); by default a comma is refused, so a decimal comma 1,5 is never read as 15',
      },
    },
    'skip-invalid': {
      type: 'boolean',
      description: {
        zh: '跳过有错误的行，导入其余的行（缺省：文件有错误则不导入任何数据）',
        en: 'import the good rows and skip the bad ones (default: a file with errors imports nothing)',
      },
    },
    approve: {
      type: 'boolean',
      description: {
        zh: '导入后以县纲要办身份审核通过（数据已线下核实时使用）',
        en: 'approve each report as the plan office (when the figures were checked offline)',
      },
    },
    actor: {
      type: 'string',
      default: 'kepu-import',
      description: { zh: '记入审计日志的填报人编号', en: 'the reporter id written to the audit log' },
    },
    ...PLAN_OPTIONS,
  },
  details: {
    zh: '列按表头识别（中文、英文或字段名均可），见 docs/cli.md。先检查全部行（含引擎对每份报告的限制），全部无误才写入。退出码：0 已导入；2 文件有错误（未导入）或用法错误；1 与已提交的报告冲突（未导入；加 --skip-invalid 则跳过冲突行）或写入中途失败（已写入的报告会列出，重新运行即可补齐）。',
    en: 'Columns are matched by header (Chinese, English or key), see docs/cli.md. Every row is checked first (including the engine’s limits for each report), and nothing is written unless all pass. Exit codes: 0 imported; 2 the file has errors (nothing imported) or bad usage; 1 conflicts with reports already filed (nothing imported; --skip-invalid skips those rows) or a commit failed part-way (the reports written are listed; run it again to file the rest).',
  },
  async run({ values, positionals }, { io, lang, json }) {
    const dbRef = requireDb(values);
    const file = resolve(io.cwd, String(positionals[0]));
    const period = values.period === undefined ? undefined : String(parseYear(values.period));
    const { plan, scheme } = await planAndScheme(values, io);
    const { rows, encoding } = await readRows(file);
    const checked = checkDataRows(rows, plan, scheme, {
      ...(period === undefined ? {} : { period }),
      ...(values.thousands === true ? { thousands: true } : {}),
    });
    const skip = values['skip-invalid'] === true;
    const problems = checked.problems;
    const refuse = (found: readonly CellProblem[], code: number, head: Bilingual) => {
      if (json) {
        io.write(`${JSON.stringify({ ok: false, file, imported: false, problems: found }, null, 2)}\n`);
      } else {
        io.error(`${t(lang, head)}\n${problemLines(found, lang)}\n`);
      }
      return code;
    };
    const nothing = (n: number, what: Bilingual): Bilingual => ({
      zh: `${file} 有 ${n} 处${what.zh}，未导入任何数据（改正后重新导入，或加 --skip-invalid 只导入无误的行）：`,
      en: `${file} has ${n} ${what.en}; nothing was imported (fix them and import again, or add --skip-invalid to import the good rows):`,
    });
    if (problems.length > 0 && !skip) {
      return refuse(problems, EXIT.badInput, nothing(problems.length, { zh: '错误', en: 'error(s)' }));
    }
    let outcome: ImportOutcome;
    let label: string;
    try {
      ({ outcome, label } = await withEngine(dbRef, values, io, { plan, scheme, create: true }, async (engine, db) => {
        const progress = createProgress(io, t(lang, { zh: '导入', en: 'Importing' }), { enabled: !json });
        const actor = String(values.actor);
        const outcome = await applyImport(engine, plan, checked.reports, {
          actor,
          partial: skip,
          ...(values.approve === true ? { approver: planOffice(plan, `${actor}.office`) } : {}),
          onProgress: (done, total) => progress.update(done, total, `${done}/${total}`),
        });
        progress.done();
        return { outcome, label: db.label };
      }));
    } catch (error) {
      if (!isImportCommitError(error)) throw error;
      io.error(`${t(lang, { zh: '导入中断', en: 'Import interrupted' })}: ${t(lang, error.text)}\n`);
      return EXIT.failure;
    }
    // Checked against the reports on file and the engine's command schema: still nothing written.
    if (outcome.refused.length > 0) {
      return refuse(outcome.refused, EXIT.badInput, nothing(outcome.refused.length, { zh: '错误', en: 'error(s)' }));
    }
    if (!outcome.written && outcome.conflicts.length > 0) {
      return refuse(
        outcome.conflicts,
        EXIT.failure,
        nothing(outcome.conflicts.length, {
          zh: '与已提交（正在审核或已审核通过）的报告冲突',
          en: 'conflict(s) with reports already filed (under review or approved)',
        }),
      );
    }
    const failed = outcome.conflicts.length > 0;
    if (json) {
      io.write(
        `${JSON.stringify(
          {
            ok: !failed && problems.length === 0,
            file,
            db: label,
            ...(encoding ? { encoding } : {}),
            rows: { read: rows.length, empty: checked.emptyRows, withData: checked.dataRows, invalid: problems.length },
            imported: {
              reports: outcome.submitted,
              resubmitted: outcome.resubmitted,
              approved: outcome.approved,
              observations: outcome.observations,
            },
            duplicateRows: outcome.duplicateRows,
            problems,
            conflicts: outcome.conflicts,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      if (problems.length > 0) {
        io.error(
          `${t(lang, { zh: `跳过 ${problems.length} 处错误：`, en: `Skipped ${problems.length} error(s):` })}\n${problemLines(problems, lang)}\n`,
        );
      }
      if (failed) {
        io.error(
          `${t(lang, { zh: `${outcome.conflicts.length} 行与已提交的报告冲突，未写入：`, en: `${outcome.conflicts.length} row(s) conflict with reports already filed and were not written:` })}\n${problemLines(outcome.conflicts, lang)}\n`,
        );
      }
      io.write(
        t(lang, {
          zh: `已导入 ${file} → ${label}\n  读取 ${rows.length} 行${encoding ? `（编码 ${ENCODING_NAMES[encoding]}）` : ''}（空白未填 ${checked.emptyRows} 行）；新报送报告 ${outcome.submitted} 份、重报 ${outcome.resubmitted} 份，共 ${outcome.observations} 条数据；审核通过 ${outcome.approved} 份；已导入过而跳过 ${outcome.duplicateRows} 行。\n`,
          en: `Imported ${file} → ${label}\n  Read ${rows.length} rows${encoding ? ` (encoding ${ENCODING_NAMES[encoding]})` : ''} (${checked.emptyRows} left empty); filed ${outcome.submitted} report(s), resubmitted ${outcome.resubmitted}, ${outcome.observations} figure(s); approved ${outcome.approved}; skipped ${outcome.duplicateRows} row(s) already imported.\n`,
        }),
      );
    }
    return failed ? EXIT.failure : EXIT.ok;
  },
};
