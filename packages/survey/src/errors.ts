import { defineErrorCodes, IssueError, type IssueOf } from '@kepu/core';
import { hasBrand } from '@kepu/core/model';
import type { z } from 'zod';

const SURVEY_CODES = defineErrorCodes({
  'invalid-shape': {
    zh: '数据格式不符合要求：{detail}。请按字段路径修正后重试。',
    en: 'The data does not have the expected shape: {detail}. Fix the field at this path and try again.',
  },
  'length-mismatch': {
    zh: '列“{column}”有 {actual} 个值，但样本有 {expected} 条记录。请确保每一列的长度与记录数相同。',
    en: 'Column "{column}" has {actual} values but the sample has {expected} records. Give every column one value per record.',
  },
  'empty-sample': {
    zh: '样本中没有任何记录（或所选子总体为空）。请检查数据文件或筛选条件。',
    en: 'The sample (or the selected subgroup) has no records. Check the data file or the subgroup filter.',
  },
  'invalid-weight': {
    zh: '第 {row} 条记录的权数“{value}”无效。权数必须是有限的非负数；请修正或删除该记录。',
    en: 'Record {row} has an invalid weight "{value}". Weights must be finite and not negative: fix or remove the record.',
  },
  'zero-total-weight': {
    zh: '{what}的权数之和为 0，无法计算比率或均值。请检查权数列和子总体筛选条件。',
    en: 'The weights of {what} add up to 0, so no mean or rate can be computed. Check the weight column and the subgroup filter.',
  },
  'missing-key': {
    zh: '第 {row} 条记录缺少{what}。抽样设计的层、单元编号不能为空；请补全后重试。',
    en: 'Record {row} has no {what}. Strata and sampling-unit ids cannot be empty: fill them in and try again.',
  },
  'invalid-population-size': {
    zh: '第 {row} 条记录的总体单元数（fpc）“{value}”无效：{detail}。请填写总体中的单元数，或填写 0 到 1 之间的抽样比。',
    en: 'Record {row} has an invalid population size (fpc) "{value}": {detail}. Give the number of units in the population, or a sampling fraction between 0 and 1.',
  },
  'inconsistent-population-size': {
    zh: '层“{stratum}”中的记录给出了不同的总体单元数（{values}）。同一层内的 fpc 必须相同。',
    en: 'Records of stratum "{stratum}" give different population sizes ({values}). The fpc must be the same within a stratum.',
  },
  'lonely-psu': {
    zh: '层“{stratum}”只有一个初级抽样单元（第 {stage} 阶段），无法估计该层的方差。请合并相邻的层，或显式选择单个 PSU 的处理办法（remove、certainty、adjust 或 average）。',
    en: 'Stratum "{stratum}" has only one primary sampling unit (stage {stage}), so its variance cannot be estimated. Merge it with a neighbouring stratum, or choose a lonely-PSU policy explicitly (remove, certainty, adjust or average).',
  },
  'missing-value': {
    zh: '第 {row} 条记录的“{column}”缺失。缺失不等于 0：请补全数据，或设置 na: "exclude" 把缺失记录排除在该指标之外（设计信息保留）。',
    en: 'Record {row} has no value for "{column}". Missing is not 0: fill it in, or pass na: "exclude" to leave such records out of this estimate (the design is kept).',
  },
  'not-binary': {
    zh: '第 {row} 条记录的“{column}”值为 {value}，比例只接受 0/1（或 true/false）。请先把该变量转换为是否指标。',
    en: 'Record {row} has {value} for "{column}"; a proportion needs 0/1 (or true/false). Turn the variable into an indicator first.',
  },
  'unknown-group': {
    zh: '分组“{group}”在变量“{column}”中不存在（现有：{known}）。请检查拼写。',
    en: 'Group "{group}" does not occur in "{column}" (found: {known}). Check the spelling.',
  },
  'population-cell-missing': {
    zh: '样本中的类别“{cell}”在总体分布（{what}）中没有对应的总数。请补充该类别的总体数。',
    en: 'The sample has cell "{cell}" but the population table ({what}) gives no total for it. Add the population count of that cell.',
  },
  'sample-cell-empty': {
    zh: '总体分布（{what}）中类别“{cell}”的总数为 {total}，但样本中没有该类别的记录，无法校准。请合并类别，或设置 partial: true 忽略该类别（总体总数将不被满足）。',
    en: 'The population table ({what}) has {total} for cell "{cell}" but the sample has no record in it, so weights cannot reach it. Merge cells, or pass partial: true to ignore it (that total will then not be met).',
  },
  'invalid-population-total': {
    zh: '总体分布（{what}）中类别“{cell}”的总数“{value}”无效。总数必须是有限的非负数。',
    en: 'The population table ({what}) gives an invalid total "{value}" for cell "{cell}". Totals must be finite and not negative.',
  },
  'inconsistent-margins': {
    zh: '各个边际分布的总人数不一致（{totals}）。请使用同一个总体、同一时点的数据。',
    en: 'The margins do not add up to the same population ({totals}). Use figures for the same population at the same date.',
  },
  'raking-not-converged': {
    zh: '迭代加权（raking）在 {iterations} 轮后仍未收敛：最后一轮权数最大变化 {delta}，收敛标准为 {epsilon}。估计值仍可使用，但各边际只近似满足；请检查边际分布是否相互矛盾，或合并稀疏类别，或提高 maxIterations。',
    en: 'Raking did not converge after {iterations} sweeps: the last sweep still changed a cell by {delta} (rule: < {epsilon}). Estimates can be used, but the margins are met only approximately; check that the margins agree with each other, merge sparse cells, or raise maxIterations.',
  },
  'invalid-option': {
    zh: '选项“{option}”的值“{value}”无效：{detail}。',
    en: 'Option "{option}" has an invalid value "{value}": {detail}.',
  },
  'invalid-questionnaire': {
    zh: '问卷设置有误：{detail}。',
    en: 'The questionnaire is inconsistent: {detail}.',
  },
  'unknown-unit': {
    zh: '分组“{group}”对应不到计划中的任何单位。请在 unitOf 映射中补上它的单位编号，或检查名称拼写（已知单位：{known}）。',
    en: 'Group "{group}" matches no unit of the plan. Map it to a unit id with unitOf, or check its spelling (known units: {known}).',
  },
  'unknown-target': {
    zh: '计划中没有目标“{target}”，或该目标的指标不是比率（{detail}）。请检查目标编号。',
    en: 'The plan has no target "{target}", or its indicator is not a rate ({detail}). Check the target id.',
  },
  'unknown-answer': {
    zh: '答卷“{respondent}”对题目“{item}”的答案“{answer}”不是该题的选项（{options}），已按答错计分。请核对数据录入。',
    en: 'Respondent "{respondent}" answered "{answer}" to item "{item}", which is not one of its options ({options}); it was scored as wrong. Check the data entry.',
  },
  'numeric-overflow': {
    zh: '计算结果超出了数值范围（{quantity} 为 {value}）。请检查权数和变量中是否有异常大的数（例如 1e308）并修正。',
    en: 'The result is beyond the range of numbers ({quantity} is {value}). Check the weights and values for absurdly large numbers (such as 1e308) and fix them.',
  },
  'unknown-item': {
    zh: '答卷“{respondent}”回答了问卷中不存在的题目“{item}”。请核对题目编号。',
    en: 'Respondent "{respondent}" answered item "{item}", which is not in the questionnaire. Check the item ids.',
  },
});

