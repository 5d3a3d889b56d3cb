import type { Bilingual, Evidence, Lang } from '@kepu/core';
import { type CiMethod, type ConfidenceInterval, symmetricCi } from './ci.js';
import type { Key, SurveyDesign } from './design.js';
import { fail } from './errors.js';
import type { GroupEstimate } from './estimate.js';
import { estimateByGroup } from './estimate-by-group.js';
import { estimateGap, type GapEstimate } from './estimate-gap.js';
import { expectDesign } from './internal/check-design.js';
import { expectArray, expectColumn, expectNumber, expectRecord, expectString, keyText, own } from './internal/guard.js';
import { formatEstimate, type ReliabilityRules } from './reliability.js';

/**
 * One way of splitting the population whose gap is evidence of (im)balance: urban–rural, sex,
 * age band, education. With `a` and `b` the gap is a − b; without them it is the highest group's
 * rate minus the lowest's (among the publishable groups when there are two or more).
 *
 * @example
 * ```ts
 * import type { GapDimension } from '@kepu/survey';
 * const urbanRural: GapDimension = { id: 'residence', groups: residence, a: 'urban', b: 'rural' };
 * const age: GapDimension = { id: 'age', name: { zh: '年龄组', en: 'age band' }, groups: ageBand };
 * ```
 */
export interface GapDimension {
  /** An id for the dimension (`residence`, `sex`, `age`, `education`). */
  readonly id: string;
  /** Its name in reports. @default a known name for residence/sex/age/education, else the id */
  readonly name?: Bilingual;
  /** Each respondent's group. */
  readonly groups: ArrayLike<Key | null | undefined>;
  readonly a?: Key;
  readonly b?: Key;
  /** Names of the groups in reports. @default known names for urban/rural, male/female, else the label */
  readonly labels?: Readonly<Record<string, Bilingual>>;
}

/**
 * What {@link toGapEvidence} needs.
 *
 * @example
 * ```ts
 * import type { GapEvidenceOptions } from '@kepu/survey';
 * const options: GapEvidenceOptions = {
 *   design, literate, period: 2024, target: 'imbalance-improved',
 *   dimensions: [{ id: 'residence', groups: residence, a: 'urban', b: 'rural' }],
 * };
 * ```
 */
export interface GapEvidenceOptions {
  readonly design: SurveyDesign;
  readonly literate: ArrayLike<boolean | number | null | undefined>;
  readonly period: number;
  /** The qualitative target the evidence is for (e.g. `imbalance-improved`). */
  readonly target: string;
  readonly dimensions: readonly GapDimension[];
  /** An earlier round's evidence: each gap is compared with the same gap then (independent samples). */
  readonly baseline?: GapEvidence;
  /** @default 'logit' (for the group rates; the gap's interval is a t interval) */
  readonly ci?: CiMethod;
  /** @default 0.95 */
  readonly level?: number;
  readonly reliability?: Partial<ReliabilityRules>;
  /** @default 'fail' */
  readonly na?: 'fail' | 'exclude';
  /** Where the survey report can be found, copied into each piece of evidence's `ref`. */
  readonly ref?: string;
  /**
   * Whether the survey report has been filed with the county science-literacy office; evidence
   * counts in a review only when it has. @default true
   */
  readonly filed?: boolean;
}

/**
 * A gap compared with the same gap in an earlier round. The rounds are independent samples, so
 * the variance of the change is the sum of the two variances. `verdict` reads the change in the
 * gap's size: `narrowed` or `widened` when the interval of the change excludes 0, otherwise
 * `no-clear-change`.
 *
 * @example
 * ```ts
 * import type { GapChange } from '@kepu/survey';
 * const says = (c: GapChange) => `${c.fromPeriod}: ${c.previous} → ${c.verdict}`;
 * ```
 */
export interface GapChange {
  readonly fromPeriod: number;
  /** The earlier gap (proportion difference). */
  readonly previous: number;
  /** Current gap − earlier gap. */
  readonly point: number;
  readonly se: number;
  readonly ci: ConfidenceInterval;
  readonly df: number;
  readonly verdict: 'narrowed' | 'widened' | 'no-clear-change';
}

/**
 * One gap, the group rates behind it, any change since the baseline, and its sentence.
 *
 * @example
 * ```ts
 * import type { GapFinding } from '@kepu/survey';
 * const pp = (f: GapFinding) => f.gap.point * 100; // percentage points
 * ```
 */
