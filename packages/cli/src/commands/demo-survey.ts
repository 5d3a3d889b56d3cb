import type { Plan, ReportObservation } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { generateDemoSurvey, toObservations } from '@kepu/survey';

/** The survey year the demo files as a sampled round (the other years keep the history's figures). */
export const DEMO_SURVEY_YEAR = 2024;
/** Respondents in the demo round, across the townships. */
export const DEMO_SURVEY_SIZE = 2000;
/** Marks demo databases written with the survey round, so older ones are rebuilt, not reused. */
export const DEMO_SURVEY_VERSION = `survey-${DEMO_SURVEY_YEAR}/2`;
/**
 * How far, in percentage points, the demo round's point estimate may lie from the history's own
 * figure for the year — and it is never below the year before: close enough that the headline
 * series keeps the history's rising trend (the round's interval is wider and may straddle it, as
 * a real round's would).
 */
export const DEMO_SURVEY_TOLERANCE = 0.5;
/** Draws tried before the closest one is taken. */
const DEMO_SURVEY_DRAWS = 60;

/**
 * The `literacy` hook of the Zhengning demo history: in {@link DEMO_SURVEY_YEAR} the county
 * science association files the county literacy rate estimated from a generated survey round of
 * {@link DEMO_SURVEY_SIZE} respondents across the townships — weighted numerator and denominator
 * with the 95 % interval and reliability flags — instead of the history's synthetic figure. The
 * round's point estimate lies within {@link DEMO_SURVEY_TOLERANCE} points of that figure, so the
 * headline series keeps the history's trend. Pure and deterministic in the seed.
 *
 * @example
 * ```ts
 * const summary = await createDemoHistory(engine, { clock, seed, literacy: surveyLiteracy(seed) });
 * ```
 */
export function surveyLiteracy(seed: number): (year: number, generated: ReportObservation) => ReportObservation {
  let cached: ReportObservation | undefined;
  let before: { year: number; rate: number } | undefined;
  return (year, generated) => {
    if (year !== DEMO_SURVEY_YEAR) {
      const rate = rateOf(generated);
      if (year < DEMO_SURVEY_YEAR && rate !== undefined && (!before || year > before.year)) before = { year, rate };
      return generated;
    }
    cached ??= surveyRound(seed, generated, before?.rate);
    return cached;
  };
}

const rateOf = (o: ReportObservation): number | undefined =>
  o.numerator !== undefined && o.denominator ? o.numerator / o.denominator : undefined;

function surveyRound(seed: number, generated: ReportObservation, floor: number | undefined): ReportObservation {
  const townships = zhengningPlan.orgUnits.filter((u) => u.kind === 'township');
  // The sampled population is calibrated to the history's own figure for the year, so the
  // survey tells the same story as the other years, with the noise and interval of a sample.
  const literacyRate = rateOf(generated);
  // One sample can still land several standard errors from the truth, and a demo whose headline
  // series dips in the survey year reads as a collapse. So the demo takes, among draws of
  // counties whose population rate is the history's figure (the seed, then seeds derived from
  // it), the first whose estimate lies within DEMO_SURVEY_TOLERANCE points of that figure and not
  // below the year before, or else the closest such. Deterministic in the seed.
  let best: { observation: ReportObservation; distance: number } | undefined;
  for (let draw = 0; draw < DEMO_SURVEY_DRAWS; draw++) {
    const observation = surveyDraw((seed + draw * 104_729) >>> 0, townships, generated, literacyRate);
    if (!observation) return generated;
    const estimate = rateOf(observation);
    if (literacyRate === undefined || estimate === undefined) return observation;
    const distance = Math.abs(estimate - literacyRate) * 100 + (floor !== undefined && estimate < floor ? 100 : 0);
    if (!best || distance < best.distance) best = { observation, distance };
    if (distance <= DEMO_SURVEY_TOLERANCE) break;
  }
  return best?.observation ?? generated;
}

function surveyDraw(
  seed: number,
  townships: Plan['orgUnits'],
  generated: ReportObservation,
  literacyRate: number | undefined,
): ReportObservation | undefined {
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
    return undefined;
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
