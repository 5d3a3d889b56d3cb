import { z } from 'zod';
import { createIssue, type ErrorCode, fromZodIssues, KepuError, type KepuIssue } from '../errors.js';
import { IdSchema, OrgUnitKindSchema, TextSchema } from '../org-unit.js';
import { NodePathSchema, type Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import type { Result } from '../result.js';
import { ComparatorSchema } from '../target.js';
import { formatNumber } from './explanation.js';
import { StatusThresholdsSchema } from './status.js';

const Finite = z.number().refine(Number.isFinite, 'must be a finite number');
const Weight = Finite.pipe(z.number().nonnegative().max(1_000_000));
const Name = { name: TextSchema.max(200), nameEn: z.string().max(200).optional() };

/**
 * What an item draws on.
 *
 * - `target`: one target's attainment. `scope: 'county'` (default) takes the county-wide
 *   evaluation; `scope: 'own'` evaluates the target on the assessed unit's own observations only,
 *   without the plan's county baseline, against `comparator` when given (the unit's own
 *   threshold) or else the target's.
 * - `task`: one task's result (from its linked targets and task reviews), whoever leads it.
 * - `tasks`: every task on which the assessed unit has one of `roles`; each task counts with the
 *   sheet's `sharing` weight for the unit's role (leads 1, partners 0 by default).
 *
 * `weight` (default 1) weighs a source against the item's other sources.
 *
 * @example
 * ```ts
 * import { ItemSourceSchema } from '@kepu/core';
 * ItemSourceSchema.parse({ kind: 'tasks', roles: ['lead'] });
 * ItemSourceSchema.parse({ kind: 'target', target: 'science-china-registrations-growth', scope: 'own' });
 * ```
 */
export const ItemSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('target'),
    target: IdSchema,
    /** @default 'county' */
    scope: z.enum(['county', 'own']).default('county'),
    comparator: ComparatorSchema.optional(),
    /** @default 1 */
    weight: Weight.default(1),
  }),
  z.strictObject({
    kind: z.literal('task'),
    task: NodePathSchema,
    /** @default 1 */
    weight: Weight.default(1),
  }),
  z.strictObject({
    kind: z.literal('tasks'),
    roles: z.array(z.enum(['lead', 'partner'])).min(1),
    /** @default 1 */
    weight: Weight.default(1),
  }),
]);
/** @see {@link ItemSourceSchema} */
export type ItemSource = z.infer<typeof ItemSourceSchema>;

/**
 * How an item turns its sources into a fraction of its points:
 *
 * - `proportional`: the weighted mean attainment of the sources (each in [0, 1], from baselines);
 * - `pro-rata`: the weighted share of sources achieved (完不成的按比例扣分);
 * - `all-or-nothing`: 1 when every source is achieved, else 0 (不完成不得分);
 * - `reviewer`: the reviewers' score for the unit (reviews naming the item), as a fraction of
 *   their `outOf`.
 *
 * @example
 * ```ts
 * import { ScoringRuleSchema } from '@kepu/core';
 * ScoringRuleSchema.parse('pro-rata');
 * ```
 */
export const ScoringRuleSchema = z.enum(['proportional', 'pro-rata', 'all-or-nothing', 'reviewer']);
/** @see {@link ScoringRuleSchema} */
export type ScoringRule = z.infer<typeof ScoringRuleSchema>;

/**
 * One scored item of a sheet: its points (a weight: the sheet's items are scaled so their points
 * sum to the sheet's `maxScore`), its rule, its sources, and optionally the units it applies to
 * (others do not have it at all, which is not the same as missing data), the unit that assesses it
 * and its own missing-data policy.
 *
 * @example
 * ```ts
 * import { AssessmentItemSchema } from '@kepu/core';
 * AssessmentItemSchema.parse({
 *   id: 'dept-led-tasks', name: '牵头任务完成情况', points: 35, rule: 'proportional',
 *   sources: [{ kind: 'tasks', roles: ['lead'] }],
 * });
 * ```
 */