export interface GapFinding {
  readonly dimension: string;
  readonly name: Bilingual;
  readonly a: string;
  readonly b: string;
  /** Every group's rate, in label order. */
  readonly groups: readonly GroupEstimate[];
  readonly gap: GapEstimate;
  readonly change: GapChange | null;
  /** One sentence: the gap, its interval and any change. */
  readonly headline: Bilingual;
  /** The group rates, the gap and any change. */
  readonly text: Bilingual;
}

/**
 * Evidence for a reviewer's judgement of an imbalance target: the findings, the pieces of
 * evidence and a note in both languages, and a review draft the reviewer completes with
 * `score`, `outOf` and `reviewer` (Kepu never scores a qualitative target by itself).
 *
 * @example
 * ```ts
 * import { ReviewSchema } from '@kepu/core';
 * import { toGapEvidence } from '@kepu/survey';
 * const { review } = toGapEvidence(options);
 * ReviewSchema.parse({ ...review, score: 7, outOf: 10, reviewer: { unit: 'cast' } });
 * ```
 */
export interface GapEvidence {
  readonly target: string;
  readonly period: number;
  readonly findings: readonly GapFinding[];
  readonly evidence: Evidence[];
  readonly note: Bilingual;
  /** A review without its judgement: add `score`, `outOf` and `reviewer`. The note is Chinese then English. */
  readonly review: { target: string; period: number; evidence: Evidence[]; note: string };
}

const DIMENSION_NAMES: Readonly<Record<string, Bilingual>> = {
  residence: { zh: '城乡', en: 'urban–rural' },
  sex: { zh: '性别', en: 'sex' },
  age: { zh: '年龄', en: 'age' },
  ageBand: { zh: '年龄', en: 'age' },
  education: { zh: '文化程度', en: 'education' },
  township: { zh: '乡镇', en: 'township' },
};

const GROUP_NAMES: Readonly<Record<string, Bilingual>> = {
  urban: { zh: '城镇居民', en: 'urban residents' },
  rural: { zh: '农村居民', en: 'rural residents' },
  male: { zh: '男性', en: 'men' },
  female: { zh: '女性', en: 'women' },
  'primary-or-less': { zh: '小学及以下', en: 'primary school or less' },
  'junior-secondary': { zh: '初中', en: 'junior secondary' },
  'senior-secondary': { zh: '高中（中专）', en: 'senior secondary' },
  tertiary: { zh: '大专及以上', en: 'college or above' },
};

/** Percentage points with a true minus sign: differences are often negative. */
const pp = (x: number) => {
  const text = (x * 100).toFixed(1);
  return text.startsWith('-') ? (text === '-0.0' ? '0.0' : `−${text.slice(1)}`) : text;
};
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** An interval of a difference: "至"/"to", since a dash would read as a minus sign. */
const range = (ci: ConfidenceInterval, lang: Lang) =>
  `${pp(ci.lower)}${lang === 'zh' ? ' 至 ' : ' to '}${pp(ci.upper)}`;

function gapText(gap: GapEstimate, lang: Lang): string {
  const level = `${Math.round(gap.ci.level * 100)}%`;
  const reasons = gap.flags.map((f) => f.message[lang].replace(/[。.]$/, '')).join(lang === 'zh' ? '；' : '; ');
  if (gap.suppressed) return lang === 'zh' ? `—（不发布：${reasons}）` : `— (suppressed: ${reasons})`;
  const body =
    lang === 'zh'
      ? `${pp(gap.point)} 个百分点（${level} 置信区间 ${range(gap.ci, 'zh')}）`
      : `${pp(gap.point)} percentage points (${level} CI ${range(gap.ci, 'en')})`;
  if (gap.flags.length === 0) return body;
  return lang === 'zh' ? `${body} ⚠ ${reasons}` : `${body} ⚠ ${reasons}`;
}

function compare(gap: GapEstimate, previous: GapFinding, fromPeriod: number): GapChange {
  const point = gap.point - previous.gap.point;
  const variance = gap.variance + previous.gap.variance;
  const se = Math.sqrt(variance);
  const df = Math.min(gap.df, previous.gap.df);
  const ci = symmetricCi(point, se, df, gap.ci.level);
  // The size of a gap is its distance from 0 in the direction it had before.
  const direction = previous.gap.point !== 0 ? Math.sign(previous.gap.point) : Math.sign(gap.point) || 1;
  const low = direction > 0 ? ci.lower : -ci.upper;
  const high = direction > 0 ? ci.upper : -ci.lower;
  const verdict = high < 0 ? 'narrowed' : low > 0 ? 'widened' : 'no-clear-change';
  return { fromPeriod, previous: previous.gap.point, point, se, ci, df, verdict };
}

