import { z } from 'zod';
import { createIssue, fromZodIssues, KepuError } from '../errors.js';
import { IdSchema } from '../org-unit.js';
import type { Result } from '../result.js';
import { isValidObservation } from './internal/fast-observation.js';
import { type Observation, ObservationSchema } from './observation.js';
import { ReviewSchema } from './review.js';

const Year = z.number().int().min(1900).max(2200);
const Finite = z.number().refine(Number.isFinite, 'must be a finite number');

/**
 * A unit's own score for a scheme item, kept beside the audited score. It never counts: the
 * audited score does; the gap is shown so that self-assessment can be checked.
 *
 * @example
 * ```ts
 * import { SelfScoreSchema } from '@kepu/core';
 * SelfScoreSchema.parse({ unit: 'education', item: 'dept-organisation', period: 2023, score: 20, outOf: 20 });
 * ```
 */
export const SelfScoreSchema = z
  .strictObject({
    unit: IdSchema,
    item: IdSchema,
    period: Year,
    score: Finite.pipe(z.number().nonnegative()),
    outOf: Finite.pipe(z.number().positive()),
  })
  .refine((s) => s.score <= s.outOf, { message: 'score is above outOf', path: ['score'] });
/** @see {@link SelfScoreSchema} */
export type SelfScore = z.infer<typeof SelfScoreSchema>;

/**
 * An award (表彰) earned by a unit, by the id of an award in the scheme's bonus list.
 *
 * @example
 * ```ts
 * import { AwardSchema } from '@kepu/core';
 * AwardSchema.parse({ unit: 'cast', award: 'provincial-commendation', period: 2023 });
 * ```
 */
export const AwardSchema = z.strictObject({
  id: z.string().min(1).max(120).optional(),
  unit: IdSchema,
  award: IdSchema,
  period: Year,
  /** @default 1 */
  count: z.number().int().min(1).max(1_000).default(1),
  note: z.string().max(2_000).optional(),
});
/** @see {@link AwardSchema} */
export type Award = z.infer<typeof AwardSchema>;

/**
 * A recorded shortcoming that costs points, by the id of a deduction rule of the scheme
 * (a late report, an inspection finding not corrected …).
 *
 * @example
 * ```ts
 * import { DeductionRecordSchema } from '@kepu/core';
 * DeductionRecordSchema.parse({ unit: 'shanhe', deduction: 'late-report', period: 2023, count: 2 });
 * ```
 */
export const DeductionRecordSchema = z.strictObject({
  id: z.string().min(1).max(120).optional(),
  unit: IdSchema,
  deduction: IdSchema,
  period: Year,
  /** @default 1 */
  count: z.number().int().min(1).max(1_000).default(1),
  note: z.string().max(2_000).optional(),
});
/** @see {@link DeductionRecordSchema} */
export type DeductionRecord = z.infer<typeof DeductionRecordSchema>;

/**
 * An incident that triggers a veto item of the scheme (一票否决): the unit gets the lowest grade
 * whatever its score.
 *
 * @example
 * ```ts
 * import { IncidentSchema } from '@kepu/core';
 * IncidentSchema.parse({ kind: 'veto', unit: 'yonghe', veto: 'falsification', period: 2023, note: '虚报科普活动数据' });
 * ```
 */
export const IncidentSchema = z.strictObject({
  kind: z.literal('veto'),
  id: z.string().min(1).max(120).optional(),
  unit: IdSchema,
  veto: IdSchema,
  period: Year,
  date: z.iso.date().optional(),
  note: z.string().max(2_000).optional(),
});
/** @see {@link IncidentSchema} */
export type Incident = z.infer<typeof IncidentSchema>;

/**
 * The version of the assessment inputs format.
 *
 * @example
 * ```ts
 * import { ASSESSMENT_INPUTS_VERSION } from '@kepu/core';
 * ASSESSMENT_INPUTS_VERSION; // 1
 * ```
 */
export const ASSESSMENT_INPUTS_VERSION = 1 as const;