export const AssessmentItemSchema = z.strictObject({
  id: IdSchema,
  ...Name,
  description: z.string().max(2_000).optional(),
  points: Weight,
  rule: ScoringRuleSchema,
  /** @default [] */
  sources: z.array(ItemSourceSchema).default([]),
  appliesTo: z.array(IdSchema).min(1).optional(),
  /** The unit that assesses the item (考核单位), for the record. */
  assessedBy: IdSchema.optional(),
  missing: z.enum(['rescale', 'zero']).optional(),
});
/** @see {@link AssessmentItemSchema} */
export type AssessmentItem = z.infer<typeof AssessmentItemSchema>;

/**
 * A group of items (组织领导, 工作成效, 保障措施). A group's score is the sum of its items' points,
 * so items weigh by their points, never by their number. `points`, when given, must equal the
 * sum of the items' points (a check on transcription).
 *
 * @example
 * ```ts
 * import { ItemGroupSchema } from '@kepu/core';
 * ItemGroupSchema.parse({ id: 'organisation', name: '组织领导', points: 20, items: [] });
 * ```
 */
export const ItemGroupSchema = z.strictObject({
  id: IdSchema,
  ...Name,
  points: Weight.optional(),
  items: z.array(AssessmentItemSchema),
});
/** @see {@link ItemGroupSchema} */
export type ItemGroup = z.infer<typeof ItemGroupSchema>;

/**
 * A grade band: scores from `min` (inclusive) up to `max` (exclusive), except that the top band
 * also includes `max`. The bands of a sheet must partition [0, maxScore] with no gap or overlap.
 *
 * @example
 * ```ts
 * import { GradeBandSchema } from '@kepu/core';
 * GradeBandSchema.parse({ id: 'excellent', name: '优秀', min: 90, max: 100 });
 * ```
 */
export const GradeBandSchema = z.strictObject({
  id: IdSchema,
  ...Name,
  min: Finite,
  max: Finite,
});
/** @see {@link GradeBandSchema} */
export type GradeBand = z.infer<typeof GradeBandSchema>;

/**
 * A deduction rule. `points` per occurrence, or `item-percent`: a percentage of one item's full
 * points (its share of the sheet's `maxScore`, not what the unit earned on it and not the total).
 * `max` caps what the rule can take in one period.
 *
 * @example
 * ```ts
 * import { DeductionRuleSchema } from '@kepu/core';
 * DeductionRuleSchema.parse({ id: 'late-report', name: '未按时报送材料', basis: 'points', points: 1, max: 5 });
 * ```
 */
export const DeductionRuleSchema = z.discriminatedUnion('basis', [
  z.strictObject({
    basis: z.literal('points'),
    id: IdSchema,
    ...Name,
    points: Finite.pipe(z.number().positive().max(1_000)),
    max: Finite.pipe(z.number().positive()).optional(),
  }),
  z.strictObject({
    basis: z.literal('item-percent'),
    id: IdSchema,
    ...Name,
    item: IdSchema,
    percent: Finite.pipe(z.number().positive().max(100)),
    max: Finite.pipe(z.number().positive()).optional(),
  }),
]);
/** @see {@link DeductionRuleSchema} */
export type DeductionRule = z.infer<typeof DeductionRuleSchema>;

/**
 * Where a rule of a score sheet comes from: `default` — Kepu's own choice where the plan is
 * silent, shown with a “（默认）” / “(default)” mark wherever it is shown; `plan` — printed in the
 * plan itself; `county` — adopted by the county (its own scheme, or its override of a default).
 *
 * @example
 * ```ts
 * import { RuleOriginSchema } from '@kepu/core';
 * RuleOriginSchema.parse('county');
 * ```
 */
export const RuleOriginSchema = z.enum(['default', 'plan', 'county']);
/** @see {@link RuleOriginSchema} */
export type RuleOrigin = z.infer<typeof RuleOriginSchema>;

