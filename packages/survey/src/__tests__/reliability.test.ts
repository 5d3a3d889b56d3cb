import { describe, expect, it } from 'vitest';
import { assessReliability, DEFAULT_RELIABILITY, formatEstimate, type ReliabilityInput } from '../reliability.js';

const base: ReliabilityInput = {
  statistic: 'proportion',
  point: 0.15,
  ci: { lower: 0.13, upper: 0.17, level: 0.95, method: 'logit' },
  df: 40,
  n: 2000,
  nEffective: 900,
};

describe('reliability rules', () => {
  it('a precise county rate has no flag and prints plainly', () => {
    expect(assessReliability(base)).toEqual([]);
    const shown = formatEstimate({ ...base, flags: [], suppressed: false }, { lang: 'zh' });
    expect(shown).toBe('15.0%（95% 置信区间 13.0%–17.0%）');
  });

  it('each threshold triggers its own flag with the measured value and the reason', () => {
    const codes = (input: Partial<ReliabilityInput>) => assessReliability({ ...base, ...input }).map((f) => f.code);
    expect(codes({ nEffective: 29.5 })).toEqual(['low-effective-sample-size']);
    expect(codes({ df: 7 })).toEqual(['few-degrees-of-freedom']);
    expect(codes({ ci: { ...base.ci, lower: 0.05, upper: 0.36 } })).toEqual(['wide-ci', 'wide-relative-ci']);
    expect(codes({ point: 0.04, ci: { ...base.ci, lower: 0.01, upper: 0.1 } })).toEqual(['wide-relative-ci']);
    // the relative rule waits for 5 points of absolute width
    expect(codes({ point: 0.02, ci: { ...base.ci, lower: 0.005, upper: 0.05 } })).toEqual([]);
    // the effective sample size never exceeds the real one
    expect(codes({ n: 20, nEffective: 500 })).toEqual(['low-effective-sample-size']);
  });

  it('thresholds are configurable', () => {
    const flags = assessReliability(
      { ...base, nEffective: 40 },
      { ...DEFAULT_RELIABILITY, minEffectiveSampleSize: 50 },
    );
    expect(flags[0]).toMatchObject({
      code: 'low-effective-sample-size',
      value: 40,
      threshold: 50,
      severity: 'suppress',
    });
  });

  it('suppressed estimates show a dash and why; caution keeps the number with a warning', () => {
    const flags = assessReliability({ ...base, df: 3 });
    const caution = formatEstimate({ ...base, df: 3, flags, suppressed: false }, { lang: 'en' });
    expect(caution).toBe(
      '15.0% (95% CI 13.0%–17.0%) ⚠ Only 3 design degrees of freedom (fewer than 8): the variance itself is unstable; review before use.',
    );
    const low = assessReliability({ ...base, nEffective: 10 });
    expect(formatEstimate({ ...base, flags: low, suppressed: true })).toBe(
      '—（不发布：有效样本量 10 低于 30，估计值不可靠，不宜单独发布）',
    );
  });
});
