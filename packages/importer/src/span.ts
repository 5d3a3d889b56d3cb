import { checkSpan, optionsObject } from './internal/check-arguments.js';
/**
 * Where something is in the ORIGINAL text given to the importer (before any normalisation).
 *
 * `start`/`end` are offsets in UTF-16 code units (what `String.prototype.slice` takes), `end`
 * exclusive; `line`/`column` and `endLine`/`endColumn` are 1-based, columns counted in UTF-16
 * code units like most editors do. A line break is `\n`, `\r\n`, a lone `\r`, U+2028 or U+2029.
 *
 * @example
 * ```ts
 * import { importPlan } from '@kepu/importer';
 * const result = importPlan(text);
 * const span = result.spans['parts[2].sections[0].tasks[0].title']?.span;
 * if (span) text.slice(span.start, span.end); // the title as printed
 * ```
 */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * Where an extracted field came from and how sure the importer is of it.
 *
 * `confidence` is 1 for a field read from a form the importer knows exactly (a `牵头部门：` line,
 * a unit found in the directory by its printed name), lower when a rule had to choose (a unit
 * matched through the built-in table, a responsibility inherited from a section's closing lines,
 * a comparator carried over from an earlier clause). Anything below 1 that a reader should check
 * also has a diagnostic.
 *
 * @example
 * ```ts
 * import { importPlan } from '@kepu/importer';
 * const { spans } = importPlan(text);
 * for (const [path, source] of Object.entries(spans)) {
 *   if (source.confidence < 0.8) console.log(path, source.span.line, source.text);
 * }
 * ```
 */
export interface FieldSource {
  readonly span: Span;
  /** Between 0 and 1. */
  readonly confidence: number;
  /** The original text under the span, for display. */
  readonly text: string;
}

/**
 * Renders a span as `line:column` (or `line:column-endLine:endColumn` with `range: true`), the
 * way compilers print positions.
 *
 * @example
 * ```ts
 * import { formatSpan } from '@kepu/importer';
 * formatSpan({ start: 0, end: 3, line: 12, column: 1, endLine: 12, endColumn: 4 }); // '12:1'
 * ```
 */
export function formatSpan(span: Span, options: { range?: boolean } = {}): string {
  checkSpan(span, ['span']);
  optionsObject(options, ['options']);
  const head = `${span.line}:${span.column}`;
  return options.range ? `${head}-${span.endLine}:${span.endColumn}` : head;
}