/**
 * Every error and warning code `@kepu/survey` can report, with its bilingual template.
 *
 * Templates use `{name}` placeholders filled from an issue's `params`. Chinese first, because
 * the people who run a county survey read it; English for developers. Each message says what to
 * do next, not only what went wrong.
 *
 * @example
 * ```ts
 * import { SURVEY_ERROR_CODES } from '@kepu/survey';
 * SURVEY_ERROR_CODES['lonely-psu'].zh; // '层“{stratum}”只有一个初级抽样单元…'
 * ```
 */
export const SURVEY_ERROR_CODES = SURVEY_CODES.templates;

/**
 * A code from {@link SURVEY_ERROR_CODES}.
 *
 * @example
 * ```ts
 * import type { SurveyErrorCode } from '@kepu/survey';
 * const code: SurveyErrorCode = 'lonely-psu';
 * ```
 */
export type SurveyErrorCode = keyof typeof SURVEY_ERROR_CODES;

/**
 * One problem (or warning) found while scoring or estimating: a code, the path of the offending
 * input (column name and record index, or option path), and a bilingual message that says what
 * to do. Same shape as `@kepu/core`'s issues.
 *
 * @example
 * ```ts
 * import { createSurveyIssue } from '@kepu/survey';
 * const issue = createSurveyIssue('missing-value', ['y', 12], { row: '12', column: 'score' });
 * issue.message.en;
 * ```
 */
