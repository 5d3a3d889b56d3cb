import { z } from 'zod';

/**
 * Where a target stands:
 *
 * - `achieved`: the latest value meets the target;
 * - `not-achieved`: the target was due and is missed — an `every-year` obligation missed in
 *   the period, or any other target missed in or after its deadline year. Such a target is met
 *   or not met; it is never judged against the time elapsed;
 * - `on-track`, `needs-acceleration`, `limited-progress`, `deteriorating`: before the deadline
 *   year, by the ratio of the observed growth rate since the base to the growth rate required to
 *   reach the target by its deadline (Open SDG's method; thresholds in
 *   {@link StatusThresholdsSchema});
 * - `insufficient-data`: there is a value, but no growth can be measured (a single observation and
 *   no baseline, or no time elapsed since the base) — the value is still shown;
 * - `no-data`: nothing was observed or reviewed. Never shown as 0.
 *
 * @example
 * ```ts
 * import { TARGET_STATUSES } from '@kepu/core';
 * TARGET_STATUSES.includes('on-track'); // true
 * ```
 */
export const TARGET_STATUSES = [
  'achieved',
  'on-track',
  'needs-acceleration',
  'limited-progress',
  'deteriorating',
  'not-achieved',
  'insufficient-data',
  'no-data',
] as const;
/** @see {@link TARGET_STATUSES} */
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/**
 * The thresholds on the observed-vs-required growth ratio: ratio ≥ `onTrack` is on track,
 * ≥ `needsAcceleration` needs acceleration, ≥ `limitedProgress` is limited progress, below it
 * the target is deteriorating. Open SDG's values are the defaults. They must be in descending
 * order.
 *
 * @example
 * ```ts
 * import { StatusThresholdsSchema } from '@kepu/core';
 * StatusThresholdsSchema.parse({}); // { onTrack: 0.95, needsAcceleration: 0.6, limitedProgress: 0 }
 * ```
 */
export const StatusThresholdsSchema = z
  .strictObject({
    /** @default 0.95 */
    onTrack: z.number().min(-10).max(10).default(0.95),
    /** @default 0.6 */
    needsAcceleration: z.number().min(-10).max(10).default(0.6),
    /** @default 0 */
    limitedProgress: z.number().min(-10).max(10).default(0),
  })
  .refine((t) => t.onTrack >= t.needsAcceleration && t.needsAcceleration >= t.limitedProgress, {
    message: 'thresholds must satisfy onTrack ≥ needsAcceleration ≥ limitedProgress',
  });
/** @see {@link StatusThresholdsSchema} */
export type StatusThresholds = z.infer<typeof StatusThresholdsSchema>;

/**
 * Open SDG's thresholds: 0.95 / 0.6 / 0.
 *
 * @example
 * ```ts
 * import { DEFAULT_STATUS_THRESHOLDS } from '@kepu/core';
 * DEFAULT_STATUS_THRESHOLDS.onTrack; // 0.95
 * ```
 */
export const DEFAULT_STATUS_THRESHOLDS: Readonly<StatusThresholds> = Object.freeze({
  onTrack: 0.95,
  needsAcceleration: 0.6,
  limitedProgress: 0,
});

/**
 * The status for an observed-vs-required growth ratio, for a target not yet achieved. Pure.
 * The boundaries belong to the better status (a ratio of exactly 0.95 is on track).
 *
 * @example
 * ```ts
 * import { statusFromRatio } from '@kepu/core';
 * statusFromRatio(0.95); // 'on-track'
 * statusFromRatio(0.7); // 'needs-acceleration'
 * statusFromRatio(-0.1); // 'deteriorating'
 * ```
 */
export function statusFromRatio(
  ratio: number,
  thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
): Exclude<TargetStatus, 'achieved' | 'not-achieved' | 'no-data' | 'insufficient-data'> {
  if (ratio >= thresholds.onTrack) return 'on-track';
  if (ratio >= thresholds.needsAcceleration) return 'needs-acceleration';
  if (ratio >= thresholds.limitedProgress) return 'limited-progress';
  return 'deteriorating';
}

/**
 * Names of the statuses in both languages, for reports.
 *
 * @example
 * ```ts
 * import { TARGET_STATUS_NAMES } from '@kepu/core';
 * TARGET_STATUS_NAMES['needs-acceleration'].zh; // '需加快进度'
 * ```
 */
export const TARGET_STATUS_NAMES: Readonly<Record<TargetStatus, { readonly zh: string; readonly en: string }>> = {
  achieved: { zh: '已达成', en: 'achieved' },
  'on-track': { zh: '进度正常', en: 'on track' },
  'needs-acceleration': { zh: '需加快进度', en: 'needs acceleration' },
  'limited-progress': { zh: '进展有限', en: 'limited progress' },
  deteriorating: { zh: '出现倒退', en: 'deteriorating' },
  'not-achieved': { zh: '未达成', en: 'not achieved' },
  'insufficient-data': { zh: '数据不足，无法判断趋势', en: 'insufficient data for a trend' },
  'no-data': { zh: '无数据', en: 'no data' },
};
