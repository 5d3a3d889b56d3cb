import type { FieldSource } from '../span.js';
import { type Para, paraOriginal, paraSpan } from './paragraphs.js';
import type { SourceText } from './source-text.js';

/**
 * Writes where each field was read into the result's `spans`. One recorder per import, shared
 * by the metadata and the structure readers so that a span is always recorded the same way.
 */
export interface Recorder {
  /** Records `[from, to)` of a paragraph's text as the source of `path`. */
  record(path: string, para: Para, from: number, to: number, confidence: number): void;
  /**
   * A node's text — the rest of its heading from `from`, then its paragraphs, as printed and
   * joined by line breaks — recorded at `path` with one span covering them all.
   */
  textOf(first: Para | undefined, from: number, rest: readonly Para[], path: string): string;
}

export function createRecorder(src: SourceText, spans: Record<string, FieldSource>): Recorder {
  const record: Recorder['record'] = (path, para, from, to, confidence) => {
    spans[path] = { span: paraSpan(src, para, from, to), confidence, text: paraOriginal(src, para, from, to) };
  };
  const textOf: Recorder['textOf'] = (first, from, rest, path) => {
    const text = [...(first ? [paraOriginal(src, first, from)] : []), ...rest.map((p) => paraOriginal(src, p))]
      .map((t) => t.trim())
      .filter((t) => t !== '')
      .join('\n');
    const head = first ?? rest[0];
    const last = rest[rest.length - 1] ?? first;
    if (text !== '' && head && last) {
      const a = paraSpan(src, head, head === first ? from : 0, head.text.length);
      const b = paraSpan(src, last, 0, last.text.length);
      spans[path] = {
        span: {
          start: a.start,
          end: b.end,
          line: a.line,
          column: a.column,
          endLine: b.endLine,
          endColumn: b.endColumn,
        },
        confidence: 1,
        text,
      };
    }
    return text;
  };
  return { record, textOf };
}