function changeText(change: GapChange, lang: Lang): string {
  const level = `${Math.round(change.ci.level * 100)}%`;
  if (lang === 'zh') {
    const verdict = { narrowed: '差距明显缩小', widened: '差距明显扩大', 'no-clear-change': '变化在抽样误差范围内' }[
      change.verdict
    ];
    return `较 ${change.fromPeriod} 年（${pp(change.previous)} 个百分点）变化 ${pp(change.point)} 个百分点（${level} 置信区间 ${range(change.ci, 'zh')}），${verdict}。`;
  }
  const verdict = {
    narrowed: 'the gap clearly narrowed',
    widened: 'the gap clearly widened',
    'no-clear-change': 'within sampling error',
  }[change.verdict];
  return `Change since ${change.fromPeriod} (${pp(change.previous)} points): ${pp(change.point)} points (${level} CI ${range(change.ci, 'en')}); ${verdict}.`;
}

function expectBilingual(value: unknown, path: ReadonlyArray<string | number>): void {
  const text = expectRecord(value, path, 'a text in Chinese and English ({ zh, en })');
  expectString(text.zh, [...path, 'zh']);
  expectString(text.en, [...path, 'en']);
}

/** Checks the options' types, down to each dimension and the baseline's findings. */
function checkGapEvidenceOptions(input: unknown): GapEvidenceOptions {
  const o = expectRecord(input, ['options']);
  expectDesign(o.design, ['design']);
  expectColumn(o.literate, ['literate']);
  expectNumber(o.period, ['period'], 1900, 2200, 'use the survey’s year, such as 2024');
  expectString(o.target, ['target']);
  if (o.ref !== undefined) expectString(o.ref, ['ref']);
  expectArray(o.dimensions, ['dimensions']).forEach((raw, k) => {
    const d = expectRecord(raw, ['dimensions', k], 'a dimension ({ id, groups })');
    expectString(d.id, ['dimensions', k, 'id']);
    expectColumn(d.groups, ['dimensions', k, 'groups']);
    if (d.name !== undefined) expectBilingual(d.name, ['dimensions', k, 'name']);
    if (d.a !== undefined) keyText(d.a, ['dimensions', k, 'a']);
    if (d.b !== undefined) keyText(d.b, ['dimensions', k, 'b']);
    if (d.labels !== undefined) {
      for (const [group, text] of Object.entries(expectRecord(d.labels, ['dimensions', k, 'labels']))) {
        expectBilingual(text, ['dimensions', k, 'labels', group]);
      }
    }
  });
  if (o.baseline !== undefined) {
    const baseline = expectRecord(o.baseline, ['baseline'], 'an earlier GapEvidence');
    expectNumber(baseline.period, ['baseline', 'period'], 1900, 2200, 'use the earlier survey’s year');
    expectArray(baseline.findings, ['baseline', 'findings']).forEach((raw, k) => {
      const at = ['baseline', 'findings', k];
      const f = expectRecord(raw, at);
      for (const key of ['dimension', 'a', 'b']) expectString(f[key], [...at, key]);
      const gap = expectRecord(f.gap, [...at, 'gap']);
      for (const key of ['point', 'variance', 'df']) {
        expectNumber(gap[key], [...at, 'gap', key], -Number.MAX_VALUE, Number.MAX_VALUE, 'use a finite number');
      }
    });
  }
  return o as unknown as GapEvidenceOptions;
}

/**
 * Gaps between groups (urban–rural, sex, age band, education …) as evidence for a review of an
 * imbalance target such as Zhengning's `imbalance-improved`: each gap with its confidence
 * interval (from {@link estimateGap}, so groups sharing villages are accounted for), the group
 * rates, and — given an earlier round as `baseline` — the change in each gap with its interval.
 * Pieces of evidence are titled in Chinese; the note is in both languages. Unreliable rates and
 * gaps keep their flags and are withheld in the text exactly as {@link formatEstimate} does.
 *
 * For a dimension without `a` and `b`, the gap is between the groups with the highest and the
 * lowest rate; picking the extremes after looking makes that gap's interval somewhat optimistic,
 * which the reviewer should know. Pure.
 *
 * @example
 * ```ts
 * import { toGapEvidence } from '@kepu/survey';
 * const evidence = toGapEvidence({
 *   design, literate, period: 2024, target: 'imbalance-improved',
 *   dimensions: [
 *     { id: 'residence', groups: residence, a: 'urban', b: 'rural' },
 *     { id: 'education', groups: education },
 *   ],
 * });
 * evidence.note.zh; // '2024 年公民科学素质调查：城镇居民 …，城乡差距 … 个百分点（95% 置信区间 …）'
 * ```
 */
