import {
  type AssessmentScheme,
  indexPlan,
  type Plan,
  type Scorecard,
  type SheetResult,
  TARGET_STATUS_NAMES,
  type TargetEvaluation,
  type UnitScore,
} from '@kepu/core';
import { estimateFootnotes, flagsText, suppressedText } from '../format/estimate.js';
import { type Bilingual, type Lang, t } from '../i18n.js';

/**
 * How a column's values are shown: `text`; `integer` (a rank, a count); `number` (a measured
 * value: thousands separated, decimals only when it has them); `score` (two decimals); `percent`
 * (a fraction in [0, 1] shown as a percentage). A `null` value is missing and is shown as
 * missing (— or 未评估), never as 0.
 *
 * @example
 * ```ts
 * import type { ReportCellKind } from '@kepu/cli';
 * const kind: ReportCellKind = 'percent';
 * ```
 */
export type ReportCellKind = 'text' | 'integer' | 'number' | 'score' | 'percent';

/**
 * One column of a report table: its key in the rows, its header in the report's language, how
 * its values are shown.
 *
 * @example
 * ```ts
 * import type { ReportColumn } from '@kepu/cli';
 * const score: ReportColumn = { key: 'score', header: '得分', kind: 'score' };
 * ```
 */
export interface ReportColumn {
  readonly key: string;
  readonly header: string;
  readonly kind: ReportCellKind;
  /** What a missing value says in this column. @default '—' */
  readonly missing?: string;
}

/**
 * A value of a report cell: text, a number, or `null` for missing.
 *
 * @example
 * ```ts
 * import type { ReportValue } from '@kepu/cli';
 * const missing: ReportValue = null;
 * ```
 */
export type ReportValue = string | number | null;

/**
 * One view of the report: targets, tasks, departments, townships or the item breakdown.
 *
 * @example
 * ```ts
 * const targets = report.tables.find((t) => t.id === 'targets');
 * targets?.rows[0]?.status; // '已达成'
 * ```
 */
export interface ReportTable {
  /** `targets`, `tasks`, `items`, and one per score sheet: `departments`, `townships` (or `sheet-<id>`). */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: ReadonlyArray<Readonly<Record<string, ReportValue>>>;
}

/**
 * Everything a report shows, in one language, independent of its format: the county's header,
 * where the numbers come from (the assessment run, the scheme and its hash, the rules version),
 * and the tables. The Excel, HTML, Markdown and JSON reports are all drawn from it, so they say
 * the same thing.
 *
 * @example
 * ```ts
 * import { buildReport } from '@kepu/cli';
 * const report = buildReport(scorecard, plan, { lang: 'zh', source: { kind: 'computed' } });
 * report.tables.map((t) => t.title); // ['目标进展', '任务', '县直成员单位', '乡镇', '考核明细']
 * ```
 */
export interface ReportModel {
  readonly format: 'kepu-report';
  readonly formatVersion: 1;
  readonly lang: Lang;
  /** The county (from the issuer), e.g. 正宁县. */
  readonly county: string;
  readonly title: string;
  readonly subtitle: string;
  readonly plan: { readonly id: string; readonly title: string; readonly issuer: string };
  readonly period: number;
  readonly asOf: string;
  readonly scheme: {
    readonly id: string;
    readonly name: string;
    readonly version: string;
    readonly hash: string;
  };
  readonly rulesVersion: string;
  readonly inputsHash: string;
  readonly source: ReportSource;
  /** Lines worth reading first: targets achieved, units vetoed, units not assessed, notes. */
  readonly highlights: readonly string[];
  readonly tables: readonly ReportTable[];
}

/**
 * Where a report's scorecard came from: a stored assessment run (its number, when it ran, the
 * state version it read), or computed now from the records (not stored).
 *
 * @example
 * ```ts
 * import type { ReportSource } from '@kepu/cli';
 * const source: ReportSource = { kind: 'run', run: 1, ranAt: '2025-03-20T02:00:00.000Z', stateVersion: 1080 };
 * ```
 */
export type ReportSource =
  | { readonly kind: 'run'; readonly run: number; readonly ranAt: string; readonly stateVersion: number }
  | { readonly kind: 'computed'; readonly stateVersion?: number };

