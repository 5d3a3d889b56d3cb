import type { Bilingual } from '../i18n.js';
import { TEMPLATE_COLUMNS, type TemplateColumnKey } from './columns.js';
import type { SourceCell } from './source-row.js';
import { type NumberTextOptions, parseNumberText } from './strict-number.js';

/** The Chinese header of a template column, for problems about a cell the file does not have. */
export const headerOf = (key: TemplateColumnKey): string =>
  TEMPLATE_COLUMNS.find((c) => c.key === key)?.header.zh ?? key;

/** A cell's value as text in a message: dates as YYYY-MM-DD, nothing as ''. */
export const shown = (value: unknown): string =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '');

/**
 * Reads a number cell: a number, or a text read strictly by {@link parseNumberText} (no hex, no
 * decimal comma, thousands separators only when declared). Only whether it is a number is decided
 * here; whether the number is allowed (not negative, a numerator not above its denominator …) is
 * core's observation rule.
 */
export function numberOf(
  cell: SourceCell,
  options: NumberTextOptions = {},
): { ok: true; value: number } | { ok: false; reason: Bilingual } {
  const raw = cell.value;
  if (typeof raw === 'number') {
    return Number.isFinite(raw)
      ? { ok: true, value: raw }
      : { ok: false, reason: { zh: '不是有限的数字', en: 'not a finite number' } };
  }
  if (typeof raw === 'string') {
    const parsed = parseNumberText(raw, options);
    return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, reason: parsed.reason };
  }
  return { ok: false, reason: { zh: `“${shown(raw)}”不是数字`, en: `"${shown(raw)}" is not a number` } };
}

/** Reads a date cell: a spreadsheet date, or a text such as 2025-06-30 or 2025年6月30日. */
export function dateOf(cell: SourceCell): string | undefined {
  const raw = cell.value;
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'string') {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw);
    if (m) {
      const iso = `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`;
      const d = new Date(`${iso}T00:00:00Z`);
      if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso) return iso;
    }
  }
  return undefined;
}
