import { formatPath } from '@kepu/core';
import { isSurveyError, type SurveyError } from '@kepu/survey';
import { EXIT } from '../../exit-codes.js';
import { type Bilingual, type Lang, t } from '../../i18n.js';
import type { CliIO } from '../../io.js';

/**
 * What is wrong with a survey data file.
 *
 * @example
 * ```ts
 * const code: SurveyDataErrorCode = 'bad-value';
 * ```
 */
export type SurveyDataErrorCode =
  | 'unreadable-file'
  | 'bad-csv'
  | 'bad-header'
  | 'missing-column'
  | 'bad-value'
  | 'duplicate-id'
  | 'bad-questionnaire'
  | 'bad-margins'
  | 'survey';

const DATA_ERROR = Symbol.for('@kepu/cli/SurveyDataError');

/**
 * Bad data in a file given to a `kepu survey` command: which file, which row (as the file
 * numbers it: line of a CSV, row of a sheet; the header is row 1), which column, and what to do,
 * in both languages. Commands print it and exit with code 2.
 *
 * @example
 * ```ts
 * throw new SurveyDataError('bad-value', { file: 'scored.csv', row: 12, column: 'weight' }, {
 *   zh: '权数“abc”不是数字。', en: 'The weight "abc" is not a number.',
 * });
 * ```
 */
export class SurveyDataError extends Error {
  readonly code: SurveyDataErrorCode;
  readonly file: string;
  readonly row: number | undefined;
  readonly column: string | undefined;
  readonly text: Bilingual;
  readonly [DATA_ERROR] = true;

  constructor(
    code: SurveyDataErrorCode,
    where: { file: string; row?: number | undefined; column?: string | undefined },
    text: Bilingual,
    options?: { cause?: unknown },
  ) {
    super(`${locate(where, 'en')}: ${text.en}`, options);
    this.name = 'SurveyDataError';
    this.code = code;
    this.file = where.file;
    this.row = where.row;
    this.column = where.column;
    this.text = text;
  }
}

/**
 * True for a {@link SurveyDataError}, across duplicate installs.
 *
 * @example
 * ```ts
 * isSurveyDataError(new Error('x')); // false
 * ```
 */
export function isSurveyDataError(value: unknown): value is SurveyDataError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DATA_ERROR] === true;
}

function locate(where: { file: string; row?: number | undefined; column?: string | undefined }, lang: Lang): string {
  const parts = [where.file];
  if (lang === 'zh') {
    if (where.row !== undefined) parts.push(`第 ${where.row} 行`);
    if (where.column !== undefined) parts.push(`“${where.column}”列`);
    return parts.join(' ');
  }
  if (where.row !== undefined) parts.push(`row ${where.row}`);
  if (where.column !== undefined) parts.push(`column "${where.column}"`);
  return parts.join(', ');
}

/**
 * How a library error's path maps back to a file: the file, the file row of each record, and
 * the file column behind each of the library's column names.
 *
 * @example
 * ```ts
 * const where: FileContext = { file: 'scored.csv', rowNumbers: [2, 3, 4], columns: { weights: 'pw' } };
 * ```
 */
export interface FileContext {
  readonly file: string;
  readonly rowNumbers?: readonly number[];
  readonly columns?: Readonly<Record<string, string>>;
  /** Index of the record index in the issue path. @default 1 */
  readonly recordAt?: number;
}

/**
 * A `SurveyError` from `@kepu/survey` as a {@link SurveyDataError} that names the file, the row and
 * the column (when the error's path points at a record).
 *
 * @example
 * ```ts
 * try { designFromRows(rows, spec); } catch (e) { if (isSurveyError(e)) throw fromSurveyError(e, context); }
 * ```
 */
export function fromSurveyError(error: SurveyError, context: FileContext): SurveyDataError {
  const issue = error.issues[0]!;
  const path = issue.path;
  const at = context.recordAt ?? 1;
  const name = typeof path[at - 1] === 'string' ? (path[at - 1] as string) : undefined;
  const index = typeof path[at] === 'number' ? (path[at] as number) : undefined;
  const row = index !== undefined ? (context.rowNumbers?.[index] ?? index + 2) : undefined;
  const column = name !== undefined ? (context.columns?.[name] ?? name) : undefined;
  const more = error.issues.length > 1 ? error.issues.length - 1 : 0;
  const detail = index === undefined && path.length > 0 ? ` [${formatPath(path)}]` : '';
  return new SurveyDataError(
    'survey',
    { file: context.file, ...(row !== undefined ? { row } : {}), ...(column !== undefined ? { column } : {}) },
    {
      zh: `${issue.message.zh}${detail}${more > 0 ? `（另有 ${more} 处问题）` : ''}`,
      en: `${issue.message.en}${detail}${more > 0 ? ` (+${more} more)` : ''}`,
    },
    { cause: error },
  );
}

/**
 * Runs a survey command body; bad data (a {@link SurveyDataError}, or a `SurveyError` not yet
 * located) is printed with its file, row and column and gives exit code 2. Anything else goes on
 * to the CLI's own error report.
 *
 * @example
 * ```ts
 * run: (args, context) => withDataErrors(context, () => score(args, context)),
 * ```
 */
export async function withDataErrors(
  context: { io: CliIO; lang: Lang },
  body: () => Promise<number> | number,
  fallback?: FileContext,
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    let data: SurveyDataError | undefined;
    if (isSurveyDataError(error)) data = error;
    else if (isSurveyError(error)) data = fromSurveyError(error, fallback ?? { file: '-' });
    if (!data) throw error;
    const label = t(context.lang, { zh: '数据错误', en: 'Data error' });
    const colon = context.lang === 'zh' ? '：' : ': ';
    context.io.error(`${label} [${data.code}] ${locate(data, context.lang)}${colon}${t(context.lang, data.text)}\n`);
    return EXIT.badInput;
  }
}
