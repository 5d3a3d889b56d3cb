import type { Span } from './span.js';

/**
 * How much a diagnostic matters:
 *
 * - `error`: something the plan needs is missing or unreadable (no title, no period); the draft
 *   will not validate until it is fixed;
 * - `warning`: the importer had to choose, and a person should check the choice (a unit not in
 *   the directory, lines assumed to cover several tasks);
 * - `info`: a repair the importer made to the text (page-break debris dropped, a word broken
 *   across lines joined) or a reading worth knowing (a blank document number).
 *
 * @example
 * ```ts
 * import type { Severity } from '@kepu/importer';
 * const worst: Severity = 'error';
 * ```
 */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Every diagnostic the importer can report, with its default severity and its bilingual message
 * template (`{name}` placeholders are filled from the diagnostic's `params`).
 *
 * @example
 * ```ts
 * import { DIAGNOSTIC_CODES } from '@kepu/importer';
 * DIAGNOSTIC_CODES['unit-created'].severity; // 'warning'
 * ```
 */
export const DIAGNOSTIC_CODES = {
  'debris-dropped': {
    severity: 'info',
    zh: '删除了疑似分页残留的孤立文字“{text}”。',
    en: 'Dropped "{text}", a stray line left by a page break.',
  },
  'clutter-dropped': {
    severity: 'info',
    zh: '删除了网页或排版杂项“{text}”。',
    en: 'Dropped "{text}", website or layout clutter.',
  },
  'lines-joined': {
    severity: 'info',
    zh: '被分页或换行截断的段落已接续：“{before}”+“{after}”。',
    en: 'Joined a paragraph broken by a page or line break: "{before}" + "{after}".',
  },
  'text-split': {
    severity: 'info',
    zh: '同一行中连写的内容已在“{marker}”前分开。',
    en: 'Split text run together on one line before "{marker}".',
  },
  'unit-created': {
    severity: 'warning',
    zh: '单位“{name}”不在单位名录中，已新建为“{id}”。请核对名称，或在名录中为已有单位补充此别名。',
    en: 'Unit "{name}" is not in the directory; created it as "{id}". Check the name, or add it as an alias of an existing unit.',
  },
  'unit-matched': {
    severity: 'info',
    zh: '单位“{name}”按常见部门名称对应到名录中的“{id}”。',
    en: 'Unit "{name}" was matched to "{id}" in the directory through the table of common department names.',
  },
  'unit-list-open': {
    severity: 'info',
    zh: '单位列表以“等”结尾（{text}）：可能还有未列出的单位。',
    en: 'The unit list ends with 等 ({text}): more units than those listed may be meant.',
  },
  'group-members-inferred': {
    severity: 'warning',
    zh: '文中未列出“{name}”的成员，已暂按文中出现的全部单位（{count} 个）作为成员。请按实际成员名单修正。',
    en: 'The document does not list the members of "{name}"; took every unit named in it ({count}) as members. Replace them with the real list.',
  },
  'responsibility-inherited': {
    severity: 'info',
    zh: '任务 {task} 没有单独的牵头/配合部门，沿用本节末尾的职责行（标记为继承）。',
    en: 'Task {task} has no responsibility lines of its own; it takes the section’s closing lines (marked inherited).',
  },
  'responsibility-assumed': {
    severity: 'warning',
    zh: '任务 {task} 没有单独的牵头/配合部门，已按其后第一处职责行（{at}）处理。请核对。',
    en: 'Task {task} has no responsibility lines of its own; took the next ones ({at}). Check this.',
  },
  'responsibility-merged': {
    severity: 'warning',
    zh: '{task} 有多处职责说明，已合并为一份（{text}）。请核对是否如此。',
    en: '{task} states its responsibility more than once; merged them into one ({text}). Check that this is meant.',
  },
  'responsibility-orphan': {
    severity: 'warning',
    zh: '职责说明“{text}”前没有可对应的任务或节，未使用。',
    en: 'The responsibility "{text}" follows no task or section, and was not used.',
  },
  'responsibility-empty': {
    severity: 'warning',
    zh: '职责说明“{text}”中没有识别出单位名称。',
    en: 'No unit name could be read in the responsibility "{text}".',
  },
  'task-without-responsibility': {
    severity: 'warning',
    zh: '任务 {task} 没有牵头单位：文中没有对应的牵头/责任单位说明。',
    en: 'Task {task} has no lead: the document gives no lead or responsible unit for it.',
  },
  'responsible-as-leads': {
    severity: 'info',
    zh: '“责任单位”未区分牵头与配合，已将所列单位均作为牵头单位（{text}）。',
    en: 'A 责任单位 list does not separate leads from partners; took every unit listed as a lead ({text}).',
  },
  'numbering-gap': {
    severity: 'warning',
    zh: '编号不连续：在 {after} 之后出现“{printed}”，应为第 {expected} 项。已按出现顺序编号，请核对是否缺项。',
    en: 'Numbering skips: "{printed}" follows {after}, where item {expected} was expected. Numbered by position; check for a missing item.',
  },
  'numbering-runs-on': {
    severity: 'info',
    zh: '本节编号接续上一节（从“{printed}”开始），已按节内顺序编号。',
    en: 'The numbering runs on from the previous section (starts at "{printed}"); numbered by position within the section.',
  },
  'implicit-section': {
    severity: 'info',
    zh: '“{code}”下的编号条目之前没有（一）级标题，已视为一个未编号的节。',
    en: 'The numbered items under "{code}" have no （一）-level heading above them; treated them as one unnumbered section.',
  },
  'implicit-part': {
    severity: 'warning',
    zh: '在任何“一、”级标题之前出现了下级标题“{text}”，已为其设立一个未编号的部分。',
    en: 'The heading "{text}" comes before any 一、-level heading; put it in an unnumbered part.',
  },
  'responsibility-from-table': {
    severity: 'info',
    zh: '任务 {task} 的牵头/配合单位取自文末分工表的一行（{text}）。',
    en: 'Task {task} takes its leads and partners from a row of the table after the text ({text}).',
  },
  'target-growth-read': {
    severity: 'info',
    zh: '“{text}”没有具体数值，已作为逐年增长目标（{title}：每年高于上一年）。',
    en: '"{text}" gives no number; read it as a growth target ({title}: higher than the year before, every year).',
  },
  'target-qualitative-read': {
    severity: 'info',
    zh: '“{text}”没有具体数值，已作为定性目标，由评审人员判断是否达到。',
    en: '"{text}" gives no number; read it as a qualitative target, for a reviewer to judge.',
  },
  'issuer-from-masthead': {
    severity: 'info',
    zh: '没有落款，发文机关取自文件抬头：“{issuer}”。',
    en: 'No signature; took the issuer from the masthead: "{issuer}".',
  },
  'title-joined': {
    severity: 'info',
    zh: '标题跨两行，已合并：“{before}”+“{after}”。',
    en: 'The title is broken across two lines; joined them: "{before}" + "{after}".',
  },
  'heading-level-detected': {
    severity: 'info',
    zh: '本文中“{marker}”级编号用作{role}（按文中实际使用的编号层级识别）。',
    en: 'Headings numbered like "{marker}" are read as {role} here, from the numbering hierarchy the document uses.',
  },
  'section-as-task': {
    severity: 'info',
    zh: '节 {code} 没有编号条目，但有职责说明，已将整节作为一项任务。',
    en: 'Section {code} has no numbered items but states a responsibility; took the whole section as one task.',
  },
  'unnumbered-task': {
    severity: 'info',
    zh: '未编号的段落带有职责说明，已作为任务 {task}（编号为本工具所加）。',
    en: 'An unnumbered paragraph states a responsibility; took it as task {task} (the number is ours).',
  },
  'long-title': {
    severity: 'info',
    zh: '标题较长（{length} 字），可能与正文连在一起了：“{text}”。',
    en: 'A long title ({length} characters) may run into its body: "{text}".',
  },
  'title-missing': {
    severity: 'error',
    zh: '没有找到方案标题（含“方案”“计划”或“规划”的标题行）。',
    en: 'No plan title was found (a heading line with 方案, 计划 or 规划).',
  },
  'period-missing': {
    severity: 'error',
    zh: '没有找到实施期限（如“2022—2025年”）。',
    en: 'No plan period was found (such as 2022—2025年).',
  },
  'issuer-missing': {
    severity: 'error',
    zh: '没有找到发文机关（落款或“印发”行）。',
    en: 'No issuer was found (a signature or a 印发 line).',
  },
  'county-missing': {
    severity: 'error',
    zh: '无法从标题或发文机关判断所属县（区、市），请用选项 county 指定。',
    en: 'The county could not be read from the title or issuer; give it with the `county` option.',
  },
  'document-number-blank': {
    severity: 'info',
    zh: '文号“{printed}”中的序号为空，按原样保留（number 为 null）。',
    en: 'The document number "{printed}" has a blank serial number; kept as printed (number is null).',
  },
  'date-invalid': {
    severity: 'warning',
    zh: '日期“{text}”不是有效日期，未使用。',
    en: 'The date "{text}" is not a valid date and was not used.',
  },
  'no-structure': {
    severity: 'error',
    zh: '没有找到“一、”“（一）”“1.”等编号标题，无法识别方案结构。',
    en: 'No numbered headings (一、 （一） 1.) were found; the plan structure cannot be read.',
  },
  'target-deadline-assumed': {
    severity: 'info',
    zh: '目标“{text}”未写明年份，按实施期末（{year}年）计。',
    en: 'The target "{text}" names no year; took the end of the period ({year}).',
  },
  'target-comparator-assumed': {
    severity: 'info',
    zh: '目标“{text}”沿用同句前文的“{word}”作为比较方式。',
    en: 'The target "{text}" takes "{word}" from earlier in its sentence as its comparator.',
  },
  'target-baseline-linked': {
    severity: 'info',
    zh: '“{text}”作为目标“{target}”的基线（{year}年）。',
    en: '"{text}" was taken as the baseline ({year}) of target "{target}".',
  },
  'observation-unlinked': {
    severity: 'info',
    zh: '“{text}”是 {year} 年的现状数值，未找到对应的目标，未使用。',
    en: '"{text}" is a value for {year} that matches no target, and was not used.',
  },
  'rate-parts-unknown': {
    severity: 'info',
    zh: '指标“{name}”以百分比表示，但文中没有写明分子和分母，暂按数值指标处理。',
    en: 'Indicator "{name}" is a percentage, but the document does not say what is divided by what; kept as a number.',
  },
  'internal-error': {
    severity: 'error',
    zh: '导入程序内部出错，结果可能不完整：{detail}。请将原文和此信息报告给 Kepu 维护者。',
    en: 'The importer failed internally and the result may be incomplete: {detail}. Please report the text and this message to the Kepu maintainers.',
  },
} as const satisfies Record<string, { severity: Severity; zh: string; en: string }>;

/**
 * A code from {@link DIAGNOSTIC_CODES}.
 *
 * @example
 * ```ts
 * import type { DiagnosticCode } from '@kepu/importer';
 * const code: DiagnosticCode = 'debris-dropped';
 * ```
 */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/**
 * Something the importer noticed, repaired or could not decide, with where it is in the original
 * text. The importer never guesses silently: every choice it makes that a reader could disagree
 * with is one of these.
 *
 * @example
 * ```ts
 * import { formatSpan, importPlan } from '@kepu/importer';
 * for (const d of importPlan(text).diagnostics) {
 *   console.log(`${formatSpan(d.span)} ${d.severity} [${d.code}] ${d.message.zh}`);
 * }
 * ```
 */
export interface ImportDiagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: { readonly zh: string; readonly en: string };
  readonly params: Readonly<Record<string, string>>;
  /** The plan field concerned, when there is one (`parts[2].sections[0].tasks[1].leads`). */
  readonly path?: ReadonlyArray<string | number>;
}

function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => params[key] ?? whole);
}

/**
 * Builds an {@link ImportDiagnostic} from a code, a span and the template's parameters.
 *
 * @example
 * ```ts
 * import { createDiagnostic } from '@kepu/importer';
 * const span = { start: 0, end: 1, line: 1, column: 1, endLine: 1, endColumn: 2 };
 * createDiagnostic('debris-dropped', span, { text: '位' }).message.zh;
 * ```
 */
export function createDiagnostic(
  code: DiagnosticCode,
  span: Span,
  params: Readonly<Record<string, string>> = {},
  options: { severity?: Severity; path?: ReadonlyArray<string | number> } = {},
): ImportDiagnostic {
  const template = DIAGNOSTIC_CODES[code];
  return {
    code,
    severity: options.severity ?? template.severity,
    span,
    message: { zh: fill(template.zh, params), en: fill(template.en, params) },
    params: { ...params },
    ...(options.path ? { path: [...options.path] } : {}),
  };
}
