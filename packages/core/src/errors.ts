import type { z } from 'zod';
import { defineErrorCodes, type IssueOf, type IssuePath } from './i18n/error-codes.js';
import { formatPath } from './i18n/format-path.js';
import { hasBrand, IssueError } from './i18n/issue-error.js';

// formatPath lived here before the bilingual machinery had a home; keep the old import path.
export { formatPath };

const CORE_CODES = defineErrorCodes({
  'invalid-shape': {
    zh: '数据格式不符合要求：{detail}。请按字段路径修正后重试。',
    en: 'The data does not have the expected shape: {detail}. Fix the field at this path and try again.',
  },
  'unknown-org-unit': {
    zh: '引用了不存在的单位“{ref}”。请先在单位名录中登记该单位，或改用已登记单位的编号。',
    en: 'Unknown org unit "{ref}". Register it in the org-unit directory first, or use the id of a registered unit.',
  },
  'unknown-reference': {
    zh: '引用了不存在的{kind}“{ref}”。请检查编号是否拼写正确。',
    en: 'Unknown {kind} "{ref}". Check that the id or path is spelled correctly.',
  },
  'duplicate-id': {
    zh: '编号“{id}”重复出现（{kind}）。每个编号必须唯一，请改名其中一个。',
    en: 'The id "{id}" is used more than once ({kind}). Every id must be unique: rename one of them.',
  },
  'lead-and-partner': {
    zh: '单位“{unit}”在任务“{task}”中同时是牵头单位和配合单位。请只保留一种角色。',
    en: 'Unit "{unit}" is both a lead and a partner of task "{task}". Keep only one of the two roles.',
  },
  'task-without-lead': {
    zh: '任务“{task}”没有牵头单位（本身没有，也没有从所在部分继承）。请补充牵头单位。',
    en: 'Task "{task}" has no lead unit, neither its own nor inherited from its section. Add at least one lead.',
  },
  'target-unlinked': {
    zh: '目标“{target}”没有关联任何任务或条款。请在 links 中至少关联一个任务、部分或目标条款。',
    en: 'Target "{target}" is linked to nothing. Link it to at least one task, section or goal clause in `links`.',
  },
  'empty-group': {
    zh: '单位组“{group}”没有成员。请列出其成员单位。',
    en: 'Group "{group}" has no members. List its member units.',
  },
  'group-cycle': {
    zh: '单位组“{group}”直接或间接包含了自身。请检查成员名单。',
    en: 'Group "{group}" contains itself, directly or through another group. Check its member list.',
  },
  'inconsistent-target': {
    zh: '目标“{target}”的设置自相矛盾：{detail}。',
    en: 'Target "{target}" is inconsistent: {detail}.',
  },
  'inconsistent-responsibility': {
    zh: '任务“{task}”的职责设置有误：{detail}。',
    en: 'The responsibility of task "{task}" is inconsistent: {detail}.',
  },
  'inconsistent-indicator': {
    zh: '指标“{indicator}”的设置自相矛盾：{detail}。',
    en: 'Indicator "{indicator}" is inconsistent: {detail}.',
  },
  'invalid-path': {
    zh: '路径“{path}”与其上级“{parent}”不一致。子节点的路径必须以上级路径开头。',
    en: 'Path "{path}" does not extend its parent path "{parent}". A child path must start with its parent’s path.',
  },
  'zero-total-weight': {
    zh: '考核方案“{scheme}”中“{kind}”的考核项分值合计为 0，无法折算得分。请至少给一个考核项正的分值。',
    en: 'The items of "{kind}" in assessment scheme "{scheme}" weigh 0 in total, so no score can be computed. Give at least one item a positive weight.',
  },
  'grade-band-gap': {
    zh: '考核方案“{scheme}”的等次区间在 {from} 到 {to} 之间有空档，该分数段的单位将无等次。请调整等次的下限与上限，使其首尾相接。',
    en: 'The grade bands of scheme "{scheme}" leave a gap from {from} to {to}: a unit scoring there would get no grade. Make each band start where the previous one ends.',
  },
  'grade-band-overlap': {
    zh: '考核方案“{scheme}”的等次“{band}”与“{other}”在 {from} 到 {to} 之间重叠。请调整区间，使每个分数只属于一个等次。',
    en: 'Grade bands "{band}" and "{other}" of scheme "{scheme}" overlap from {from} to {to}. Adjust them so that every score belongs to exactly one band.',
  },
  'grade-band-range': {
    zh: '考核方案“{scheme}”的等次区间应覆盖 0 到 {max} 分，现为 {from} 到 {to}。请补齐最低或最高等次。',
    en: 'The grade bands of scheme "{scheme}" must cover 0 to {max}; they cover {from} to {to}. Extend the lowest or the highest band.',
  },
  'inconsistent-scheme': {
    zh: '考核方案“{scheme}”的设置自相矛盾：{detail}。',
    en: 'Assessment scheme "{scheme}" is inconsistent: {detail}.',
  },
  'scheme-plan-mismatch': {
    zh: '考核方案“{scheme}”适用于计划“{expected}”，不能用于计划“{actual}”。请选用该计划的考核方案。',
    en: 'Assessment scheme "{scheme}" is for plan "{expected}", not for plan "{actual}". Use a scheme written for this plan.',
  },
  'period-outside-plan': {
    zh: '考核年度 {period} 不在计划实施期限 {start}—{end} 之内。请选择期限内的年度。',
    en: 'The assessment period {period} is outside the plan’s period {start}–{end}. Choose a year within it.',
  },
  'invalid-observation': {
    zh: '监测数据有误：{detail}。',
    en: 'Invalid observation: {detail}.',
  },
  'duplicate-observation': {
    zh: '目标“{target}”在 {date} 有两条相同口径（单位“{unit}”、分类“{category}”）的存量数据，无法判断以哪条为准。请删除重复的一条，或改为不同日期。',
    en: 'Target "{target}" has two stock observations for the same unit "{unit}", category "{category}" and date {date}; Kepu cannot tell which one holds. Remove the duplicate or date them apart.',
  },
  'invalid-review': {
    zh: '评审记录有误：{detail}。',
    en: 'Invalid review: {detail}.',
  },
  'self-review': {
    zh: '单位“{unit}”不能评审本单位的工作（{subject}）。请由牵头部门、县科协或考核组评审。',
    en: 'Unit "{unit}" cannot review its own work ({subject}). Have a lead department, the county CAST office or the assessment group review it.',
  },
  'invalid-assessment-input': {
    zh: '考核输入有误：{detail}。',
    en: 'Invalid assessment input: {detail}.',
  },
  'plugin-invalid': {
    zh: '插件“{plugin}”的结构不符合要求：{detail}。请按插件作者文档修正。',
    en: 'Plugin "{plugin}" has the wrong shape: {detail}. Fix it as the plugin authoring guide describes.',
  },
  'plugin-incompatible': {
    zh: '插件“{plugin}”支持的 Kepu 版本为 {range}，当前为 {version}。请升级插件或 Kepu。',
    en: 'Plugin "{plugin}" supports Kepu {range}, but this is {version}. Upgrade the plugin or Kepu.',
  },
  'plugin-duplicate': {
    zh: '插件“{plugin}”被重复加载。每个插件只能加载一次。',
    en: 'Plugin "{plugin}" is loaded more than once. Load each plugin once.',
  },
  'plugin-conflict': {
    zh: '插件“{plugin}”与插件“{other}”都定义了{kind}“{id}”。请只保留一个，或修改其中一个的编号。',
    en: 'Plugins "{plugin}" and "{other}" both define {kind} "{id}". Keep one, or rename one of them.',
  },
  'plugin-hook-failed': {
    zh: '插件“{plugin}”的钩子 {hook} 出错：{detail}。已忽略其结果，引擎状态未改变。',
    en: 'Hook {hook} of plugin "{plugin}" failed: {detail}. Its result was ignored and the engine state is unchanged.',
  },
  'plugin-failed': {
    zh: '插件“{plugin}”的校验 {hook} 未能完成：{detail}。为避免结果取决于机器负载，本次提交未被接收，引擎状态未改变。请稍后重试；如仍失败，请联系插件维护者。',
    en: 'The {hook} check of plugin "{plugin}" did not complete: {detail}. So that the outcome never depends on machine load, the submission was refused and the engine state is unchanged. Try again later; if it keeps failing, contact the plugin\'s maintainer.',
  },
  forbidden: {
    zh: '操作人“{actor}”（{role}）无权执行“{command}”：{reason}。如需办理，请由有相应权限的人员操作。',
    en: 'Actor "{actor}" ({role}) may not run "{command}": {reason}. Ask someone whose role allows it.',
  },
  'self-approval': {
    zh: '报告“{report}”由“{actor}”本人提交，不能由本人审核（通过或退回）。请由其他审核人办理。',
    en: 'Report "{report}" was submitted by "{actor}", who therefore cannot approve or return it. Ask another reviewer.',
  },
  'conflict-of-interest': {
    zh: '操作人“{actor}”属于单位“{unit}”，不能为本单位执行“{command}”（不得自评、自奖或处理本单位）。请由不属于该单位的人员办理。',
    en: 'Actor "{actor}" belongs to unit "{unit}" and so cannot run "{command}" on it: nobody scores, rewards or judges their own unit. Ask someone outside that unit.',
  },
  'unknown-actor': {
    zh: '无法识别操作人“{actor}”：{detail}。请检查登录身份或操作人名录。',
    en: 'Unknown actor "{actor}": {detail}. Check the signed-in identity or the actor directory.',
  },
  'version-conflict': {
    zh: '数据已被他人修改：{record}在版本 {actual} 发生变化，而本次操作基于版本 {expected}。请刷新后核对再操作。',
    en: '{record} changed at version {actual}, after version {expected} this command was based on. Reload, check, and try again.',
  },
  'invalid-transition': {
    zh: '报告“{report}”当前状态为“{status}”，不能{action}。',
    en: 'Report "{report}" is {status}, so it cannot be {action}.',
  },
  'duplicate-report': {
    zh: '单位“{unit}”已就{subject}提交了 {period} 期的报告“{report}”。请修改该报告（退回后重新提交），或先撤回再重新填报。',
    en: 'Unit "{unit}" already has report "{report}" on {subject} for {period}. Revise that report (resubmit after a return), or withdraw it first.',
  },
  'reporting-period-outside-plan': {
    zh: '“{period}”不是计划“{plan}”的报告期。可用的报告期：{periods}。',
    en: '"{period}" is not a reporting period of plan "{plan}". Reporting periods: {periods}.',
  },
  'assessment-unavailable': {
    zh: '无法对计划“{plan}”运行考核：{detail}。',
    en: 'Cannot run the assessment of plan "{plan}": {detail}.',
  },
  'store-conflict': {
    zh: '存储“{store}”已有更新的写入（本次写入基于日志第 {expected} 条，存储已到第 {actual} 条）。本次未写入任何内容，请同步后重试。',
    en: 'Store "{store}" has moved on: this write expected log position {expected}, the store is at {actual}. Nothing was written; catch up and retry.',
  },
  'snapshot-exists': {
    zh: '快照“{key}”第 {version} 版已存在。快照只能新增版本，不能覆盖。',
    en: 'Snapshot "{key}" version {version} already exists. Snapshots gain new versions; they are never overwritten.',
  },
  'store-failure': {
    zh: '存储“{store}”操作失败：{detail}。本次操作未生效，请检查存储连接后重试。',
    en: 'Store "{store}" failed: {detail}. The command did not take effect; check the store and try again.',
  },
  'store-outcome-unknown': {
    zh: '存储“{store}”的连接在写入时中断：{detail}。本次写入可能已生效，也可能未生效，请重新加载（读取日志头）后再决定是否重试。',
    en: 'Store "{store}" lost its connection during a write: {detail}. The commit may or may not have been written; reload (read the head) before retrying.',
  },
  'audit-broken': {
    zh: '审计日志校验失败，第 {seq} 条：{reason}。日志或数据可能被改动，请停止写入并核查。',
    en: 'The audit log fails verification at entry {seq}: {reason}. The log or the data may have been altered: stop writing and investigate.',
  },
  'audit-truncated': {
    zh: '审计日志被截短：锚点记录到第 {anchorSeq} 条，但日志只到第 {headSeq} 条。其后的记录被删除，或数据库被换回了旧副本。请停止写入，用锚点之后的备份核查。',
    en: 'The audit log was cut short: the anchor vouches for entry {anchorSeq}, but the log ends at entry {headSeq}. Later entries were removed, or an older copy of the database was restored. Stop writing and check against a backup taken after the anchor.',
  },
  'audit-rechained': {
    zh: '审计日志被改写：第 {seq} 条的哈希与锚点不一致，日志被修改后重新计算了哈希。请停止写入，用锚点之后的备份核查。',
    en: 'The audit log was rewritten: entry {seq} does not have the hash the anchor names, so the log was edited and re-hashed. Stop writing and check against a backup taken after the anchor.',
  },
  'invalid-namespace': {
    zh: '命名空间“{namespace}”不可用。命名空间须为 1–128 个小写字母、数字、汉字或“.”“_”“-”“:”，以字母、数字或汉字开头，不得含空格、控制字符、大写字母或全角字符。请改正名称后重试，未打开任何数据。',
    en: 'The namespace "{namespace}" cannot be used. A namespace is 1–128 lowercase letters, digits, letters of scripts without case (such as Chinese), ".", "_", "-" or ":", starting with a letter or digit, with no spaces, control characters, capitals or full-width forms. Fix the name and try again; no data was opened.',
  },
  'engine-disposed': {
    zh: '引擎已关闭，不能再执行命令。请重新创建引擎。',
    en: 'The engine has been disposed and accepts no more commands. Create a new engine.',
  },
});