/**
 * The rules of a score sheet whose origin is recorded: the items and their weights, the grade
 * bands, the cap on the top grade, the bonus, the deductions, the vetoes, the missing-data policy
 * with its coverage minimum, and how leads and partners share a task.
 *
 * @example
 * ```ts
 * import { SCHEME_RULES } from '@kepu/core';
 * SCHEME_RULES.includes('topGradeCap'); // true
 * ```
 */
export const SCHEME_RULES = [
  'items',
  'grades',
  'topGradeCap',
  'bonus',
  'deductions',
  'vetoes',
  'missing',
  'sharing',
] as const;
/**
 * One of {@link SCHEME_RULES}.
 *
 * @example
 * ```ts
 * import type { SchemeRule } from '@kepu/core';
 * const rule: SchemeRule = 'grades';
 * ```
 */
export type SchemeRule = (typeof SCHEME_RULES)[number];

/**
 * The score sheet (评分表) for one kind of assessed unit — member departments, townships — with
 * its members, items, bonus, deductions, vetoes, grade bands, and policies.
 *
 * @example
 * ```ts
 * import { ScoreSheetSchema } from '@kepu/core';
 * ScoreSheetSchema.parse({
 *   id: 'township', name: '乡镇', members: { orgUnitKinds: ['township'] },
 *   groups: [{ id: 'work', name: '工作', items: [{ id: 'township-work', name: '工作', points: 100, rule: 'reviewer' }] }],
 *   grades: [{ id: 'pass', name: '合格', min: 60, max: 100 }, { id: 'fail', name: '不合格', min: 0, max: 60 }],
 * });
 * ```
 */
export const ScoreSheetSchema = z.strictObject({
  id: IdSchema,
  ...Name,
  /** Who is assessed on this sheet: units of these kinds, plus `include`, minus `exclude`. */
  members: z.strictObject({
    /** @default [] */
    orgUnitKinds: z.array(OrgUnitKindSchema).default([]),
    /** @default [] */
    include: z.array(IdSchema).default([]),
    /** @default [] */
    exclude: z.array(IdSchema).default([]),
  }),
  /** @default 100 */
  maxScore: Finite.pipe(z.number().positive().max(10_000)).default(100),
  groups: z.array(ItemGroupSchema).min(1),
  /** How much a task counts in a unit's `tasks` sources by the unit's role. @default { lead: 1, partner: 0 } */
  sharing: z
    .strictObject({
      /** @default 1 */
      lead: Finite.pipe(z.number().min(0).max(1)).default(1),
      /** @default 0 */
      partner: Finite.pipe(z.number().min(0).max(1)).default(0),
    })
    .default({ lead: 1, partner: 0 }),
  /**
   * What an item without data does: `rescale` leaves it out and scales the other items up to the
   * full score; `zero` counts it as 0 — both visibly. A unit whose assessed items weigh less than
   * `minCoverage` of the sheet gets no score, grade or rank, and is listed as not assessed.
   * @default { policy: 'rescale', minCoverage: 0.5 }
   */
  missing: z
    .strictObject({
      /** @default 'rescale' */
      policy: z.enum(['rescale', 'zero']).default('rescale'),
      /** @default 0.5 */
      minCoverage: Finite.pipe(z.number().min(0).max(1)).default(0.5),
    })
    .default({ policy: 'rescale', minCoverage: 0.5 }),
  /** Awards that add points, capped at `cap` in total. @default { cap: 0, awards: [] } */
  bonus: z
    .strictObject({
      cap: Finite.pipe(z.number().min(0)),
      /** @default [] */
      awards: z
        .array(z.strictObject({ id: IdSchema, ...Name, points: Finite.pipe(z.number().positive().max(1_000)) }))
        .default([]),
    })
    .default({ cap: 0, awards: [] }),
  /** @default [] */
  deductions: z.array(DeductionRuleSchema).default([]),
  /** Veto items (一票否决): one incident gives the lowest grade. @default [] */
  vetoes: z.array(z.strictObject({ id: IdSchema, ...Name, description: z.string().max(2_000).optional() })).default([]),
  grades: z.array(GradeBandSchema).min(1),
  /**
   * At most `share` of the units graded (rounded down) get the top grade; units beyond it, taken
   * from the lowest score up with tied units kept together, get the next grade.
   */
  topGradeCap: z.strictObject({ share: Finite.pipe(z.number().min(0).max(1)) }).optional(),
  /**
   * Where the sheet's rules come from (see {@link RuleOriginSchema}); unset means not recorded,
   * and nothing is marked. `origins` overrides it rule by rule.
   */
  origin: RuleOriginSchema.optional(),
  /** Where single rules come from, over `origin` (a county that changed Kepu's cap: `{ topGradeCap: 'county' }`). */
  origins: z.partialRecord(z.enum(SCHEME_RULES), RuleOriginSchema).optional(),
});
/** @see {@link ScoreSheetSchema} */
export type ScoreSheet = z.infer<typeof ScoreSheetSchema>;

