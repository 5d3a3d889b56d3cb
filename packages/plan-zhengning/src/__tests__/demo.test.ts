import { createEngine, type Engine, type Scorecard } from '@kepu/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createDemoClock,
  createDemoHistory,
  DEMO_ACTORS,
  type DemoHistorySummary,
  demoEngineOptions,
} from '../demo/index.js';
import { ZHENGNING_DEPARTMENT_IDS, ZHENGNING_TOWNSHIP_IDS } from '../ids.js';
import { zhengningPlan } from '../plan.js';

async function generate(seed?: number): Promise<{ engine: Engine; summary: DemoHistorySummary }> {
  const clock = createDemoClock();
  const engine = await createEngine(demoEngineOptions({ clock }));
  const summary = await createDemoHistory(engine, { clock, ...(seed === undefined ? {} : { seed }) });
  return { engine, summary };
}

describe('the demo history', () => {
  let first: { engine: Engine; summary: DemoHistorySummary };
  beforeAll(async () => {
    first = await generate();
  });

  it('is the same, command for command, when generated twice with the same seed', async () => {
    const again = await generate();
    expect(again.engine.getHead()).toEqual(first.engine.getHead());
    expect(again.summary).toEqual(first.summary);
    const cards = (e: Engine) => e.assessments().map((run) => run.scorecard);
    expect(cards(again.engine)).toEqual(cards(first.engine));
  });

  it('differs with another seed', async () => {
    const other = await generate(7);
    expect(other.engine.getHead().hash).not.toBe(first.engine.getHead().hash);
  });

  it('has reports from every lead department and every township, some late, returned, resubmitted or missing', () => {
    const reports = first.engine.reports();
    const units = new Set(reports.map((r) => r.unit));
    for (const unit of [...ZHENGNING_DEPARTMENT_IDS, ...ZHENGNING_TOWNSHIP_IDS]) expect(units).toContain(unit);
    const { reports: counts } = first.summary;
    expect(counts.late).toBeGreaterThan(0);
    expect(counts.returned).toBeGreaterThan(0);
    expect(counts.resubmitted).toBeGreaterThan(0);
    expect(counts.missing).toBeGreaterThan(0);
    expect(counts.withdrawn).toBe(1);
    expect(reports.filter((r) => r.late)).toHaveLength(counts.late);
    expect(reports.filter((r) => r.revisions.length > 1)).toHaveLength(counts.resubmitted);
    expect(counts.filed + counts.missing - counts.withdrawn).toBe(counts.expected);
    // The last year ends with work still open: the plan office has a review queue.
    expect(first.engine.reviewQueue({ actor: DEMO_ACTORS.office }).length).toBeGreaterThan(0);
  });

  it('stamps every command with the story’s time, in order, never the machine’s', async () => {
    const audit = await first.engine.readAudit();
    const times = audit.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(times[0]?.startsWith('2023-01')).toBe(true);
    expect(times.at(-1)).toBe('2026-03-20T02:00:00.000Z');
    expect(audit.every((e) => e.outcome === 'accepted')).toBe(true);
  });

  it('runs the four annual assessments; every measurable target has data, with an award and a veto', () => {
    const runs = first.summary.assessments;
    expect(runs.map((r) => r.period)).toEqual(['2022', '2023', '2024', '2025']);
    const last = runs.at(-1)?.scorecard as Scorecard;
    for (const target of zhengningPlan.targets) {
      const e = last.targets.find((x) => x.target === target.id);
      if (target.kind === 'quantitative') expect(e?.status, target.id).not.toBe('no-data');
    }
    const literacy = runs.map((r) => (r.scorecard as Scorecard).targets.find((t) => t.target === 'literacy-rate-2025'));
    const values = literacy.map((e) => e?.value ?? 0);
    expect(values[0]).toBeGreaterThan(7.8);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(literacy[0]?.numerator).not.toBeNull();
    const units2024 = (runs[2] as { scorecard: Scorecard }).scorecard.sheets.flatMap((s) => s.units);
    expect(units2024.filter((u) => u.vetoed)).toHaveLength(1);
    expect(units2024.some((u) => u.bonus.points > 0)).toBe(true);
    expect(units2024.some((u) => u.deductions.points > 0)).toBe(true);
  });

  it('lets a host replace the literacy observation (a survey estimate), and nothing else changes', async () => {
    const clock = createDemoClock();
    const engine = await createEngine(demoEngineOptions({ clock }));
    const summary = await createDemoHistory(engine, {
      clock,
      literacy: (year, generated) => (year === 2024 ? { ...generated, numerator: 243, denominator: 2000 } : generated),
    });
    const literacy = (runs: readonly { scorecard: unknown }[], i: number) =>
      (runs[i] as { scorecard: Scorecard }).scorecard.targets.find((t) => t.target === 'literacy-rate-2025');
    expect(literacy(summary.assessments, 2)).toMatchObject({ numerator: 243, denominator: 2000, value: 12.15 });
    expect(literacy(summary.assessments, 1)).toEqual(literacy(first.summary.assessments, 1));
    expect(summary.reports).toEqual(first.summary.reports);
  });

  it('refuses an engine that already holds records', async () => {
    await expect(createDemoHistory(first.engine, { clock: createDemoClock() })).rejects.toThrow(/empty engine/);
  });

  it('reviews both qualitative targets, so the assessment gives them a value', () => {
    const value = (period: string, target: string) => {
      const run = first.engine
        .assessments()
        .filter((r) => r.period === period)
        .at(-1);
      const card = run?.scorecard as Scorecard | undefined;
      return card?.targets.find((t) => t.target === target)?.value ?? null;
    };
    for (const period of ['2022', '2023', '2024', '2025']) {
      expect(value(period, 'science-funding-in-budget'), period).not.toBeNull();
    }
    expect(value('2024', 'imbalance-improved')).not.toBeNull();
    expect(value('2025', 'imbalance-improved')).not.toBeNull();
  });
});
