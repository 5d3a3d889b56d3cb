import type { ReportColumn, ReportValue } from './report-model.js';

/**
 * A value as text, the way every report format shows it: missing as the column's missing text
 * (— by default), percentages with one decimal, scores with two, measured numbers with
 * thousands separators and at most two decimals.
 *
 * @example
 * ```ts
 * import { formatReportValue } from '@kepu/reports';
 * formatReportValue(0.4286, { key: 'a', header: '完成度', kind: 'percent' }); // '42.9%'
 * formatReportValue(null, { key: 'b', header: '得分', kind: 'score', missing: '未评估' }); // '未评估'
 * ```
 */
export function formatReportValue(value: ReportValue, column: ReportColumn): string {
  if (value === null || value === undefined) return column.missing ?? '—';
  if (typeof value === 'string') return value;
  switch (column.kind) {
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'score':
      return value.toFixed(2);
    case 'integer':
      return String(Math.round(value));
    case 'number':
      return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
    default:
      return String(value);
  }
}