/**
 * The version of the assessment scheme format.
 *
 * @example
 * ```ts
 * import { ASSESSMENT_SCHEME_VERSION } from '@kepu/core';
 * ASSESSMENT_SCHEME_VERSION; // 1
 * ```
 */
export const ASSESSMENT_SCHEME_VERSION = 1 as const;

/**
 * An assessment scheme (考核方案) as data: for one plan, a score sheet per kind of assessed unit,
 * the status thresholds, and the evidence rule. Annual: one assessment per calendar year.
 * Also available as JSON Schema: {@link assessmentSchemeJsonSchema}.
 *
 * @example
 * ```ts
 * import { AssessmentSchemeSchema } from '@kepu/core';
 * const scheme = AssessmentSchemeSchema.parse(JSON.parse(text));
 * ```
 */
export const AssessmentSchemeSchema = z.strictObject({
  schemaVersion: z.literal(ASSESSMENT_SCHEME_VERSION),
  id: IdSchema,
  ...Name,
  /** The scheme's own version, chosen by its authors (e.g. '2023.1'). */
  version: z.string().min(1).max(40),
  /** The id of the plan the scheme assesses. */
  plan: IdSchema,
  /** @default { kind: 'annual' } */
  period: z.strictObject({ kind: z.literal('annual') }).default({ kind: 'annual' }),
  /** @default Open SDG's { onTrack: 0.95, needsAcceleration: 0.6, limitedProgress: 0 } */
  thresholds: StatusThresholdsSchema.default({ onTrack: 0.95, needsAcceleration: 0.6, limitedProgress: 0 }),
  /** A review counts only with at least one piece of evidence filed with the office. @default { requireFiled: true } */
  evidence: z.strictObject({ requireFiled: z.boolean().default(true) }).default({ requireFiled: true }),
  sheets: z.array(ScoreSheetSchema).min(1),
  description: z.string().max(5_000).optional(),
  /**
   * Who may judge their own unit. Nobody records an award or a score for their own unit; a
   * penalty on it (a veto incident, a deduction) is refused too unless `ownUnitPenalties` is
   * `'allowed'` — for a county whose assessment group must record its own members' lapses.
   * @default refused (Kepu's default: no one judges their own unit)
   */
  conflictOfInterest: z.strictObject({ ownUnitPenalties: z.enum(['allowed', 'refused']) }).optional(),
});
/** A validated assessment scheme, every default filled in. @see {@link AssessmentSchemeSchema} */
export type AssessmentScheme = z.infer<typeof AssessmentSchemeSchema>;
/** What {@link AssessmentSchemeSchema} accepts: defaults may be left out. @see {@link AssessmentSchemeSchema} */
export type AssessmentSchemeInput = z.input<typeof AssessmentSchemeSchema>;

type Path = ReadonlyArray<string | number>;

/**
 * Where one rule of a sheet comes from: its own entry in `origins`, else the sheet's `origin`, else
 * `null` (not recorded). Pure.
 *
 * @example
 * ```ts
 * import { ruleOrigin } from '@kepu/core';
 * ruleOrigin({ origin: 'default', origins: { topGradeCap: 'county' } }, 'topGradeCap'); // 'county'
 * ruleOrigin({ origin: 'default' }, 'grades'); // 'default'
 * ```
 */
