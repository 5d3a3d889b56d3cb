import type { Questionnaire } from '@kepu/survey';
import { type Lang, t } from '../../i18n.js';

/** The most answer notes printed one per line; the rest are counted. */
const PRINTED_NOTES = 10;

/**
 * Something about an answer the scoring should not pass over in silence: an answer rewritten to
 * the key's form (lowercase or full-width `ｂ` read as `B`), or an answer that is none of the
 * questionnaire's options (scored as wrong).
 *
 * @example
 * ```ts
 * const note: AnswerNote = { kind: 'unknown', row: 7, item: 'K01', answer: 'Z' };
 * ```
 */
export interface AnswerNote {
  readonly kind: 'normalised' | 'unknown';
  readonly row: number;
  readonly item: string;
  readonly answer: string;
  readonly read?: string;
}

const isLetterKey = (key: string | readonly string[]) =>
  (typeof key === 'string' ? [key] : key).every((k) => /^[A-Z]$/.test(k));

/**
 * The options answers may take when every key of the questionnaire is a single capital letter:
 * A up to the last letter any key uses, and at least A–D (the usual four options). `undefined`
 * when keys are not letters (then answers are compared as they are).
 *
 * @example
 * ```ts
 * letterOptions({ id: 'q', items: [{ id: 'K01', dimension: 'knowledge', points: 2, key: 'B' }] }); // 'ABCD'
 * ```
 */
export function letterOptions(questionnaire: Questionnaire): string | undefined {
  if (!questionnaire.items.every((i) => isLetterKey(i.key))) return undefined;
  const last = Math.max(
    'D'.charCodeAt(0),
    ...questionnaire.items.flatMap((i) => (typeof i.key === 'string' ? [i.key] : i.key)).map((k) => k.charCodeAt(0)),
  );
  return String.fromCharCode(...Array.from({ length: last - 64 }, (_, k) => 65 + k));
}

/**
 * Reads one answer cell for an item: a multiple-choice answer is split on `; , | 、` or spaces
 * (or, when options are single letters, run together: `AC`); with letter keys each option is
 * folded to a capital ASCII letter (`b`, `ｂ`, `Ｂ` → `B`) and noted, and an option outside the
 * questionnaire's letters is noted as unknown. Empty is `null` (unanswered).
 *
 * @example
 * ```ts
 * const notes: AnswerNote[] = [];
 * answerOf('ac', ['A', 'C'], 'ABCD', { row: 2, item: 'M03' }, notes); // ['A', 'C']
 * ```
 */
export function answerOf(
  cell: string | null,
  key: string | readonly string[],
  options: string | undefined,
  where: { readonly row: number; readonly item: string },
  notes: AnswerNote[],
): string | string[] | null {
  if (cell === null) return null;
  const fold = (part: string) => {
    if (options === undefined) return part;
    const read = part.normalize('NFKC').toUpperCase();
    if (read !== part) notes.push({ kind: 'normalised', ...where, answer: part, read });
    if (!(read.length === 1 && options.includes(read))) notes.push({ kind: 'unknown', ...where, answer: part });
    return read;
  };
  if (typeof key === 'string') return fold(cell);
  const parts = cell.split(/[;,|、\s]+/).filter((p) => p !== '');
  if (parts.length === 1 && key.every((k) => k.length === 1) && parts[0]!.length > 1) return [...parts[0]!].map(fold);
  return parts.map(fold);
}

/**
 * The answer notes as warning lines for stderr: how many answers were rewritten (with an
 * example), and each unknown answer at its row and item, at most ten, then a count of the rest.
 *
 * @example
 * ```ts
 * io.error(renderAnswerNotes(notes, 'responses.csv', 'zh'));
 * ```
 */
export function renderAnswerNotes(notes: readonly AnswerNote[], file: string, lang: Lang): string {
  const lines: string[] = [];
  const normalised = notes.filter((n) => n.kind === 'normalised');
  const unknown = notes.filter((n) => n.kind === 'unknown');
  const first = normalised[0];
  if (first) {
    lines.push(
      t(lang, {
        zh: `⚠ ${file}：${normalised.length} 个答案是小写或全角字母，已按大写计分（如第 ${first.row} 行“${first.item}”列“${first.answer}”→“${first.read}”）。`,
        en: `⚠ ${file}: ${normalised.length} answer(s) were lowercase or full-width letters and were scored as capitals (e.g. row ${first.row}, column "${first.item}": "${first.answer}" → "${first.read}").`,
      }),
    );
  }
  if (unknown.length > 0) {
    lines.push(
      t(lang, {
        zh: `⚠ ${file}：${unknown.length} 个答案不是问卷的选项，按答错计分：`,
        en: `⚠ ${file}: ${unknown.length} answer(s) are none of the questionnaire's options and were scored as wrong:`,
      }),
    );
    for (const n of unknown.slice(0, PRINTED_NOTES)) {
      lines.push(
        t(lang, {
          zh: `  - 第 ${n.row} 行“${n.item}”列：“${n.answer}”`,
          en: `  - row ${n.row}, column "${n.item}": "${n.answer}"`,
        }),
      );
    }
    if (unknown.length > PRINTED_NOTES) {
      lines.push(
        t(lang, {
          zh: `  …另有 ${unknown.length - PRINTED_NOTES} 处`,
          en: `  …and ${unknown.length - PRINTED_NOTES} more`,
        }),
      );
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