/**
 * Every error code Kepu's core can report, with its bilingual message template.
 *
 * Templates use `{name}` placeholders filled from an issue's `params`. The Chinese text comes
 * first because officials read it; the English text is for developers and `--lang en`.
 *
 * @example
 * ```ts
 * import { ERROR_CODES } from '@kepu/core';
 * ERROR_CODES['unknown-org-unit'].zh; // '引用了不存在的单位“{ref}”…'
 * ```
 */
export const ERROR_CODES = CORE_CODES.templates;

/**
 * A code from {@link ERROR_CODES}.
 *
 * @example
 * ```ts
 * import type { ErrorCode } from '@kepu/core';
 * const code: ErrorCode = 'duplicate-id';
 * ```
 */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * A code a plugin declares in its `errorCodes`: namespaced by the plugin's id, `<plugin-id>/<code>`,
 * so it can never collide with core's codes (which have no `/`) or another plugin's.
 *
 * @example
 * ```ts
 * import type { PluginErrorCode } from '@kepu/core';
 * const code: PluginErrorCode = 'hexi/no-certificate';
 * ```
 */
export type PluginErrorCode = `${string}/${string}`;

/**
 * One problem found in some input: a code (core's, or a plugin's own), the path of the offending
 * field, and a message in Chinese and English that says what to do.
 *
 * @example
 * ```ts
 * import { createIssue } from '@kepu/core';
 * const issue = createIssue('empty-group', ['orgUnits', 3, 'members'], { group: 'leading-group' });
 * issue.message.zh; // '单位组“leading-group”没有成员。请列出其成员单位。'
 * ```
 */
