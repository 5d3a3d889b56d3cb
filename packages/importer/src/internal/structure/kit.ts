import { createDiagnostic, type DiagnosticCode, type ImportDiagnostic } from '../../diagnostics.js';
import type { FieldSource, Span } from '../../span.js';
import type { UnitDirectory } from '../../unit-directory.js';
import { clip } from '../clip.js';
import { type Para, paraOriginal, paraSpan } from '../paragraphs.js';
import { createRecorder, type Recorder } from '../recorder.js';
import type { SourceText } from '../source-text.js';
import type { Block } from './outline.js';

/** What the caller of `buildStructure` knows about the document and wants filled in. */
export interface StructureContext {
  readonly directory: UnitDirectory;
  readonly hasDirectory: boolean;
  readonly periodStart: number | undefined;
  readonly periodEnd: number | undefined;
  readonly spans: Record<string, FieldSource>;
  readonly diagnostics: ImportDiagnostic[];
  /** True when the document says the first unit of a 责任单位 list leads (排在第一位的为牵头单位). */
  readonly firstIsLead: boolean;
  /** Whether body paragraph `i` is a footer line (抄送, 印发, a signature …) to leave out. */
  isFooter(i: number): boolean;
}

/**
 * The tools every step of the structure build shares: the text, the context, and one way each
 * to report a diagnostic and to record a span, so the steps cannot drift apart in how they do it.
 */
export interface StructureKit extends Recorder {
  readonly src: SourceText;
  readonly ctx: StructureContext;
  diag(code: DiagnosticCode, span: Span, params?: Record<string, string>, path?: Array<string | number>): void;
  /** Reports a heading title too long to be one (a body run into its heading, most likely). */
  longTitle(para: Para, range: { from: number; to: number }): void;
  /** Reports that `code` states its responsibility more than once, at the statement `block`. */
  merged(code: string, block: Block): void;
}

export function createStructureKit(src: SourceText, ctx: StructureContext): StructureKit {
  const { diagnostics } = ctx;
  const diag: StructureKit['diag'] = (code, span, params = {}, path) =>
    diagnostics.push(createDiagnostic(code, span, params, path ? { path } : {}));
  return {
    src,
    ctx,
    ...createRecorder(src, ctx.spans),
    diag,
    longTitle(para, r) {
      const length = r.to - r.from;
      if (length > 60)
        diag('long-title', paraSpan(src, para, r.from, r.to), {
          length: String(length),
          text: clip(paraOriginal(src, para, r.from, r.to)),
        });
    },
    merged(code, b) {
      const first = b.entries[0] as { para: Para };
      const text = paraOriginal(src, first.para).trim();
      diag('responsibility-merged', paraSpan(src, first.para, 0, first.para.text.length), {
        task: code,
        text: clip(text),
      });
    },
  };
}