export function ruleOrigin(sheet: Pick<ScoreSheet, 'origin' | 'origins'>, rule: SchemeRule): RuleOrigin | null {
  return sheet.origins?.[rule] ?? sheet.origin ?? null;
}

/**
 * The rules of a sheet that are Kepu's defaults (origin `default`), in {@link SCHEME_RULES} order:
 * what a display marks “（默认）”. Pure.
 *
 * @example
 * ```ts
 * import { defaultRules } from '@kepu/core';
 * defaultRules({ origin: 'default', origins: { topGradeCap: 'county' } }); // every rule but 'topGradeCap'
 * ```
 */
export function defaultRules(sheet: Pick<ScoreSheet, 'origin' | 'origins'>): SchemeRule[] {
  return SCHEME_RULES.filter((rule) => ruleOrigin(sheet, rule) === 'default');
}

/**
 * The name of each {@link SchemeRule}, in Chinese and English, for the notes that list a sheet's
 * defaults.
 *
 * @example
 * ```ts
 * import { SCHEME_RULE_NAMES } from '@kepu/core';
 * SCHEME_RULE_NAMES.topGradeCap.zh; // '优秀比例上限'
 * ```
 */
export const SCHEME_RULE_NAMES: Readonly<Record<SchemeRule, { readonly zh: string; readonly en: string }>> = {
  items: { zh: '考核项目及分值', en: 'items and their points' },
  grades: { zh: '等次划分', en: 'grade bands' },
  topGradeCap: { zh: '优秀比例上限', en: 'cap on the top grade' },
  bonus: { zh: '加分项目及上限', en: 'bonus and its cap' },
  deductions: { zh: '扣分项目', en: 'deductions' },
  vetoes: { zh: '一票否决项', en: 'veto items' },
  missing: { zh: '缺数据处理与数据覆盖下限', en: 'missing data and the coverage minimum' },
  sharing: { zh: '牵头/配合计分权重', en: 'lead and partner weights' },
};

/**
 * The mark a display puts after a rule it shows when the rule is Kepu's default: “（默认）” in
 * Chinese, “ (default)” in English; `''` when the rule is the plan's or the county's, or its origin
 * is not recorded. Takes a scorecard's sheet (its `defaults`). Pure.
 *
 * @example
 * ```ts
 * import { defaultMark } from '@kepu/core';
 * `优秀比例上限 30%${defaultMark(sheet, 'topGradeCap', 'zh')}`; // '优秀比例上限 30%（默认）'
 * ```
 */
export function defaultMark(
  sheet: { readonly defaults?: readonly SchemeRule[] | undefined },
  rule: SchemeRule,
  lang: 'zh' | 'en',
): string {
  if (!sheet.defaults?.includes(rule)) return '';
  return lang === 'zh' ? '（默认）' : ' (default)';
}

/**
 * One sentence naming the rules of a scorecard's sheet that are Kepu's defaults — set where the
 * plan is silent, not rules of the plan — and how a county replaces them; `null` when none is.
 * Pure.
 *
 * @example
 * ```ts
 * import { defaultRulesNote } from '@kepu/core';
 * defaultRulesNote({ defaults: ['grades', 'topGradeCap'] }, 'zh');
 * // '（默认）本表的等次划分、优秀比例上限为 Kepu 默认设置，方案未作规定；县里可用本县考核方案或方案覆盖（scheme override）替换。'
 * ```
 */
export function defaultRulesNote(
  sheet: { readonly defaults?: readonly SchemeRule[] | undefined },
  lang: 'zh' | 'en',
): string | null {
  const rules = sheet.defaults ?? [];
  if (rules.length === 0) return null;
  if (lang === 'zh') {
    return `（默认）本表的${rules.map((r) => SCHEME_RULE_NAMES[r].zh).join('、')}为 Kepu 默认设置，方案未作规定；县里可用本县考核方案或方案覆盖（scheme override）替换。`;
  }
  return `(default) This sheet's ${rules.map((r) => SCHEME_RULE_NAMES[r].en).join(', ')} are Kepu's defaults, not rules of the plan; a county replaces them with its own scheme or a scheme override.`;
}

