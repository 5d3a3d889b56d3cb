import {
  type Actor,
  type AssessmentScheme,
  checkObservations,
  type Engine,
  indexPlan,
  type Plan,
  type ProgressReport,
  periodBounds,
  type ReportObservation,
  reportingPeriods,
  roleOf,
  sheetMembers,
} from '@kepu/core';
import type { Bilingual } from '../i18n.js';
import { categoryText, SUMMARY_TASK, TEMPLATE_COLUMNS, type TemplateColumnKey } from './columns.js';
import type { SourceCell, SourceRow } from './read-table.js';

/**
 * A cell that cannot be imported: where it is (sheet, row, column letter or JSON field, header),
 * what it holds, and why, in both languages.
 *
 * @example
 * ```ts
 * import type { CellProblem } from '@kepu/cli';
 * const line = (p: CellProblem) => `${p.sheet}!${p.column}${p.row}: ${p.reason.zh}`;
 * ```
 */
export interface CellProblem {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly header: string;
  readonly value: string;
  readonly reason: Bilingual;
}

/**
 * A report the import will file: one per unit × task (or summary) × period, with the rows it
 * came from and their observations.
 *
 * @example
 * ```ts
 * import type { PlannedReport } from '@kepu/cli';
 * const size = (r: PlannedReport) => r.observations.length;
 * ```
 */
export interface PlannedReport {
  readonly id: string;
  readonly period: string;
  readonly unit: string;
  readonly task: string | null;
  readonly narrative: string;
  readonly observations: ReadonlyArray<{ readonly observation: ReportObservation; readonly row: SourceRow }>;
  readonly rows: readonly SourceRow[];
}

/**
 * What checking a file's rows found: the problems (every bad cell), the reports it would file,
 * and how many rows were left empty (template rows nobody filled in).
 *
 * @example
 * ```ts
 * import { checkDataRows } from '@kepu/cli';
 * const checked = checkDataRows(rows, plan, scheme);
 * if (checked.problems.length > 0) console.error(checked.problems);
 * ```
 */
export interface CheckedRows {
  readonly problems: readonly CellProblem[];
  readonly reports: readonly PlannedReport[];
  readonly emptyRows: number;
  readonly dataRows: number;
}

const headerOf = (key: TemplateColumnKey) => TEMPLATE_COLUMNS.find((c) => c.key === key)?.header.zh ?? key;

const show = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? ''));

/** Parses a number cell: a number, or a text such as "1,234.5". */
function numberOf(cell: SourceCell): { ok: true; value: number } | { ok: false; reason: Bilingual } {
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
  } else return { ok: false, reason: { zh: `“${show(raw)}”不是数字`, en: `"${show(raw)}" is not a number` } };
  if (!Number.isFinite(value)) return { ok: false, reason: { zh: '不是有限的数字', en: 'not a finite number' } };
  if (value < 0) return { ok: false, reason: { zh: '不能为负数', en: 'must not be negative' } };
  if (value > 1e15) return { ok: false, reason: { zh: '数值过大', en: 'too large' } };
  return { ok: true, value };
}

