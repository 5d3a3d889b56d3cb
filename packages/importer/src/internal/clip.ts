import type { Span } from '../span.js';

/** A quote short enough for a diagnostic's message: the first 30 characters and an ellipsis. */
export function clip(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/** The empty span at the start of the text: where a finding about the whole document points. */
export function zeroSpan(): Span {
  return { start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
}