/**
 * Checks that a sheet's grade bands partition [0, maxScore]: sorted by `min`, the first starts at
 * 0, each starts where the previous ends, the last ends at `maxScore`, and none is empty.
 * Returns the issues found (empty when sound). Pure.
 *
 * @example
 * ```ts
 * import { checkGradeBands } from '@kepu/core';
 * checkGradeBands('s', [{ id: 'a', name: 'A', min: 0, max: 50 }, { id: 'b', name: 'B', min: 60, max: 100 }], 100, []);
 * // → one 'grade-band-gap' issue from 50 to 60
 * ```
 */
export function checkGradeBands(
  scheme: string,
  grades: readonly GradeBand[],
  maxScore: number,
  path: Path,
): KepuIssue[] {
  const issues: KepuIssue[] = [];
  const order = grades
    .map((band, index) => ({ band, index }))
    .sort((a, b) => a.band.min - b.band.min || a.band.max - b.band.max);
  for (const { band, index } of order) {
    if (!(band.max > band.min)) {
      issues.push(
        createIssue('inconsistent-scheme', [...path, index], {
          scheme,
          detail: `grade "${band.id}" runs from ${formatNumber(band.min)} to ${formatNumber(band.max)}; its max must be above its min`,
        }),
      );
    }
  }
  const first = order[0];
  const last = order.at(-1);
  if (first && last && (first.band.min !== 0 || Math.max(...grades.map((g) => g.max)) !== maxScore)) {
    issues.push(
      createIssue('grade-band-range', [...path], {
        scheme,
        max: formatNumber(maxScore),
        from: formatNumber(first.band.min),
        to: formatNumber(Math.max(...grades.map((g) => g.max))),
      }),
    );
  }
  for (let i = 1; i < order.length; i++) {
    const prev = order[i - 1] as { band: GradeBand; index: number };
    const next = order[i] as { band: GradeBand; index: number };
    if (next.band.min > prev.band.max) {
      issues.push(
        createIssue('grade-band-gap', [...path, next.index, 'min'], {
          scheme,
          from: formatNumber(prev.band.max),
          to: formatNumber(next.band.min),
        }),
      );
    } else if (next.band.min < prev.band.max) {
      issues.push(
        createIssue('grade-band-overlap', [...path, next.index, 'min'], {
          scheme,
          band: next.band.id,
          other: prev.band.id,
          from: formatNumber(next.band.min),
          to: formatNumber(Math.min(prev.band.max, next.band.max)),
        }),
      );
    }
  }
  return issues;
}

/**
 * The ids of the units a sheet assesses, in the plan's order. Pure.
 *
 * @example
 * ```ts
 * import { sheetMembers } from '@kepu/core';
 * sheetMembers(plan, scheme.sheets[1]); // ['shanhe', 'yonghe', …]
 * ```
 */
export function sheetMembers(plan: Plan, sheet: Pick<ScoreSheet, 'members'>): string[] {
  const { orgUnitKinds, include, exclude } = sheet.members;
  return plan.orgUnits
    .filter((u) => u.kind !== 'group' || include.includes(u.id))
    .filter((u) => (orgUnitKinds.includes(u.kind) || include.includes(u.id)) && !exclude.includes(u.id))
    .map((u) => u.id);
}

/**
 * Checks any value as an assessment scheme: its shape (zod), then the rules that span fields —
 * unique ids, a positive total weight per sheet (`zero-total-weight`), grade bands that partition
 * the scale (`grade-band-gap`, `grade-band-overlap`, `grade-band-range`), group totals, deductions
 * that name an item of their sheet — and, when a plan is given, every reference into it (plan id,
 * targets, tasks, units) and that no unit is on two sheets. Never throws; reports every problem.
 *
 * @example
 * ```ts
 * import { validateScheme } from '@kepu/core';
 * const r = validateScheme(JSON.parse(text), plan);
 * if (!r.ok) for (const i of r.issues) console.error(i.code, i.path);
 * ```
 */
