import { createSurveyIssue, SurveyError, type SurveyIssue } from './errors.js';
import { describeValue, expectOneOf, expectRecord, optionsRecord } from './internal/guard.js';

/**
 * The national 100-point scheme (used since the 2024 round): dimension maxima add up to 100,
 * and "has scientific literacy" at a total of at least 70 (high level ≥ 85, basic ≥ 55). All
 * thresholds are inclusive and configurable.
 *
 * @example
 * ```ts
 * import { nationalScheme } from '@kepu/survey';
 * const scheme = nationalScheme({ thresholds: { literate: 72 } });
 * ```
 */
export interface NationalScheme {
  readonly kind: 'national-100';
  /** Maximum points per dimension. */
  readonly dimensions: Readonly<Record<string, number>>;
  readonly thresholds: { readonly high: number; readonly literate: number; readonly basic: number };
}

/**
 * The older rule: a respondent has scientific literacy only when every dimension reaches its own
 * threshold, given as a share (0–1) of that dimension's points, inclusive.
 *
 * @example
 * ```ts
 * import { allDimensionsScheme } from '@kepu/survey';
 * allDimensionsScheme({ thresholds: { knowledge: 0.7, method: 0.6, spirit: 0.6, application: 0.6 } });
 * ```
 */
export interface AllDimensionsScheme {
  readonly kind: 'all-dimensions';
  readonly thresholds: Readonly<Record<string, number>>;
}

/**
 * A scoring scheme.
 *
 * @example
 * ```ts
 * import { nationalScheme, type ScoringScheme } from '@kepu/survey';
 * const scheme: ScoringScheme = nationalScheme();
 * ```
 */
export type ScoringScheme = NationalScheme | AllDimensionsScheme;

/**
 * The national dimensions and their maxima: science knowledge 40, scientific method 20,
 * scientific spirit and thought 20, applying science 20.
 *
 * @example
 * ```ts
 * import { NATIONAL_DIMENSIONS } from '@kepu/survey';
 * NATIONAL_DIMENSIONS.knowledge; // 40
 * ```
 */
export const NATIONAL_DIMENSIONS: Readonly<Record<'knowledge' | 'method' | 'spirit' | 'application', number>> =
  Object.freeze({ knowledge: 40, method: 20, spirit: 20, application: 20 });

/**
 * Builds the national 100-point scheme, optionally with other thresholds or dimension maxima.
 *
 * @example
 * ```ts
 * import { nationalScheme } from '@kepu/survey';
 * nationalScheme().thresholds; // { high: 85, literate: 70, basic: 55 }
 * ```
 */
export function nationalScheme(
  options: { thresholds?: Partial<NationalScheme['thresholds']>; dimensions?: Readonly<Record<string, number>> } = {},
): NationalScheme {
  const o = optionsRecord(options, ['options']);
  const thresholds = { high: 85, literate: 70, basic: 55, ...optionsRecord(o.thresholds, ['thresholds']) };
  const issues = valueIssues(['thresholds'], thresholds, Number.isFinite, 'use a number');
  if (o.dimensions !== undefined) {
    const dimensions = expectRecord(o.dimensions, ['dimensions'], 'maximum points by dimension');
    issues.push(...valueIssues(['dimensions'], dimensions, (v) => v > 0 && v < 1e9, 'use the positive maximum points'));
    if (Object.keys(dimensions).length === 0) issues.push(emptyIssue('dimensions'));
  }
  if (issues.length > 0) throw new SurveyError(issues);
  return {
    kind: 'national-100',
    dimensions: options.dimensions ?? NATIONAL_DIMENSIONS,
    thresholds: thresholds as NationalScheme['thresholds'],
  };
}

/**
 * Builds the older all-dimensions scheme. Thresholds are required: the national survey office
 * set them per round, and Kepu does not guess them.
 *
 * @example
 * ```ts
 * import { allDimensionsScheme } from '@kepu/survey';
 * allDimensionsScheme({ thresholds: { knowledge: 0.7, method: 0.6, spirit: 0.6, application: 0.6 } });
 * ```
 */
export function allDimensionsScheme(options: { thresholds: Readonly<Record<string, number>> }): AllDimensionsScheme {
  const thresholds = expectRecord(expectRecord(options, ['options']).thresholds, ['thresholds'], 'shares by dimension');
  const issues = valueIssues(
    ['thresholds'],
    thresholds,
    (v) => v >= 0 && v <= 1,
    'give the share of the dimension points needed, between 0 and 1',
  );
  if (Object.keys(thresholds).length === 0) issues.push(emptyIssue('thresholds'));
  if (issues.length > 0) throw new SurveyError(issues);
  return { kind: 'all-dimensions', thresholds: { ...(thresholds as Record<string, number>) } };
}

/** An issue for each own entry of `record` that is not a number passing `ok`. */
function valueIssues(
  path: ReadonlyArray<string>,
  record: Readonly<Record<string, unknown>>,
  ok: (value: number) => boolean,
  detail: string,
): SurveyIssue[] {
  return Object.entries(record)
    .filter(([, value]) => !(typeof value === 'number' && ok(value)))
    .map(([name, value]) =>
      createSurveyIssue('invalid-option', [...path, name], { option: name, value: describeValue(value), detail }),
    );
}

function emptyIssue(option: string): SurveyIssue {
  return createSurveyIssue('invalid-option', [option], { option, value: '{}', detail: 'give at least one dimension' });
}

/**
 * Checks a scheme passed in (perhaps read from a file): the same rules as the builders, and
 * the national scheme's three thresholds all given, since a missing one must not become a default.
 */
export function checkScheme(scheme: unknown): ScoringScheme {
  const s = expectRecord(scheme, ['scheme'], 'a scoring scheme (see nationalScheme)');
  const kind = expectOneOf(s.kind, ['national-100', 'all-dimensions'], ['scheme', 'kind']);
  if (kind === 'all-dimensions') return allDimensionsScheme({ thresholds: s.thresholds as Record<string, number> });
  const thresholds = expectRecord(s.thresholds, ['scheme', 'thresholds'], '{ high, literate, basic }');
  for (const key of ['high', 'literate', 'basic']) {
    if (typeof thresholds[key] !== 'number') {
      throw new SurveyError(
        valueIssues(['scheme', 'thresholds'], { [key]: thresholds[key] }, () => false, 'use a number'),
      );
    }
  }
  return nationalScheme({
    thresholds: thresholds as NationalScheme['thresholds'],
    ...(s.dimensions !== undefined ? { dimensions: s.dimensions as Readonly<Record<string, number>> } : {}),
  });
}
