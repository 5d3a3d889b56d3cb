import type { Bilingual } from '@kepu/core';
import { z } from 'zod';
import { createSurveyIssue, fromZodSurveyIssues, isSurveyError, SurveyError, type SurveyIssue } from './errors.js';

const IdSchema = z.string().min(1);

/**
 * One questionnaire item: the dimension it measures, its points and its answer key. A key with
 * several options means a multiple-choice item answered correctly only with exactly those options.
 *
 * @example
 * ```ts
 * import { ItemSchema } from '@kepu/survey';
 * ItemSchema.parse({ id: 'K01', dimension: 'knowledge', points: 2, key: 'B' });
 * ```
 */
export const ItemSchema = z.object({
  id: IdSchema,
  dimension: IdSchema,
  points: z.number().positive().finite(),
  key: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /** Text of the question, for explanations and reports. */
  text: z.string().optional(),
});

/**
 * A questionnaire: an id and its items.
 *
 * @example
 * ```ts
 * import { QuestionnaireSchema } from '@kepu/survey';
 * QuestionnaireSchema.parse({ id: '2024', items: [{ id: 'K01', dimension: 'knowledge', points: 40, key: 'A' }] });
 * ```
 */
export const QuestionnaireSchema = z.object({
  id: IdSchema,
  title: z.string().optional(),
  items: z.array(ItemSchema).min(1),
});

/**
 * A questionnaire item (see {@link ItemSchema}).
 *
 * @example
 * ```ts
 * import type { Item } from '@kepu/survey';
 * const item: Item = { id: 'M03', dimension: 'method', points: 4, key: ['A', 'C'] };
 * ```
 */
export type Item = z.infer<typeof ItemSchema>;

/**
 * A questionnaire (see {@link QuestionnaireSchema}).
 *
 * @example
 * ```ts
 * import type { Questionnaire } from '@kepu/survey';
 * const q: Questionnaire = { id: '2024', items: [] };
 * ```
 */
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;

/**
 * A respondent's record: answers by item id (null for an unanswered item) and the
 * classification and design fields estimation needs.
 *
 * @example
 * ```ts
 * import { RespondentSchema } from '@kepu/survey';
 * RespondentSchema.parse({ id: 'r1', answers: { K01: 'B', M03: ['A', 'C'], S02: null }, township: '山河镇' });
 * ```
 */
export const RespondentSchema = z.object({
  id: IdSchema,
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])),
  township: z.string().optional(),
  residence: z.enum(['urban', 'rural']).optional(),
  sex: z.string().optional(),
  ageBand: z.string().optional(),
  education: z.string().optional(),
  stratum: z.union([z.string(), z.number()]).optional(),
  psu: z.union([z.string(), z.number()]).optional(),
  weight: z.number().positive().finite().optional(),
});

/**
 * A respondent's record (see {@link RespondentSchema}).
 *
 * @example
 * ```ts
 * import type { Respondent } from '@kepu/survey';
 * const r: Respondent = { id: 'r1', answers: { K01: 'B' } };
 * ```
 */
export type Respondent = z.infer<typeof RespondentSchema>;

/**
 * Checks a questionnaire: shape, unique item ids. Throws {@link SurveyError} listing every problem.
 *
 * @example
 * ```ts
 * import { parseQuestionnaire } from '@kepu/survey';
 * const questionnaire = parseQuestionnaire(JSON.parse(text));
 * ```
 */
export function parseQuestionnaire(input: unknown): Questionnaire {
  const parsed = QuestionnaireSchema.safeParse(input);
  if (!parsed.success) throw new SurveyError(fromZodSurveyIssues(parsed.error.issues, ['questionnaire']));
  const issues: SurveyIssue[] = [];
  const seen = new Set<string>();
  parsed.data.items.forEach((item, k) => {
    if (seen.has(item.id)) {
      issues.push(
        createSurveyIssue('invalid-questionnaire', ['questionnaire', 'items', k, 'id'], {
          detail: `item id "${item.id}" is used twice`,
        }),
      );
    }
    seen.add(item.id);
  });
  if (issues.length > 0) throw new SurveyError(issues);
  return parsed.data;
}

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

