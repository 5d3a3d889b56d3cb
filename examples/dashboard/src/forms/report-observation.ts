import { assessedUnits, checkObservation, type KepuIssue, type Plan, type ReportObservation } from '@kepu/core';

/**
 * The report form's measured value as typed: a target and the figures, as text; `source` says
 * who published the value when it was published by someone else (a province's survey rate).
 */
export interface ObservationDraft {
  readonly target: string;
  readonly value: string;
  readonly numerator: string;
  readonly denominator: string;
  readonly source?: string;
}

/** A number input's value: empty is "not given", anything else is passed on for the rules to judge. */
const numberOrUndefined = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/**
 * The observation the form files, or none when no target is chosen. Every figure typed is
 * passed on: which ones a target takes is for the shared rules to say, not the form.
 */
export function observationOf(draft: ObservationDraft): ReportObservation | undefined {
  if (!draft.target) return undefined;
  const figures = {
    value: numberOrUndefined(draft.value),
    numerator: numberOrUndefined(draft.numerator),
    denominator: numberOrUndefined(draft.denominator),
  };
  const given = Object.fromEntries(Object.entries(figures).filter(([, x]) => x !== undefined));
  // A source typed makes the value a published one; a blank one is passed on for the rules to refuse.
  const published = draft.source === undefined || draft.source === '' ? {} : { published: { source: draft.source } };
  return { target: draft.target, ...given, ...published } as ReportObservation;
}

/**
 * What the shared observation rules (`checkObservation` of @kepu/core, the ones the engine runs
 * on every report) say about the form's observations for a period, keyed by the field path the
 * form shows errors at (`observations.0.numerator`), each issue with its zh/en message.
 */
export function observationIssues(
  plan: Plan,
  period: string,
  observations: readonly ReportObservation[],
): Record<string, KepuIssue[]> {
  const out: Record<string, KepuIssue[]> = {};
  observations.forEach((observation, i) => {
    for (const issue of checkObservation(plan, period, observation, ['observations', i])) {
      const field = issue.path.join('.');
      out[field] = [...(out[field] ?? []), issue];
    }
  });
  return out;
}

/**
 * Whether a unit files a yearly summary report (a report on no task): the units the plan
 * assesses, by the one definition the engine checks a summary against.
 */
export const filesSummary = (plan: Plan, unit: string): boolean => assessedUnits(plan).has(unit);
