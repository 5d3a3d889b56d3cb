import { resolve } from 'node:path';
import { createDesign, isSurveyError, type MarginSpec, marginsFromRows, type RakeResult, rake } from '@kepu/survey';
import { type CommandSpec, UsageError } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { renderTable } from '../../format/table.js';
import { t } from '../../i18n.js';
import { readJson } from '../../plans.js';
import { FORCE_OPTION, withOutputs } from '../../safe-output.js';
import { outputOf } from '../options.js';
import { fromSurveyError, SurveyDataError, withDataErrors } from './data-error.js';
import {
  type DataTable,
  numericColumn,
  RESPONDENT_FILE,
  readArgumentTable,
  requireColumns,
  writeCsv,
} from './table.js';

/**
 * Reads margins from JSON: `{ "margins": [...] }` or the array itself, each
 * `{ name?, columns: [..], population: { cell: count } }`; every problem names the file and the
 * margin.
 *
 * @example
 * ```ts
 * const specs = parseMargins(await readJson('margins.json'), 'margins.json', table);
 * ```
 */
export function parseMargins(json: unknown, file: string, table: DataTable): MarginSpec[] {
  const list = Array.isArray(json) ? json : (json as { margins?: unknown } | null)?.margins;
  const bad = (where: string, text: { zh: string; en: string }) =>
    new SurveyDataError('bad-margins', { file, column: where }, text);
  if (!Array.isArray(list) || list.length === 0) {
    throw bad('margins', {
      zh: '应为边际分布的数组，或含 margins 数组的对象：[{ "columns": ["sex"], "population": { "male": 61000, "female": 59000 } }]。',
      en: 'expected an array of margins, or an object with a margins array: [{ "columns": ["sex"], "population": { "male": 61000, "female": 59000 } }].',
    });
  }
  return list.map((raw, k) => {
    const where = `margins[${k}]`;
    const margin = raw as { name?: unknown; columns?: unknown; population?: unknown };
    const columns = margin?.columns;
    if (!Array.isArray(columns) || columns.length === 0 || !columns.every((c) => typeof c === 'string')) {
      throw bad(`${where}.columns`, {
        zh: '“columns”应为数据文件中列名的数组，如 ["township"] 或 ["township", "residence"]。',
        en: '"columns" must be an array of column names of the data file, e.g. ["township"] or ["township", "residence"].',
      });
    }
    const missing = (columns as string[]).filter((c) => !table.columns.includes(c));
    if (missing.length > 0) {
      throw bad(`${where}.columns`, {
        zh: `数据文件 ${table.file} 中没有列：${missing.join('、')}。`,
        en: `the data file ${table.file} has no column ${missing.join(', ')}.`,
      });
    }
    const population = margin.population;
    if (typeof population !== 'object' || population === null || Array.isArray(population)) {
      throw bad(`${where}.population`, {
        zh: '“population”应为 类别 → 总体人数 的对象；多列边际的类别写作 值|值（如 "山河镇|urban"）。',
        en: '"population" must map each cell to its population count; a cell of several columns is value|value (e.g. "山河镇|urban").',
      });
    }
    for (const [cell, count] of Object.entries(population)) {
      if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) {
        throw bad(`${where}.population.${cell}`, {
          zh: `类别“${cell}”的总体人数“${String(count)}”无效：应为非负数。`,
          en: `the population count of cell "${cell}" is "${String(count)}": it must be a number ≥ 0.`,
        });
      }
    }
    return {
      ...(typeof margin.name === 'string' ? { name: margin.name } : {}),
      columns: columns as string[],
      population: population as Record<string, number>,
    };
  });
}

/**
 * `kepu survey rake <file.csv|xlsx> --margins <margins.json> --weight <col> --out <file.csv>
 * [--into <col>] [--max-iterations 50] [--epsilon 1] [--json]`: rakes the weights to population
 * margins (iterative proportional fitting, R's `rake`) and writes the file with the new weights.
 * Exit code 1 when it does not converge (the file is still written, with the warning).
 *
 * @example
 * ```ts
 * await runCli(['survey', 'rake', 'responses.csv', '--margins', 'margins.json', '--weight', 'weight', '--out', 'raked.csv'], io);
 * ```
 */
