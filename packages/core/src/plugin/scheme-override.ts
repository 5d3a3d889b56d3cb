import { z } from 'zod';
import {
  type AssessmentScheme,
  type AssessmentSchemeInput,
  AssessmentSchemeSchema,
  DeductionRuleSchema,
  GradeBandSchema,
  RuleOriginSchema,
  type SchemeRule,
  ScoringRuleSchema,
  validateScheme,
} from '../assessment/scheme.js';
import { createIssue, KepuError, type KepuIssue } from '../errors.js';
import { parseUntrusted } from '../internal-parse.js';
import { IdSchema, TextSchema } from '../org-unit.js';
import type { Plan } from '../plan.js';
import type { Result } from '../result.js';

const Finite = z.number().refine(Number.isFinite, 'must be a finite number');

/**
 * Changes a county makes to a base assessment scheme without copying it: item weights and rules,
 * grade bands, how leads and partners share a task, veto items, the top-grade cap, bonus cap and
 * deductions — per sheet. The result is a new scheme with its own id, validated like any other
 * (bands must still partition the scale). Each rule it changes is recorded as the county's
 * (`origins`), so displays stop marking it as Kepu's default.
 *
 * @example
 * ```ts
 * import { SchemeOverrideSchema } from '@kepu/core';
 * SchemeOverrideSchema.parse({
 *   base: 'zhengning-default', id: 'hexi-2023', name: '河西县考核方案',
 *   sheets: { departments: { sharing: { partner: 0.3 }, items: { 'dept-led-tasks': { points: 40 } } } },
 * });
 * ```
 */
export const SchemeOverrideSchema = z.strictObject({
  /** The id of the scheme to start from. */
  base: IdSchema,
  /** The new scheme's id. */
  id: IdSchema,
  name: TextSchema.max(200).optional(),
  nameEn: z.string().max(200).optional(),
  /** @default the base's version with `+<id>` appended */
  version: z.string().min(1).max(40).optional(),
  /**
   * Who the changed rules come from: each rule the override changes takes this origin, so a
   * county's own cap on a default scheme is no longer marked as Kepu's default.
   * @default 'county'
   */
  origin: RuleOriginSchema.optional(),
  /** Changes by sheet id. */
  sheets: z.record(
    IdSchema,
    z.strictObject({
      name: TextSchema.max(200).optional(),
      /** Changes by item id. */
      items: z
        .record(
          IdSchema,
          z.strictObject({
            points: Finite.pipe(z.number().nonnegative()).optional(),
            rule: ScoringRuleSchema.optional(),
            missing: z.enum(['rescale', 'zero']).optional(),
            /** Leave the item out of the sheet. */
            remove: z.literal(true).optional(),
          }),
        )
        .optional(),
      /** Replaces the sheet's grade bands. */
      grades: z.array(GradeBandSchema).min(1).optional(),
      sharing: z.strictObject({ lead: Finite.optional(), partner: Finite.optional() }).optional(),
      vetoes: z
        .strictObject({
          add: z
            .array(
              z.strictObject({
                id: IdSchema,
                name: TextSchema.max(200),
                nameEn: z.string().max(200).optional(),
                description: z.string().max(2_000).optional(),
              }),
            )
            .optional(),
          remove: z.array(IdSchema).optional(),
        })
        .optional(),
      /** A new cap on the top grade's share, or `null` to lift it. */
      topGradeCap: z.strictObject({ share: Finite }).nullable().optional(),
      bonusCap: Finite.pipe(z.number().min(0)).optional(),
      /** Replaces the sheet's deductions. */
      deductions: z.array(DeductionRuleSchema).optional(),
    }),
  ),
});
/** @see {@link SchemeOverrideSchema} */
export type SchemeOverride = z.infer<typeof SchemeOverrideSchema>;

/**
 * Applies an override to its base scheme and validates the result (against `plan` when given).
 * Never throws: an unknown sheet or item, or a result that does not validate (overlapping bands,
 * a zero total weight …), comes back as issues whose paths point into the override. Pure: the
 * base is not changed.
 *
 * @example
 * ```ts
 * import { applySchemeOverride } from '@kepu/core';
 * import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
 * const r = applySchemeOverride(zhengningScheme, {
 *   base: zhengningScheme.id, id: 'stricter',
 *   sheets: { departments: { topGradeCap: { share: 0.2 } } },
 * }, zhengningPlan);
 * if (r.ok) r.value.sheets[0]?.topGradeCap; // { share: 0.2 }
 * ```
 */