const DIMENSION_NAMES: Readonly<Record<string, Bilingual>> = {
  knowledge: { zh: '科学知识', en: 'science knowledge' },
  method: { zh: '科学方法', en: 'scientific method' },
  spirit: { zh: '科学精神与思想', en: 'scientific spirit and thought' },
  application: { zh: '应用科学', en: 'applying science' },
};

function dimensionName(id: string): Bilingual {
  return DIMENSION_NAMES[id] ?? { zh: id, en: id };
}

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
  const thresholds = { high: 85, literate: 70, basic: 55, ...options.thresholds };
  for (const [name, value] of Object.entries(thresholds)) {
    if (!Number.isFinite(value)) {
      throw new SurveyError([
        createSurveyIssue('invalid-option', ['thresholds', name], {
          option: name,
          value: String(value),
          detail: 'use a number',
        }),
      ]);
    }
  }
  return { kind: 'national-100', dimensions: options.dimensions ?? NATIONAL_DIMENSIONS, thresholds };
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
  const issues: SurveyIssue[] = [];
  for (const [name, value] of Object.entries(options.thresholds)) {
    if (!(value >= 0 && value <= 1)) {
      issues.push(
        createSurveyIssue('invalid-option', ['thresholds', name], {
          option: name,
          value: String(value),
          detail: 'give the share of the dimension points needed, between 0 and 1',
        }),
      );
    }
  }
  if (Object.keys(options.thresholds).length === 0) {
    issues.push(
      createSurveyIssue('invalid-option', ['thresholds'], {
        option: 'thresholds',
        value: '{}',
        detail: 'give at least one dimension',
      }),
    );
  }
  if (issues.length > 0) throw new SurveyError(issues);
  return { kind: 'all-dimensions', thresholds: { ...options.thresholds } };
}

/**
 * Literacy levels of the national scheme.
 *
 * @example
 * ```ts
 * import type { LiteracyLevel } from '@kepu/survey';
 * const level: LiteracyLevel = 'literate';
 * ```
 */
export type LiteracyLevel = 'high' | 'literate' | 'basic' | 'below-basic';

/**
 * One dimension of a respondent's score.
 *
 * @example
 * ```ts
 * import type { DimensionScore } from '@kepu/survey';
 * const line = (d: DimensionScore) => `${d.dimension}: ${d.score}/${d.max}`;
 * ```
 */
export interface DimensionScore {
  readonly dimension: string;
  /** Points earned on the questionnaire's items of this dimension. */
  readonly earned: number;
  /** Points available on those items. */
  readonly available: number;
  /** Score on the scheme's scale: earned/available × max (national) or the share earned (older rule). */
  readonly score: number;
  readonly max: number;
  /** Older rule only: the share needed and whether it was reached. */
  readonly threshold?: number;
  readonly passed?: boolean;
}

/**
 * A respondent's scored result with an explanation anyone can recompute.
 *
 * @example
 * ```ts
 * import { scoreRespondent, type RespondentScore } from '@kepu/survey';
 * const result: RespondentScore = scoreRespondent(questionnaire, respondent);
 * result.explanation.zh;
 * ```
 */
export interface RespondentScore {
  readonly respondent: string;
  readonly scheme: ScoringScheme['kind'];
  /** 0–100 total (national scheme); null under the older rule. */
  readonly total: number | null;
  readonly level: LiteracyLevel | null;
  /** Counted as having scientific literacy. */
  readonly literate: boolean;
  readonly dimensions: readonly DimensionScore[];
  /** Items with no answer: scored 0, and listed, because missing is not the same as wrong. */
  readonly missingItems: readonly string[];
  readonly complete: boolean;
  readonly explanation: Bilingual;
}