export const surveyRakeCommand: CommandSpec = {
  path: ['survey', 'rake'],
  summary: {
    zh: '按总体边际分布对权数进行迭代加权（raking），写出新权数',
    en: 'rake weights to population margins and write the new weights',
  },
  usage:
    'kepu survey rake <file.csv|xlsx> --margins <margins.json> --weight <col> --out <file.csv> [--into <col>] [--max-iterations 50] [--epsilon 1] [--json] [--lang zh|en]',
  positionals: [RESPONDENT_FILE],
  options: {
    margins: {
      type: 'string',
      description: {
        zh: '边际分布 JSON：[{ "columns": [列…], "population": { 类别: 人数 } }]',
        en: 'margins JSON: [{ "columns": [col…], "population": { cell: count } }]',
      },
    },
    weight: { type: 'string', description: { zh: '基础权数列', en: 'base weight column' } },
    out: { type: 'string', description: { zh: '写出的 CSV 文件', en: 'CSV file to write' } },
    ...FORCE_OPTION,
    into: {
      type: 'string',
      description: {
        zh: '新权数的列名（缺省为 <权数列>_raked）',
        en: 'column for the new weights (default <weight>_raked)',
      },
    },
    'max-iterations': { type: 'string', default: '50', description: { zh: '最多迭代轮数', en: 'most sweeps' } },
    epsilon: {
      type: 'string',
      default: '1',
      description: {
        zh: '收敛标准：一轮中联合表任一格的最大变化（人；小于 1 时为占总权数的比例）',
        en: 'convergence: largest change of a joint-table cell in a sweep (persons; below 1, a share of the total weight)',
      },
    },
  },
  details: {
    zh: '收敛规则：每轮后比较所有边际变量联合表的加权人数，最大变化小于 epsilon 且每个边际类别与目标相差小于 epsilon 时收敛（R 的 rake 只检查前者）。未收敛时仍写出文件，但退出码为 1。',
    en: 'Convergence: after each sweep the weighted counts of the joint table of all margin variables are compared; converged when the largest change is below epsilon and every margin cell is within epsilon of its target (R’s rake checks only the first). When it does not converge the file is still written, and the exit code is 1.',
  },
  run: (args, context) =>
    withDataErrors(context, async () => {
      const { values, positionals } = args;
      const { io, lang, json } = context;
      for (const name of ['margins', 'weight', 'out'] as const) {
        if (typeof values[name] !== 'string') {
          throw new UsageError({
            zh: `缺少 --${name}。用法：${surveyRakeCommand.usage}`,
            en: `--${name} is required. Usage: ${surveyRakeCommand.usage}`,
          });
        }
      }
      const maxIterations = Number(values['max-iterations']);
      const epsilon = Number(values.epsilon);
      if (!Number.isInteger(maxIterations) || maxIterations < 1 || !(epsilon > 0)) {
        throw new UsageError({
          zh: '--max-iterations 应为正整数，--epsilon 应为正数。',
          en: '--max-iterations takes a whole number ≥ 1 and --epsilon a positive number.',
        });
      }
      // The output is checked before anything is read or computed.
      const output = await outputOf(values.out as string, args, io);
      return withOutputs([output], async () => {
        const { table, file } = await readArgumentTable(positionals[0]!, io.cwd);
        const weight = values.weight as string;
        requireColumns(table, { '--weight': weight });
        const weights = numericColumn(table, weight, {
          positive: true,
          what: { zh: '权数', en: 'weight' },
        }) as number[];
        const marginsFile = values.margins as string;
        const specs = parseMargins(await readJson(resolve(io.cwd, marginsFile)), marginsFile, table);
        let result: RakeResult;
        try {
          const margins = marginsFromRows(table.rows, specs);
          result = rake(createDesign({ weights }), { margins, maxIterations, epsilon });
        } catch (error) {
          if (isSurveyError(error)) {
            const path = error.issues[0]!.path;
            // Population-table problems belong to the margins file; record problems to the data file.
            if (path.includes('population') || error.code === 'population-cell-missing') {
              const k = specs.findIndex((s) => (s.name ?? s.columns.join(' × ')) === path[0]);
              throw new SurveyDataError(
                'bad-margins',
                { file: marginsFile, column: k >= 0 ? `margins[${k}]` : String(path[0]) },
                error.issues[0]!.message,
                { cause: error },
              );
            }
            throw fromSurveyError(error, { file, rowNumbers: table.rowNumbers });
          }
          throw error;
        }
        const into = typeof values.into === 'string' ? values.into : `${weight}_raked`;
        const columns = table.columns.includes(into) ? table.columns : [...table.columns, into];
        const raked = result.design.weights;
        const rows = table.rows.map((row, i) => ({ ...row, [into]: raked[i] }));
        const out = values.out as string;
        await writeCsv(output, columns, rows);
        const range = (w: ArrayLike<number>) => {
          let min = Number.POSITIVE_INFINITY;
          let max = 0;
          let sum = 0;
          for (let i = 0; i < w.length; i++) {
            min = Math.min(min, w[i]!);
            max = Math.max(max, w[i]!);
            sum += w[i]!;
          }
          return { min, max, sum };
        };
        const before = range(weights);
        const after = range(raked);
        if (json) {
          io.write(
            `${JSON.stringify(
              {
                file,
                out,
                column: into,
                converged: result.converged,
                iterations: result.iterations,
                delta: result.delta,
                epsilon: result.epsilon,
                marginGaps: result.marginGaps,
                warnings: result.warnings,
                weights: { before, after },
              },
              null,
              2,
            )}\n`,
          );
        } else {
          const f = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(4));
          io.write(
            [
              result.converged
                ? t(lang, {
                    zh: `迭代加权已收敛：${result.iterations} 轮，最后一轮最大变化 ${result.delta.toPrecision(3)}（标准 < ${result.epsilon.toPrecision(3)}）。`,
                    en: `Raking converged in ${result.iterations} sweeps; the last changed a cell by ${result.delta.toPrecision(3)} (rule: < ${result.epsilon.toPrecision(3)}).`,
                  })
                : t(lang, {
                    zh: `迭代加权未收敛（${result.iterations} 轮）。`,
                    en: `Raking did not converge (${result.iterations} sweeps).`,
                  }),
              '',
              renderTable(result.marginGaps, [
                { header: t(lang, { zh: '边际', en: 'Margin' }), value: (g) => g.name },
                {
                  header: t(lang, { zh: '与目标的最大偏差（人）', en: 'Largest gap to target (persons)' }),
                  value: (g) => g.maxAbsoluteGap.toPrecision(3),
                  align: 'right',
                },
              ]),
              '',
              t(lang, {
                zh: `权数：之和 ${f(before.sum)} → ${f(after.sum)}；范围 ${f(before.min)}–${f(before.max)} → ${f(after.min)}–${f(after.max)}。`,
                en: `Weights: sum ${f(before.sum)} → ${f(after.sum)}; range ${f(before.min)}–${f(before.max)} → ${f(after.min)}–${f(after.max)}.`,
              }),
              t(lang, {
                zh: `已写出 ${out}（新权数在“${into}”列）。估计方差时请用原抽样设计的层和单元，并使用新权数。`,
                en: `Wrote ${out} (new weights in "${into}"). Estimate with the original strata and units and the new weights.`,
              }),
              '',
            ].join('\n'),
          );
        }
        for (const warning of result.warnings) io.error(`⚠ [${warning.code}] ${warning.message[lang]}\n`);
        return result.converged ? EXIT.ok : EXIT.failure;
      });
    }),
};
