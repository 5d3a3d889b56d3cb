import { type Actor, createEngine, createMemoryStore, type Engine } from '@kepu/core';
import { zhengningPlan as plan, zhengningScheme as scheme } from '@kepu/plan-zhengning';
import { describe, expect, it, vi } from 'vitest';
import { applyImport } from '../data/apply-import.js';
import { checkDataRows } from '../data/check-data-rows.js';
import { isImportCommitError } from '../data/import-commit-error.js';
import { planImport } from '../data/plan-import.js';
import type { SourceRow } from '../data/source-row.js';
import { templateRows } from '../data/template-rows.js';

const office: Actor = { id: 'office', role: 'plan-office' };

/** Template rows of some units, filled with `value` (rates with value/100), as a sheet gives them. */
function filled(units: readonly string[], value: number): SourceRow[] {
  return templateRows(plan, scheme, '2025')
    .filter((r) => units.includes(r.unit) && r.valueType !== null && r.valueType !== 'custom')
    .map((r, i) => {
      const figures =
        r.valueType === 'rate'
          ? { numerator: value, denominator: 100 }
          : { value: r.valueType === 'boolean' ? 1 : value };
      const cells: Record<string, unknown> = {
        period: r.period,
        unit: r.unit,
        task: r.task ?? '总结',
        indicator: r.indicator,
        ...(r.category
          ? {
              category: Object.entries(r.category)
                .map(([k, v]) => `${k}=${v}`)
                .join(','),
            }
          : {}),
        ...figures,
      };
      const out: Record<string, { value: unknown; column: string; header: string }> = {};
      for (const [key, v] of Object.entries(cells)) out[key] = { value: v, column: key, header: key };
      return { sheet: '填报', row: i + 2, cells: out } as SourceRow;
    });
}

async function engineWithSpies(): Promise<{ engine: Engine; batches: () => Array<[string, number]> }> {
  const engine = await createEngine({ plans: [plan], store: createMemoryStore() });
  const batch = vi.spyOn(engine, 'executeBatch');
  vi.spyOn(engine, 'execute').mockImplementation(() => {
    throw new Error('an import commits in batches, never one command at a time');
  });
  return {
    engine,
    batches: () =>
      batch.mock.calls.map(([actor, commands]) => [
        typeof actor === 'string' ? actor : `${actor.role}:${actor.unit ?? ''}`,
        commands.length,
      ]),
  };
}