/**
 * Everything an assessment reads besides the plan and the scheme: observations of indicators,
 * reviews (of qualitative targets, of tasks without targets, of reviewer-scored items), units'
 * self-scores, awards, deductions and veto incidents. Every list defaults to empty. Also exported
 * as JSON Schema: {@link assessmentInputsJsonSchema}.
 *
 * @example
 * ```ts
 * import { AssessmentInputsSchema } from '@kepu/core';
 * const inputs = AssessmentInputsSchema.parse({
 *   observations: [{ indicator: 'literacy-rate', period: 2023, numerator: 297, denominator: 3000 }],
 * });
 * inputs.reviews; // []
 * ```
 */
export const AssessmentInputsSchema = z.strictObject({
  /** @default 1 */
  schemaVersion: z.literal(ASSESSMENT_INPUTS_VERSION).default(ASSESSMENT_INPUTS_VERSION),
  /** @default [] */
  observations: z.array(ObservationSchema).default([]),
  /** @default [] */
  reviews: z.array(ReviewSchema).default([]),
  /** @default [] */
  selfScores: z.array(SelfScoreSchema).default([]),
  /** @default [] */
  awards: z.array(AwardSchema).default([]),
  /** @default [] */
  deductions: z.array(DeductionRecordSchema).default([]),
  /** @default [] */
  incidents: z.array(IncidentSchema).default([]),
});
/** Parsed assessment inputs, every default filled in. @see {@link AssessmentInputsSchema} */
export type AssessmentInputs = z.infer<typeof AssessmentInputsSchema>;
/** What {@link AssessmentInputsSchema} accepts: lists and defaults may be left out. @see {@link AssessmentInputsSchema} */
export type AssessmentInputsInput = z.input<typeof AssessmentInputsSchema>;

/**
 * Checks the shape of assessment inputs. Never throws; every problem is reported with its path.
 * References to the plan and the scheme are checked by {@link assess}, which knows both.
 *
 * @example
 * ```ts
 * import { validateAssessmentInputs } from '@kepu/core';
 * const r = validateAssessmentInputs({ observations: [{ target: 'x', period: 2023 }] });
 * r.ok; // false: no value
 * ```
 */
export function validateAssessmentInputs(input: unknown): Result<AssessmentInputs> {
  let parsed: ReturnType<typeof AssessmentInputsSchema.safeParse>;
  try {
    // Fast path: when every observation passes the hand-written check (which accepts exactly what
    // the schema accepts), the schema only runs on the other, much shorter, lists.
    const record = input as Record<string, unknown> | null;
    const observations = record && typeof record === 'object' ? record.observations : undefined;
    if (Array.isArray(observations) && everyObservationValid(observations)) {
      const rest = AssessmentInputsSchema.safeParse({ ...record, observations: [] });
      if (rest.success) {
        return {
          ok: true,
          value: { ...rest.data, observations: observations.map((o) => ({ ...o })) as Observation[] },
        };
      }
    }
    parsed = AssessmentInputsSchema.safeParse(input);
  } catch (cause) {
    return { ok: false, issues: [createIssue('invalid-shape', [], { detail: String(cause) })] };
  }
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: fromZodIssues(parsed.error.issues) };
}

/** `every`, but by index: a hole in a sparse array is `undefined`, not skipped. */
function everyObservationValid(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (!isValidObservation(list[i])) return false;
  return true;
}

/**
 * Like {@link validateAssessmentInputs}, but returns the inputs or throws a `KepuError`.
 *
 * @example
 * ```ts
 * import { parseAssessmentInputs } from '@kepu/core';
 * const inputs = parseAssessmentInputs(JSON.parse(text));
 * ```
 */
export function parseAssessmentInputs(input: unknown): AssessmentInputs {
  const result = validateAssessmentInputs(input);
  if (!result.ok) throw new KepuError(result.issues);
  return result.value;
}

/**
 * The inputs format as JSON Schema (draft 2020-12), for other languages and form builders.
 * Cross-field rules that JSON Schema cannot say (a date inside its period, a score not above its
 * `outOf`, exactly one subject per review) are checked by {@link validateAssessmentInputs}.
 *
 * @example
 * ```ts
 * import { assessmentInputsJsonSchema } from '@kepu/core';
 * const schema = assessmentInputsJsonSchema();
 * schema.properties?.observations; // the observation list
 * ```
 */
export function assessmentInputsJsonSchema(): Record<string, unknown> & { properties?: Record<string, unknown> } {
  return z.toJSONSchema(AssessmentInputsSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