export function validateScheme(input: unknown, plan?: Plan): Result<AssessmentScheme> {
  let parsed: ReturnType<typeof AssessmentSchemeSchema.safeParse>;
  try {
    parsed = AssessmentSchemeSchema.safeParse(input);
  } catch (cause) {
    return { ok: false, issues: [createIssue('invalid-shape', [], { detail: String(cause) })] };
  }
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues) };
  const issues = checkScheme(parsed.data, plan);
  return issues.length === 0 ? { ok: true, value: parsed.data } : { ok: false, issues };
}

/**
 * Like {@link validateScheme}, but returns the scheme or throws a `KepuError` with every issue.
 *
 * @example
 * ```ts
 * import { parseScheme } from '@kepu/core';
 * const scheme = parseScheme(JSON.parse(text), plan);
 * ```
 */
export function parseScheme(input: unknown, plan?: Plan): AssessmentScheme {
  const result = validateScheme(input, plan);
  if (!result.ok) throw new KepuError(result.issues);
  return result.value;
}

/**
 * The scheme format as JSON Schema (draft 2020-12). Rules JSON Schema cannot state (bands that
 * partition the scale, a positive total weight, references) are checked by {@link validateScheme}.
 *
 * @example
 * ```ts
 * import { assessmentSchemeJsonSchema } from '@kepu/core';
 * JSON.stringify(assessmentSchemeJsonSchema(), null, 2);
 * ```
 */
