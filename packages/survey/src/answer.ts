import { expectString } from './internal/guard.js';
import type { Item } from './scoring.js';

/**
 * An answer as the key is written: Unicode NFKC (full-width `Ｂ` becomes `B`), surrounding spaces
 * removed, letters upper-cased. Data entry in a county office produces all three variants of the
 * same answer; scoring compares answers and keys only in this form, so `b`, ` B ` and `Ｂ` all
 * match a key of `B`.
 *
 * @example
 * ```ts
 * import { normalizeAnswer } from '@kepu/survey';
 * normalizeAnswer(' ｂ '); // 'B'
 * ```
 */
export function normalizeAnswer(answer: string): string {
  expectString(answer, ['answer']);
  return answer.normalize('NFKC').trim().toUpperCase();
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The answers an item accepts, normalised: its `options` when the questionnaire lists them;
 * otherwise, for a key written in single letters, A to D (or to the key's last letter, if later),
 * the printed options of the national questionnaire; otherwise none known (`null`), and any
 * answer is taken as given.
 */
export function optionsOf(item: Item): ReadonlySet<string> | null {
  if (item.options !== undefined) return new Set(item.options.map(normalizeAnswer));
  const keys = (Array.isArray(item.key) ? item.key : [item.key]).map(normalizeAnswer);
  if (!keys.every((k) => k.length === 1 && LETTERS.includes(k))) return null;
  const last = Math.max(LETTERS.indexOf('D'), ...keys.map((k) => LETTERS.indexOf(k)));
  return new Set(LETTERS.slice(0, last + 1));
}

/**
 * Compares a given answer with an item's key, both normalised, and lists the given options that
 * are not among the item's options (to be flagged: scored as wrong, never silently).
 */
export function checkAnswer(
  item: Item,
  answer: string | readonly string[],
  options: ReadonlySet<string> | null,
): { readonly correct: boolean; readonly unknown: readonly string[] } {
  const key = [...new Set((Array.isArray(item.key) ? item.key : [item.key as string]).map(normalizeAnswer))].sort();
  const given = [...new Set((Array.isArray(answer) ? answer : [answer as string]).map(normalizeAnswer))].sort();
  const unknown = options === null ? [] : given.filter((g) => !options.has(g));
  const correct = key.length === given.length && key.every((k, i) => k === given[i]);
  return { correct, unknown };
}
