import {
  type CiMethod,
  createDesign,
  describeDesign,
  type Estimate,
  estimateByGroup,
  estimateGap,
  estimateMean,
  estimateProportion,
  estimateTotal,
  type GapEstimate,
  type GroupEstimate,
  isSurveyError,
  type LonelyPsuPolicy,
  type Statistic,
  type SurveyDesign,
} from '@kepu/survey';
import { type CommandSpec, UsageError } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { renderTable } from '../../format/table.js';
import { type Lang, t } from '../../i18n.js';
import { type FileContext, fromSurveyError, SurveyDataError, withDataErrors } from './data-error.js';
import {
  binaryColumn,
  type DataTable,
  numericColumn,
  RESPONDENT_FILE,
  readArgumentTable,
  requireColumns,
} from './table.js';

/** Ids as text; an empty id is bad data at its row. */
function keyColumn(table: DataTable, column: string, what: { zh: string; en: string }, missing = false) {
  return table.rows.map((row, i) => {
    const value = row[column] ?? null;
    if (value === null && !missing) {
      throw new SurveyDataError(
        'bad-value',
        { file: table.file, row: table.rowNumbers[i]!, column },
        {
          zh: `${what.zh}为空。抽样设计的层、单元编号不能为空；请补全后重试。`,
          en: `the ${what.en} is empty. Strata and sampling-unit ids cannot be empty: fill it in and try again.`,
        },
      );
    }
    return value;
  });
}

/**
 * Builds a design from a table's columns; bad values are reported at their row and column.
 *
 * @example
 * ```ts
 * const design = designFromTable(table, { weight: 'pw', strata: 'stype', fpc: 'fpc' });
 * ```
 */
export function designFromTable(
  table: DataTable,
  spec: { weight: string; strata?: string; psu?: string; fpc?: string; fpc2?: string; lonelyPsu?: LonelyPsuPolicy },
): SurveyDesign {
  requireColumns(table, {
    '--weight': spec.weight,
    '--strata': spec.strata,
    '--psu': spec.psu,
    '--fpc': spec.fpc,
    '--fpc2': spec.fpc2,
  });
  const weights = numericColumn(table, spec.weight, { positive: true, what: { zh: '权数', en: 'weight' } });
  const strata = spec.strata ? keyColumn(table, spec.strata, { zh: '层', en: 'stratum' }) : undefined;
  const psu = spec.psu
    ? keyColumn(table, spec.psu, { zh: '初级抽样单元编号', en: 'primary sampling unit id' })
    : undefined;
  const fpcWhat = { zh: '总体单元数（fpc）', en: 'population size (fpc)' };
  const fpc = spec.fpc ? numericColumn(table, spec.fpc, { positive: true, what: fpcWhat }) : undefined;
  const fpc2 = spec.fpc2 ? numericColumn(table, spec.fpc2, { positive: true, what: fpcWhat }) : undefined;
  try {
    return createDesign({
      weights,
      ...(strata ? { strata } : {}),
      ...(psu ? { psu } : {}),
      ...(fpc ? { fpc } : {}),
      ...(fpc2 ? { stages: [{ cluster: table.rows.map((_, i) => String(i)), fpc: fpc2 }] } : {}),
      ...(spec.lonelyPsu ? { lonelyPsu: spec.lonelyPsu } : {}),
    });
  } catch (error) {
    if (isSurveyError(error)) {
      const columns: Record<string, string> = { weights: spec.weight };
      if (spec.strata) columns.strata = spec.strata;
      if (spec.psu) columns.psu = spec.psu;
      if (spec.fpc) columns.fpc = spec.fpc;
      if (spec.fpc2) columns['stages[0].fpc'] = spec.fpc2;
      throw fromSurveyError(error, { file: table.file, rowNumbers: table.rowNumbers, columns });
    }
    throw error;
  }
}

const STATISTIC_NAMES: Record<Statistic, { zh: string; en: string }> = {
  mean: { zh: '均值', en: 'mean' },
  total: { zh: '总量', en: 'total' },
  proportion: { zh: '比例', en: 'proportion' },
};

