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
  notes: { push(note: AnswerNote): unknown },
): string | string[] | null {
  if (cell === null) return null;
  if (typeof key === 'string') return foldOption(cell, options, where, notes);
  const fold = (part: string) => foldOption(part, options, where, notes);
  const parts = cell.split(/[;,|、\s]+/).filter((p) => p !== '');
  if (parts.length === 1 && key.every((k) => k.length === 1) && parts[0]!.length > 1) return [...parts[0]!].map(fold);
  return parts.map(fold);
}

/** One option of an answer folded to the key's form (see {@link answerOf}), with its notes. */
function foldOption(
  part: string,
  options: string | undefined,
  where: { readonly row: number; readonly item: string },
  notes: { push(note: AnswerNote): unknown },
): string {
  // Already a capital letter among the options: nothing to fold, nothing to note (the usual cell).
  if (options === undefined || (part.length === 1 && options.includes(part))) return part;
  const read = part.normalize('NFKC').toUpperCase();
  if (read !== part) notes.push({ kind: 'normalised', ...where, answer: part, read });
  if (!(read.length === 1 && options.includes(read))) notes.push({ kind: 'unknown', ...where, answer: part });
  return read;
}

/**
 * The answer notes of a whole file in bounded memory: every note is counted, but only what
 * {@link renderAnswerNotes} prints is kept (the first rewritten answer and the first ten unknown
 * ones), so a file of 200,000 respondents with lowercase answers does not keep millions of notes.
 * It takes notes where {@link answerOf} takes an array.
 *
 * @example
 * ```ts
 * const log = new AnswerNoteLog();
 * answerOf('b', 'B', 'ABCD', { row: 2, item: 'K01' }, log);
 * log.normalised; // 1
 * ```
 */
export class AnswerNoteLog {
  /** How many answers were rewritten to the key's form. */
  normalised = 0;
  /** How many answers are none of the options. */
  unknown = 0;
  /** The first rewritten answer. */
  firstNormalised: AnswerNote | undefined;
  /** The first unknown answers, at most the ten that are printed. */
  readonly unknownShown: AnswerNote[] = [];

  push(note: AnswerNote): void {
    if (note.kind === 'normalised') {
      this.normalised++;
      this.firstNormalised ??= note;
    } else {
      this.unknown++;
      if (this.unknownShown.length < PRINTED_NOTES) this.unknownShown.push(note);
    }
  }
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
export function renderAnswerNotes(notes: readonly AnswerNote[] | AnswerNoteLog, file: string, lang: Lang): string {
  let log = notes as AnswerNoteLog;
  if (!(notes instanceof AnswerNoteLog)) {
    log = new AnswerNoteLog();
    for (const note of notes) log.push(note);
  }
  const lines: string[] = [];
  const first = log.firstNormalised;
  if (first) {
    lines.push(
      t(lang, {
        zh: `⚠ ${file}：${log.normalised} 个答案是小写或全角字母，已按大写计分（如第 ${first.row} 行“${first.item}”列“${first.answer}”→“${first.read}”）。`,
        en: `⚠ ${file}: ${log.normalised} answer(s) were lowercase or full-width letters and were scored as capitals (e.g. row ${first.row}, column "${first.item}": "${first.answer}" → "${first.read}").`,
      }),
    );
  }
  if (log.unknown > 0) {
    lines.push(
      t(lang, {
        zh: `⚠ ${file}：${log.unknown} 个答案不是问卷的选项，按答错计分：`,
        en: `⚠ ${file}: ${log.unknown} answer(s) are none of the questionnaire's options and were scored as wrong:`,
      }),
    );
    for (const n of log.unknownShown) {
      lines.push(
        t(lang, {
          zh: `  - 第 ${n.row} 行“${n.item}”列：“${n.answer}”`,
          en: `  - row ${n.row}, column "${n.item}": "${n.answer}"`,
        }),
      );
    }
    if (log.unknown > PRINTED_NOTES) {
      lines.push(
        t(lang, {
          zh: `  …另有 ${log.unknown - PRINTED_NOTES} 处`,
          en: `  …and ${log.unknown - PRINTED_NOTES} more`,
        }),
      );
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
