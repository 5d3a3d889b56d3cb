import type { z } from 'zod';
import { type Bilingual, containsChinese, type Lang } from './bilingual.js';

/**
 * A path into some input, from its root: object keys and array indices.
 *
 * @example
 * ```ts
 * import type { IssuePath } from '@kepu/core';
 * const path: IssuePath = ['parts', 2, 'sections', 0];
 * ```
 */
export type IssuePath = ReadonlyArray<string | number>;

/**
 * One problem with a code from some error-code table: the code, where it is, what happened and
 * what to do in both languages, and the values the message was filled with. Every Kepu package's
 * issue type is one of these, so one renderer shows them all.
 *
 * @example
 * ```ts
 * import type { IssueOf } from '@kepu/core';
 * const issue: IssueOf<'photo-missing'> = {
 *   code: 'photo-missing',
 *   path: ['evidence'],
 *   message: { zh: '请上传照片。', en: 'Upload a photo.' },
 *   params: {},
 * };
 * ```
 */
export interface IssueOf<C extends string> {
  /** What kind of problem this is. */
  readonly code: C;
  /** Where it is, from the root of the input: object keys and array indices. */
  readonly path: IssuePath;
  /** What happened and what to do, in both languages. */
  readonly message: Bilingual;
  /** The values the message was filled with, for programs that build their own message. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The `{name}` placeholders of a message template, as a union of names.
 *
 * @example
 * ```ts
 * import type { PlaceholdersOf } from '@kepu/core';
 * type P = PlaceholdersOf<'Unknown unit "{ref}" in {plan}.'>; // 'ref' | 'plan'
 * ```
 */
export type PlaceholdersOf<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersOf<Rest>
  : never;

/**
 * The params an issue of one code needs: every placeholder of its Chinese and English templates
 * (more are allowed, and kept in the issue's `params`). Optional when the templates have none.
 *
 * @example
 * ```ts
 * import type { IssueParams } from '@kepu/core';
 * type P = IssueParams<{ zh: '单位“{ref}”'; en: 'Unit "{ref}"' }>; // [params: { ref: string } & …]
 * ```
 */
export type IssueParams<T extends Bilingual> = [PlaceholdersOf<T['zh'] | T['en']>] extends [never]
  ? [params?: Readonly<Record<string, string>>]
  : [params: { readonly [K in PlaceholdersOf<T['zh'] | T['en']>]: string } & Readonly<Record<string, string>>];

/**
 * A typed table of error codes and the helpers built on it; see {@link defineErrorCodes}.
 *
 * @example
 * ```ts
 * import { defineErrorCodes, type ErrorCodeTable } from '@kepu/core';
 * const table: ErrorCodeTable<{ 'x/empty': { zh: '空。'; en: 'Empty.' } }> = defineErrorCodes({
 *   'x/empty': { zh: '空。', en: 'Empty.' },
 * });
 * ```
 */
export interface ErrorCodeTable<T extends Readonly<Record<string, Bilingual>>> {
  /** The templates, exactly as defined. */
  readonly templates: T;
  /** True when `code` is one of the table's codes. */
  has(code: string): code is keyof T & string;
  /** An issue of one code at `path`, its zh and en messages filled from `params`. */
  issue<K extends keyof T & string>(code: K, path: IssuePath, ...params: IssueParams<T[K]>): IssueOf<K>;
  /**
   * zod's issues as issues of one code (whose templates take a `{detail}`), keeping zod's own
   * path after `prefix` and zod's code and message as the detail, so nothing zod knew is lost.
   */
  fromZod<K extends keyof T & string>(
    code: K,
    issues: ReadonlyArray<z.core.$ZodIssue>,
    prefix?: IssuePath,
  ): Array<IssueOf<K>>;
}

/**
 * Fills a message template's `{name}` placeholders from `params`; a placeholder without a value
 * stays as written, so a missing param shows in the message instead of vanishing.
 *
 * @example
 * ```ts
 * import { fillTemplate } from '@kepu/core/model';
 * fillTemplate('Unit "{ref}" in {plan}', { ref: 'edu' }); // 'Unit "edu" in {plan}'
 * ```
 */
export function fillTemplate(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => params[key] ?? whole);
}

/**
 * What a zod refinement may attach as `params.kepu` to report a rule in its own words:
 * `ctx.addIssue({ code: 'custom', message: en, path, params: { kepu: { code, detail: { zh, en } } } })`.
 * `fromZod` then gives the issue that code (when the table has it) with the detail in each
 * language, instead of `invalid-shape` with zod's English message in both.
 *
 * @example
 * ```ts
 * import type { BilingualRefinement } from '@kepu/core/model';
 * const rule: BilingualRefinement = { code: 'invalid-observation', detail: { zh: '缺少分母', en: 'no denominator' } };
 * ```
 */
export interface BilingualRefinement {
  readonly code: string;
  readonly detail: Bilingual;
}

