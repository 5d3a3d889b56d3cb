/**
 * How a number of a scorecard was made, so that anyone holding the inputs can recompute it by
 * hand: the rule that applied, the formula with the actual numbers filled in, the named inputs,
 * and a sentence in both languages.
 *
 * - `rule`: a stable id of the rule (`attainment.from-baseline`, `item.proportional` …), listed
 *   in docs/assessment.md;
 * - `formula`: the arithmetic with numbers, language-neutral (`(9.6 − 7.8) / (12 − 7.8) = 0.4286`);
 * - `inputs`: every value the formula used, by name (`null` when absent);
 * - `refs`: the ids of the observations, reviews or other records it drew on, when useful;
 * - `text`: what it means, in Chinese and English.
 *
 * @example
 * ```ts
 * import type { Explanation } from '@kepu/core';
 * const why: Explanation = {
 *   rule: 'attainment.from-baseline',
 *   formula: '(9.6 − 7.8) / (12 − 7.8) = 0.4286',
 *   inputs: { value: 9.6, baseline: 7.8, goal: 12 },
 *   text: { zh: '从基线起算的完成度', en: 'progress measured from the baseline' },
 * };
 * ```
 */
export interface Explanation {
  readonly rule: string;
  readonly formula: string;
  readonly inputs: Readonly<Record<string, number | string | boolean | null>>;
  readonly refs?: readonly string[];
  readonly text: { readonly zh: string; readonly en: string };
}

/**
 * Formats a number for an explanation: up to four decimals, no trailing zeros, no exponent for
 * the magnitudes a plan uses. Pure.
 *
 * @example
 * ```ts
 * import { formatNumber } from '@kepu/core';
 * formatNumber(0.428571); // '0.4286'
 * formatNumber(200000); // '200000'
 * ```
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return '—';
  const rounded = Math.round(value * 10_000) / 10_000;
  const text = Object.is(rounded, -0) ? '0' : String(rounded);
  if (!text.includes('e')) return text;
  return rounded.toFixed(4).replace(/\.?0+$/, '');
}

/**
 * The one explanation every number of a bulk-mode scorecard carries (`assess(…, { explain: false })`):
 * no formula, no inputs, only a note that nothing was explained. The numbers are the same as in
 * an explained scorecard; only the explanations are left out. Shared and frozen.
 *
 * @example
 * ```ts
 * import { NOT_EXPLAINED } from '@kepu/core';
 * NOT_EXPLAINED.rule; // 'not-explained'
 * ```
 */
export const NOT_EXPLAINED: Explanation = Object.freeze({
  rule: 'not-explained',
  formula: '',
  inputs: Object.freeze({}),
  text: Object.freeze({ zh: '未生成说明（批量模式）', en: 'not explained (bulk mode)' }),
});

/**
 * Builds explanations, or not: `explain(build)` returns `build()` when explaining and
 * {@link NOT_EXPLAINED} otherwise, so a bulk run never builds the formula strings. The numbers
 * never depend on it. Internal to the assessment, passed down in its contexts.
 */
export interface Explainer {
  readonly on: boolean;
  explain(build: () => Explanation): Explanation;
}

/** The explainer of an explained assessment (the default). */
export const EXPLAINING: Explainer = Object.freeze({ on: true, explain: (build: () => Explanation) => build() });

/** The explainer of a bulk run: every explanation is {@link NOT_EXPLAINED}. */
export const NOT_EXPLAINING: Explainer = Object.freeze({ on: false, explain: () => NOT_EXPLAINED });

/** The explainer for an `explain` option (`undefined` means explaining). */
export function explainerFor(explain: boolean | undefined): Explainer {
  return explain === false ? NOT_EXPLAINING : EXPLAINING;
}