export function applySchemeOverride(
  base: AssessmentScheme | AssessmentSchemeInput,
  override: unknown,
  plan?: Plan,
): Result<AssessmentScheme> {
  const parsedOverride = parseUntrusted(SchemeOverrideSchema, override);
  if (!parsedOverride.ok) return parsedOverride;
  const o = parsedOverride.value;
  const parsedBase = parseUntrusted(AssessmentSchemeSchema, base);
  if (!parsedBase.ok) {
    return {
      ok: false,
      issues: [createIssue('unknown-reference', ['base'], { kind: 'valid base scheme', ref: o.base })],
    };
  }
  const scheme = structuredClone(parsedBase.value) as { -readonly [K in keyof AssessmentScheme]: AssessmentScheme[K] };
  const issues: KepuIssue[] = [];
  if (scheme.id !== o.base)
    issues.push(createIssue('unknown-reference', ['base'], { kind: 'base scheme', ref: o.base }));
  scheme.id = o.id;
  if (o.name !== undefined) scheme.name = o.name;
  if (o.nameEn !== undefined) scheme.nameEn = o.nameEn;
  scheme.version = o.version ?? `${parsedBase.value.version}+${o.id}`;

  for (const [sheetId, change] of Object.entries(o.sheets)) {
    const sheet = scheme.sheets.find((s) => s.id === sheetId);
    if (!sheet) {
      issues.push(createIssue('unknown-reference', ['sheets', sheetId], { kind: 'sheet', ref: sheetId }));
      continue;
    }
    const s = sheet as { -readonly [K in keyof typeof sheet]: (typeof sheet)[K] };
    if (change.name !== undefined) s.name = change.name;
    const changed: SchemeRule[] = [];
    if (change.items) changed.push('items');
    // An item's own missing-data policy is the county's choice too: the sheet's rule is no longer all Kepu's.
    if (Object.values(change.items ?? {}).some((i) => i.missing !== undefined)) changed.push('missing');
    if (change.grades) changed.push('grades');
    if (change.topGradeCap !== undefined) changed.push('topGradeCap');
    if (change.bonusCap !== undefined) changed.push('bonus');
    if (change.deductions) changed.push('deductions');
    if (change.vetoes) changed.push('vetoes');
    if (change.sharing) changed.push('sharing');
    if (changed.length > 0) {
      s.origins = { ...s.origins, ...Object.fromEntries(changed.map((rule) => [rule, o.origin ?? 'county'])) };
    }
    for (const [itemId, itemChange] of Object.entries(change.items ?? {})) {
      const group = s.groups.find((g) => g.items.some((i) => i.id === itemId));
      const item = group?.items.find((i) => i.id === itemId);
      if (!group || !item) {
        issues.push(
          createIssue('unknown-reference', ['sheets', sheetId, 'items', itemId], { kind: 'item', ref: itemId }),
        );
        continue;
      }
      if (itemChange.remove) {
        (group as { items: typeof group.items }).items = group.items.filter((i) => i.id !== itemId);
        continue;
      }
      const mutable = item as { -readonly [K in keyof typeof item]: (typeof item)[K] };
      if (itemChange.points !== undefined) mutable.points = itemChange.points;
      if (itemChange.rule !== undefined) mutable.rule = itemChange.rule;
      if (itemChange.missing !== undefined) mutable.missing = itemChange.missing;
    }
    if (change.grades) s.grades = change.grades;
    if (change.sharing) s.sharing = { ...s.sharing, ...change.sharing };
    if (change.vetoes) {
      const removed = new Set(change.vetoes.remove ?? []);
      for (const id of removed) {
        if (!s.vetoes.some((v) => v.id === id)) {
          issues.push(
            createIssue('unknown-reference', ['sheets', sheetId, 'vetoes', 'remove'], { kind: 'veto item', ref: id }),
          );
        }
      }
      s.vetoes = [...s.vetoes.filter((v) => !removed.has(v.id)), ...(change.vetoes.add ?? [])];
    }
    if (change.topGradeCap === null) delete (s as { topGradeCap?: unknown }).topGradeCap;
    else if (change.topGradeCap !== undefined) s.topGradeCap = change.topGradeCap;
    if (change.bonusCap !== undefined) s.bonus = { ...s.bonus, cap: change.bonusCap };
    if (change.deductions) s.deductions = change.deductions;
  }
  if (issues.length > 0) return { ok: false, issues };
  return validateScheme(scheme, plan);
}

/**
 * Like {@link applySchemeOverride}, but returns the scheme or throws a {@link KepuError}.
 *
 * @example
 * ```ts
 * import { parseSchemeOverride } from '@kepu/core';
 * const scheme = parseSchemeOverride(baseScheme, override, plan);
 * ```
 */
export function parseSchemeOverride(
  base: AssessmentScheme | AssessmentSchemeInput,
  override: unknown,
  plan?: Plan,
): AssessmentScheme {
  const result = applySchemeOverride(base, override, plan);
  if (!result.ok) throw new KepuError(result.issues);
  return result.value;
}