function dateOf(cell: SourceCell): string | undefined {
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

/**
 * The id a report imported for (period, unit, task) gets: the same file gives the same ids, so a
 * second import finds the first one's reports instead of filing new ones.
 *
 * @example
 * ```ts
 * import { importReportId } from '@kepu/cli';
 * importReportId('2025', 'education', '3.1.2'); // 'imp-2025-education-t3-1-2'
 * ```
 */
export function importReportId(period: string, unit: string, task: string | null): string {
  return `imp-${period.toLowerCase()}-${unit}-${task === null ? 'summary' : `t${task.replaceAll('.', '-')}`}`;
}

/**
 * Checks every row of a data file against the plan and its scheme, cell by cell, and groups the
 * good rows into the reports to file. Nothing is written. Every bad cell is reported with its
 * sheet, row and column and a reason: an unknown unit, task or indicator; a unit that neither
 * leads nor partners the task; a value that is not a number, is negative, is a percentage where a
 * rate needs its numerator and denominator, or puts a numerator above its denominator; a date
 * outside the period; a row given twice. Rows with no figure and no text (template rows left
 * empty) are skipped. Pure.
 *
 * @example
 * ```ts
 * import { checkDataRows, readDataRows } from '@kepu/cli';
 * const checked = checkDataRows(await readDataRows('filled.xlsx'), plan, scheme, { period: '2025' });
 * checked.problems.map((p) => `${p.sheet} ${p.row} ${p.column}: ${p.reason.zh}`);
 * ```
 */
export function checkDataRows(
  rows: readonly SourceRow[],
  plan: Plan,
  scheme: AssessmentScheme,
  options: { readonly period?: string } = {},
): CheckedRows {
  const index = indexPlan(plan);
  const periods = new Set(reportingPeriods(plan, 'annual'));
  const assessed = new Set(scheme.sheets.flatMap((s) => sheetMembers(plan, s)));
  const problems: CellProblem[] = [];
  const seen = new Map<string, SourceRow>();
  const groups = new Map<
    string,
    {
      period: string;
      unit: string;
      task: string | null;
      rows: SourceRow[];
      observations: Array<{ observation: ReportObservation; row: SourceRow }>;
      narratives: string[];
    }
  >();
  let emptyRows = 0;
  let dataRows = 0;

  for (const row of rows) {
    const bad = (key: TemplateColumnKey, reason: Bilingual) => {
      const cell = row.cells[key];
      problems.push({
        sheet: row.sheet,
        row: row.row,
        column: cell?.column ?? key,
        header: cell?.header ?? headerOf(key),
        value: show(cell?.value),
        reason,
      });
    };
    const { cells } = row;
    const hasFigure = cells.value !== undefined || cells.numerator !== undefined || cells.denominator !== undefined;
    const hasText = cells.narrative !== undefined || cells.note !== undefined;
    if (!hasFigure && !hasText) {
      emptyRows++;
      continue;
    }
    dataRows++;
    const before = problems.length;

    // Period.
    const periodRaw = cells.period?.value ?? options.period;
    const period = periodRaw === undefined ? undefined : show(periodRaw);
    if (period === undefined) bad('period', { zh: '缺少填报期间', en: 'the period is missing' });
    else if (!periods.has(period)) {
      bad('period', {
        zh: `“${period}”不是本计划的年度（${[...periods].join('、')}）`,
        en: `"${period}" is not a year of the plan (${[...periods].join(', ')})`,
      });
    } else if (options.period !== undefined && cells.period && period !== options.period) {
      bad('period', { zh: `与 --period ${options.period} 不一致`, en: `differs from --period ${options.period}` });
    }

    // Unit.
    const unitRaw = cells.unit ? show(cells.unit.value) : undefined;
    const unitId =
      unitRaw === undefined ? undefined : index.units.has(unitRaw) ? unitRaw : index.unitByName.get(unitRaw);
    const unit = unitId === undefined ? undefined : index.units.get(unitId);
    if (unitRaw === undefined) bad('unit', { zh: '缺少单位编号', en: 'the unit is missing' });
    else if (!unit)
      bad('unit', { zh: `没有编号或名称为“${unitRaw}”的单位`, en: `no unit with the id or name "${unitRaw}"` });
    else if (unit.kind === 'group') {
      bad('unit', {
        zh: `“${unit.name}”是单位组，请填其中的具体单位`,
        en: `"${unit.id}" is a group: name one of its member units`,
      });
    }

    // Task.
    const taskRaw = cells.task ? show(cells.task.value) : '';
    let task: string | null | undefined = null;
    if (taskRaw !== '' && taskRaw !== SUMMARY_TASK.zh && taskRaw.toLowerCase() !== SUMMARY_TASK.en) {
      const byPath = index.nodes.get(taskRaw);
      const found = byPath?.kind === 'task' ? byPath.task : index.tasks.find(({ task: x }) => x.code === taskRaw)?.task;
      task = found?.path;
      if (!found) bad('task', { zh: `没有编号为“${taskRaw}”的任务`, en: `no task "${taskRaw}"` });
    }
    if (unit && unit.kind !== 'group' && task !== undefined) {
      if (task !== null && roleOf(plan, unit.id, task) === 'none') {
        bad('task', {
          zh: `${unit.name}既不牵头也不配合任务 ${task}`,
          en: `${unit.id} neither leads nor partners task ${task}`,
        });
      } else if (task === null && !assessed.has(unit.id)) {
        bad('task', {
          zh: `${unit.name}不是被考核单位，不报送年度总结`,
          en: `${unit.id} is not assessed and files no summary`,
        });
      }
    }

    // Indicator and category.
    const indicatorRaw = cells.indicator ? show(cells.indicator.value) : undefined;
    const indicator = indicatorRaw === undefined ? undefined : index.indicators.get(indicatorRaw);
    if (hasFigure) {
      if (indicatorRaw === undefined)
        bad('indicator', { zh: '填了数值但缺少指标编号', en: 'a figure without an indicator' });
      else if (!indicator)
        bad('indicator', { zh: `没有编号为“${indicatorRaw}”的指标`, en: `no indicator "${indicatorRaw}"` });
      else if (indicator.valueType === 'judgement') {
        bad('indicator', {
          zh: `“${indicator.name}”由评审判定，不能填报数值`,
          en: `${indicator.id} is judged by a review, not reported`,
        });
      }
    }
    let category: Record<string, string> | undefined;
    if (cells.category && indicator) {
      category = {};
      const text = show(cells.category.value);
      for (const part of text
        .split(/[,，、;；]/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const [left, right] = part.includes('=') ? (part.split('=', 2) as [string, string]) : [undefined, part];
        const dims =
          left === undefined ? indicator.dimensions : indicator.dimensions.filter((d) => d.id === left.trim());
        const match = dims
          .flatMap((d) => d.categories.map((c) => ({ d, c })))
          .find(({ c }) => c.id === right.trim() || c.name === right.trim() || c.nameEn === right.trim());
        if (!match) {
          bad('category', {
            zh: `指标“${indicator.name}”没有分类“${part}”`,
            en: `indicator ${indicator.id} has no category "${part}"`,
          });
          break;
        }
        category[match.d.id] = match.c.id;
      }
    }

    // Figures.
    const numbers: Partial<Record<'value' | 'numerator' | 'denominator', number>> = {};
    // A plugin-defined kind records a code (e.g. a level) in the value cell, not a number.
    const custom = indicator?.valueType === 'custom';
    for (const key of ['value', 'numerator', 'denominator'] as const) {
      const cell = cells[key];
      if (!cell || (custom && key === 'value')) continue;
      const parsed = numberOf(cell);
      if (parsed.ok) numbers[key] = parsed.value;
      else bad(key, parsed.reason);
    }
    if (indicator && indicator.valueType !== 'judgement' && hasFigure) {
      if (indicator.valueType === 'rate') {
        if (cells.value) {
          bad('value', {
            zh: `“${indicator.name}”是比例指标：请填分子和分母，不要填数值或百分比`,
            en: `${indicator.id} is a rate: give the numerator and denominator, not a value`,
          });
        }
        if (!cells.numerator) bad('numerator', { zh: '比例指标缺少分子', en: 'a rate needs its numerator' });
        if (!cells.denominator) bad('denominator', { zh: '比例指标缺少分母', en: 'a rate needs its denominator' });
        if (numbers.denominator === 0)
          bad('denominator', { zh: '分母须大于 0', en: 'the denominator must be above 0' });
        if (
          numbers.numerator !== undefined &&
          numbers.denominator !== undefined &&
          numbers.numerator > numbers.denominator
        ) {
          bad('numerator', {
            zh: `分子 ${numbers.numerator} 大于分母 ${numbers.denominator}`,
            en: `the numerator ${numbers.numerator} is above the denominator ${numbers.denominator}`,
          });
        }
      } else {
        if (cells.value === undefined) bad('value', { zh: '缺少数值', en: 'the value is missing' });
        for (const key of ['numerator', 'denominator'] as const) {
          if (cells[key])
            bad(key, {
              zh: `“${indicator.name}”不是比例指标，请只填数值`,
              en: `${indicator.id} is not a rate: give the value only`,
            });
        }
        if (
          indicator.valueType === 'boolean' &&
          numbers.value !== undefined &&
          numbers.value !== 0 &&
          numbers.value !== 1
        ) {
          bad('value', { zh: '完成填 1，未完成填 0', en: '1 for done, 0 for not done' });
        }
      }
    }

    // Date.
    let date: string | undefined;
    if (cells.date) {
      date = dateOf(cells.date);
      if (date === undefined) bad('date', { zh: '日期格式应为 YYYY-MM-DD', en: 'a date is written YYYY-MM-DD' });
      else if (period !== undefined && periods.has(period)) {
        const bounds = periodBounds(period);
        if (date < bounds.start || date > bounds.end) {
          bad('date', {
            zh: `日期 ${date} 不在 ${period} 年度内`,
            en: `the date ${date} is outside ${period}`,
          });
        }
      }
    }

    if (problems.length > before || period === undefined || !unit || task === undefined) continue;

    const observation: ReportObservation | undefined =
      hasFigure && indicator
        ? {
            indicator: indicator.id,
            ...(category && Object.keys(category).length > 0 ? { category } : {}),
            ...(indicator.valueType === 'rate'
              ? { numerator: numbers.numerator as number, denominator: numbers.denominator as number }
              : custom && cells.value
                ? { code: show(cells.value.value).trim().slice(0, 100) }
                : { value: numbers.value as number }),
            ...(date ? { date } : {}),
            ...(cells.note ? { note: show(cells.note.value).slice(0, 2_000) } : {}),
          }
        : undefined;
    if (observation) {
      // The engine's own check, so that what it would refuse is refused here, with a cell.
      const issues = checkObservations(plan, period, [observation]);
      if (issues.length > 0) {
        for (const issue of issues) {
          const field = String(issue.path.at(-1));
          const key: TemplateColumnKey =
            field === 'numerator' || field === 'denominator' || field === 'date' || field === 'category'
              ? field
              : field === 'value'
                ? 'value'
                : 'indicator';
          bad(key, { zh: issue.message.zh, en: issue.message.en });
        }
        continue;
      }
    }
    const key = `${period}|${unit.id}|${task ?? ''}|${observation ? `${observation.indicator}|${categoryText(observation.category)}|${date ?? ''}` : 'narrative'}`;
    const earlier = seen.get(key);
    if (earlier && observation) {
      bad('indicator', {
        zh: `与${earlier.sheet === row.sheet ? '' : `工作表“${earlier.sheet}”`}第 ${earlier.row} 行重复（同一单位、任务、指标、分类和日期）`,
        en: `repeats row ${earlier.row}${earlier.sheet === row.sheet ? '' : ` of ${earlier.sheet}`} (same unit, task, indicator, category and date)`,
      });
      continue;
    }
    seen.set(key, row);
    const groupKey = `${period}|${unit.id}|${task ?? ''}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = { period, unit: unit.id, task, rows: [], observations: [], narratives: [] };
      groups.set(groupKey, group);
    }
    group.rows.push(row);
    if (observation) group.observations.push({ observation, row });
    if (cells.narrative) {
      const text = show(cells.narrative.value);
      if (!group.narratives.includes(text)) group.narratives.push(text);
    }
  }

  const reports: PlannedReport[] = [...groups.values()].map((g) => {
    const unitName = index.units.get(g.unit)?.name ?? g.unit;
    return {
      id: importReportId(g.period, g.unit, g.task),
      period: g.period,
      unit: g.unit,
      task: g.task,
      narrative:
        g.narratives.join('\n').slice(0, 20_000) ||
        `${g.period}年${unitName}${g.task === null ? '年度总结' : `任务 ${g.task}`}数据（由 kepu data import 导入）。`,
      observations: g.observations,
      rows: g.rows,
    };
  });
  return { problems, reports, emptyRows, dataRows };
}

/**
 * What an import did: reports filed or resubmitted, reports approved, rows skipped because they
 * were already in the database, and rows that conflict with a report already filed.
 *
 * @example
 * ```ts
 * import type { ImportOutcome } from '@kepu/cli';
 * const nothingNew = (o: ImportOutcome) => o.submitted === 0 && o.resubmitted === 0;
 * ```
 */
export interface ImportOutcome {
  readonly submitted: number;
  readonly resubmitted: number;
  readonly approved: number;
  readonly observations: number;
  readonly duplicateRows: number;
  readonly conflicts: readonly CellProblem[];
}

const sameMeasure = (a: ReportObservation, b: ReportObservation, plan: Plan) => {
  const index = indexPlan(plan);
  const indicatorOf = (o: ReportObservation) => o.indicator ?? index.targets.get(o.target ?? '')?.indicator;
  return (
    indicatorOf(a) === indicatorOf(b) &&
    categoryText(a.category) === categoryText(b.category) &&
    (a.date ?? '') === (b.date ?? '')
  );
};
const sameFigures = (a: ReportObservation, b: ReportObservation) =>
  a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator;

/**
 * Files checked reports through the engine's commands, as each unit's reporter (`actor` is the
 * person's id). Idempotent: a row already in the unit's report for that task and period (same
 * indicator, category, date and figures) is skipped, so importing a file twice changes nothing. A
 * report that was returned for revision is resubmitted with the new rows; a row that would change
 * a report awaiting review or approved is not written and comes back as a conflict. With
 * `approver`, each report filed is approved by that actor (the plan office accepting what it
 * collected).
 *
 * @example
 * ```ts
 * import { applyImport, checkDataRows } from '@kepu/cli';
 * const outcome = await applyImport(engine, plan, checked.reports, { actor: 'wang.li' });
 * outcome.submitted;
 * ```
 */
export async function applyImport(
  engine: Engine,
  plan: Plan,
  reports: readonly PlannedReport[],
  options: {
    readonly actor: string;
    readonly approver?: Actor;
    readonly onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportOutcome> {
  let submitted = 0;
  let resubmitted = 0;
  let approved = 0;
  let observations = 0;
  let duplicateRows = 0;
  const conflicts: CellProblem[] = [];
  let done = 0;
  for (const planned of reports) {
    const reporter: Actor = { id: options.actor, role: 'reporter', unit: planned.unit };
    const existing: ProgressReport | undefined = engine
      .reports({ plan: plan.id, unit: planned.unit, period: planned.period, task: planned.task })
      .find((r) => r.status !== 'withdrawn');
    let filed: string | undefined;
    if (!existing) {
      let id = planned.id;
      for (let k = 2; Object.hasOwn(engine.getSnapshot().reports, id); k++) id = `${planned.id}-${k}`;
      await engine.execute(reporter, {
        type: 'submit-report',
        plan: plan.id,
        baseVersion: engine.getSnapshot().version,
        id,
        ...(planned.task === null ? {} : { task: planned.task }),
        period: planned.period,
        narrative: planned.narrative,
        observations: planned.observations.map((o) => o.observation),
      });
      submitted++;
      observations += planned.observations.length;
      filed = id;
    } else {
      const current = existing.revisions.at(-1)?.observations ?? [];
      const added: ReportObservation[] = [];
      const changed: Array<{ observation: ReportObservation; row: SourceRow; was: ReportObservation }> = [];
      for (const { observation, row } of planned.observations) {
        const was = current.find((o) => sameMeasure(o, observation, plan));
        if (!was) added.push(observation);
        else if (sameFigures(was, observation)) duplicateRows++;
        else changed.push({ observation, row, was });
      }
      if (planned.observations.length === 0) duplicateRows += planned.rows.length;
      if (added.length === 0 && changed.length === 0) {
        done++;
        options.onProgress?.(done, reports.length);
        continue;
      }
      if (existing.status === 'returned') {
        const kept = current.filter((o) => !changed.some((c) => c.was === o));
        await engine.execute(reporter, {
          type: 'resubmit-report',
          baseVersion: engine.getSnapshot().version,
          report: existing.id,
          narrative: planned.narrative,
          observations: [...kept, ...changed.map((c) => c.observation), ...added],
        });
        resubmitted++;
        observations += added.length + changed.length;
        filed = existing.id;
      } else {
        const state =
          existing.status === 'approved'
            ? { zh: '已审核通过', en: 'approved' }
            : { zh: '正在审核', en: 'awaiting review' };
        const rowsOf = [
          ...changed.map((c) => c.row),
          ...planned.observations.filter((o) => added.includes(o.observation)).map((o) => o.row),
        ];
        for (const row of rowsOf) {
          const cell = row.cells.value ?? row.cells.numerator ?? row.cells.indicator;
          conflicts.push({
            sheet: row.sheet,
            row: row.row,
            column: cell?.column ?? 'value',
            header: cell?.header ?? headerOf('value'),
            value: show(cell?.value),
            reason: {
              zh: `报告 ${existing.id}（${existing.period}，${existing.unit}）${state.zh}，不能改动；如需更正，请审核人先退回该报告再导入`,
              en: `report ${existing.id} (${existing.period}, ${existing.unit}) is ${state.en} and cannot change; ask its reviewer to return it, then import again`,
            },
          });
        }
      }
    }
    if (filed !== undefined && options.approver) {
      await engine.execute(options.approver, {
        type: 'approve-report',
        baseVersion: engine.getSnapshot().version,
        report: filed,
        comment: '按导入数据审核通过。',
      });
      approved++;
    }
    done++;
    options.onProgress?.(done, reports.length);
  }
  return { submitted, resubmitted, approved, observations, duplicateRows, conflicts };
}