function num(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (Math.abs(x) >= 1e4) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(5)));
}

interface Row {
  readonly label: string;
  readonly estimate: Estimate;
  readonly note: number | null;
}

function renderEstimates(
  lang: Lang,
  statistic: Statistic,
  rows: readonly Row[],
  suppress: boolean,
  level: number,
): string {
  const percent = statistic === 'proportion';
  const show = (x: number) => (percent ? `${(x * 100).toFixed(1)}%` : num(x));
  const hidden = (e: Estimate) => suppress && e.suppressed;
  return renderTable(rows, [
    { header: t(lang, { zh: '分组', en: 'Group' }), value: (r) => r.label, maxWidth: 24 },
    { header: t(lang, { zh: '样本量', en: 'n' }), value: (r) => String(r.estimate.n), align: 'right' },
    {
      header: t(lang, { zh: '估计值', en: 'Estimate' }),
      value: (r) => (hidden(r.estimate) ? '—' : show(r.estimate.point)),
      align: 'right',
    },
    {
      header: t(lang, { zh: `${Math.round(level * 100)}% 置信区间`, en: `${Math.round(level * 100)}% CI` }),
      value: (r) => (hidden(r.estimate) ? '—' : `${show(r.estimate.ci.lower)}–${show(r.estimate.ci.upper)}`),
      align: 'right',
    },
    {
      header: percent ? t(lang, { zh: '标准误（百分点）', en: 'SE (points)' }) : t(lang, { zh: '标准误', en: 'SE' }),
      value: (r) => (hidden(r.estimate) ? '—' : percent ? (r.estimate.se * 100).toFixed(2) : num(r.estimate.se)),
      align: 'right',
    },
    {
      header: t(lang, { zh: '设计效应', en: 'Deff' }),
      value: (r) => (r.estimate.deff === null ? '—' : r.estimate.deff.toFixed(2)),
      align: 'right',
    },
    {
      header: t(lang, { zh: '有效样本量', en: 'Eff. n' }),
      value: (r) => Math.round(r.estimate.nEffective).toLocaleString('en-US'),
      align: 'right',
    },
    { header: t(lang, { zh: '自由度', en: 'df' }), value: (r) => String(r.estimate.df), align: 'right' },
    {
      header: t(lang, { zh: '说明', en: 'Flags' }),
      value: (r) =>
        r.note === null
          ? ''
          : r.estimate.suppressed
            ? t(lang, { zh: `不宜发布 [${r.note}]`, en: `suppress [${r.note}]` })
            : `⚠ [${r.note}]`,
    },
  ]);
}

function gapLine(lang: Lang, gap: GapEstimate, statistic: Statistic): string {
  const percent = statistic === 'proportion';
  // A true minus sign, and 至/to between bounds: a difference's bounds are often negative.
  const show = (x: number) => (percent ? (x * 100).toFixed(1) : num(x)).replace(/^-/, '−');
  const unit = percent ? t(lang, { zh: ' 个百分点', en: ' percentage points' }) : '';
  const level = Math.round(gap.ci.level * 100);
  const head = t(lang, {
    zh: `差距 ${gap.a.group} − ${gap.b.group === '*' ? '全体' : gap.b.group}：`,
    en: `Gap ${gap.a.group} − ${gap.b.group === '*' ? 'everyone' : gap.b.group}: `,
  });
  const body = t(lang, {
    zh: `${show(gap.point)}${unit}（${level}% 置信区间 ${show(gap.ci.lower)} 至 ${show(gap.ci.upper)}；标准误 ${show(gap.se)}；两组协方差已计入；自由度 ${gap.df}）`,
    en: `${show(gap.point)}${unit} (${level}% CI ${show(gap.ci.lower)} to ${show(gap.ci.upper)}; SE ${show(gap.se)}; covariance of the groups included; df ${gap.df})`,
  });
  const flags = gap.flags.map((f) => `  ⚠ ${f.message[lang]}`).join('\n');
  return `${head}${body}${flags ? `\n${flags}` : ''}`;
}

