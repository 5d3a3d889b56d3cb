import { assess, prepareScheme, withCustomValues } from '../assessment/assess.js';
import type { AssessmentInputs, AssessmentInputsInput } from '../assessment/inputs.js';
import { parseAssessmentInputs } from '../assessment/inputs.js';
import { checkInputs } from '../assessment/internal/check-inputs.js';
import type { Observation } from '../assessment/observation.js';
import type { Review } from '../assessment/review.js';
import type { AssessmentScheme, AssessmentSchemeInput } from '../assessment/scheme.js';
import type { Scorecard } from '../assessment/scorecard.js';
import { createIssue, KepuError, type KepuIssue } from '../errors.js';
import type { Plan } from '../plan.js';
import type { TargetKindDefinition } from '../plugin/target-kind.js';
import { periodBounds } from './period.js';
import type { EngineState, ProgressReport } from './state.js';
import type { AssessmentRunner } from './transition-context.js';

/**
 * How the engine's records become assessment inputs; every field has a default.
 *
 * @example
 * ```ts
 * import type { AssessmentInputsOptions } from '@kepu/core';
 * const options: AssessmentInputsOptions = { lateReportDeduction: 'late-report' };
 * ```
 */
export interface AssessmentInputsOptions {
  /**
   * The id of a deduction rule of the scheme charged once for every report of the year that
   * was first submitted after its due date. Leave it out to charge nothing for lateness.
   */
  readonly lateReportDeduction?: string;
  /**
   * Called with the inputs made from the records, before they are assessed; returns the inputs
   * to assess (the engine passes plugins' `beforeAssessment` hooks here, contained).
   */
  readonly beforeAssessment?: (plan: Plan, period: number, inputs: AssessmentInputs) => AssessmentInputsInput;
  /** Called with each scorecard made (the engine passes plugins' `afterAssessment` hooks here). */
  readonly afterAssessment?: (plan: Plan, period: number, scorecard: Scorecard) => void;
  /** Plugin-defined kinds for the plans' custom indicators. @default [] */
  readonly targetKinds?: readonly TargetKindDefinition[];
}

const yearOf = (period: string) => Number(period.slice(0, 4));