function bilingualRefinement(issue: z.core.$ZodIssue): BilingualRefinement | undefined {
  if (issue.code !== 'custom') return undefined;
  const own = (issue.params as { kepu?: Partial<BilingualRefinement> } | undefined)?.kepu;
  return typeof own?.code === 'string' && typeof own.detail?.zh === 'string' && typeof own.detail.en === 'string'
    ? (own as BilingualRefinement)
    : undefined;
}

/** zod's path with symbols spelled out, so it joins and serializes like ours. */
export function zodPath(issue: z.core.$ZodIssue): Array<string | number> {
  return issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
}

/**
 * Builds a typed error-code table: each code with a Chinese and an English message template
 * whose `{name}` placeholders are filled from an issue's params. The message should say what to
 * do next, not only what went wrong. Core, `@kepu/survey` and plugins (see
 * `KepuPlugin.errorCodes`) each define their codes with it. Check a table with
 * {@link errorCodeProblems} in a test.
 *
 * @example
 * ```ts
 * import { defineErrorCodes } from '@kepu/core';
 * const HEXI = defineErrorCodes({
 *   'hexi/no-certificate': {
 *     zh: '报告“{report}”缺少命名文件。请上传证书后再提交。',
 *     en: 'Report "{report}" lacks its certificate. Upload it, then submit again.',
 *   },
 * });
 * HEXI.issue('hexi/no-certificate', ['evidence'], { report: 'r1' }).message.en;
 * // 'Report "r1" lacks its certificate. Upload it, then submit again.'
 * ```
 */
export function defineErrorCodes<const T extends Readonly<Record<string, Bilingual>>>(templates: T): ErrorCodeTable<T> {
  const issue = <K extends keyof T & string>(
    code: K,
    path: IssuePath,
    params: Readonly<Record<string, string>> = {},
  ): IssueOf<K> => {
    // A code outside the table is a bug in the caller (TypeScript stops it at compile time);
    // say which code, as core does for an error without issues, rather than fail on `undefined`.
    if (!Object.hasOwn(templates, code)) throw new RangeError(`"${code}" is not a code of this error table`);
    const template = templates[code] as Bilingual;
    return {
      code,
      path: [...path],
      message: { zh: fillTemplate(template.zh, params), en: fillTemplate(template.en, params) },
      params: { ...params },
    };
  };
  return {
    templates,
    has: (code): code is keyof T & string => Object.hasOwn(templates, code),
    issue: issue as ErrorCodeTable<T>['issue'],
    fromZod: ((code: keyof T & string, issues: ReadonlyArray<z.core.$ZodIssue>, prefix: IssuePath = []) =>
      issues.map((z) => {
        const path = [...prefix, ...zodPath(z)];
        const own = bilingualRefinement(z);
        if (own && Object.hasOwn(templates, own.code)) {
          // A refinement that states its rule in both languages keeps its own code and words.
          const zh = issue(own.code as keyof T & string, path, { detail: own.detail.zh });
          const en = issue(own.code as keyof T & string, path, { detail: own.detail.en });
          return { ...en, message: { zh: zh.message.zh, en: en.message.en } };
        }
        return issue(code, path, { detail: `${z.code}: ${z.message}` });
      })) as ErrorCodeTable<T>['fromZod'],
  };
}

/**
 * Problems with an error-code table, each naming the code: an empty or missing text in either
 * language, Chinese characters in the English text, or a placeholder one language has and the
 * other lacks (so one reader would miss a value). Used when plugins load, and in each package's
 * tests for its own table. Never throws.
 *
 * @example
 * ```ts
 * import { errorCodeProblems } from '@kepu/core/model';
 * errorCodeProblems({ 'x/a': { zh: '缺少{ref}。', en: 'Missing 证书.' } });
 * // [{ code: 'x/a', field: 'en', detail: 'the English text contains Chinese characters' }, …]
 * ```
 */
export function errorCodeProblems(
  templates: unknown,
): Array<{ readonly code: string; readonly field?: Lang; readonly detail: string }> {
  if (typeof templates !== 'object' || templates === null || Array.isArray(templates)) {
    return [{ code: '(table)', detail: 'must map each code to its zh and en messages' }];
  }
  const problems: Array<{ code: string; field?: Lang; detail: string }> = [];
  for (const [code, entry] of Object.entries(templates)) {
    const text = (entry ?? {}) as Partial<Record<Lang, unknown>>;
    const missing = (['zh', 'en'] as const).filter((lang) => typeof text[lang] !== 'string' || text[lang] === '');
    for (const field of missing) problems.push({ code, field, detail: `needs a non-empty ${field} message` });
    if (missing.length > 0) continue;
    const { zh, en } = text as Bilingual;
    if (containsChinese(en))
      problems.push({ code, field: 'en', detail: 'the English text contains Chinese characters' });
    const names = (s: string) => new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string));
    const [zhNames, enNames] = [names(zh), names(en)];
    for (const [field, own, other] of [
      ['en', zhNames, enNames],
      ['zh', enNames, zhNames],
    ] as const) {
      const lacking = [...own].filter((name) => !other.has(name));
      if (lacking.length > 0) {
        problems.push({
          code,
          field,
          detail: `lacks the placeholder(s) {${lacking.join('}, {')}} of the other language`,
        });
      }
    }
  }
  return problems;
}