export type KepuIssue = IssueOf<ErrorCode | PluginErrorCode>;

/**
 * Builds a {@link KepuIssue} from a code, a path and the template's parameters.
 *
 * @example
 * ```ts
 * import { createIssue } from '@kepu/core';
 * createIssue('unknown-org-unit', ['parts', 0], { ref: 'county-xyz' }).message.en;
 * ```
 */
export function createIssue(
  code: ErrorCode,
  path: ReadonlyArray<string | number>,
  params: Readonly<Record<string, string>> = {},
): KepuIssue {
  // Core's callers pass params loosely (some add a `plugin` for attribution); the typed
  // placeholder check is for code written against a table, such as a plugin's.
  return (CORE_CODES.issue as (c: ErrorCode, p: IssuePath, v: Readonly<Record<string, string>>) => KepuIssue)(
    code,
    path,
    params,
  );
}

/**
 * Converts zod's issues into Kepu issues with code `invalid-shape`, keeping zod's own path and
 * attaching zod's message as the detail, so nothing zod knew is lost.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { fromZodIssues } from '@kepu/core';
 * const r = z.object({ a: z.number() }).safeParse({ a: 'x' });
 * if (!r.success) fromZodIssues(r.error.issues, ['plan']);
 * ```
 */
export function fromZodIssues(
  issues: ReadonlyArray<z.core.$ZodIssue>,
  prefix: ReadonlyArray<string | number> = [],
): KepuIssue[] {
  return CORE_CODES.fromZod('invalid-shape', issues, prefix);
}

