import { displayWidth } from '@kepu/reports';
import { fit } from './width.js';

/**
 * One column of a {@link renderTable} table.
 *
 * @example
 * ```ts
 * import type { Column } from '@kepu/cli';
 * const name: Column<{ name: string }> = { header: '单位', value: (row) => row.name, maxWidth: 20 };
 * ```
 */
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  readonly align?: 'left' | 'right';
  /** Cap on the column's width; longer cells are cut with an ellipsis. */
  readonly maxWidth?: number;
}

/**
 * Renders rows as a plain-text table whose columns line up in a terminal, Chinese included.
 *
 * @example
 * ```ts
 * renderTable([{ a: '县科协', b: '3' }], [{ header: '单位', value: (r) => r.a }, { header: '数', value: (r) => r.b, align: 'right' }]);
 * ```
 */
export function renderTable<Row>(rows: readonly Row[], columns: ReadonlyArray<Column<Row>>, indent = ''): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) =>
    Math.min(
      c.maxWidth ?? Number.POSITIVE_INFINITY,
      Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i] ?? ''))),
    ),
  );
  const line = (values: readonly string[]) =>
    indent +
    values
      .map((v, i) => fit(v, widths[i] ?? 0, columns[i]?.align))
      .join('  ')
      .trimEnd();
  const rule = indent + widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...cells.map(line)].join('\n');
}