export function assessmentSchemeJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(AssessmentSchemeSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function checkScheme(scheme: AssessmentScheme, plan: Plan | undefined): KepuIssue[] {
  const issues: KepuIssue[] = [];
  const add = (code: ErrorCode, path: Path, params: Record<string, string>) =>
    issues.push(createIssue(code, path, params));
  const id = scheme.id;
  const sheetIds = new Set<string>();
  const itemIds = new Set<string>();
  const index = plan ? indexPlan(plan) : undefined;
  if (plan && scheme.plan !== plan.id)
    add('scheme-plan-mismatch', ['plan'], { scheme: id, expected: scheme.plan, actual: plan.id });
  const memberOf = new Map<string, string>();

  scheme.sheets.forEach((sheet, s) => {
    const at = ['sheets', s];
    if (sheetIds.has(sheet.id)) add('duplicate-id', [...at, 'id'], { id: sheet.id, kind: 'score sheet' });
    sheetIds.add(sheet.id);
    let total = 0;
    const sheetItems = new Set<string>();
    const groupIds = new Set<string>();
    sheet.groups.forEach((group, g) => {
      const gAt = [...at, 'groups', g];
      if (groupIds.has(group.id))
        add('duplicate-id', [...gAt, 'id'], { id: group.id, kind: `group of sheet ${sheet.id}` });
      groupIds.add(group.id);
      let groupTotal = 0;
      group.items.forEach((item, i) => {
        const iAt = [...gAt, 'items', i];
        if (itemIds.has(item.id)) add('duplicate-id', [...iAt, 'id'], { id: item.id, kind: 'assessment item' });
        itemIds.add(item.id);
        sheetItems.add(item.id);
        groupTotal += item.points;
        if (item.rule === 'reviewer' && item.sources.length > 0) {
          add('inconsistent-scheme', [...iAt, 'sources'], {
            scheme: id,
            detail: `item "${item.id}" is scored by a reviewer, so it draws on no sources; remove them or change its rule`,
          });
        }
        if (item.rule !== 'reviewer' && item.sources.length === 0) {
          add('inconsistent-scheme', [...iAt, 'sources'], {
            scheme: id,
            detail: `item "${item.id}" is scored from data (${item.rule}) but names no target or task to draw on`,
          });
        }
        item.sources.forEach((source, k) => {
          const sAt = [...iAt, 'sources', k];
          if (source.kind === 'target' && source.comparator && source.scope !== 'own') {
            add('inconsistent-scheme', [...sAt, 'comparator'], {
              scheme: id,
              detail: `a comparator on a source sets a unit's own threshold, so it needs scope "own" (item "${item.id}")`,
            });
          }
          if (!index) return;
          if (source.kind === 'target') {
            const target = index.targets.get(source.target);
            if (!target) add('unknown-reference', [...sAt, 'target'], { kind: 'target', ref: source.target });
            else if (source.scope === 'own' && target.kind === 'qualitative') {
              add('inconsistent-scheme', [...sAt, 'scope'], {
                scheme: id,
                detail: `target "${source.target}" is qualitative and judged county-wide; it cannot be scoped to a unit's own observations`,
              });
            }
          }
          if (source.kind === 'task' && index.nodes.get(source.task)?.kind !== 'task') {
            add('unknown-reference', [...sAt, 'task'], { kind: 'task', ref: source.task });
          }
        });
        if (index) {
          item.appliesTo?.forEach((u, k) => {
            if (!index.units.has(u)) add('unknown-org-unit', [...iAt, 'appliesTo', k], { ref: u });
          });
          if (item.assessedBy !== undefined && !index.units.has(item.assessedBy)) {
            add('unknown-org-unit', [...iAt, 'assessedBy'], { ref: item.assessedBy });
          }
        }
      });
      if (group.points !== undefined && Math.abs(group.points - groupTotal) > 1e-9) {
        add('inconsistent-scheme', [...gAt, 'points'], {
          scheme: id,
          detail: `group "${group.id}" says ${formatNumber(group.points)} points but its items add up to ${formatNumber(groupTotal)}`,
        });
      }
      total += groupTotal;
    });
    if (!(total > 0)) add('zero-total-weight', [...at, 'groups'], { scheme: id, kind: sheet.id });
    issues.push(...checkGradeBands(id, sheet.grades, sheet.maxScore, [...at, 'grades']));
    if (sheet.topGradeCap && sheet.grades.length < 2) {
      add('inconsistent-scheme', [...at, 'topGradeCap'], {
        scheme: id,
        detail: `sheet "${sheet.id}" caps its top grade but has no grade below it to move units to`,
      });
    }
    const uniq = (list: readonly { id: string }[], field: string, kind: string) => {
      const seen = new Set<string>();
      list.forEach((x, k) => {
        if (seen.has(x.id)) add('duplicate-id', [...at, field, k, 'id'], { id: x.id, kind });
        seen.add(x.id);
      });
    };
    uniq(sheet.grades, 'grades', `grade of sheet ${sheet.id}`);
    uniq(sheet.bonus.awards, 'bonus', `award of sheet ${sheet.id}`);
    uniq(sheet.deductions, 'deductions', `deduction of sheet ${sheet.id}`);
    uniq(sheet.vetoes, 'vetoes', `veto of sheet ${sheet.id}`);
    sheet.deductions.forEach((d, k) => {
      if (d.basis === 'item-percent' && !sheetItems.has(d.item)) {
        add('unknown-reference', [...at, 'deductions', k, 'item'], { kind: `item of sheet ${sheet.id}`, ref: d.item });
      }
    });
    if (plan && index) {
      for (const field of ['include', 'exclude'] as const) {
        sheet.members[field].forEach((u, k) => {
          if (!index.units.has(u)) add('unknown-org-unit', [...at, 'members', field, k], { ref: u });
        });
      }
      const members = sheetMembers(plan, sheet);
      if (members.length === 0) {
        add('inconsistent-scheme', [...at, 'members'], {
          scheme: id,
          detail: `sheet "${sheet.id}" assesses no unit of plan ${plan.id}`,
        });
      }
      for (const u of members) {
        const other = memberOf.get(u);
        if (other !== undefined) {
          add('inconsistent-scheme', [...at, 'members'], {
            scheme: id,
            detail: `unit "${u}" would be assessed on two sheets, "${other}" and "${sheet.id}"`,
          });
        } else memberOf.set(u, sheet.id);
      }
    }
  });
  return issues;
}