const KEPU_ERROR = Symbol.for('@kepu/core/KepuError');

/**
 * The one error class of `@kepu/core`. It carries every issue found, not just the first, so a
 * user can fix all of them in one pass. Branded with `Symbol.for` so {@link isKepuError} works
 * across duplicate installs of the package, where `instanceof` would not.
 *
 * @example
 * ```ts
 * import { KepuError, createIssue, isKepuError } from '@kepu/core';
 * try {
 *   throw new KepuError([createIssue('empty-group', ['orgUnits', 0], { group: 'g' })]);
 * } catch (error) {
 *   if (isKepuError(error)) console.log(error.code, error.issues.length);
 * }
 * ```
 */
export class KepuError extends IssueError<KepuIssue> {
  readonly [KEPU_ERROR] = true;

  /** Throws a RangeError when `issues` is empty: an error must say what is wrong. */
  constructor(issues: readonly KepuIssue[], options?: { cause?: unknown }) {
    super('KepuError', issues, options);
  }
}

/**
 * True when `value` is a {@link KepuError}, even one thrown by another copy of `@kepu/core`.
 *
 * @example
 * ```ts
 * import { isKepuError } from '@kepu/core';
 * isKepuError(new Error('x')); // false
 * ```
 */
export function isKepuError(value: unknown): value is KepuError {
  return hasBrand(value, KEPU_ERROR);
}