export type SurveyIssue = IssueOf<SurveyErrorCode>;

/**
 * Builds a {@link SurveyIssue}.
 *
 * @example
 * ```ts
 * import { createSurveyIssue } from '@kepu/survey';
 * createSurveyIssue('lonely-psu', ['strata'], { stratum: '3', stage: '1' }).message.zh;
 * ```
 */
export function createSurveyIssue(
  code: SurveyErrorCode,
  path: ReadonlyArray<string | number>,
  params: Readonly<Record<string, string>> = {},
): SurveyIssue {
  // Loose params, as callers have always passed them; the table's own helper checks placeholders.
  return (SURVEY_CODES.issue as (c: SurveyErrorCode, p: typeof path, v: typeof params) => SurveyIssue)(
    code,
    path,
    params,
  );
}

/**
 * Converts zod issues into survey issues with code `invalid-shape`, keeping zod's path.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { fromZodSurveyIssues } from '@kepu/survey';
 * const r = z.object({ id: z.string() }).safeParse({});
 * if (!r.success) fromZodSurveyIssues(r.error.issues, ['questionnaire']);
 * ```
 */
export function fromZodSurveyIssues(
  issues: ReadonlyArray<z.core.$ZodIssue>,
  prefix: ReadonlyArray<string | number> = [],
): SurveyIssue[] {
  return SURVEY_CODES.fromZod('invalid-shape', issues, prefix);
}

const SURVEY_ERROR = Symbol.for('@kepu/survey/SurveyError');

/**
 * The one error class of `@kepu/survey`. Carries every issue found; branded with `Symbol.for` so
 * {@link isSurveyError} works across duplicate installs where `instanceof` would not.
 *
 * @example
 * ```ts
 * import { SurveyError, createSurveyIssue, isSurveyError } from '@kepu/survey';
 * try {
 *   throw new SurveyError([createSurveyIssue('empty-sample', [])]);
 * } catch (error) {
 *   if (isSurveyError(error)) console.log(error.code, error.messageZh);
 * }
 * ```
 */
export class SurveyError extends IssueError<SurveyIssue> {
  readonly [SURVEY_ERROR] = true;

  /** An empty list still makes an error (an `invalid-shape` one) rather than throwing. */
  constructor(issues: readonly SurveyIssue[], options?: { cause?: unknown }) {
    super(
      'SurveyError',
      issues.length > 0 ? issues : [createSurveyIssue('invalid-shape', [], { detail: 'unknown problem' })],
      options,
    );
  }
}

/**
 * True when `value` is a {@link SurveyError}, even one thrown by another copy of the package.
 *
 * @example
 * ```ts
 * import { isSurveyError } from '@kepu/survey';
 * isSurveyError(new Error('x')); // false
 * ```
 */
export function isSurveyError(value: unknown): value is SurveyError {
  return hasBrand(value, SURVEY_ERROR);
}

/** Throws a {@link SurveyError} with one issue. */
export function fail(
  code: SurveyErrorCode,
  path: ReadonlyArray<string | number>,
  params: Readonly<Record<string, string>> = {},
): never {
  throw new SurveyError([createSurveyIssue(code, path, params)]);
}