function sortKey(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * Turns the engine's state into the inputs of {@link assess} for a plan and a year. Pure.
 *
 * Only approved reports count: their observations (of the year and earlier years, for trends),
 * their units' self-scores (of the year), and the score a reviewer gave a task on approval (a
 * review of the task, with the report's files as evidence filed with the office). Reviews of
 * qualitative targets (`review-target`) of the year become reviews of the target. Findings of the
 * year give deductions (their rule) and reviews of scheme items (their score); awards and veto
 * incidents of the year pass through. When one unit gave the same measure for the same day in two
 * approved reports, the later approval counts. Ids point back to the records.
 *
 * @example
 * ```ts
 * import { assess } from '@kepu/core';
 * import { toAssessmentInputs } from '@kepu/core/engine';
 * const inputs = toAssessmentInputs(plan, engine.getSnapshot(), 2024);
 * const card = assess(plan, scheme, inputs, { period: 2024 });
 * ```
 */
export function toAssessmentInputs(
  plan: Plan,
  state: EngineState,
  year: number,
  options: AssessmentInputsOptions = {},
): AssessmentInputsInput {
  const approved = approvedReports(plan, state, year);
  const observations = observationsOf(approved);

  const reviews: Review[] = [];
  const selfScores = new Map<string, NonNullable<AssessmentInputsInput['selfScores']>[number]>();
  for (const report of approved) {
    if (yearOf(report.period) !== year) continue;
    const decision = report.decisions.at(-1);
    const revision = report.revisions.at(-1);
    if (decision?.action === 'approved' && decision.review && report.task !== null && decision.unit !== undefined) {
      reviews.push({
        id: `${report.id}/review`,
        task: report.task,
        period: year,
        date: decision.at.slice(0, 10),
        score: decision.review.score,
        outOf: decision.review.outOf,
        reviewer: { unit: decision.unit },
        evidence: (revision?.evidence ?? []).map((f) => ({ title: f.name, ref: `sha256:${f.sha256}`, filed: true })),
      });
    }
    for (const s of revision?.selfScores ?? []) {
      selfScores.set(`${report.unit}|${s.item}`, {
        unit: report.unit,
        item: s.item,
        period: year,
        score: s.score,
        outOf: s.outOf,
      });
    }
  }

  const inYear = <T extends { plan: string; period: string; id: string }>(records: Readonly<Record<string, T>>) =>
    Object.values(records)
      .filter((r) => r.plan === plan.id && yearOf(r.period) === year)
      .sort((a, b) => (a.id < b.id ? -1 : 1));

  // A reviewer's judgement of a qualitative target; its files count as filed when marked so.
  for (const r of inYear(state.targetReviews)) {
    reviews.push({
      id: r.id,
      target: r.target,
      period: year,
      date: r.recordedAt.slice(0, 10),
      score: r.score,
      outOf: r.outOf,
      reviewer: { unit: r.reviewer },
      evidence: r.evidence.map((f) => ({ title: f.name, ref: `sha256:${f.sha256}`, filed: f.filed })),
      note: r.narrative.slice(0, 2_000),
    });
  }

  const deductions: NonNullable<AssessmentInputsInput['deductions']>[number][] = [];
  for (const f of inYear(state.findings)) {
    if (f.deduction) {
      deductions.push({
        id: f.id,
        unit: f.unit,
        deduction: f.deduction.rule,
        period: year,
        count: f.deduction.count,
        note: f.text.slice(0, 2_000),
      });
    }
    if (f.score && f.reviewerUnit !== undefined) {
      reviews.push({
        id: `${f.id}/score`,
        item: f.score.item,
        unit: f.unit,
        period: year,
        date: f.recordedAt.slice(0, 10),
        score: f.score.score,
        outOf: f.score.outOf,
        reviewer: { unit: f.reviewerUnit },
        evidence: [{ title: f.text.slice(0, 500), ref: `finding ${f.id}`, filed: true }],
      });
    }
  }
  if (options.lateReportDeduction !== undefined) {
    const late = new Map<string, ProgressReport[]>();
    for (const r of Object.values(state.reports)) {
      if (r.plan !== plan.id || !r.late || yearOf(r.period) !== year || r.status === 'withdrawn') continue;
      late.set(r.unit, [...(late.get(r.unit) ?? []), r]);
    }
    for (const [unit, reports] of [...late.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      deductions.push({
        id: `late/${unit}/${year}`,
        unit,
        deduction: options.lateReportDeduction,
        period: year,
        count: reports.length,
        note: `late reports: ${reports
          .map((r) => r.id)
          .sort()
          .join(', ')}`.slice(0, 2_000),
      });
    }
  }

  return {
    observations,
    reviews,
    selfScores: [...selfScores.values()],
    awards: inYear(state.awards).map((a) => ({
      id: a.id,
      unit: a.unit,
      award: a.award,
      period: year,
      count: a.count,
      note: a.title.slice(0, 2_000),
    })),
    deductions,
    incidents: inYear(state.incidents).map((x) => ({
      kind: 'veto' as const,
      id: x.id,
      unit: x.unit,
      veto: x.veto,
      period: year,
      ...(x.date === undefined ? {} : { date: x.date }),
      note: x.description.slice(0, 2_000),
    })),
  };
}

/** The plan's approved reports of `year` and earlier, in the order they were approved. */
export function approvedReports(plan: Plan, state: EngineState, year: number): ProgressReport[] {
  const out: ProgressReport[] = [];
  for (const id in state.reports) {
    const r = state.reports[id] as ProgressReport;
    if (r.plan === plan.id && r.status === 'approved' && yearOf(r.period) <= year) out.push(r);
  }
  return out.sort((a, b) => a.version - b.version || (a.id < b.id ? -1 : 1));
}

/**
 * The observations of approved reports (in approval order) as the assessment reads them: each
 * dated, with its unit and year; when one unit gave the same measure for the same day twice, the
 * later approval counts.
 */
export function observationsOf(approved: readonly ProgressReport[]): Observation[] {
  const observations = new Map<string, Observation>();
  for (const report of approved) {
    const revision = report.revisions.at(-1);
    if (!revision) continue;
    const { year: y, end } = periodBounds(report.period);
    const subAnnual = report.period.length > 4;
    revision.observations.forEach((o, i) => {
      const date = o.date ?? (subAnnual ? end : undefined);
      const observation: Observation = {
        id: `${report.id}/${i + 1}`,
        ...(o.target === undefined ? {} : { target: o.target }),
        ...(o.indicator === undefined ? {} : { indicator: o.indicator }),
        ...(o.category === undefined ? {} : { category: o.category }),
        unit: report.unit,
        ...(o.scope === undefined ? {} : { scope: o.scope }),
        period: y,
        ...(date === undefined ? {} : { date }),
        ...(o.value === undefined ? {} : { value: o.value }),
        ...(o.code === undefined ? {} : { code: o.code }),
        ...(o.numerator === undefined ? {} : { numerator: o.numerator, denominator: o.denominator as number }),
        ...(o.estimate === undefined ? {} : { estimate: o.estimate }),
        ...(o.published === undefined ? {} : { published: o.published }),
        source: `report ${report.id}`,
        ...(o.note === undefined ? {} : { note: o.note }),
      };
      // One unit, one measure, one day: the later approval replaces the earlier.
      const key = sortKey([
        o.target ?? null,
        o.indicator ?? null,
        o.category ?? null,
        report.unit,
        o.scope ?? null,
        y,
        date ?? null,
      ]);
      observations.set(key, observation);
    });
  }
  return [...observations.values()];
}

/**
 * The assessment runner the engine uses when it is given schemes: converts the state with
 * {@link toAssessmentInputs} and calls core's {@link assess}. Pure, like `assess`.
 *
 * @example
 * ```ts
 * import { createEngine } from '@kepu/core';
 * import { assessWithSchemes } from '@kepu/core/engine';
 * import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
 * const engine = await createEngine({
 *   plans: [zhengningPlan],
 *   assessment: assessWithSchemes({ [zhengningPlan.id]: zhengningScheme }),
 * });
 * ```
 */
export function assessWithSchemes(
  schemes: Readonly<Record<string, AssessmentScheme | AssessmentSchemeInput>>,
  options: AssessmentInputsOptions = {},
): AssessmentRunner & { readonly check: SchemeCheck } {
  const runner: AssessmentRunner = ({ plan, period, asOf, state }) => {
    const scheme = Object.hasOwn(schemes, plan.id) ? schemes[plan.id] : undefined;
    if (!scheme) {
      throw new KepuError([
        createIssue('assessment-unavailable', ['plan'], {
          plan: plan.id,
          detail: 'no assessment scheme for this plan',
        }),
      ]);
    }
    const year = Number(period);
    const made = toAssessmentInputs(plan, state, year, options);
    const inputs = options.beforeAssessment ? options.beforeAssessment(plan, year, parseAssessmentInputs(made)) : made;
    const card = assess(plan, scheme, inputs, { period: year, asOf, targetKinds: options.targetKinds ?? [] });
    options.afterAssessment?.(plan, year, card);
    return { scorecard: card, inputsHash: card.inputsHash };
  };
  const check: SchemeCheck = (plan, inputs) => {
    const scheme = Object.hasOwn(schemes, plan.id) ? schemes[plan.id] : undefined;
    if (!scheme) return [];
    const prepared = prepareScheme(plan, scheme);
    let parsed: AssessmentInputs;
    try {
      parsed = parseAssessmentInputs(withCustomValues(plan, inputs, options.targetKinds ?? []));
    } catch (error) {
      return (error as { issues?: KepuIssue[] }).issues ?? [];
    }
    return checkInputs(plan, prepared.scheme, prepared.index, parsed);
  };
  return Object.assign(runner, { check });
}

/**
 * Checks assessment inputs made from one record against a plan's scheme, so that a record the
 * assessment would refuse (an award the scheme does not list, a self-review) is refused when it
 * is recorded, not when the assessment runs. Returns the issues with the inputs' paths.
 *
 * @example
 * ```ts
 * import { type SchemeCheck } from '@kepu/core';
 * import { assessWithSchemes } from '@kepu/core/engine';
 * import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
 * const check: SchemeCheck = assessWithSchemes({ [zhengningPlan.id]: zhengningScheme }).check;
 * check(zhengningPlan, { awards: [{ unit: 'cast', award: 'no-such-award', period: 2024 }] }); // one issue
 * ```
 */
export type SchemeCheck = (plan: Plan, inputs: AssessmentInputsInput) => readonly KepuIssue[];
