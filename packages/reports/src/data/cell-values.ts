import type { Bilingual } from '../i18n.js';
import { TEMPLATE_COLUMNS, type TemplateColumnKey } from './columns.js';
import type { SourceCell } from './source-row.js';

/** The Chinese header of a template column, for problems about a cell the file does not have. */
export const headerOf = (key: TemplateColumnKey): string =>
  TEMPLATE_COLUMNS.find((c) => c.key === key)?.header.zh ?? key;

/** A cell's value as text in a message: dates as YYYY-MM-DD, nothing as ''. */
export const shown = (value: unknown): string =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '');

/**
 * Reads a number cell: a number, or a text such as "1,234.5". Only whether it is a number is
 * decided here; whether the number is allowed (not negative, a numerator not above its
 * denominator …) is core's observation rule.
 */
export function numberOf(cell: SourceCell): { ok: true; value: number } | { ok: false; reason: Bilingual } {
  const raw = cell.value;
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string' && /^[-+]?[\d,，\s]*\.?\d+$/.test(raw)) value = Number(raw.replace(/[,，\s]/g, ''));
  else if (typeof raw === 'string' && raw.endsWith('%')) {
    return {
      ok: false,
      reason: {
        zh: '请填数字，不要带百分号；比例类指标请填分子和分母',
        en: 'enter a plain number without %; for a rate give the numerator and denominator',
      },
    };
  } else return { ok: false, reason: { zh: `“${shown(raw)}”不是数字`, en: `"${shown(raw)}" is not a number` } };
  if (!Number.isFinite(value)) return { ok: false, reason: { zh: '不是有限的数字', en: 'not a finite number' } };
  return { ok: true, value };
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