describe('applyImport', () => {
  it('commits each unit’s reports in batches of at most chunkSize, by that unit’s reporter, then approves them', async () => {
    const checked = checkDataRows(filled(['cast', 'shanhe'], 30), plan, scheme);
    expect(checked.problems).toEqual([]);
    const perUnit = (unit: string) => checked.reports.filter((r) => r.unit === unit).length;
    expect(perUnit('cast')).toBeGreaterThan(2);
    const { engine, batches } = await engineWithSpies();
    const outcome = await applyImport(engine, plan, checked.reports, { actor: 'li', approver: office, chunkSize: 2 });
    expect(outcome.submitted).toBe(checked.reports.length);
    expect(outcome.approved).toBe(checked.reports.length);
    const filed = batches().filter(([who]) => who.startsWith('reporter:'));
    expect(filed.every(([, n]) => n <= 2)).toBe(true);
    expect(filed.filter(([who]) => who === 'reporter:cast')).toHaveLength(Math.ceil(perUnit('cast') / 2));
    expect(filed.filter(([who]) => who === 'reporter:shanhe')).toHaveLength(Math.ceil(perUnit('shanhe') / 2));
    expect(batches().filter(([who]) => who === 'plan-office:')).toHaveLength(filed.length);
    expect(engine.reports({ plan: plan.id }).map((r) => r.status)).toEqual(checked.reports.map(() => 'approved'));
  });

  it('law: importing the same rows twice writes nothing the second time', async () => {
    const checked = checkDataRows(filled(['education'], 5), plan, scheme);
    const { engine, batches } = await engineWithSpies();
    await applyImport(engine, plan, checked.reports, { actor: 'li' });
    const before = batches().length;
    const version = engine.getSnapshot().version;
    const again = await applyImport(engine, plan, checked.reports, { actor: 'li' });
    expect(again).toMatchObject({ submitted: 0, resubmitted: 0, observations: 0, conflicts: [] });
    expect(again.duplicateRows).toBe(checked.reports.reduce((n, r) => n + r.observations.length, 0));
    expect(batches()).toHaveLength(before);
    expect(engine.getSnapshot().version).toBe(version);
  });

  it('resubmits a returned report with the changed rows, and lists a change to an approved one as a conflict', async () => {
    const first = checkDataRows(filled(['cast'], 30), plan, scheme).reports;
    const { engine } = await engineWithSpies();
    await applyImport(engine, plan, first, { actor: 'li' });
    const [returned, approved] = engine.reports({ plan: plan.id });
    if (!returned || !approved) throw new Error('the import filed fewer than two reports');
    await engine.executeBatch(office, [
      { type: 'return-report', baseVersion: engine.getSnapshot().version, report: returned.id, reason: '请核实。' },
    ]);
    await engine.executeBatch(office, [
      { type: 'approve-report', baseVersion: engine.getSnapshot().version, report: approved.id },
    ]);
    const second = checkDataRows(filled(['cast'], 40), plan, scheme).reports;
    const planned = planImport(engine, plan, second);
    expect(planned.steps.map((s) => [s.command.type, s.report])).toEqual([['resubmit-report', returned.id]]);
    // All or nothing: without partial, a conflicting row writes nothing.
    const refused = await applyImport(engine, plan, second, { actor: 'li' });
    expect(refused).toMatchObject({ written: false, resubmitted: 0 });
    expect(engine.reports({ plan: plan.id }).find((r) => r.id === returned.id)?.status).toBe('returned');
    const outcome = await applyImport(engine, plan, second, { actor: 'li', partial: true });
    expect(outcome.resubmitted).toBe(1);
    // Every other report is under review or approved: its changed rows are conflicts, not writes.
    const others = second.filter((r) => r.id !== returned.id);
    expect(outcome.conflicts).toHaveLength(others.reduce((n, r) => n + r.observations.length, 0));
    const approvedRows = new Set(second.find((r) => r.id === approved.id)?.observations.map((o) => o.row.row));
    for (const conflict of outcome.conflicts) {
      expect(conflict.reason.zh).toContain(approvedRows.has(conflict.row) ? '已审核通过' : '正在审核');
    }
    const changed = engine.reports({ plan: plan.id }).find((r) => r.id === returned.id);
    expect(changed?.status).toBe('submitted');
    expect(changed?.revisions.at(-1)?.observations.map((o) => o.value ?? o.numerator)).toContain(40);
  });

  it('a commit that fails part-way says which reports were written, and running again files the rest', async () => {
    const checked = checkDataRows(filled(['cast', 'shanhe'], 30), plan, scheme);
    const engine = await createEngine({ plans: [plan], store: createMemoryStore() });
    const real = engine.executeBatch.bind(engine);
    let calls = 0;
    vi.spyOn(engine, 'executeBatch').mockImplementation((actor, commands) => {
      calls++;
      if (calls === 2) return Promise.reject(new Error('disk full'));
      return real(actor, commands);
    });
    const error = await applyImport(engine, plan, checked.reports, { actor: 'li' }).catch((e: unknown) => e);
    expect(isImportCommitError(error)).toBe(true);
    if (!isImportCommitError(error)) return;
    const filed = engine.reports({ plan: plan.id }).map((r) => r.id);
    expect([...error.committed].sort()).toEqual([...filed].sort());
    expect(filed.length).toBeGreaterThan(0);
    expect(error.text.zh).toContain('重新运行同一导入');
    const again = await applyImport(engine, plan, checked.reports, { actor: 'li' });
    expect(again.submitted).toBe(checked.reports.length - filed.length);
    expect(engine.reports({ plan: plan.id })).toHaveLength(checked.reports.length);
  });
});