export function toGapEvidence(input: GapEvidenceOptions): GapEvidence {
  const options = checkGapEvidenceOptions(input);
  const { design, literate, period, target } = options;
  if (options.dimensions.length === 0) {
    fail('invalid-option', ['dimensions'], {
      option: 'dimensions',
      value: '[]',
      detail: 'give at least one dimension',
    });
  }
  const estimateOptions = {
    ...(options.ci ? { ci: options.ci } : {}),
    ...(options.level !== undefined ? { level: options.level } : {}),
    ...(options.reliability ? { reliability: options.reliability } : {}),
    ...(options.na ? { na: options.na } : {}),
    column: 'literate',
  };
  const findings: GapFinding[] = options.dimensions.map((dimension) => {
    const name = dimension.name ??
      (own(DIMENSION_NAMES, dimension.id) as Bilingual | undefined) ?? {
        zh: dimension.id,
        en: dimension.id,
      };
    const groups = estimateByGroup(design, literate, dimension.groups, { ...estimateOptions, statistic: 'proportion' });
    let a: string;
    let b: string;
    if (dimension.a !== undefined && dimension.b !== undefined) {
      a = keyText(dimension.a, ['dimensions', dimension.id, 'a']);
      b = keyText(dimension.b, ['dimensions', dimension.id, 'b']);
    } else {
      if (groups.length < 2) {
        fail('invalid-option', ['dimensions', dimension.id], {
          option: dimension.id,
          value: groups.map((g) => g.group).join(', '),
          detail: 'a gap needs at least two groups',
        });
      }
      const reliable = groups.filter((g) => !g.suppressed);
      const pool = reliable.length >= 2 ? reliable : groups;
      const sorted = [...pool].sort((x, y) => y.point - x.point);
      a = sorted[0]!.group;
      b = sorted[sorted.length - 1]!.group;
    }
    const gap = estimateGap(design, literate, dimension.groups, {
      ...estimateOptions,
      a,
      b,
      column: dimension.id,
    });
    const previous = options.baseline?.findings.find((f) => f.dimension === dimension.id && f.a === a && f.b === b);
    const change = previous && options.baseline ? compare(gap, previous, options.baseline.period) : null;
    const label = (group: string): Bilingual =>
      (dimension.labels === undefined ? undefined : (own(dimension.labels, group) as Bilingual | undefined)) ??
      (own(GROUP_NAMES, group) as Bilingual | undefined) ?? { zh: group, en: group };
    const rate = (estimate: GroupEstimate, lang: Lang) =>
      `${label(estimate.group)[lang]} ${formatEstimate(estimate, { lang }).replace(/[。.]$/, '')}`;
    const headline = {
      zh: `${period} 年公民科学素质调查：${label(a).zh}与${label(b).zh}具备科学素质比例之差 ${gapText(gap, 'zh')}。${change ? changeText(change, 'zh') : ''}`,
      en: `${period} citizen scientific-literacy survey: ${label(a).en} minus ${label(b).en}, share with scientific literacy: ${gapText(gap, 'en')}.${change ? ` ${changeText(change, 'en')}` : ''}`,
    };
    const text = {
      zh: `${period} 年公民科学素质调查（${name.zh}）：${groups.map((g) => rate(g, 'zh')).join('；')}。${label(a).zh}与${label(b).zh}之差 ${gapText(gap, 'zh')}。${change ? changeText(change, 'zh') : ''}`,
      en: `${period} citizen scientific-literacy survey (${name.en}): ${groups.map((g) => rate(g, 'en')).join('; ')}. ${capital(label(a).en)} minus ${label(b).en}: ${gapText(gap, 'en')}.${change ? ` ${changeText(change, 'en')}` : ''}`,
    };
    return { dimension: dimension.id, name, a, b, groups, gap, change, headline, text };
  });

  const filed = options.filed ?? true;
  const evidence: Evidence[] = findings.map((f) => ({
    title: f.headline.zh.slice(0, 500),
    ...(options.ref !== undefined ? { ref: `${options.ref}#${f.dimension}`.slice(0, 500) } : {}),
    filed,
  }));
  const note = {
    zh: findings.map((f) => f.text.zh).join('\n'),
    en: findings.map((f) => f.text.en).join('\n'),
  };
  return {
    target,
    period,
    findings,
    evidence,
    note,
    review: { target, period, evidence, note: `${note.zh}\n\n${note.en}`.slice(0, 2000) },
  };
}
