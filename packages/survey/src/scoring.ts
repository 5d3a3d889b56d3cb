import type { Bilingual } from '@kepu/core';
import { z } from 'zod';
import { checkAnswer, normalizeAnswer, optionsOf } from './answer.js';
import { createSurveyIssue, fromZodSurveyIssues, isSurveyError, SurveyError, type SurveyIssue } from './errors.js';
import { expectArray, own } from './internal/guard.js';
import { checkScheme, nationalScheme, type ScoringScheme } from './scheme.js';

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
  /**
   * The options printed for the item (`['A', 'B', 'C', 'D']`), so an answer that is none of them
   * is flagged. Default for a key of single letters: A to D, or to the key's last letter.
   */
  options: z.array(z.string().min(1)).min(2).optional(),
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
  /**
   * Answers that are none of the item's options (`Z` on an A–D item), each an `unknown-answer`
   * issue: scored as wrong, and listed here so a data-entry slip is seen, not silently scored.
   * Answers are compared after {@link normalizeAnswer}, so `b` and `Ｂ` are `B` and not flagged.
   * Paths start at the respondent (`['answers', 'K01']`); `scoreRespondents` puts
   * `['respondents', k]` in front.
   */
  readonly warnings: readonly SurveyIssue[];
}

const DIMENSION_NAMES: Readonly<Record<string, Bilingual>> = {
  knowledge: { zh: '科学知识', en: 'science knowledge' },
  method: { zh: '科学方法', en: 'scientific method' },
  spirit: { zh: '科学精神与思想', en: 'scientific spirit and thought' },
  application: { zh: '应用科学', en: 'applying science' },
};

function dimensionName(id: string): Bilingual {
  return (own(DIMENSION_NAMES, id) as Bilingual | undefined) ?? { zh: id, en: id };
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
  const q = compileQuestionnaire(parseQuestionnaire(questionnaire));
  const s = checkScheme(scheme);
  const { parsed, answered, issues } = parseRespondent(respondent, []);
  if (parsed === undefined) throw new SurveyError(issues);
  return scoreOne(q, parsed, answered, s);
}

/** A questionnaire's items with their accepted options, worked out once for a whole file. */
interface CompiledQuestionnaire {
  readonly items: ReadonlyArray<{ readonly item: Item; readonly options: ReadonlySet<string> | null }>;
  readonly ids: ReadonlySet<string>;
}

function compileQuestionnaire(questionnaire: Questionnaire): CompiledQuestionnaire {
  return {
    items: questionnaire.items.map((item) => ({ item, options: optionsOf(item) })),
    ids: new Set(questionnaire.items.map((item) => item.id)),
  };
}

/**
 * A respondent's record checked against the schema, with the item ids it answered read from the
 * record itself: the parsed copy drops a key such as "__proto__", which must still be reported.
 */
function parseRespondent(
  raw: unknown,
  path: ReadonlyArray<string | number>,
): { parsed?: Respondent; answered: readonly string[]; issues: SurveyIssue[] } {
  const result = RespondentSchema.safeParse(raw);
  if (!result.success) return { answered: [], issues: fromZodSurveyIssues(result.error.issues, [...path]) };
  return { parsed: result.data, answered: Object.keys((raw as { answers: object }).answers), issues: [] };
}

/** No answer: nothing, an empty list, or only spaces (which normalise to nothing). */
const isBlank = (answer: unknown): boolean =>
  answer === undefined ||
  answer === null ||
  (typeof answer === 'string' && normalizeAnswer(answer) === '') ||
  (Array.isArray(answer) && answer.every(isBlank));

function scoreOne(
  questionnaire: CompiledQuestionnaire,
  respondent: Respondent,
  answered: readonly string[],
  scheme: ScoringScheme,
): RespondentScore {
  const issues: SurveyIssue[] = [];
  for (const id of answered) {
    if (!questionnaire.ids.has(id)) {
      issues.push(createSurveyIssue('unknown-item', ['answers', id], { respondent: respondent.id, item: id }));
    }
  }
  const schemeDimensions =
    scheme.kind === 'national-100' ? Object.keys(scheme.dimensions) : Object.keys(scheme.thresholds);
  const earned = new Map<string, number>(schemeDimensions.map((d) => [d, 0]));
  const available = new Map<string, number>(schemeDimensions.map((d) => [d, 0]));
  const missingItems: string[] = [];
  const warnings: SurveyIssue[] = [];
  for (const { item, options } of questionnaire.items) {
    if (!available.has(item.dimension)) {
      issues.push(
        createSurveyIssue('invalid-questionnaire', ['questionnaire', 'items', item.id, 'dimension'], {
          detail: `item "${item.id}" measures "${item.dimension}", which the ${scheme.kind} scheme does not score (it scores ${schemeDimensions.join(', ')})`,
        }),
      );
      continue;
    }
    available.set(item.dimension, available.get(item.dimension)! + item.points);
    // Own entries only: an item whose id is "constructor" is unanswered, not answered by a function.
    const answer = own(respondent.answers, item.id) as Respondent['answers'][string] | undefined;
    if (isBlank(answer)) {
      missingItems.push(item.id);
      continue;
    }
    const { correct, unknown } = checkAnswer(item, answer!, options);
    if (unknown.length > 0) {
      warnings.push(
        createSurveyIssue('unknown-answer', ['answers', item.id], {
          respondent: respondent.id,
          item: item.id,
          answer: unknown.join(','),
          options: [...(options ?? [])].join('/'),
        }),
      );
    }
    if (correct) earned.set(item.dimension, earned.get(item.dimension)! + item.points);
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
  const flagged = warnings.map((w) => `${w.params.item}: ${w.params.answer}`);
  const invalidNote = {
    zh: flagged.length > 0 ? `无效答案 ${flagged.length} 题（${flagged.join('、')}），按答错计。` : '',
    en:
      flagged.length > 0
        ? ` ${flagged.length} answer(s) not among the options (${flagged.join(', ')}), scored wrong.`
        : '',
  };
  const missingNote = {
    zh: `${missingItems.length > 0 ? `未作答 ${missingItems.length} 题（${missingItems.join('、')}），按 0 分计。` : ''}${invalidNote.zh}`,
    en: `${missingItems.length > 0 ? ` ${missingItems.length} item(s) unanswered (${missingItems.join(', ')}), scored 0.` : ''}${invalidNote.en}`,
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
      warnings,
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
    warnings,
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
  const q = compileQuestionnaire(parseQuestionnaire(questionnaire));
  const s = checkScheme(scheme);
  const out: RespondentScore[] = [];
  const issues: SurveyIssue[] = [];
  expectArray(respondents, ['respondents']).forEach((respondent, k) => {
    const { parsed, answered, issues: found } = parseRespondent(respondent, ['respondents', k]);
    if (parsed === undefined) {
      issues.push(...found);
      return;
    }
    const prefix = (issue: SurveyIssue): SurveyIssue => ({ ...issue, path: ['respondents', k, ...issue.path] });
    try {
      const score = scoreOne(q, parsed, answered, s);
      out.push(score.warnings.length > 0 ? { ...score, warnings: score.warnings.map(prefix) } : score);
    } catch (error) {
      if (isSurveyError(error)) issues.push(...error.issues.map(prefix));
      else throw error;
    }
  });
  if (issues.length > 0) throw new SurveyError(issues.slice(0, 100));
  return out;
}
