import type { ReportObservation } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { generateDemoSurvey, toObservations } from '@kepu/survey';

/** The survey year the demo files as a sampled round (the other years keep the history's figures). */
export const DEMO_SURVEY_YEAR = 2024;
/** Respondents in the demo round, across the townships. */
export const DEMO_SURVEY_SIZE = 2000;
/** Marks demo databases written with the survey round, so older ones are rebuilt, not reused. */
export const DEMO_SURVEY_VERSION = `survey-${DEMO_SURVEY_YEAR}/1`;

/**
 * The `literacy` hook of the Zhengning demo history: in {@link DEMO_SURVEY_YEAR} the county
 * science association files the county literacy rate estimated from a generated survey round of
 * {@link DEMO_SURVEY_SIZE} respondents across the townships — weighted numerator and denominator
 * with the 95 % interval and reliability flags — instead of the history's synthetic figure. Pure
 * and deterministic in the seed.
 *
 * @example
 * ```ts
 * const summary = await createDemoHistory(engine, { clock, seed, literacy: surveyLiteracy(seed) });
 * ```
 */
export function surveyLiteracy(seed: number): (year: number, generated: ReportObservation) => ReportObservation {
  let cached: ReportObservation | undefined;
  return (year, generated) => {
    if (year !== DEMO_SURVEY_YEAR) return generated;
    cached ??= surveyRound(seed, generated);
    return cached;
  };
}

function surveyRound(seed: number, generated: ReportObservation): ReportObservation {
  const townships = zhengningPlan.orgUnits.filter((u) => u.kind === 'township');
  // The sampled population is calibrated to the history's own figure for the year, so the
  // survey tells the same story as the other years, with the noise and interval of a sample.
  const literacyRate =
    generated.numerator !== undefined && generated.denominator
      ? generated.numerator / generated.denominator
      : undefined;
  const demo = generateDemoSurvey({
    seed,
    year: DEMO_SURVEY_YEAR,
    units: townships,
    size: DEMO_SURVEY_SIZE,
    ...(literacyRate === undefined ? {} : { literacyRate }),
  });
  const round = toObservations({
    design: demo.design,
    literate: demo.literate,
    period: DEMO_SURVEY_YEAR,
    target: generated.target ?? 'literacy-rate-2025',
    plan: zhengningPlan,
  });
  const county = round.observations.find((o) => o.unit === undefined);
  if (county?.numerator === undefined || county.denominator === undefined || county.estimate === undefined) {
    return generated;
  }
  return {
    ...(generated.target === undefined ? {} : { target: generated.target }),
    ...(generated.indicator === undefined ? {} : { indicator: generated.indicator }),
    numerator: county.numerator,
    denominator: county.denominator,
    ...(generated.date === undefined ? {} : { date: generated.date }),
    estimate: county.estimate,
    note: `${DEMO_SURVEY_YEAR}年全县公民科学素质抽样调查（样本 ${demo.respondents.length} 人，按设计加权；分子、分母为加权人数）`,
  };
}
