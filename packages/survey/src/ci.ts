import { betaQuantile, normalQuantile, studentTQuantile } from './distributions.js';
import { fail } from './errors.js';
import { describeValue, expectNumber, expectOneOf } from './internal/guard.js';

/**
 * How a confidence interval for a proportion is built:
 *
 * - `logit` (default): Wald interval on the log-odds scale with the design's degrees of freedom,
 *   transformed back — R's `svyciprop(method = "logit")`;
 * - `wilson`: Wilson score interval on the effective sample size p(1 − p)/var, with the t
 *   quantile on the design's degrees of freedom;
 * - `beta`: Korn–Graubard interval — Clopper–Pearson on the effective sample size, with the
 *   degrees-of-freedom adjustment of R's `svyciprop(method = "beta")`;
 * - `wald`: p ± t·se, cut to [0, 1] (R's `method = "mean"` without the cut).
 *
 * @example
 * ```ts
 * import type { CiMethod } from '@kepu/survey';
 * const method: CiMethod = 'beta';
 * ```
 */
export type CiMethod = 'logit' | 'wilson' | 'beta' | 'wald';

/**
 * A confidence interval and how it was made.
 *
 * @example
 * ```ts
 * import type { ConfidenceInterval } from '@kepu/survey';
 * const ci: ConfidenceInterval = { lower: 0.1, upper: 0.14, level: 0.95, method: 'logit' };
 * ```
 */
export interface ConfidenceInterval {
  readonly lower: number;
  readonly upper: number;
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
  /** `t` for a symmetric interval on the estimate's own scale; otherwise a {@link CiMethod}. */
  readonly method: CiMethod | 't';
  /** Set when the method asked for could not be used (e.g. logit at 0 %) and another was. */
  readonly fallbackFrom?: CiMethod;
}

/** `df` below 1 cannot give a t quantile; use 1 (the estimate is flagged elsewhere). */
/** An effective sample size past which the Korn–Graubard interval is computed as the normal one. */
const HUGE_SAMPLE = 1e9;

/** Degrees of freedom ≥ 0 (0 is read as 1, `Infinity` as the normal), a level strictly inside 0–1. */
function checkDfAndLevel(df: unknown, level: unknown): void {
  if (typeof df !== 'number' || !(df >= 0)) {
    fail('invalid-option', ['df'], { option: 'df', value: describeValue(df), detail: 'use degrees of freedom ≥ 0' });
  }
  expectNumber(level, ['level'], 1e-9, 1 - 1e-9, 'use a confidence level between 0 and 1, such as 0.95');
}

function tQuantile(level: number, df: number): number {
  return studentTQuantile(1 - (1 - level) / 2, Math.max(df, 1));
}

/**
 * A symmetric interval point ± t(df)·se.
 *
 * @example
 * ```ts
 * import { symmetricCi } from '@kepu/survey';
 * symmetricCi(644.17, 23.54, 14, 0.95); // { lower ≈ 593.68, upper ≈ 694.66, … }
 * ```
 */
export function symmetricCi(point: number, se: number, df: number, level: number): ConfidenceInterval {
  expectNumber(point, ['point'], -Number.MAX_VALUE, Number.MAX_VALUE, 'use a finite number');
  expectNumber(se, ['se'], 0, Number.MAX_VALUE, 'use a finite standard error ≥ 0');
  checkDfAndLevel(df, level);
  const half = tQuantile(level, df) * se;
  return { lower: point - half, upper: point + half, level, method: 't' };
}

/**
 * Confidence interval for a proportion `p` with design variance `variance`, design degrees of
 * freedom `df` and `n` respondents. Always inside [0, 1] and always containing `p`; never NaN.
 * At p = 0 or 1 the logit interval does not exist, so the Korn–Graubard interval is used and
 * `fallbackFrom` says so.
 *
 * @example
 * ```ts
 * import { proportionCi } from '@kepu/survey';
 * proportionCi(0.0218579, 0.02262245 ** 2, 14, 183, 0.95, 'logit');
 * // { lower ≈ 0.0023047, upper ≈ 0.1777478 } as R's svyciprop(~I(ell==0), dclus1)
 * ```
 */
export function proportionCi(
  p: number,
  variance: number,
  df: number,
  n: number,
  level: number,
  method: CiMethod,
): ConfidenceInterval {
  expectNumber(p, ['p'], 0, 1, 'use a proportion between 0 and 1');
  expectNumber(variance, ['variance'], 0, Number.MAX_VALUE, 'use a finite variance ≥ 0');
  expectNumber(n, ['n'], 1, Number.MAX_VALUE, 'use the number of respondents (at least 1)');
  checkDfAndLevel(df, level);
  expectOneOf(method, ['logit', 'wilson', 'beta', 'wald'], ['method']);
  const alpha = 1 - level;
  const boundary = p <= 0 || p >= 1;
  if (method === 'logit' && boundary) {
    return { ...proportionCi(p, variance, df, n, level, 'beta'), fallbackFrom: 'logit' };
  }
  const q = tQuantile(level, df);
  const se = Math.sqrt(Math.max(variance, 0));
  switch (method) {
    case 'logit': {
      if (se === 0) return { lower: p, upper: p, level, method };
      const eta = Math.log(p / (1 - p));
      const half = (q * se) / (p * (1 - p));
      const expit = (x: number) => 1 / (1 + Math.exp(-x));
      return { lower: expit(eta - half), upper: expit(eta + half), level, method };
    }
    case 'wilson': {
      const nEff = variance > 0 ? (p * (1 - p)) / variance : n;
      const z2 = q * q;
      // An effective sample size near 0 (p of 1e-320 with some variance) is no information:
      // the interval's limit is all of 0–1, which the formula below would reach as NaN.
      if (!Number.isFinite(z2 / nEff)) return { lower: 0, upper: 1, level, method };
      const denom = 1 + z2 / nEff;
      const centre = (p + z2 / (2 * nEff)) / denom;
      const half = (q / denom) * Math.sqrt((p * (1 - p)) / nEff + z2 / (4 * nEff * nEff));
      return {
        lower: Math.max(0, Math.min(p, centre - half)),
        upper: Math.min(1, Math.max(p, centre + half)),
        level,
        method,
      };
    }
    case 'beta': {
      let nEff = variance > 0 ? (p * (1 - p)) / variance : n;
      if (n > 1 && df >= 1) {
        nEff *= (studentTQuantile(alpha / 2, n - 1) / studentTQuantile(alpha / 2, df)) ** 2;
      }
      if (nEff > HUGE_SAMPLE && p > 0 && p < 1) {
        // Beyond a billion effective respondents the beta quantiles equal the normal ones to
        // 1e-9, while the iterations to find them slow down and lose their accuracy.
        const half = normalQuantile(1 - alpha / 2) * Math.sqrt((p * (1 - p)) / nEff);
        return { lower: Math.max(0, p - half), upper: Math.min(1, p + half), level, method };
      }
      const lower = p <= 0 ? 0 : betaQuantile(alpha / 2, nEff * p, nEff * (1 - p) + 1);
      const upper = p >= 1 ? 1 : betaQuantile(1 - alpha / 2, nEff * p + 1, nEff * (1 - p));
      return { lower: Math.min(lower, p), upper: Math.max(upper, p), level, method };
    }
    default: {
      const half = q * se;
      return { lower: Math.max(0, p - half), upper: Math.min(1, p + half), level, method: 'wald' };
    }
  }
}
