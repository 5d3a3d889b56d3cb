import { EvidenceSchema, ReviewSchema } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { describe, expect, it } from 'vitest';
import { generateDemoSurvey } from '../demo.js';
import { estimateByGroup } from '../estimate-by-group.js';
import { estimateGap } from '../estimate-gap.js';
import { toGapEvidence } from '../gap-evidence.js';

const townships = zhengningPlan.orgUnits.filter((u) => u.kind === 'township');
const demo2024 = generateDemoSurvey({ seed: 11, year: 2024, units: townships, size: 2000 });
const demo2022 = generateDemoSurvey({ seed: 11, year: 2022, units: townships, size: 2000 });

function evidenceOf(demo: typeof demo2024, baseline?: ReturnType<typeof toGapEvidence>) {
  return toGapEvidence({
    design: demo.design,
    literate: demo.literate,
    period: demo.year,
    target: 'imbalance-improved',
    dimensions: [
      { id: 'residence', groups: demo.respondents.map((r) => r.residence), a: 'urban', b: 'rural' },
      { id: 'sex', groups: demo.respondents.map((r) => r.sex), a: 'male', b: 'female' },
      { id: 'education', groups: demo.respondents.map((r) => r.education) },
    ],
    ref: 'survey-2024-report',
    ...(baseline ? { baseline } : {}),
  });
}

describe('toGapEvidence', () => {
  const evidence = evidenceOf(demo2024);

  it('reports the urban–rural gap exactly as estimateGap computes it, with every group rate', () => {
    const residence = demo2024.respondents.map((r) => r.residence);
    const finding = evidence.findings[0]!;
    expect(finding.gap).toEqual(
      estimateGap(demo2024.design, demo2024.literate, residence, {
        a: 'urban',
        b: 'rural',
        column: 'residence',
      }),
    );
    expect(finding.groups).toEqual(
      estimateByGroup(demo2024.design, demo2024.literate, residence, { statistic: 'proportion', column: 'literate' }),
    );
    expect(finding.gap.point).toBeGreaterThan(0.05);
    expect(finding.gap.ci.lower).toBeGreaterThan(0);
    expect(finding.change).toBeNull();
  });

  it('says the gap and its interval in percentage points, in Chinese and English', () => {
    const { gap } = evidence.findings[0]!;
    const pp = (x: number) => (x * 100).toFixed(1).replace('-', '−');
    expect(evidence.note.zh).toContain(
      `城镇居民与农村居民之差 ${pp(gap.point)} 个百分点（95% 置信区间 ${pp(gap.ci.lower)} 至 ${pp(gap.ci.upper)}）`,
    );
    expect(evidence.note.zh).not.toMatch(/。。|；。/);
    expect(evidence.note.en).not.toMatch(/\.\./);
    expect(evidence.note.en).toContain(
      `Urban residents minus rural residents: ${pp(gap.point)} percentage points (95% CI ${pp(gap.ci.lower)} to ${pp(gap.ci.upper)})`,
    );
    expect(evidence.evidence[0]!.title).toMatch(/^2024 年公民科学素质调查：城镇居民与农村居民具备科学素质比例之差/);
    expect(evidence.evidence[0]!.ref).toBe('survey-2024-report#residence');
  });

  it('takes the highest and lowest group for a dimension without a and b', () => {
    const education = evidence.findings[2]!;
    const reliable = education.groups.filter((g) => !g.suppressed);
    const points = reliable.map((g) => g.point);
    expect(education.groups.find((g) => g.group === education.a)!.point).toBe(Math.max(...points));
    expect(education.groups.find((g) => g.group === education.b)!.point).toBe(Math.min(...points));
    expect(education.a).toBe('tertiary');
  });

  it('gives evidence and a review draft that core’s schemas accept once a reviewer scores it', () => {
    for (const piece of evidence.evidence) expect(EvidenceSchema.parse(piece)).toEqual(piece);
    const review = ReviewSchema.parse({ ...evidence.review, score: 6, outOf: 10, reviewer: { unit: 'cast' } });
    expect(review.target).toBe('imbalance-improved');
    expect(review.note).toContain('城乡');
    expect(review.note).toContain('urban');
    expect(evidence.review.note.length).toBeLessThanOrEqual(2000);
  });

  it('compares each gap with the baseline round: independent samples, so the variances add', () => {
    const baseline = evidenceOf(demo2022);
    const now = evidenceOf(demo2024, baseline);
    const change = now.findings[0]!.change!;
    const before = baseline.findings[0]!.gap;
    const after = now.findings[0]!.gap;
    expect(change.fromPeriod).toBe(2022);
    expect(change.point).toBeCloseTo(after.point - before.point, 15);
    expect(change.se).toBeCloseTo(Math.sqrt(after.variance + before.variance), 15);
    expect(change.df).toBe(Math.min(after.df, before.df));
    expect(change.ci.lower).toBeLessThan(change.point);
    expect(['narrowed', 'widened', 'no-clear-change']).toContain(change.verdict);
    expect(now.note.zh).toContain('较 2022 年');
    expect(now.note.en).toContain('Change since 2022');
  });

  it('reads the verdict from the interval of the change in the gap’s size', () => {
    const base = evidenceOf(demo2024);
    // A baseline whose urban–rural gap was 30 points with a tiny variance: clearly narrowed since.
    const wide = {
      ...base,
      period: 2020,
      findings: base.findings.map((f, i) => (i === 0 ? { ...f, gap: { ...f.gap, point: 0.3, variance: 1e-6 } } : f)),
    };
    expect(evidenceOf(demo2024, wide).findings[0]!.change!.verdict).toBe('narrowed');
    // A negative gap of −30 points narrowing to a positive 10 has still shrunk in size.
    const negative = {
      ...base,
      period: 2020,
      findings: base.findings.map((f, i) => (i === 0 ? { ...f, gap: { ...f.gap, point: -0.3, variance: 1e-6 } } : f)),
    };
    expect(evidenceOf(demo2024, negative).findings[0]!.change!.verdict).toBe('narrowed');
    const none = {
      ...base,
      period: 2020,
      findings: base.findings.map((f, i) => (i === 0 ? { ...f, gap: { ...f.gap, point: 0.001, variance: 1e-6 } } : f)),
    };
    expect(evidenceOf(demo2024, none).findings[0]!.change!.verdict).toBe('widened');
  });

  it('withholds an unreliable gap in the text and keeps its reasons', () => {
    const small = generateDemoSurvey({ seed: 3, year: 2024, units: ['甲镇', '乙镇'], size: 60 });
    const e = toGapEvidence({
      design: small.design,
      literate: small.literate,
      period: 2024,
      target: 'imbalance-improved',
      dimensions: [{ id: 'age', groups: small.respondents.map((r) => r.ageBand) }],
      filed: false,
    });
    expect(e.findings[0]!.groups.some((g) => g.suppressed)).toBe(true);
    expect(e.note.zh).toContain('不发布');
    expect(e.evidence[0]!.filed).toBe(false);
  });
});
