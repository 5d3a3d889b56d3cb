import { type Actor, assess, createEngine, type Engine, isKepuError } from '@kepu/core';
import { watchTargets } from '@kepu/core/engine';
import { describe, expect, it } from 'vitest';
import { zhengning, zhengningPlan, zhengningScheme } from '../index.js';

// Issue 14, points 1 and 7, on the Zhengning plan: one science base reported by both co-leads is
// one base; the county 科协's county-wide total is not added to a township's own figure; the
// townships report on 三（二）3, where the plan gives them a lead duty, and on nothing else.

const reporter = (unit: string): Actor => ({ id: `${unit}.reporter`, role: 'reporter', unit });
const reviewer = (unit: string): Actor => ({ id: `${unit}.reviewer`, role: 'lead-reviewer', unit });

async function file(
  engine: Engine,
  unit: string,
  task: string | undefined,
  observations: readonly Record<string, unknown>[],
): Promise<string> {
  const { target } = await engine.execute(reporter(unit), {
    type: 'submit-report',
    baseVersion: engine.getSnapshot().version,
    ...(task === undefined ? {} : { task }),
    period: '2024',
    narrative: '本年度工作进展。',
    observations,
  });
  return target.id;
}

async function approve(engine: Engine, unit: string, report: string): Promise<void> {
  await engine.execute(reviewer(unit), {
    type: 'approve-report',
    baseVersion: engine.getSnapshot().version,
    report,
  });
}

describe('Zhengning: every quantitative target says how its value is formed', () => {
  it('declares an aggregation rule on every quantitative target', () => {
    const missing = zhengningPlan.targets.filter((t) => t.kind === 'quantitative' && t.aggregation === undefined);
    expect(missing.map((t) => t.id)).toEqual([]);
  });

  it('reads the science bases as county figures, so co-leads report one fact', () => {
    const bases = zhengningPlan.targets.filter((t) => t.id.startsWith('science-bases-'));
    expect(bases.map((t) => t.kind === 'quantitative' && t.aggregation?.kind)).toEqual([
      'county-figure',
      'county-figure',
      'county-figure',
    ]);
  });
});

describe('Zhengning: no double counting', () => {
  it('two published county rates that disagree are a conflict on their values, not two zeros', () => {
    const published = (unit: string, value: number) => ({
      target: 'literacy-rate-2025',
      unit,
      period: 2024,
      value,
      published: { source: '甘肃省公民科学素质调查' },
    });
    const card = assess(
      zhengningPlan,
      zhengningScheme,
      { observations: [published('cast', 12), published('science-tech', 10)] },
      { period: 2024, asOf: '2024-12-31' },
    );
    const target = card.targets.find((t) => t.target === 'literacy-rate-2025');
    expect(target?.value).toBe(10);
    const conflict = target?.series.at(-1)?.conflict;
    expect(conflict?.figures.map((f) => f.value).sort()).toEqual([10, 12]);
    expect(conflict?.kept).toBe(10);
  });

  it('one provincial base reported by both co-leads (县科协 and 县科技局) counts once: 1, not 2', async () => {
    const engine = await createEngine({ plugins: [zhengning()] });
    const base = [{ target: 'science-bases-provincial', value: 1 }];
    await approve(engine, 'cast', await file(engine, 'cast', '4.3.3', base));
    await approve(engine, 'science-tech', await file(engine, 'science-tech', '4.3.3', base));
    const watch = watchTargets(zhengningPlan, engine.getSnapshot()).get('science-bases-provincial');
    expect(watch?.value).toBe(1);
  });

  it('co-leads that disagree: the conflict is shown, the less favourable figure kept as the default', async () => {
    const engine = await createEngine({ plugins: [zhengning()] });
    await approve(engine, 'cast', await file(engine, 'cast', '4.3.3', [{ target: 'science-bases-city', value: 2 }]));
    await approve(
      engine,
      'science-tech',
      await file(engine, 'science-tech', '4.3.3', [{ target: 'science-bases-city', value: 1 }]),
    );
    const inputs = {
      observations: [
        { target: 'science-bases-city', unit: 'cast', period: 2024, value: 2 },
        { target: 'science-bases-city', unit: 'science-tech', period: 2024, value: 1 },
      ],
    };
    const result = assess(zhengningPlan, zhengningScheme, inputs, { period: 2024, asOf: '2024-12-31' });
    const target = result.targets.find((t) => t.target === 'science-bases-city');
    expect(target?.value).toBe(1);
    expect(target?.series[0]?.conflict).toMatchObject({ kept: 1, resolution: 'less-favourable', isDefault: true });
    expect(target?.explanations.value.text.zh).toContain('默认');
    expect(watchTargets(zhengningPlan, engine.getSnapshot()).get('science-bases-city')?.value).toBe(1);
  });

  it('the county 科协’s county-wide total plus a township’s own figure is 210,000, not 230,000', async () => {
    const engine = await createEngine({ plugins: [zhengning()] });
    await approve(
      engine,
      'cast',
      await file(engine, 'cast', '4.2.3', [{ target: 'science-china-items', scope: 'county', value: 210_000 }]),
    );
    // A township files its own figure with its yearly summary; the plan office approves it.
    const own = await file(engine, 'shanhe', undefined, [
      { target: 'science-china-items', scope: 'own', value: 20_000 },
    ]);
    await engine.execute(
      { id: 'office', role: 'plan-office', unit: 'cast' },
      {
        type: 'approve-report',
        baseVersion: engine.getSnapshot().version,
        report: own,
      },
    );
    expect(watchTargets(zhengningPlan, engine.getSnapshot()).get('science-china-items')?.value).toBe(210_000);
  });
});

describe('Zhengning: townships lead the guidance of their own 农技协 (三（二）3)', () => {
  it('accepts a township’s report on 三（二）3', async () => {
    const engine = await createEngine({ plugins: [zhengning()] });
    const id = await file(engine, 'shanhe', '3.2.3', []);
    expect(engine.getSnapshot().reports[id]?.unit).toBe('shanhe');
  });

  it('still refuses a township’s report on a task it has no duty on', async () => {
    const engine = await createEngine({ plugins: [zhengning()] });
    const refused = await file(engine, 'shanhe', '3.1.2', []).then(
      () => 'accepted',
      (e: unknown) => (isKepuError(e) ? e.code : 'other'),
    );
    expect(refused).toBe('forbidden');
  });
});
