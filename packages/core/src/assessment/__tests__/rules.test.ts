import { describe, expect, it } from 'vitest';
import {
  type Comparator,
  computeAttainment,
  DEFAULT_STATUS_THRESHOLDS,
  expectedOnTrajectory,
  goalOf,
  growthRatio,
  meetsComparator,
  statusFromRatio,
  trendAt,
} from '../../index.js';

const gte = (value: number): Comparator => ({ op: 'gte', value, word: '' });
const lte = (value: number): Comparator => ({ op: 'lte', value, word: '' });

describe('comparators', () => {
  it('cover gte, gt, lte, lt, eq and inclusive ranges', () => {
    expect(meetsComparator(gte(12), 12)).toBe(true);
    expect(meetsComparator({ op: 'gt', value: 0, word: '' }, 0)).toBe(false);
    expect(meetsComparator(lte(0), 0)).toBe(true);
    expect(meetsComparator({ op: 'lt', value: 5, word: '' }, 5)).toBe(false);
    expect(meetsComparator({ op: 'eq', value: 2, word: '' }, 2.0000000000001)).toBe(true);
    expect(meetsComparator({ op: 'range', min: 2, max: 3, word: '' }, 3)).toBe(true);
    expect(meetsComparator({ op: 'range', min: 2, max: 3, word: '' }, 3.5)).toBe(false);
  });
  it('head for the nearer bound of a range', () => {
    expect(goalOf({ op: 'range', min: 2, max: 3, word: '' }, 1)).toBe(2);
    expect(goalOf({ op: 'range', min: 2, max: 3, word: '' }, 4)).toBe(3);
  });
});

describe('attainment is measured from the baseline', () => {
  it('from baseline 7.8 to 12: 9.9 is half way, not 82.5%', () => {
    expect(computeAttainment(gte(12), 9.9, 7.8).attainment).toBeCloseTo(0.5, 12);
  });
  it('is 1 when met and never above 1 or below 0', () => {
    expect(computeAttainment(gte(12), 15, 7.8).attainment).toBe(1);
    expect(computeAttainment(gte(12), 5, 7.8).attainment).toBe(0);
  });
  it('works downwards for at-most targets', () => {
    expect(computeAttainment(lte(0), 1, 4).attainment).toBeCloseTo(0.75, 12);
  });
  it('edge: a target of 0 is defined (met by 0; from a baseline above it otherwise)', () => {
    expect(computeAttainment(gte(0), 0, null).attainment).toBe(1);
    expect(computeAttainment(lte(0), 0, 3).attainment).toBe(1);
    expect(computeAttainment(lte(0), 3, null).attainment).toBe(0);
  });
  it('edge: a baseline equal to the target gives 0 when unmet and 1 when met', () => {
    const gt = { op: 'gt', value: 5, word: '' } as const;
    expect(computeAttainment(gt, 5, 5)).toMatchObject({
      attainment: 0,
      explanation: { rule: 'attainment.baseline-at-goal' },
    });
    expect(computeAttainment(gt, 6, 5).attainment).toBe(1);
  });
  it('edge: without a baseline, at-least targets count from zero and at-most ones by the share allowed', () => {
    expect(computeAttainment(gte(200), 150, null)).toMatchObject({
      attainment: 0.75,
      explanation: { rule: 'attainment.from-zero' },
    });
    expect(computeAttainment(lte(5), 10, null)).toMatchObject({
      attainment: 0.5,
      explanation: { rule: 'attainment.share-allowed' },
    });
  });
  it('explains itself with the numbers filled in', () => {
    expect(computeAttainment(gte(12), 9.9, 7.8).explanation.formula).toBe(
      'clamp((9.9 − 7.8) / (12 − 7.8), 0, 1) = 0.5',
    );
  });
});

describe('trajectory and growth ratio', () => {
  it('expects a straight line from baseline to goal', () => {
    const e = expectedOnTrajectory({ time: 2021, value: 7.8 }, { time: 2026, value: 12 }, 2024, 'linear');
    expect(e.value).toBeCloseTo(7.8 + 4.2 * 0.6, 12);
  });
  it('expects compound growth when asked, and falls back to linear for a target of 0', () => {
    const c = expectedOnTrajectory({ time: 0, value: 100 }, { time: 2, value: 400 }, 1, 'compound');
    expect(c.value).toBeCloseTo(200, 9);
    const zero = expectedOnTrajectory({ time: 0, value: 4 }, { time: 4, value: 0 }, 1, 'compound');
    expect(zero.value).toBe(3);
    expect(zero.explanation.rule).toBe('expected.linear-fallback');
  });
  it('compares observed with required growth (Open SDG)', () => {
    const g = growthRatio({ time: 2021, value: 7.8 }, { time: 2024, value: 9.6 }, { time: 2026, value: 12 }, 'linear');
    expect(g.ratio).toBeCloseTo(0.6 / 0.84, 12);
  });
  it('compares compound annual growth rates for compound targets', () => {
    const g = growthRatio({ time: 0, value: 100 }, { time: 1, value: 200 }, { time: 2, value: 400 }, 'compound');
    expect(g.ratio).toBeCloseTo(1, 12);
  });
  it('gives null with a reason, never NaN, when no time passed or the base equals the goal', () => {
    expect(growthRatio({ time: 1, value: 1 }, { time: 1, value: 2 }, { time: 3, value: 5 }, 'linear')).toMatchObject({
      ratio: null,
      reason: 'no-time-elapsed',
    });
    expect(growthRatio({ time: 1, value: 5 }, { time: 2, value: 4 }, { time: 3, value: 5 }, 'compound')).toMatchObject({
      ratio: null,
      reason: 'base-at-goal',
    });
    expect(
      growthRatio({ time: 1, value: 0 }, { time: 2, value: 0 }, { time: 3, value: 0 }, 'compound').ratio,
    ).toBeNull();
  });
});

describe('status thresholds (Open SDG: 0.95 / 0.6 / 0, configurable)', () => {
  it('puts each boundary in the better status', () => {
    expect(statusFromRatio(0.95)).toBe('on-track');
    expect(statusFromRatio(0.9499)).toBe('needs-acceleration');
    expect(statusFromRatio(0.6)).toBe('needs-acceleration');
    expect(statusFromRatio(0.5999)).toBe('limited-progress');
    expect(statusFromRatio(0)).toBe('limited-progress');
    expect(statusFromRatio(-0.0001)).toBe('deteriorating');
  });
  it('uses other thresholds when given', () => {
    expect(statusFromRatio(0.9, { ...DEFAULT_STATUS_THRESHOLDS, onTrack: 0.85 })).toBe('on-track');
  });
});

describe('trend forecast', () => {
  it('fits a least-squares line and projects it', () => {
    expect(
      trendAt(
        [
          { time: 2022, value: 1 },
          { time: 2023, value: 2 },
          { time: 2024, value: 3 },
        ],
        2026,
        'linear',
      )?.value,
    ).toBeCloseTo(5, 9);
  });
  it('is null with fewer than two distinct times', () => {
    expect(trendAt([{ time: 2022, value: 1 }], 2026, 'linear')).toBeNull();
    expect(
      trendAt(
        [
          { time: 2022, value: 1 },
          { time: 2022, value: 3 },
        ],
        2026,
        'linear',
      ),
    ).toBeNull();
  });
});