function parseLevel(text: string): number {
  const level = Number(text);
  if (!(level > 0 && level < 1)) {
    throw new UsageError({
      zh: `--level 应为 0 到 1 之间的置信水平，如 0.95，收到“${text}”。`,
      en: `--level takes a confidence level between 0 and 1, e.g. 0.95; got "${text}".`,
    });
  }
  return level;
}

/**
 * `kepu survey estimate <file.csv|xlsx> --weight <col> [--strata <col>] [--psu <col>] [--fpc <col>]
 * [--fpc2 <col>] (--mean <col> | --total <col> | --proportion <col>) [--by <col>] [--gap a[,b]]
 * [--ci logit|wilson|beta|wald] [--level 0.95] [--na fail|exclude] [--lonely-psu …] [--suppress] [--json]`:
 * a design-based estimate (R's svymean/svytotal/svyciprop) overall and by group, with interval,
 * standard error, design effect, effective sample size, degrees of freedom and reliability flags.
 *
 * @example
 * ```ts
 * await runCli(['survey', 'estimate', 'scored.csv', '--strata', 'township', '--psu', 'village', '--weight', 'weight', '--proportion', 'literate', '--by', 'residence'], io);
 * ```
 */
export const surveyEstimateCommand: CommandSpec = {
  path: ['survey', 'estimate'],
  summary: {
    zh: '按抽样设计估计均值、总量或比例（含置信区间、设计效应、有效样本量、可靠性标记）',
    en: 'design-based mean, total or proportion with CI, design effect, effective n and reliability flags',
  },
  usage:
    'kepu survey estimate <file.csv|xlsx> --weight <col> [--strata <col>] [--psu <col>] [--fpc <col>] [--fpc2 <col>] (--mean <col> | --total <col> | --proportion <col>) [--by <col>] [--gap a[,b]] [--ci logit|wilson|beta|wald] [--level 0.95] [--na fail|exclude] [--lonely-psu fail|remove|certainty|adjust|average] [--suppress] [--json] [--lang zh|en]',
  positionals: [RESPONDENT_FILE],
  options: {
    weight: { type: 'string', description: { zh: '权数列（必填）', en: 'weight column (required)' } },
    strata: { type: 'string', description: { zh: '层列（如乡镇）', en: 'strata column (e.g. township)' } },
    psu: {
      type: 'string',
      description: {
        zh: '初级抽样单元列（如村）；缺省每人一个单元',
        en: 'primary sampling unit column (e.g. village); default: each respondent',
      },
    },
    fpc: {
      type: 'string',
      description: {
        zh: '第一阶段有限总体校正：层内总体单元数或抽样比',
        en: 'stage-1 finite population correction: units in the stratum’s population, or the sampling fraction',
      },
    },
    fpc2: {
      type: 'string',
      description: {
        zh: '第二阶段有限总体校正：单元内总体人数（受访者为第二阶段单位；需同时给 --fpc）',
        en: 'stage-2 fpc: people in the unit’s population (respondents are the stage-2 units; needs --fpc)',
      },
    },
    mean: { type: 'string', description: { zh: '估计该列的均值', en: 'estimate the mean of this column' } },
    total: { type: 'string', description: { zh: '估计该列的总量', en: 'estimate the total of this column' } },
    proportion: {
      type: 'string',
      description: { zh: '估计该 0/1 列的比例', en: 'estimate the proportion of this 0/1 column' },
    },
    by: { type: 'string', description: { zh: '分组列（子总体估计）', en: 'group column (domain estimates)' } },
    gap: {
      type: 'string',
      description: {
        zh: '两组之差（需 --by），如 urban,rural；只给一组则与全体比较',
        en: 'difference of two groups (needs --by), e.g. urban,rural; one group compares it with everyone',
      },
    },
    ci: {
      type: 'string',
      choices: ['logit', 'wilson', 'beta', 'wald'],
      default: 'logit',
      description: { zh: '比例的置信区间方法', en: 'interval method for proportions' },
    },
    level: { type: 'string', default: '0.95', description: { zh: '置信水平', en: 'confidence level' } },
    na: {
      type: 'string',
      choices: ['fail', 'exclude'],
      default: 'fail',
      description: { zh: '缺失值：报错或排除', en: 'missing values: refuse or leave out' },
    },
    'lonely-psu': {
      type: 'string',
      choices: ['fail', 'remove', 'certainty', 'adjust', 'average'],
      default: 'fail',
      description: { zh: '只有一个初级单元的层如何处理', en: 'strata with a single primary unit' },
    },
    suppress: {
      type: 'boolean',
      description: { zh: '不显示不宜发布的估计值', en: 'hide estimates that should not be published' },
    },
  },
  details: {
    zh: '方差按泰勒线性化计算（与 R survey 包一致），子总体估计使用完整设计。比例默认用 logit 区间。可靠性标准：有效样本量 < 30、区间宽度 ≥ 30 个百分点或超过估计值的 130% 时不宜发布；自由度 < 8 时提示复核。',
    en: 'Variances are Taylor-linearised (as R’s survey package); domain estimates use the full design. Proportions get logit intervals by default. Reliability: suppress when the effective n < 30, the CI is ≥ 30 points wide or wider than 130% of the estimate; caution below 8 degrees of freedom.',
  },
  run: ({ values, positionals }, context) =>
    withDataErrors(context, async () => {
      const { io, lang, json } = context;
      const chosen = (['mean', 'total', 'proportion'] as const).filter((s) => typeof values[s] === 'string');
      if (chosen.length !== 1) {
        throw new UsageError({
          zh: '请给出且只给出 --mean、--total、--proportion 中的一个。',
          en: 'Give exactly one of --mean, --total and --proportion.',
        });
      }
      const statistic = chosen[0]!;
      const variable = values[statistic] as string;
      if (typeof values.weight !== 'string') {
        throw new UsageError({
          zh: '请用 --weight 指定权数列（等权样本也请给出一列 1），以免误把未加权结果当成总体估计。',
          en: 'Name the weight column with --weight (a column of 1s for an equal-weight sample), so an unweighted figure is never taken for a population estimate.',
        });
      }
      if (typeof values.fpc2 === 'string' && typeof values.fpc !== 'string') {
        throw new UsageError({
          zh: '--fpc2（第二阶段）只在同时给出 --fpc（第一阶段）时才有意义。',
          en: '--fpc2 (stage 2) only counts together with --fpc (stage 1).',
        });
      }
      const by = values.by as string | undefined;
      if (typeof values.gap === 'string' && by === undefined) {
        throw new UsageError({ zh: '--gap 需要 --by 指定分组列。', en: '--gap needs --by to name the group column.' });
      }
      const level = parseLevel(String(values.level));
      const { table, file } = await readArgumentTable(positionals[0]!, io.cwd);
      requireColumns(table, { [`--${statistic}`]: variable, '--by': by });
      const design = designFromTable(table, {
        weight: values.weight,
        ...(typeof values.strata === 'string' ? { strata: values.strata } : {}),
        ...(typeof values.psu === 'string' ? { psu: values.psu } : {}),
        ...(typeof values.fpc === 'string' ? { fpc: values.fpc } : {}),
        ...(typeof values.fpc2 === 'string' ? { fpc2: values.fpc2 } : {}),
        lonelyPsu: values['lonely-psu'] as LonelyPsuPolicy,
      });
      const y =
        statistic === 'proportion'
          ? binaryColumn(table, variable)
          : numericColumn(table, variable, { missing: true, what: { zh: '数值', en: 'value' } });
      const groups = by !== undefined ? table.rows.map((row) => row[by] ?? null) : undefined;
      const options = {
        level,
        ci: values.ci as CiMethod,
        na: values.na as 'fail' | 'exclude',
        column: variable,
      };
      const context2: FileContext = {
        file,
        rowNumbers: table.rowNumbers,
        columns: { [variable]: variable, ...(by !== undefined ? { groups: by } : {}) },
      };
      let overall: Estimate;
      let byGroup: GroupEstimate[] = [];
      let gap: GapEstimate | undefined;
      try {
        overall =
          statistic === 'mean'
            ? estimateMean(design, y, options)
            : statistic === 'total'
              ? estimateTotal(design, y, options)
              : estimateProportion(design, y, options);
        if (groups) byGroup = estimateByGroup(design, y, groups, { ...options, statistic });
        if (groups && typeof values.gap === 'string') {
          const [a, b] = values.gap.split(',').map((s) => s.trim());
          gap = estimateGap(design, y, groups, {
            ...options,
            statistic,
            a: a!,
            ...(b !== undefined && b !== '' ? { b } : {}),
            column: by!,
          });
        }
      } catch (error) {
        if (isSurveyError(error)) {
          if (error.code === 'unknown-group') {
            throw new UsageError({
              zh: `--gap：${error.issues[0]!.message.zh}`,
              en: `--gap: ${error.issues[0]!.message.en}`,
            });
          }
          throw fromSurveyError(error, context2);
        }
        throw error;
      }
      const summary = describeDesign(design);
      if (json) {
        io.write(
          `${JSON.stringify(
            {
              file,
              statistic,
              variable,
              ...(by !== undefined ? { by } : {}),
              design: { ...summary, lonelyPsu: design.lonelyPsu },
              overall,
              groups: byGroup,
              ...(gap ? { gap } : {}),
            },
            null,
            2,
          )}\n`,
        );
        return EXIT.ok;
      }
      const rows: Row[] = [];
      const notes: string[] = [];
      const add = (label: string, estimate: Estimate) => {
        let note: number | null = null;
        if (estimate.flags.length > 0) {
          notes.push(
            `[${notes.length + 1}] ${label}${lang === 'zh' ? '：' : ': '}${estimate.flags.map((f) => f.message[lang].replace(/[。.]$/, '')).join(lang === 'zh' ? '；' : '; ')}`,
          );
          note = notes.length;
        }
        rows.push({ label, estimate, note });
      };
      add(t(lang, { zh: '全体', en: 'Overall' }), overall);
      for (const g of byGroup) add(`${by} = ${g.group}`, g);
      const out: string[] = [];
      out.push(
        t(lang, {
          zh: `${variable} 的${STATISTIC_NAMES[statistic].zh}（按抽样设计加权估计）`,
          en: `${STATISTIC_NAMES[statistic].en} of ${variable} (design-weighted estimate)`,
        }),
        t(lang, {
          zh: `文件：${file}（${summary.n} 条记录）`,
          en: `File: ${file} (${summary.n} records)`,
        }),
        t(lang, {
          zh: `设计：${summary.strata} 层，${summary.psus} 个初级抽样单元，设计自由度 ${summary.df}；权数之和 ${num(summary.weightSum)}；有限总体校正：${summary.hasFpc ? (values.fpc2 ? '两阶段' : '第一阶段') : '无（放回抽样近似）'}`,
          en: `Design: ${summary.strata} strata, ${summary.psus} primary sampling units, ${summary.df} degrees of freedom; weights add up to ${num(summary.weightSum)}; finite population correction: ${summary.hasFpc ? (values.fpc2 ? 'two stages' : 'stage 1') : 'none (with-replacement approximation)'}`,
        }),
      );
      if (statistic === 'proportion') {
        out.push(
          t(lang, {
            zh: `置信区间：${values.ci} 法，置信水平 ${Math.round(level * 100)}%`,
            en: `Interval: ${values.ci}, ${Math.round(level * 100)}% level`,
          }),
        );
      }
      out.push('', renderEstimates(lang, statistic, rows, values.suppress === true, level));
      if (gap) out.push('', gapLine(lang, gap, statistic));
      if (notes.length > 0) out.push('', t(lang, { zh: '说明：', en: 'Flags:' }), ...notes);
      io.write(`${out.join('\n')}\n`);
      return EXIT.ok;
    }),
};
