import { CommandSchema } from '@kepu/core';
import type { Bilingual } from '../i18n.js';
import { headerOf, shown } from './cell-values.js';
import type { TemplateColumnKey } from './columns.js';
import type { CellProblem } from './planned-report.js';
import type { SourceRow } from './source-row.js';

/**
 * Where the parts of a report command came from: the rows of its observations (by index; a row
 * kept from the report on file has none), the rows whose narratives were joined, in order, and
 * every row of the report.
 */
export interface CommandRows {
  readonly rows: readonly SourceRow[];
  readonly observationRows: ReadonlyArray<SourceRow | undefined>;
  readonly narrativeRows: readonly SourceRow[];
}

const OBSERVATION_FIELDS: Readonly<Record<string, TemplateColumnKey>> = {
  note: 'note',
  code: 'value',
  value: 'value',
  numerator: 'numerator',
  denominator: 'denominator',
  date: 'date',
  category: 'category',
  target: 'indicator',
  indicator: 'indicator',
};

function problem(row: SourceRow, key: TemplateColumnKey, reason: Bilingual): CellProblem {
  const cell = row.cells[key];
  return {
    sheet: row.sheet,
    row: row.row,
    column: cell?.column ?? key,
    header: cell?.header ?? headerOf(key),
    value: shown(cell?.value).slice(0, 200),
    reason,
  };
}

/** The row whose narrative takes the joined text (joined by line breaks) over `max` characters. */
function narrativeRowOver(rows: readonly SourceRow[], max: number): SourceRow | undefined {
  let length = -1;
  for (const row of rows) {
    length += 1 + shown(row.cells.narrative?.value).length;
    if (length > max) return row;
  }
  return rows.at(-1);
}

/**
 * Checks a report command an import would file against core's own command schema — the engine's
 * limits (observations per report, narrative and note lengths, id sizes …) are read from the
 * schema's issues, never restated here — and says, at the row and cell that caused it, what the
 * engine would refuse. Pure.
 */
export function commandProblems(command: Record<string, unknown>, where: CommandRows): CellProblem[] {
  const parsed = CommandSchema.safeParse({ baseVersion: 0, ...command });
  if (parsed.success) return [];
  const first = where.rows[0];
  const out: CellProblem[] = [];
  for (const issue of parsed.error.issues) {
    const [head, index, field] = issue.path;
    const maximum = issue.code === 'too_big' ? Number((issue as { maximum: number | bigint }).maximum) : undefined;
    if (head === 'observations' && index === undefined && maximum !== undefined) {
      const count = where.observationRows.length;
      const row = where.observationRows[maximum] ?? where.observationRows.findLast((r) => r) ?? first;
      if (!row) continue;
      out.push(
        problem(row, 'indicator', {
          zh: `一份报告最多 ${maximum} 条监测数据（引擎的限制），该单位此任务本期间共 ${count} 条，从这一行起超出；请删去重复的行或合并后再导入`,
          en: `a report holds at most ${maximum} observations (the engine's limit); this unit's report for the task and period has ${count}, and this row is the first over it; remove repeated rows or combine them`,
        }),
      );
    } else if (head === 'narrative' && maximum !== undefined) {
      const row = narrativeRowOver(where.narrativeRows, maximum) ?? first;
      if (!row) continue;
      const total = String(command.narrative ?? '').trim().length;
      out.push(
        problem(row, 'narrative', {
          zh: `工作情况说明合计 ${total} 字，超过每份报告 ${maximum} 字的上限（不会截断）；请精简后再导入`,
          en: `the narrative totals ${total} characters, over the limit of ${maximum} per report (it is not cut); shorten it`,
        }),
      );
    } else if (head === 'observations' && typeof index === 'number') {
      const row = where.observationRows[index] ?? first;
      if (!row) continue;
      const key = OBSERVATION_FIELDS[String(field)] ?? 'indicator';
      out.push(
        problem(
          row,
          key,
          maximum !== undefined && issue.path.length === 3
            ? {
                zh: `超过 ${maximum} 字的上限（不会截断）；请精简`,
                en: `over the limit of ${maximum} characters (it is not cut); shorten it`,
              }
            : {
                zh: `引擎不接受这条监测数据：${issue.message}`,
                en: `the engine refuses this observation: ${issue.message}`,
              },
        ),
      );
    } else if (first) {
      out.push(
        problem(first, 'unit', {
          zh: `引擎不接受由这些行生成的报告（${issue.path.join('.')}）：${issue.message}`,
          en: `the engine refuses the report these rows make (${issue.path.join('.')}): ${issue.message}`,
        }),
      );
    }
  }
  return out;
}