const L = {
  targets: { zh: '目标进展', en: 'Targets' },
  tasks: { zh: '任务', en: 'Tasks' },
  items: { zh: '考核明细', en: 'Item breakdown' },
  notAssessed: { zh: '未评估', en: 'not assessed' },
  noData: { zh: '无数据', en: 'no data' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
} satisfies Record<string, Bilingual>;

const RULE_NAMES: Record<string, Bilingual> = {
  proportional: { zh: '按完成度计分', en: 'proportional' },
  'pro-rata': { zh: '按比例扣分', en: 'pro rata' },
  'all-or-nothing': { zh: '完成得分', en: 'all or nothing' },
  reviewer: { zh: '评审评分', en: 'reviewer' },
};

function countyOf(plan: Plan, lang: Lang = 'zh'): string {
  if (plan.county?.name) return lang === 'en' ? (plan.county.nameEn ?? plan.county.name) : plan.county.name;
  if (lang === 'en') {
    const english = /([A-Z][A-Za-z-]+ (?:County|City|District|Banner))/.exec(plan.meta.titleEn ?? '');
    if (english?.[1]) return english[1];
  }
  const match = /^(.+?[县市区旗])/.exec(plan.meta.issuer ?? plan.meta.title);
  return match?.[1] ?? plan.meta.issuer ?? plan.meta.title;
}

const named = (lang: Lang, item: { name: string; nameEn?: string | null | undefined }) =>
  lang === 'en' ? (item.nameEn ?? item.name) : item.name;

function requirementText(e: TargetEvaluation, lang: Lang): string {
  if (e.kind === 'qualitative') return t(lang, { zh: '评审判定', en: 'reviewed' });
  if (e.cadence === 'year-on-year-growth') {
    const r = e.requirement.replace(/^growth\s*/, '').replace(' %', '%');
    return t(lang, { zh: `逐年增长（${r}）`, en: `growth every year (${r})` });
  }
  if (e.cadence === 'every-year') return t(lang, { zh: `每年 ${e.requirement}`, en: `every year ${e.requirement}` });
  if (e.cadence === 'cumulative-by-deadline') {
    return t(lang, { zh: `累计 ${e.requirement}`, en: `in total ${e.requirement}` });
  }
  return e.requirement;
}

/** Names of a scheme's deductions, awards and vetoes by id, for notes. */
type SchemeNames = ReadonlyMap<string, { name: string; nameEn?: string | undefined }>;

function schemeNames(scheme: AssessmentScheme | undefined): SchemeNames {
  const out = new Map<string, { name: string; nameEn?: string | undefined }>();
  for (const sheet of scheme?.sheets ?? []) {
    for (const d of sheet.deductions) out.set(`deduction:${d.id}`, d);
    for (const a of sheet.bonus.awards) out.set(`award:${a.id}`, a);
  }
  return out;
}

function unitNotes(u: UnitScore, lang: Lang, names: SchemeNames = new Map()): string {
  const nameOf = (kind: string, id: string) => {
    const found = names.get(`${kind}:${id}`);
    return found ? (lang === 'en' ? (found.nameEn ?? found.name) : found.name) : id;
  };
  const notes: string[] = [];
  if (u.vetoed) {
    notes.push(
      t(lang, {
        zh: `一票否决：${u.vetoes.map((v) => v.name).join('、')}`,
        en: `veto: ${u.vetoes.map((v) => v.veto).join(', ')}`,
      }),
    );
  }
  if (u.cappedFromTopGrade) notes.push(t(lang, { zh: '优秀比例已满，顺延为下一等次', en: 'top-grade cap reached' }));
  for (const line of u.deductions.lines) {
    notes.push(
      t(lang, {
        zh: `${nameOf('deduction', line.deduction)}${line.count > 1 ? ` ${line.count} 次` : ''}（−${line.points}）`,
        en: `${nameOf('deduction', line.deduction)}${line.count > 1 ? ` ×${line.count}` : ''} (−${line.points})`,
      }),
    );
  }
  for (const award of u.bonus.awards) {
    notes.push(
      t(lang, {
        zh: `${nameOf('award', award.award)}（+${award.points}）`,
        en: `${nameOf('award', award.award)} (+${award.points})`,
      }),
    );
  }
  const missing = u.items.filter((i) => i.status === 'not-assessed');
  if (missing.length > 0) {
    notes.push(
      t(lang, {
        zh: `${missing.length} 项无数据（${missing.map((i) => i.name).join('、')}）`,
        en: `${missing.length} item(s) without data`,
      }),
    );
  }
  if (!u.assessed) {
    notes.push(
      t(lang, {
        zh: `数据覆盖 ${(u.coverage * 100).toFixed(0)}%，不足以评分`,
        en: `coverage ${(u.coverage * 100).toFixed(0)}%: too little to score`,
      }),
    );
  }
  return notes.join(lang === 'en' ? '; ' : '；');
}

function sheetTable(sheet: SheetResult, lang: Lang, names: SchemeNames): ReportTable {
  const id =
    sheet.sheet === 'department' ? 'departments' : sheet.sheet === 'township' ? 'townships' : `sheet-${sheet.sheet}`;
  const groups = sheet.units.find((u) => u.groups.length > 0)?.groups ?? [];
  const missing = t(lang, L.notAssessed);
  const columns: ReportColumn[] = [
    { key: 'rank', header: t(lang, { zh: '名次', en: 'Rank' }), kind: 'integer', missing },
    { key: 'unit', header: t(lang, { zh: '单位', en: 'Unit' }), kind: 'text' },
    { key: 'score', header: t(lang, { zh: '得分', en: 'Score' }), kind: 'score', missing },
    { key: 'grade', header: t(lang, { zh: '等次', en: 'Grade' }), kind: 'text', missing },
    ...groups.map(
      (g): ReportColumn => ({
        key: `group:${g.group}`,
        header: `${named(lang, g)}（${g.maxPoints}）`,
        kind: 'score',
      }),
    ),
    { key: 'bonus', header: t(lang, { zh: '奖励加分', en: 'Bonus' }), kind: 'score' },
    { key: 'deductions', header: t(lang, { zh: '扣分', en: 'Deductions' }), kind: 'score' },
    { key: 'selfScore', header: t(lang, { zh: '自评分', en: 'Self-score' }), kind: 'score' },
    { key: 'selfScoreAudited', header: t(lang, { zh: '同项审定分', en: 'Audited (same items)' }), kind: 'score' },
    { key: 'notes', header: t(lang, { zh: '说明', en: 'Notes' }), kind: 'text' },
  ];
  const rows = sheet.units.map((u) => {
    const row: Record<string, ReportValue> = {
      rank: u.rank,
      unit: named(lang, u),
      unitId: u.unit,
      score: u.score,
      grade: u.grade ? named(lang, u.grade) : null,
      bonus: u.assessed ? u.bonus.points : null,
      deductions: u.assessed ? u.deductions.points : null,
      selfScore: u.selfScore,
      selfScoreAudited: u.selfScoreAudited,
      coverage: u.coverage,
      vetoed: u.vetoed ? t(lang, L.yes) : '',
      notes: unitNotes(u, lang, names),
    };
    for (const g of groups) row[`group:${g.group}`] = u.groups.find((x) => x.group === g.group)?.points ?? null;
    return row;
  });
  return { id, title: named(lang, sheet), columns, rows };
}

/**
 * Draws a {@link ReportModel} from a scorecard and its plan, in one language. Pure: the same
 * scorecard gives the same model. Missing numbers stay `null`; every number is the scorecard's,
 * unrounded (formats round for display).
 *
 * @example
 * ```ts
 * import { buildReport } from '@kepu/cli';
 * const report = buildReport(card, zhengningPlan, { lang: 'zh', source: { kind: 'computed' } });
 * report.tables[0]?.rows.length; // one row per target
 * ```
 */
export function buildReport(
  card: Scorecard,
  plan: Plan,
  options: {
    readonly lang: Lang;
    readonly source: ReportSource;
    /** The scheme the scorecard was made with: deductions and awards are then named, not just ids. */
    readonly scheme?: AssessmentScheme;
  },
): ReportModel {
  const { lang } = options;
  const index = indexPlan(plan);
  const unitNames = (ids: readonly string[]) =>
    ids
      .map((id) => (index.units.get(id) ? named(lang, index.units.get(id) as never) : id))
      .join(lang === 'en' ? ', ' : '、');

  const targets: ReportTable = {
    id: 'targets',
    title: t(lang, L.targets),
    columns: [
      { key: 'title', header: t(lang, { zh: '目标', en: 'Target' }), kind: 'text' },
      { key: 'requirement', header: t(lang, { zh: '要求', en: 'Requirement' }), kind: 'text' },
      { key: 'baseline', header: t(lang, { zh: '基线', en: 'Baseline' }), kind: 'number' },
      { key: 'value', header: t(lang, { zh: '当前值', en: 'Value' }), kind: 'number', missing: t(lang, L.noData) },
      { key: 'unit', header: t(lang, { zh: '单位', en: 'Unit' }), kind: 'text' },
      { key: 'interval', header: t(lang, { zh: '置信区间与可靠性', en: 'Interval and reliability' }), kind: 'text' },
      { key: 'attainment', header: t(lang, { zh: '完成度', en: 'Attainment' }), kind: 'percent' },
      { key: 'expected', header: t(lang, { zh: '应达到', en: 'Expected' }), kind: 'number' },
      { key: 'status', header: t(lang, { zh: '状态', en: 'Status' }), kind: 'text' },
      { key: 'deadline', header: t(lang, { zh: '截止年', en: 'Deadline' }), kind: 'integer' },
      { key: 'forecast', header: t(lang, { zh: '到期预测', en: 'Forecast' }), kind: 'number' },
      { key: 'forecastMeets', header: t(lang, { zh: '能否达标', en: 'Meets' }), kind: 'text' },
      { key: 'explanation', header: t(lang, { zh: '判断依据', en: 'Why' }), kind: 'text' },
    ],
    rows: card.targets.map((e) => {
      const target = index.targets.get(e.target);
      const indicator = target ? index.indicators.get(target.indicator) : undefined;
      const review = e.valueKind === 'review';
      const growth = e.valueKind === 'growth-percent';
      const unit =
        review || growth ? '%' : ((lang === 'en' ? (indicator?.unitEn ?? indicator?.unit) : indicator?.unit) ?? '');
      const estimate = e.estimate;
      return {
        target: e.target,
        title: target ? (lang === 'en' ? (target.titleEn ?? target.title) : target.title) : e.target,
        requirement: requirementText(e, lang),
        deadline: target?.deadline.year ?? null,
        baseline: e.baseline?.value ?? null,
        // A suppressed survey estimate is not published: the cell says so, with the reason.
        value: estimate?.suppressed
          ? suppressedText(estimate, lang)
          : review && e.value !== null
            ? e.value * 100
            : e.value,
        unit,
        interval: estimate ? intervalCell(estimate, unit, lang) : null,
        ciLow: estimate && !estimate.suppressed ? estimate.low : null,
        ciHigh: estimate && !estimate.suppressed ? estimate.high : null,
        ciLevel: estimate?.level ?? null,
        flags: estimate && estimate.flags.length > 0 ? estimate.flags.join(lang === 'en' ? '; ' : '；') : null,
        valuePeriod: e.valuePeriod,
        attainment: e.attainment,
        expected: review && e.expected !== null ? e.expected * 100 : e.expected,
        status: t(lang, TARGET_STATUS_NAMES[e.status]),
        statusId: e.status,
        forecast: e.forecast?.value ?? null,
        forecastYear: e.forecast?.year ?? null,
        forecastMeets: e.forecast
          ? `${t(lang, e.forecast.meets ? L.yes : L.no)}${e.forecast.method === 'final' ? t(lang, { zh: '（最终）', en: ' (final)' }) : ''}`
          : null,
        explanation: t(lang, e.explanations.status.text),
      };
    }),
  };

  const tasks: ReportTable = {
    id: 'tasks',
    title: t(lang, L.tasks),
    columns: [
      { key: 'code', header: t(lang, { zh: '编号', en: 'No.' }), kind: 'text' },
      { key: 'title', header: t(lang, { zh: '任务', en: 'Task' }), kind: 'text' },
      { key: 'leads', header: t(lang, { zh: '牵头单位', en: 'Leads' }), kind: 'text' },
      { key: 'partners', header: t(lang, { zh: '配合单位', en: 'Partners' }), kind: 'text' },
      {
        key: 'result',
        header: t(lang, { zh: '完成度', en: 'Result' }),
        kind: 'percent',
        missing: t(lang, L.notAssessed),
      },
      { key: 'basis', header: t(lang, { zh: '依据', en: 'Based on' }), kind: 'text' },
    ],
    rows: card.tasks.map((x) => {
      const targetsUsed = x.contributions.filter((c) => c.kind === 'target').length;
      const reviews = x.contributions.filter((c) => c.kind === 'review').length;
      const basis = [
        targetsUsed ? t(lang, { zh: `目标 ${targetsUsed} 项`, en: `${targetsUsed} target(s)` }) : '',
        reviews ? t(lang, { zh: `评审 ${reviews} 份`, en: `${reviews} review(s)` }) : '',
      ]
        .filter(Boolean)
        .join(lang === 'en' ? ', ' : '，');
      return {
        task: x.task,
        code: x.code,
        title: x.title,
        leads: unitNames(x.leads),
        partners: unitNames(x.partners),
        result: x.result,
        basis: basis || t(lang, L.noData),
      };
    }),
  };

  const names = schemeNames(options.scheme);
  const sheetTables = card.sheets.map((sheet) => sheetTable(sheet, lang, names));

  const items: ReportTable = {
    id: 'items',
    title: t(lang, L.items),
    columns: [
      { key: 'sheet', header: t(lang, { zh: '考核表', en: 'Sheet' }), kind: 'text' },
      { key: 'unit', header: t(lang, { zh: '单位', en: 'Unit' }), kind: 'text' },
      { key: 'group', header: t(lang, { zh: '分组', en: 'Group' }), kind: 'text' },
      { key: 'name', header: t(lang, { zh: '考核项目', en: 'Item' }), kind: 'text' },
      { key: 'rule', header: t(lang, { zh: '计分方法', en: 'Rule' }), kind: 'text' },
      { key: 'maxPoints', header: t(lang, { zh: '分值', en: 'Points' }), kind: 'score' },
      { key: 'points', header: t(lang, { zh: '得分', en: 'Earned' }), kind: 'score', missing: t(lang, L.notAssessed) },
      { key: 'fraction', header: t(lang, { zh: '得分率', en: 'Share' }), kind: 'percent' },
      { key: 'self', header: t(lang, { zh: '自评分', en: 'Self-score' }), kind: 'score' },
      { key: 'formula', header: t(lang, { zh: '计算过程', en: 'Formula' }), kind: 'text' },
    ],
    rows: card.sheets.flatMap((sheet) =>
      sheet.units.flatMap((u) =>
        u.items.map((item) => ({
          sheet: named(lang, sheet),
          unit: named(lang, u),
          unitId: u.unit,
          item: item.item,
          group: named(lang, u.groups.find((g) => g.group === item.group) ?? { name: item.group }),
          name: named(lang, item),
          rule: t(lang, RULE_NAMES[item.rule] ?? { zh: item.rule, en: item.rule }),
          maxPoints: item.maxPoints,
          points: item.points,
          fraction: item.fraction,
          self: item.self?.points ?? null,
          formula: item.explanation.formula,
        })),
      ),
    ),
  };

  const achieved = card.targets.filter((e) => e.status === 'achieved').length;
  const quantitative = card.targets.length;
  const highlights = [
    t(lang, {
      zh: `${quantitative} 项目标中 ${achieved} 项已达成；${card.targets.filter((e) => e.status === 'no-data').length} 项无数据。`,
      en: `${achieved} of ${quantitative} targets achieved; ${card.targets.filter((e) => e.status === 'no-data').length} without data.`,
    }),
    ...(() => {
      const behind = card.targets.filter((e) => e.status !== 'achieved' && e.status !== 'no-data');
      return behind.length === 0
        ? []
        : [
            t(lang, {
              zh: `未达成：${behind.map((e) => `${index.targets.get(e.target)?.title ?? e.target}（${TARGET_STATUS_NAMES[e.status].zh}）`).join('；')}。`,
              en: `Not achieved: ${behind.map((e) => `${index.targets.get(e.target)?.titleEn ?? e.target} (${TARGET_STATUS_NAMES[e.status].en})`).join('; ')}.`,
            }),
          ];
    })(),
    ...card.sheets.map((s) => {
      const graded = new Map<string, number>();
      for (const u of s.units)
        if (u.grade) graded.set(named(lang, u.grade), (graded.get(named(lang, u.grade)) ?? 0) + 1);
      const first = s.units.find((u) => u.rank === 1);
      const counts = [...graded]
        .map(([g, n]) => (lang === 'en' ? `${g} ${n}` : `${g} ${n} 个`))
        .join(lang === 'en' ? ', ' : '、');
      const notAssessed = s.units.filter((u) => !u.assessed).length;
      return t(lang, {
        zh: `${s.name}：${counts}${notAssessed ? `、未评估 ${notAssessed} 个` : ''}${first ? `；第一名 ${first.name}（${first.score?.toFixed(2)} 分）` : ''}。`,
        en: `${named(lang, s)}: ${counts}${notAssessed ? `, not assessed ${notAssessed}` : ''}${first ? `; first ${named(lang, first)} (${first.score?.toFixed(2)})` : ''}.`,
      });
    }),
    ...card.sheets.flatMap((s) =>
      s.units
        .filter((u) => u.vetoed)
        .map((u) =>
          t(lang, {
            zh: `${u.name}：一票否决（${u.vetoes.map((v) => v.name).join('、')}），定为${u.grade?.name ?? '—'}。`,
            en: `${named(lang, u)}: vetoed (${u.vetoes.map((v) => v.veto).join(', ')}), graded ${u.grade ? named(lang, u.grade) : '—'}.`,
          }),
        ),
    ),
    ...card.notes.map((n) => t(lang, n.text)),
    ...estimateFootnotes(
      card.targets,
      (id) => {
        const target = index.targets.get(id);
        return target ? (lang === 'en' ? (target.titleEn ?? target.title) : target.title) : id;
      },
      (id) => {
        const indicator = index.indicators.get(index.targets.get(id)?.indicator ?? '');
        return (lang === 'en' ? (indicator?.unitEn ?? indicator?.unit) : indicator?.unit) ?? '';
      },
      lang,
    ),
  ];

  const planTitle = lang === 'en' ? (plan.meta.titleEn ?? plan.meta.title) : plan.meta.title;
  return {
    format: 'kepu-report',
    formatVersion: 1,
    lang,
    county: countyOf(plan, lang),
    title: t(lang, {
      zh: `${countyOf(plan)}全民科学素质行动 ${card.period} 年度督查考核报告`,
      en: `${countyOf(plan, 'en')} science literacy plan: assessment report ${card.period}`,
    }),
    subtitle: planTitle,
    plan: { id: plan.id, title: planTitle, issuer: plan.meta.issuer ?? '' },
    period: card.period,
    asOf: card.asOf,
    scheme: {
      id: card.scheme.id,
      name: lang === 'en' ? (card.scheme.nameEn ?? card.scheme.name) : card.scheme.name,
      version: card.scheme.version,
      hash: card.scheme.hash,
    },
    rulesVersion: card.rulesVersion,
    inputsHash: card.inputsHash,
    source: options.source,
    highlights,
    tables: [targets, tasks, ...sheetTables, items],
  };
}

/** The interval cell of a survey estimate: `95% 置信区间 9.5%–12.4% ⚠ 有效样本量不足`. */
function intervalCell(e: NonNullable<TargetEvaluation['estimate']>, unit: string, lang: Lang): string {
  const u = unit === '%' ? '%' : unit ? ` ${unit}` : '';
  const level = `${Math.round(e.level * 1000) / 10}%`;
  if (e.suppressed) return suppressedText(e, lang);
  return `${t(lang, { zh: `${level} 置信区间`, en: `${level} CI` })} ${e.low.toFixed(1)}${u}–${e.high.toFixed(1)}${u}${flagsText(e, lang)}`;
}

/**
 * A value as text, the way every report format shows it: missing as the column's missing text
 * (— by default), percentages with one decimal, scores with two, measured numbers with
 * thousands separators and at most two decimals.
 *
 * @example
 * ```ts
 * import { formatReportValue } from '@kepu/cli';
 * formatReportValue(0.4286, { key: 'a', header: '完成度', kind: 'percent' }); // '42.9%'
 * formatReportValue(null, { key: 'b', header: '得分', kind: 'score', missing: '未评估' }); // '未评估'
 * ```
 */
export function formatReportValue(value: ReportValue, column: ReportColumn): string {
  if (value === null || value === undefined) return column.missing ?? '—';
  if (typeof value === 'string') return value;
  switch (column.kind) {
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'score':
      return value.toFixed(2);
    case 'integer':
      return String(Math.round(value));
    case 'number':
      return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
    default:
      return String(value);
  }
}