function isCorrect(item: Item, answer: string | readonly string[]): boolean {
  const key = Array.isArray(item.key) ? [...item.key].sort() : [item.key as string];
  const given = Array.isArray(answer) ? [...new Set(answer as readonly string[])].sort() : [answer as string];
  return key.length === given.length && key.every((k, i) => k === given[i]);
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
/** Scores are sums of scaled points; compare with a hair of tolerance so 69.99999999 counts as 70. */
const reaches = (value: number, threshold: number) => value >= threshold - 1e-9;

/**
 * Scores one respondent under a scheme. Unanswered items score 0 and are listed in
 * `missingItems`; answers to items not in the questionnaire are refused. The explanation gives
 * every dimension's points and the threshold comparison, in Chinese and English. Pure.
 *
 * @example
 * ```ts
 * import { nationalScheme, scoreRespondent } from '@kepu/survey';
 * const r = scoreRespondent(questionnaire, { id: 'r1', answers: { K01: 'B' } }, nationalScheme());
 * r.literate; r.total; r.explanation.en;
 * ```
 */
export function scoreRespondent(
  questionnaire: Questionnaire,
  respondent: Respondent,
  scheme: ScoringScheme = nationalScheme(),
): RespondentScore {
  const issues: SurveyIssue[] = [];
  const itemIds = new Set(questionnaire.items.map((item) => item.id));
  for (const id of Object.keys(respondent.answers)) {
    if (!itemIds.has(id)) {
      issues.push(createSurveyIssue('unknown-item', ['answers', id], { respondent: respondent.id, item: id }));
    }
  }
  const schemeDimensions =
    scheme.kind === 'national-100' ? Object.keys(scheme.dimensions) : Object.keys(scheme.thresholds);
  const earned = new Map<string, number>(schemeDimensions.map((d) => [d, 0]));
  const available = new Map<string, number>(schemeDimensions.map((d) => [d, 0]));
  const missingItems: string[] = [];
  for (const item of questionnaire.items) {
    if (!available.has(item.dimension)) {
      issues.push(
        createSurveyIssue('invalid-questionnaire', ['questionnaire', 'items', item.id, 'dimension'], {
          detail: `item "${item.id}" measures "${item.dimension}", which the ${scheme.kind} scheme does not score (it scores ${schemeDimensions.join(', ')})`,
        }),
      );
      continue;
    }
    available.set(item.dimension, available.get(item.dimension)! + item.points);
    const answer = respondent.answers[item.id];
    if (answer === undefined || answer === null || (Array.isArray(answer) && answer.length === 0) || answer === '') {
      missingItems.push(item.id);
      continue;
    }
    if (isCorrect(item, answer)) earned.set(item.dimension, earned.get(item.dimension)! + item.points);
  }
  for (const d of schemeDimensions) {
    if (available.get(d) === 0) {
      issues.push(
        createSurveyIssue('invalid-questionnaire', ['questionnaire', 'items'], {
          detail: `no item measures "${d}", which the ${scheme.kind} scheme needs`,
        }),
      );
    }
  }
  if (issues.length > 0) throw new SurveyError(issues);

  const missingNote = {
    zh: missingItems.length > 0 ? `未作答 ${missingItems.length} 题（${missingItems.join('、')}），按 0 分计。` : '',
    en:
      missingItems.length > 0
        ? ` ${missingItems.length} item(s) unanswered (${missingItems.join(', ')}), scored 0.`
        : '',
  };

  if (scheme.kind === 'national-100') {
    const dimensions: DimensionScore[] = schemeDimensions.map((d) => {
      const max = scheme.dimensions[d]!;
      const e = earned.get(d)!;
      const a = available.get(d)!;
      return { dimension: d, earned: e, available: a, score: (e / a) * max, max };
    });
    const total = dimensions.reduce((sum, d) => sum + d.score, 0);
    const t = scheme.thresholds;
    const level: LiteracyLevel = reaches(total, t.high)
      ? 'high'
      : reaches(total, t.literate)
        ? 'literate'
        : reaches(total, t.basic)
          ? 'basic'
          : 'below-basic';
    const literate = reaches(total, t.literate);
    const parts = {
      zh: dimensions.map(
        (d) => `${dimensionName(d.dimension).zh} ${fmt(d.earned)}/${fmt(d.available)} 分折合 ${fmt(d.score)}/${d.max}`,
      ),
      en: dimensions.map(
        (d) =>
          `${dimensionName(d.dimension).en} ${fmt(d.earned)}/${fmt(d.available)} points = ${fmt(d.score)}/${d.max}`,
      ),
    };
    const levelZh = { high: '高水平', literate: '具备科学素质', basic: '基础水平', 'below-basic': '未达基础水平' }[
      level
    ];
    const explanation = {
      zh: `${parts.zh.join('；')}；合计 ${fmt(total)} 分。${literate ? `不低于 ${t.literate} 分，具备科学素质` : `低于 ${t.literate} 分，不具备科学素质`}（${levelZh}：高水平 ≥${t.high}，具备 ≥${t.literate}，基础 ≥${t.basic}）。${missingNote.zh}`,
      en: `${parts.en.join('; ')}; total ${fmt(total)}. ${literate ? `At least ${t.literate}: has scientific literacy` : `Below ${t.literate}: does not have scientific literacy`} (level ${level}: high ≥ ${t.high}, literate ≥ ${t.literate}, basic ≥ ${t.basic}).${missingNote.en}`,
    };
    return {
      respondent: respondent.id,
      scheme: scheme.kind,
      total,
      level,
      literate,
      dimensions,
      missingItems,
      complete: missingItems.length === 0,
      explanation,
    };
  }

  const dimensions: DimensionScore[] = schemeDimensions.map((d) => {
    const e = earned.get(d)!;
    const a = available.get(d)!;
    const threshold = scheme.thresholds[d]!;
    const share = e / a;
    return {
      dimension: d,
      earned: e,
      available: a,
      score: share,
      max: 1,
      threshold,
      passed: reaches(share, threshold),
    };
  });
  const failed = dimensions.filter((d) => !d.passed);
  const literate = failed.length === 0;
  const explanation = {
    zh: `${dimensions
      .map(
        (d) =>
          `${dimensionName(d.dimension).zh} ${fmt(d.earned)}/${fmt(d.available)} 分（${fmt(d.score * 100)}%，需 ≥${fmt(d.threshold! * 100)}%，${d.passed ? '达标' : '未达标'}）`,
      )
      .join(
        '；',
      )}。${literate ? '各维度均达标，具备科学素质' : `${failed.map((d) => dimensionName(d.dimension).zh).join('、')}未达标，不具备科学素质`}。${missingNote.zh}`,
    en: `${dimensions
      .map(
        (d) =>
          `${dimensionName(d.dimension).en} ${fmt(d.earned)}/${fmt(d.available)} points (${fmt(d.score * 100)} %, needs ≥ ${fmt(d.threshold! * 100)} %, ${d.passed ? 'passed' : 'not passed'})`,
      )
      .join(
        '; ',
      )}. ${literate ? 'Every dimension passed: has scientific literacy' : `${failed.map((d) => dimensionName(d.dimension).en).join(', ')} not passed: does not have scientific literacy`}.${missingNote.en}`,
  };
  return {
    respondent: respondent.id,
    scheme: scheme.kind,
    total: null,
    level: null,
    literate,
    dimensions,
    missingItems,
    complete: missingItems.length === 0,
    explanation,
  };
}

/**
 * Scores many respondents; collects every problem (with the respondent's position in the path)
 * before throwing, so a data file can be fixed in one pass.
 *
 * @example
 * ```ts
 * import { scoreRespondents } from '@kepu/survey';
 * const scores = scoreRespondents(questionnaire, respondents);
 * const literate = scores.map((s) => s.literate); // ready for estimateProportion
 * ```
 */
export function scoreRespondents(
  questionnaire: Questionnaire,
  respondents: readonly Respondent[],
  scheme: ScoringScheme = nationalScheme(),
): RespondentScore[] {
  const out: RespondentScore[] = [];
  const issues: SurveyIssue[] = [];
  respondents.forEach((respondent, k) => {
    const parsed = RespondentSchema.safeParse(respondent);
    if (!parsed.success) {
      issues.push(...fromZodSurveyIssues(parsed.error.issues, ['respondents', k]));
      return;
    }
    try {
      out.push(scoreRespondent(questionnaire, parsed.data, scheme));
    } catch (error) {
      if (isSurveyError(error)) {
        issues.push(...error.issues.map((issue) => ({ ...issue, path: ['respondents', k, ...issue.path] })));
      } else throw error;
    }
  });
  if (issues.length > 0) throw new SurveyError(issues.slice(0, 100));
  return out;
}
